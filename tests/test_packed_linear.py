"""oneDNN-packed linears (models/packed_linear.py): same outputs as F.linear, training untouched, copies kept fresh."""
import pytest
import torch

from personalign.decoding import Engine
from personalign.models import load
from personalign.models.packed_linear import _ATTR, available, pack_linears, unpack_linears
from personalign.models.shell import shell_copy
from personalign.models.tiny import tiny_llama
from personalign.rewards.persrm import PersRM

pytestmark = pytest.mark.skipif(not available(torch.float32), reason="this torch build has no oneDNN linear")

PROMPTS = ["What is the capital of France?", "hi there", "How do I bake bread?"]


def _packed_layers(model) -> int:
    return sum(getattr(m.__dict__.get("forward"), "__func__", None) is not None for m in model.modules())


def test_packed_logits_match_plain_linear(tiny_tok):
    base = tiny_llama(tiny_tok, seed=3)
    ids = torch.tensor([base.tokenizer.encode("hello there, how are you")])
    with torch.inference_mode():
        plain = base.model(input_ids=ids).logits
        assert pack_linears(base.model) == sum(type(m) is torch.nn.Linear for m in base.model.modules()) > 0
        packed = base.model(input_ids=ids).logits
    torch.testing.assert_close(packed, plain, atol=1e-5, rtol=1e-5)
    assert any(hasattr(m.weight, _ATTR) for m in base.model.modules() if type(m) is torch.nn.Linear)


def test_engine_tokens_identical_packed_or_not(tiny_tok):
    """Greedy base and PAD (fused PersRM rows) give the same tokens with and without packing."""
    def answers(pack: bool):
        base = tiny_llama(tiny_tok, seed=5)
        if pack:
            pack_linears(base.model)
        persrm = PersRM.create(base)
        gen = torch.Generator().manual_seed(0)
        with torch.no_grad():
            for p in persrm.lora_parameters():
                p.copy_(torch.randn(p.shape, generator=gen) * 0.2)
        engine = Engine(base, reward_model=persrm)
        return [engine.generate(PROMPTS, preference="Be brief.", strategy=s, max_new_tokens=12).texts
                for s in ("base", "pad")]

    assert answers(True) == answers(False)


def test_gradients_use_the_plain_path(tiny_tok):
    base = tiny_llama(tiny_tok, seed=1)
    pack_linears(base.model)
    layer = next(m for m in base.model.modules() if type(m) is torch.nn.Linear)
    x = torch.randn(2, layer.in_features, requires_grad=True)
    layer(x).sum().backward()
    assert layer.weight.grad is not None and x.grad is not None
    assert not hasattr(layer.weight, _ATTR)  # no packed copy made for a training step


def test_packed_copy_follows_weight_updates_and_shell_copies(tiny_tok):
    base = tiny_llama(tiny_tok, seed=2)
    pack_linears(base.model)
    layer = next(m for m in base.model.modules() if type(m) is torch.nn.Linear)
    x = torch.randn(3, layer.in_features)
    with torch.inference_mode():
        layer(x)
    with torch.no_grad():
        layer.weight.mul_(2.0)  # an optimizer step in place: the packed copy must be remade
    with torch.inference_mode():
        torch.testing.assert_close(layer(x), torch.nn.functional.linear(x, layer.weight), atol=1e-5, rtol=1e-5)
    shell = shell_copy(base.model)
    copy = next(m for m in shell.modules() if type(m) is torch.nn.Linear)
    assert copy is not layer and copy.weight is layer.weight
    assert copy.forward.__self__ is copy  # the copy's forward is bound to the copy, not to the original
    with torch.inference_mode():
        torch.testing.assert_close(copy(x), layer(x))
    unpack_linears(base.model)
    assert _packed_layers(base.model) == 0


def test_load_packs_on_cpu_unless_turned_off(tiny_dir, monkeypatch):
    assert _packed_layers(load(tiny_dir, device="cpu").model) > 0
    assert _packed_layers(load(tiny_dir, device="cpu", packed_linears=False).model) == 0
    monkeypatch.setenv("PERSONALIGN_PACKED_LINEARS", "0")
    assert _packed_layers(load(tiny_dir, device="cpu").model) == 0
