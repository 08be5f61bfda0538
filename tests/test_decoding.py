"""The decoding engine against slow, obviously-right references, on tiny random models."""
import math

import pytest
import torch

from personalign.decoding import (
    GUARD_OFF,
    DecodingConfig,
    Engine,
    RewardLogits,
    RewardTerm,
    pad_generate_nocache,
    pad_step,
)
from personalign.errors import ConfigError, TokenizerMismatchError
from personalign.models.tiny import tiny_gpt2, tiny_llama, tiny_tokenizer

PROMPTS = [
    "What is the capital of France?",
    "hi there",
    "Explain photosynthesis to a child, please, with an example about a tree.",
    "How do I bake bread?",
]
PREF = "Answer in one short sentence."


def test_pad_step_matches_hand_computation():
    z_base = torch.tensor([[2.0, 1.0, 0.5, -1.0, 3.0]])
    z_rm = torch.tensor([[0.0, 4.0, 1.0, 9.0, 1.0]])
    z_ref = torch.tensor([[1.0, 1.0, 2.0, 0.0, 0.0]])
    w = 0.7
    candidates, score = pad_step(z_base, [RewardLogits(z_rm, z_ref, torch.tensor([w]))], top_k=3)
    assert candidates.tolist() == [[4, 0, 1]]  # top-3 of z_base: 3.0, 2.0, 1.0

    def log_softmax_over(values, idx):
        total = math.log(sum(math.exp(values[i]) for i in idx))
        return {i: values[i] - total for i in idx}

    T = [4, 0, 1]
    base, rm, ref = z_base[0].tolist(), z_rm[0].tolist(), z_ref[0].tolist()
    logp_base = log_softmax_over(base, range(5))
    lr, lf = log_softmax_over(rm, T), log_softmax_over(ref, T)
    expected = [logp_base[a] + w * (lr[a] - lf[a]) for a in T]
    assert score[0].tolist() == pytest.approx(expected, abs=1e-6)


def test_pad_step_sums_reward_terms():
    torch.manual_seed(0)
    z_base, z1, z2, ref = (torch.randn(3, 50) for _ in range(4))
    w1, w2 = torch.tensor([0.3, 1.0, 0.0]), torch.tensor([1.2, 0.5, 2.0])
    cand, both = pad_step(z_base, [RewardLogits(z1, ref, w1), RewardLogits(z2, ref, w2)], top_k=7)
    _, only1 = pad_step(z_base, [RewardLogits(z1, ref, w1)], top_k=7)
    _, only2 = pad_step(z_base, [RewardLogits(z2, ref, w2)], top_k=7)
    _, none = pad_step(z_base, [], top_k=7)
    assert torch.allclose(both, only1 + only2 - none, atol=1e-5)


def test_weight_zero_is_exactly_base_greedy(tiny_base):
    engine = Engine(tiny_base)
    base = engine.generate(PROMPTS, strategy="base", max_new_tokens=24)
    pad = engine.generate(PROMPTS, preference=PREF, strategy="pad", weight=0.0, max_new_tokens=24, **GUARD_OFF)
    assert [o.token_ids for o in pad.outputs] == [o.token_ids for o in base.outputs]
    assert any(len(set(o.token_ids)) > 3 for o in base.outputs)  # the tiny model is not degenerate


@pytest.mark.parametrize("family", ["llama", "gpt2"])
def test_cached_pad_equals_nocache_reference(family, tiny_tok):
    build = tiny_llama if family == "llama" else tiny_gpt2
    base = build(tiny_tok, seed=0)
    engine = Engine(base)
    batched = engine.generate(PROMPTS, preference=PREF, strategy="pad", weight=1.5, top_k=5, max_new_tokens=20)
    for prompt, out in zip(PROMPTS, batched.outputs):
        reference = pad_generate_nocache(base, base, prompt, PREF, weight=1.5, top_k=5, max_new_tokens=20)
        single = engine.generate(prompt, preference=PREF, strategy="pad", weight=1.5, top_k=5, max_new_tokens=20)
        assert out.token_ids == reference
        assert single.outputs[0].token_ids == reference


def test_separate_reward_and_reference_models_match_reference(tiny_base, tiny_other, tiny_tok):
    reference_lm = tiny_llama(tiny_tok, seed=2)
    engine = Engine(tiny_base, reward_model=tiny_other)
    terms = [RewardTerm(preference=PREF, weight=0.8, reference=reference_lm)]
    result = engine.generate(PROMPTS, strategy="pad", terms=terms, max_new_tokens=16)
    for prompt, out in zip(PROMPTS, result.outputs):
        expected = pad_generate_nocache(tiny_base, tiny_other, prompt, PREF, weight=0.8, max_new_tokens=16,
                                        reference=reference_lm)
        assert out.token_ids == expected


