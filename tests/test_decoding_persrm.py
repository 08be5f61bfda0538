"""PAD with a PersRM that shares the base's weights: one mixed forward per step, same tokens as references."""
import pytest
import torch

import personalign.decoding.engine as engine_module
from personalign.decoding import Engine, pad_generate_nocache

PROMPTS = ["What is the capital of France?", "hi there", "How do I bake bread?"]
PREF = "Answer in one short sentence."


@pytest.fixture(scope="module")
def persrm(tiny_base):
    from personalign.rewards.persrm import PersRM

    rm = PersRM.create(tiny_base)
    torch.manual_seed(5)
    with torch.no_grad():  # a "trained" PersRM: non-zero LoRA and a value head away from identity
        for p in rm.lora_parameters():
            p.normal_(0.0, 0.3)
        rm.model.value_head.weight.add_(0.2 * torch.randn_like(rm.model.value_head.weight))
    rm.model.eval()
    return rm


def test_persrm_rows_share_the_base_forward(persrm, tiny_base):
    assert engine_module._shares_weights(persrm, tiny_base)
    calls = []
    original = persrm.forward_mixed

    def spy(rows, **kwargs):
        calls.append(rows.tolist())
        return original(rows, **kwargs)

    persrm.forward_mixed = spy
    try:
        Engine(tiny_base, reward_model=persrm).generate(PROMPTS, preference=PREF, strategy="pad", max_new_tokens=4)
    finally:
        del persrm.forward_mixed
    assert calls and calls[0] == [False] * 3 + [True] * 3  # base rows, then PersRM rows, one batch


def test_mixed_pad_equals_nocache_reference_and_separate_streams(persrm, tiny_base, monkeypatch):
    mixed = Engine(tiny_base, reward_model=persrm).generate(PROMPTS, preference=PREF, strategy="pad",
                                                            weight=1.0, max_new_tokens=16)
    for prompt, out in zip(PROMPTS, mixed.outputs):
        assert out.token_ids == pad_generate_nocache(tiny_base, persrm, prompt, PREF, max_new_tokens=16)
    monkeypatch.setattr(engine_module, "_shares_weights", lambda *_: False)
    separate = Engine(tiny_base, reward_model=persrm).generate(PROMPTS, preference=PREF, strategy="pad",
                                                               weight=1.0, max_new_tokens=16)
    assert [o.token_ids for o in separate.outputs] == [o.token_ids for o in mixed.outputs]
    base = Engine(tiny_base).generate(PROMPTS, strategy="base", max_new_tokens=16)
    assert [o.token_ids for o in mixed.outputs] != [o.token_ids for o in base.outputs]
