"""The field's methods in the engine (issue 17): persrm-alone, ARGS, MOD and soup against slow references."""
import pytest
import torch

from personalign.decoding import Engine
from personalign.errors import ConfigError

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


def _greedy_nocache(model, ids: list[int], steps: int, eos: int) -> list[int]:
    """A plain greedy loop: every step re-encodes the whole sequence, no cache, no batching."""
    out = []
    with torch.inference_mode():
        for _ in range(steps):
            token = int(model(input_ids=torch.tensor([ids + out])).logits[0, -1].argmax())
            out.append(token)
            if token == eos:
                break
    return out


# ------------------------------------------------------------------------------------ persrm-alone
def test_persrm_alone_equals_a_plain_greedy_loop_over_the_persrm(persrm, tiny_base, tiny_tok):
    engine = Engine(tiny_base, reward_model=persrm)
    result = engine.generate(PROMPTS, preference=PREF, strategy="persrm-alone", max_new_tokens=16)
    assert result.strategy == "persrm-alone"
    for prompt, out in zip(PROMPTS, result.outputs):
        ids = persrm.reward_input_ids(prompt, PREF)
        assert out.token_ids == _greedy_nocache(persrm.model, ids, 16, tiny_tok.eos_token_id)
        assert out.prompt_tokens == len(ids)
    # It is the PersRM's own decoding, not the base's, nor PAD's.
    base = engine.generate(PROMPTS, strategy="base", max_new_tokens=16)
    pad = engine.generate(PROMPTS, preference=PREF, strategy="pad", max_new_tokens=16)
    assert [o.token_ids for o in result.outputs] != [o.token_ids for o in base.outputs]
    assert [o.token_ids for o in result.outputs] != [o.token_ids for o in pad.outputs]


def test_persrm_alone_training_free_is_prompting(tiny_base):
    engine = Engine(tiny_base)  # reward model = the base shown the preference
    alone = engine.generate(PROMPTS, preference=PREF, strategy="persrm-alone", max_new_tokens=12)
    prompt = engine.generate(PROMPTS, preference=PREF, strategy="prompt", max_new_tokens=12)
    assert [o.token_ids for o in alone.outputs] == [o.token_ids for o in prompt.outputs]


def test_persrm_alone_samples_reproducibly_and_refuses_what_it_cannot_do(persrm, tiny_base):
    engine = Engine(tiny_base, reward_model=persrm)
    a = engine.generate(PROMPTS, preference=PREF, strategy="persrm-alone", temperature=1.0, seed=3, max_new_tokens=8)
    b = engine.generate(PROMPTS, preference=PREF, strategy="persrm-alone", temperature=1.0, seed=3, max_new_tokens=8)
    assert [o.token_ids for o in a.outputs] == [o.token_ids for o in b.outputs]
    with pytest.raises(ConfigError, match="needs a preference"):
        engine.generate(PROMPTS, strategy="persrm-alone")
    from personalign.decoding import RewardTerm

    with pytest.raises(ConfigError, match="one reward model"):
        engine.generate(PROMPTS, strategy="persrm-alone", terms=[RewardTerm(PREF), RewardTerm("Be warm.")])