def test_pad_changes_output_when_weighted(tiny_base, tiny_other):
    engine = Engine(tiny_base, reward_model=tiny_other)
    base = engine.generate(PROMPTS, strategy="base", max_new_tokens=16)
    pad = engine.generate(PROMPTS, preference=PREF, strategy="pad", weight=2.0, max_new_tokens=16)
    assert [o.token_ids for o in pad.outputs] != [o.token_ids for o in base.outputs]


@pytest.mark.parametrize("strategy", ["base", "prompt", "pad"])
def test_batched_rows_equal_one_by_one(strategy, tiny_base):
    engine = Engine(tiny_base)
    prefs = ["Answer in one short sentence.", "Be warm and detailed.", "Use simple words.", "Be blunt."]
    kwargs = dict(strategy=strategy, max_new_tokens=18)
    pref_arg = prefs if strategy != "base" else None
    batched = engine.generate(PROMPTS, preference=pref_arg, **kwargs)
    for i, prompt in enumerate(PROMPTS):
        single = engine.generate(prompt, preference=prefs[i] if pref_arg else None, **kwargs)
        assert batched.outputs[i].token_ids == single.outputs[0].token_ids


def test_eos_stops_each_row_and_pruning_keeps_other_rows_intact(tiny_base):
    engine = Engine(tiny_base)
    free = engine.generate(PROMPTS, preference=PREF, strategy="pad", max_new_tokens=24)
    # Declare as EOS a token that the rows produce at different first positions.
    first_seen = {}
    for row, out in enumerate(free.outputs):
        for pos, tok in enumerate(out.token_ids):
            first_seen.setdefault(tok, {}).setdefault(row, pos)
    stop_token = max(first_seen, key=lambda t: (len(set(first_seen[t].values())), len(first_seen[t])))
    engine.eos_ids = engine.eos_ids | {stop_token}
    stopped = engine.generate(PROMPTS, preference=PREF, strategy="pad", max_new_tokens=24)
    positions = set()
    for full, cut in zip(free.outputs, stopped.outputs):
        if stop_token in full.token_ids:
            end = full.token_ids.index(stop_token) + 1
            positions.add(end)
            assert cut.token_ids == full.token_ids[:end]
            assert cut.finish_reason == "eos"
        else:
            assert cut.token_ids == full.token_ids
            assert cut.finish_reason == full.finish_reason
    assert len(positions) >= 2, "rows should stop at different steps"


def test_stop_strings_cut_the_text(tiny_base):
    engine = Engine(tiny_base)
    free = engine.generate(PROMPTS[0], strategy="base", max_new_tokens=30).outputs[0]
    assert len(free.text) > 6
    stop = free.text[3:6]
    cut = engine.generate(PROMPTS[0], strategy="base", max_new_tokens=30, stop=(stop,)).outputs[0]
    assert cut.finish_reason == "stop"
    assert stop not in cut.text and free.text.startswith(cut.text)
    assert len(cut.token_ids) < len(free.token_ids)


def test_streaming_callback_reassembles_the_text(tiny_base):
    pieces = {}
    engine = Engine(tiny_base)
    result = engine.generate(PROMPTS, preference=PREF, strategy="pad", max_new_tokens=20,
                             on_token=lambda i, tok, piece: pieces.setdefault(i, []).append(piece))
    for i, out in enumerate(result.outputs):
        assert "".join(pieces.get(i, [])) == out.text


def test_sampling_is_deterministic_under_a_seed(tiny_base):
    engine = Engine(tiny_base)
    for strategy in ("base", "pad"):
        kwargs = dict(preference=PREF, strategy=strategy, temperature=1.0, max_new_tokens=20)
        a = engine.generate(PROMPTS, seed=7, **kwargs)
        b = engine.generate(PROMPTS, seed=7, **kwargs)
        c = engine.generate(PROMPTS, seed=8, **kwargs)
        assert [o.token_ids for o in a.outputs] == [o.token_ids for o in b.outputs]
        assert [o.token_ids for o in a.outputs] != [o.token_ids for o in c.outputs]


def test_top_p_sampling_keeps_only_the_nucleus():
    from personalign.decoding.pad import sample_full_vocab

    z = torch.log(torch.tensor([[0.5, 0.3, 0.15, 0.05]]))
    gen = torch.Generator().manual_seed(0)
    draws = {int(sample_full_vocab(z, 1.0, 0.7, gen)) for _ in range(300)}
    assert draws == {0, 1}  # 0.5 + 0.3 reaches 0.7; tokens 2 and 3 are outside the nucleus


