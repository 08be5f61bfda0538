"""PAD with a PersRM that shares the base's weights: one mixed forward per step, same tokens as references."""
import pytest
import torch

from personalign.decoding import Engine, pad_generate_nocache

PROMPTS = ["What is the capital of France?", "hi there", "How do I bake bread?"]
PREF = "Answer in one short sentence."


def test_persrm_rows_share_the_base_forward(persrm, tiny_base):
    assert persrm.shares_weights_with(tiny_base)
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
    monkeypatch.setattr(persrm, "shares_weights_with", lambda _base: False)
    separate = Engine(tiny_base, reward_model=persrm).generate(PROMPTS, preference=PREF, strategy="pad",
                                                               weight=1.0, max_new_tokens=16)
    assert [o.token_ids for o in separate.outputs] == [o.token_ids for o in mixed.outputs]
    base = Engine(tiny_base).generate(PROMPTS, strategy="base", max_new_tokens=16)
    assert [o.token_ids for o in mixed.outputs] != [o.token_ids for o in base.outputs]


@pytest.fixture(scope="module")
def multi_adapter_base(tiny_tok):
    """A base model carrying two per-user LoRA adapters with different random weights."""
    from peft import LoraConfig, get_peft_model

    from personalign.models import LoadedModel
    from personalign.models.shell import quiet_peft
    from personalign.models.tiny import tiny_llama

    plain = tiny_llama(tiny_tok, seed=0)
    config = LoraConfig(r=4, lora_alpha=8, target_modules=["q_proj", "v_proj"], init_lora_weights=False)
    with quiet_peft():
        model = get_peft_model(plain.model, config, adapter_name="alice")
    model.add_adapter("bob", config)
    torch.manual_seed(9)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if "lora_B" in name:
                p.normal_(0.0, 0.5)
    model.eval()
    return LoadedModel(model=model, tokenizer=tiny_tok, name="tiny-multi-adapter")


def test_rows_of_different_users_share_a_batch(multi_adapter_base):
    engine = Engine(multi_adapter_base)
    names = ["alice", "bob", None]
    for strategy in ("base", "pad"):
        mixed = engine.generate(PROMPTS, preference=PREF, strategy=strategy, adapters=names, max_new_tokens=12)
        for prompt, name, out in zip(PROMPTS, names, mixed.outputs):
            single = engine.generate(prompt, preference=PREF, strategy=strategy, adapters=[name], max_new_tokens=12)
            assert out.token_ids == single.outputs[0].token_ids
        # One adapter's output must be that adapter's alone: compare with the adapter set active.
        model = multi_adapter_base.model
        for prompt, name, out in zip(PROMPTS, names, mixed.outputs):
            if name is None:
                with model.disable_adapter():
                    alone = engine.generate(prompt, preference=PREF, strategy=strategy, max_new_tokens=12)
            else:
                model.set_adapter(name)
                alone = engine.generate(prompt, preference=PREF, strategy=strategy, max_new_tokens=12)
            assert out.token_ids == alone.outputs[0].token_ids, (strategy, name)
    outs = {n: engine.generate(PROMPTS[0], strategy="base", adapters=[n], max_new_tokens=12).outputs[0].token_ids
            for n in ("alice", "bob")}
    assert outs["alice"] != outs["bob"]


def test_unknown_adapter_is_a_clear_error(multi_adapter_base, tiny_base):
    from personalign.errors import ConfigError

    with pytest.raises(ConfigError, match="carol"):
        Engine(multi_adapter_base).generate("hi", strategy="base", adapters=["carol"])
    with pytest.raises(ConfigError, match="not loaded"):
        Engine(tiny_base).generate("hi", strategy="base", adapters="alice")
