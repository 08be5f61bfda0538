"""PersRM gating (issue #16 item 2): the reward models skip confident steps and catch up in one forward."""
import pytest
import torch

from personalign.decoding import GUARD_OFF, Engine, pad_generate_nocache
from personalign.decoding.config import DecodingConfig
from personalign.errors import ConfigError
from personalign.models import render_chat

PROMPTS = ["What is the capital of France?", "hi there", "How do I bake bread?"]
PREF = "Answer in one short sentence."


def _tokens(result):
    return [o.token_ids for o in result.outputs]


def _median_confidence(base, prompt, steps=12) -> float:
    """A tau between the middle two p_base(top-1) along the base's greedy answer: it gates about half the steps,
    and no step's confidence is within float rounding of it."""
    ids, probs = render_chat(base.tokenizer, prompt), []
    with torch.inference_mode():
        for _ in range(steps):
            p = base.model(torch.tensor([ids])).logits[0, -1].float().softmax(-1)
            probs.append(float(p.max()))
            ids.append(int(p.argmax()))
    probs.sort()
    return (probs[len(probs) // 2 - 1] + probs[len(probs) // 2]) / 2


def test_gate_at_one_runs_every_step_and_equals_ungated_pad(persrm, tiny_base):
    """tau = 1 skips nothing (no step is that sure), so the lazy streams must give ungated PAD's tokens."""
    engine = Engine(tiny_base, reward_model=persrm)
    ungated = engine.generate(PROMPTS, preference=PREF, strategy="pad", weight=1.0, max_new_tokens=16)
    gated = engine.generate(PROMPTS, preference=PREF, strategy="pad", weight=1.0, max_new_tokens=16, gate_tau=1.0)
    assert _tokens(gated) == _tokens(ungated)
    stats = gated.extras["gate"]
    assert stats["confident"] == 0 and stats["reward_forwards"] == max(len(t) for t in _tokens(gated))
    assert "gate" not in ungated.extras


def test_single_candidate_steps_skip_the_reward_and_keep_the_tokens(persrm, tiny_base):
    """Without the EOS candidate a guard that leaves one token needs no reward: exact, fewer reward forwards."""
    engine = Engine(tiny_base, reward_model=persrm)
    guard = {"min_p": 0.6, "eos_candidate": False, "no_repeat_ngram": 0}
    for model in (persrm, tiny_base):  # the shipped kind of PersRM, and training-free PAD
        engine = Engine(tiny_base, reward_model=model)
        ungated = engine.generate(PROMPTS, preference=PREF, strategy="pad", weight=2.0, max_new_tokens=20, **guard)
        gated = engine.generate(PROMPTS, preference=PREF, strategy="pad", weight=2.0, max_new_tokens=20,
                                gate_tau=1.0, **guard)
        assert _tokens(gated) == _tokens(ungated)
        stats = gated.extras["gate"]
        assert stats["single_candidate"] > 0 and stats["confident"] == 0
        assert stats["reward_forwards"] < max(len(t) for t in _tokens(gated))


@pytest.mark.parametrize("guarded", [True, False])
def test_gated_pad_equals_a_slow_reference(persrm, tiny_base, guarded):
    """Gated PAD (catch-up forwards over several tokens, rows of a batch gated apart) = the no-cache loop with w = 0
    at every step where the base is confident."""
    tau = _median_confidence(tiny_base, PROMPTS[0])
    guard = {} if guarded else GUARD_OFF
    engine = Engine(tiny_base, reward_model=persrm)
    gated = engine.generate(PROMPTS, preference=PREF, strategy="pad", weight=1.0, max_new_tokens=16, gate_tau=tau,
                            **guard)
    for prompt, out in zip(PROMPTS, gated.outputs):
        assert out.token_ids == pad_generate_nocache(tiny_base, persrm, prompt, PREF, max_new_tokens=16,
                                                     gate_tau=tau, **guard)
    assert 0 < gated.extras["gate"]["confident"] < gated.extras["gate"]["row_steps"]
    longest = max(range(len(PROMPTS)), key=lambda i: len(gated.outputs[i].token_ids))
    alone = engine.generate(PROMPTS[longest], preference=PREF, strategy="pad", weight=1.0, max_new_tokens=16,
                            gate_tau=tau, **guard)
    assert alone.outputs[0].token_ids == gated.outputs[longest].token_ids
    # Some steps ran no reward model and a later one caught up on several tokens in one forward.
    assert 0 < alone.extras["gate"]["reward_forwards"] < len(alone.outputs[0].token_ids)
    ungated = engine.generate(PROMPTS, preference=PREF, strategy="pad", weight=1.0, max_new_tokens=16, **guard)
    assert _tokens(gated) != _tokens(ungated)  # the gate does change what PAD computes


def test_gate_at_zero_is_the_base_and_runs_no_reward(persrm, tiny_base):
    engine = Engine(tiny_base, reward_model=persrm)
    gated = engine.generate(PROMPTS, preference=PREF, strategy="pad", weight=3.0, max_new_tokens=12, gate_tau=0.0,
                            **GUARD_OFF)
    base = engine.generate(PROMPTS, strategy="base", max_new_tokens=12)
    assert _tokens(gated) == _tokens(base)
    assert gated.extras["gate"]["reward_forwards"] == 0


def test_gated_training_free_pad_with_a_separate_reference(tiny_base, tiny_other):
    """Every non-base model (reward and reference) is gated; training-free PAD's reward rows too."""
    from personalign.decoding import RewardTerm

    tau = _median_confidence(tiny_base, PROMPTS[1])
    engine = Engine(tiny_base)
    terms = [RewardTerm(preference=PREF, weight=1.0, reference=tiny_other)]
    gated = engine.generate(PROMPTS, terms=terms, strategy="pad", max_new_tokens=12, gate_tau=tau, **GUARD_OFF)
    for prompt, out in zip(PROMPTS, gated.outputs):
        assert out.token_ids == pad_generate_nocache(tiny_base, tiny_base, prompt, PREF, max_new_tokens=12,
                                                     reference=tiny_other, gate_tau=tau, **GUARD_OFF)
    assert 0 < gated.extras["gate"]["reward_forwards"]


@pytest.mark.parametrize("bad", [float("nan"), -0.1, 1.5, float("inf"), True, "0.5"])
def test_bad_gate_tau_is_a_config_error(bad):
    with pytest.raises(ConfigError, match="gate_tau"):
        DecodingConfig(gate_tau=bad).validate()


@pytest.mark.parametrize("bad", ["nan", "1.5", "-1"])
def test_cli_bad_gate_tau_exits_2_with_one_line(run_cli, bad):
    code, out, err = run_cli(["generate", "hi", "--preference", "be brief", "--gate-tau", bad])
    assert code == 2
    assert "gate_tau" in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("bad", ["NaN", "1.5", "-0.5"])
def test_http_bad_gate_tau_is_refused_by_the_request_schema(bad):
    from pydantic import ValidationError

    from personalign.server import schemas

    with pytest.raises(ValidationError, match="gate_tau"):
        schemas.PersonalignOptions.model_validate_json('{"gate_tau": ' + bad + '}')
    assert schemas.PersonalignOptions.model_validate_json('{"gate_tau": 0.9}').gate_tau == 0.9