def test_terms_with_the_same_reward_add_their_weights(tiny_base, tiny_other):
    engine = Engine(tiny_base, reward_model=tiny_other)
    split = engine.generate(PROMPTS, strategy="pad", max_new_tokens=16,
                            terms=[RewardTerm(PREF, 0.4), RewardTerm(PREF, 0.8)])
    merged = engine.generate(PROMPTS, preference=PREF, strategy="pad", weight=1.2, max_new_tokens=16)
    assert [o.token_ids for o in split.outputs] == [o.token_ids for o in merged.outputs]


def test_preference_in_base_with_training_free_pad_is_prompting(tiny_base):
    # The base and the PersRM then see the same input, so r(a) = 0 for every candidate.
    engine = Engine(tiny_base)
    pad = engine.generate(PROMPTS, preference=PREF, strategy="pad", preference_in_base=True, max_new_tokens=16,
                          **GUARD_OFF)
    prompting = engine.generate(PROMPTS, preference=PREF, strategy="prompt", max_new_tokens=16)
    assert [o.token_ids for o in pad.outputs] == [o.token_ids for o in prompting.outputs]


def test_best_of_n_picks_the_highest_sequence_reward(tiny_base, tiny_other):
    engine = Engine(tiny_base, reward_model=tiny_other)
    result = engine.generate(PROMPTS[:2], preference=PREF, strategy="best-of-n", n=3, seed=3, max_new_tokens=12)
    rewards = result.extras["rewards"]
    for i, out in enumerate(result.outputs):
        assert out.reward == pytest.approx(max(rewards[i]), abs=1e-5)
        assert out.text == result.extras["candidates"][i][rewards[i].index(max(rewards[i]))]
    # Recompute one candidate's reward by hand: Σ_t log p_R(y_t) − log p_base(y_t), no cache.
    from personalign.models import render_chat
    from personalign.models.preference_block import preference_system_prompt

    ids = result.outputs[0].token_ids
    rm_ctx = render_chat(tiny_other.tokenizer, PROMPTS[0], system=preference_system_prompt(PREF))
    base_ctx = render_chat(tiny_base.tokenizer, PROMPTS[0])

    def seq_logprob(model, ctx):
        with torch.no_grad():
            logits = model.model(torch.tensor([ctx + ids])).logits[0].log_softmax(-1)
        return sum(float(logits[len(ctx) - 1 + t, tok]) for t, tok in enumerate(ids))

    assert result.outputs[0].reward == pytest.approx(
        seq_logprob(tiny_other, rm_ctx) - seq_logprob(tiny_base, base_ctx), abs=1e-3)


def test_tokenizer_mismatch_names_both_models(tiny_base):
    other = tiny_llama(tiny_tokenizer(vocab_size=300), seed=1)
    other.name = "other-model"
    with pytest.raises(TokenizerMismatchError, match="tiny-llama-0.*other-model"):
        Engine(tiny_base, reward_model=other)


@pytest.mark.parametrize("bad", [
    dict(weight=float("nan")), dict(weight=-1.0), dict(top_k=0), dict(strategy="beam"), dict(max_new_tokens=0),
    dict(temperature=-0.5), dict(top_p=0.0), dict(n=0), dict(top_k=2.5),
])
def test_bad_config_is_rejected(tiny_base, bad):
    with pytest.raises(ConfigError):
        Engine(tiny_base).generate("hello", preference=PREF, **{"strategy": "pad", **bad})


def test_bad_prompts_and_preferences_are_rejected(tiny_base):
    engine = Engine(tiny_base)
    for prompts, pref in [("", PREF), ([], PREF), ("hi", ""), ("a\x00b", PREF), ("\udcff", PREF), (["a", "b"], ["x"])]:
        with pytest.raises(ConfigError):
            engine.generate(prompts, preference=pref, strategy="pad")
    with pytest.raises(ConfigError, match="needs a preference"):
        engine.generate("hi", strategy="prompt")


def test_config_object_and_overrides(tiny_base):
    cfg = DecodingConfig(strategy="base", max_new_tokens=5)
    out = Engine(tiny_base).generate("hi", config=cfg, max_new_tokens=3)
    assert len(out.outputs[0].token_ids) <= 3 and out.strategy == "base"
    assert out.tokens_per_second > 0 and out.seconds >= out.prefill_seconds
