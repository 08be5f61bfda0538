"""PAD's guard (min_p, EOS candidate, no-repeat n-gram): hand computations, exactness when off, the
cached batched engine against the slow reference when on, and bad values."""
import math

import pytest
import torch

from personalign.decoding import DecodingConfig, Engine, Guard, RewardLogits, pad_generate_nocache, pad_step
from personalign.decoding.pad import choose, in_loop, repeated_ngram
from personalign.decoding.reference import looping_by_scan
from personalign.errors import ConfigError
from personalign.models.tiny import tiny_gpt2, tiny_llama

PROMPTS = [
    "What is the capital of France?",
    "hi there",
    "Explain photosynthesis to a child, please, with an example about a tree.",
    "How do I bake bread?",
]
PREF = "Answer in one short sentence."
OFF = {"min_p": 0.0, "eos_candidate": False, "no_repeat_ngram": 0}


def _log_softmax_over(values, idx):
    total = math.log(sum(math.exp(values[i]) for i in idx))
    return {i: values[i] - total for i in idx}


def test_guard_off_is_the_plain_step_bit_for_bit():
    torch.manual_seed(0)
    z_base, z_rm, z_ref = (torch.randn(3, 40) for _ in range(3))
    term = [RewardLogits(z_rm, z_ref, torch.tensor([0.5, 1.0, 2.0]))]
    cand, score = pad_step(z_base, term, top_k=6)
    cand_off, score_off = pad_step(z_base, term, top_k=6, guard=Guard(), history=[[1, 2, 1, 2]] * 3)
    assert torch.equal(cand, cand_off) and torch.equal(score, score_off)


def test_min_p_keeps_only_tokens_near_the_base_best_by_hand():
    z_base = torch.tensor([[2.0, 1.0, 0.5, -1.0, 3.0]])
    z_rm = torch.tensor([[0.0, 4.0, 1.0, 9.0, 1.0]])
    z_ref = torch.tensor([[1.0, 1.0, 2.0, 0.0, 0.0]])
    w = 0.7
    # top-4 = [4, 0, 1, 2]; p(a) >= 0.3 · p_max  <=>  z(a) >= 3 + ln 0.3 = 1.796: tokens 4 and 0 stay.
    cand, score = pad_step(z_base, [RewardLogits(z_rm, z_ref, torch.tensor([w]))], top_k=4, guard=Guard(min_p=0.3))
    assert cand.tolist() == [[4, 0, 1, 2]]
    kept, T = [4, 0], [4, 0, 1, 2]
    base, rm, ref = z_base[0].tolist(), z_rm[0].tolist(), z_ref[0].tolist()
    logp = _log_softmax_over(base, range(5))
    lr, lf = _log_softmax_over(rm, T), _log_softmax_over(ref, T)  # r is normalized over T; min_p only masks
    expected = [logp[a] + w * (lr[a] - lf[a]) for a in kept]
    assert score[0, :2].tolist() == pytest.approx(expected, abs=1e-6)
    assert score[0, 2:].tolist() == [float("-inf")] * 2
    # Without min_p the PersRM's favourite (token 1 among T) would win; with it, only 4 or 0 can.
    assert int(cand[0, score[0].argmax()]) in kept


def test_min_p_never_drops_the_base_argmax():
    torch.manual_seed(1)
    z_base = torch.randn(5, 30) * 8
    cand, score = pad_step(z_base, [], top_k=10, guard=Guard(min_p=0.999))
    assert torch.equal(cand[:, 0], z_base.argmax(-1)) and bool(torch.isfinite(score[:, 0]).all())


def test_eos_joins_the_candidates_and_is_exempt_from_min_p():
    z_base = torch.tensor([[5.0, 4.0, 3.0, -6.0], [5.0, -6.0, 3.0, 4.9]])  # EOS = 3: outside / inside top-2
    z_rm = torch.tensor([[0.0, 0.0, 0.0, 20.0], [0.0, 0.0, 0.0, 20.0]])  # the PersRM wants to end
    terms = [RewardLogits(z_rm, z_base, torch.tensor([1.0, 1.0]))]
    cand, score = pad_step(z_base, terms, top_k=2, guard=Guard(min_p=0.5, eos_id=3))
    assert cand.tolist() == [[0, 1, 3], [0, 3, 3]]
    assert score[1, 2] == float("-inf")  # EOS already in T: the appended copy is dropped
    assert cand.gather(-1, score.argmax(-1, keepdim=True)).squeeze(-1).tolist() == [3, 3]
    plain, _ = pad_step(z_base, terms, top_k=2)
    assert plain.tolist() == [[0, 1], [0, 3]]  # without the guard EOS cannot win row 0


def test_eos_must_beat_every_top_k_token_not_only_the_min_p_keeps():
    # T = [0, 1] (+ EOS 3). min_p keeps only token 0, which the PersRM dislikes; it likes token 1 best.
    z_base = torch.tensor([[5.0, 4.0, 0.0, -6.0]])
    z_rm = torch.tensor([[-10.0, 10.0, 0.0, 0.0]])
    terms = [RewardLogits(z_rm, z_base, torch.tensor([1.0]))]
    cand, score = pad_step(z_base, terms, top_k=2, guard=Guard(min_p=0.5, eos_id=3))
    # PAD's score over T ∪ {EOS} ranks token 1 first, so EOS does not beat T and may not be chosen,
    # although it would beat token 0, the only min_p keep.
    assert cand.tolist() == [[0, 1, 3]] and score[0, 1] == score[0, 2] == float("-inf")
    assert int(cand[0, score[0].argmax()]) == 0


def test_repetition_guard_blocks_a_repeated_ngram():
    history = [[5, 6, 7, 8, 5, 6], [5, 6, 7, 8, 5, 6], [1, 2]]
    cand = torch.tensor([[7, 9], [7, 9], [7, 9]])
    assert repeated_ngram(cand, history, 3).tolist() == [[True, False], [True, False], [False, False]]
    assert repeated_ngram(cand[:1], history[:1], 4).tolist() == [[False, False]]  # 4-gram (8,5,6,7) is new
    z_base = torch.full((1, 12), -5.0)
    z_base[0, 7], z_base[0, 9] = 3.0, 1.0
    cand, score = pad_step(z_base, [], top_k=2, guard=Guard(no_repeat_ngram=3), history=history[:1])
    assert int(cand[0, score[0].argmax()]) == 9  # greedy would say 7 and repeat "5 6 7"


def test_repetition_guard_steps_back_when_every_candidate_repeats():
    z_base = torch.tensor([[3.0, 2.0, -9.0, -9.0]])
    cand, score = pad_step(z_base, [], top_k=2, guard=Guard(no_repeat_ngram=2), history=[[0, 0, 1, 0, 0]])
    assert cand.tolist() == [[0, 1]] and torch.isfinite(score).all()  # both repeat: the rule is dropped


def test_loop_escape_leaves_min_p_for_an_unrepeated_token_only_inside_a_loop():
    # "* \n* \n* ...": after "*" (0) only "\n" (1) clears min_p and it repeats; token 2 is in T, under the floor.
    z_base = torch.tensor([[-9.0, 3.0, 0.5, -9.0, -9.0]])
    looping = [0, 1, 0, 1, 0, 1, 0]  # each of the last 4 tokens (not 5) completes a 2-gram seen before
    fresh_start = [3, 2, 3, 4, 0, 1, 0]  # none of them does
    for history, escape, want in ((looping, 0, 1), (looping, 4, 2), (looping, 5, 1), (fresh_start, 4, 1)):
        guard = Guard(min_p=0.5, eos_id=4, no_repeat_ngram=2, loop_escape=escape)
        cand, score = pad_step(z_base, [], top_k=3, guard=guard, history=[history])
        assert int(cand[0, score[0].argmax()]) == want, (history, escape)
        assert score[0, cand[0].tolist().index(4)] == float("-inf")  # EOS is no escape: it keeps its own rules
    cand, score = pad_step(z_base, [], top_k=1, guard=Guard(min_p=0.5, no_repeat_ngram=2, loop_escape=4),
                           history=[looping])
    assert int(cand[0, score[0].argmax()]) == 1  # all of T repeats: the rule steps back, as without the escape


def test_in_loop_matches_a_scan_of_every_earlier_ngram():
    gen = torch.Generator().manual_seed(0)
    checked = {True: 0, False: 0}
    for _ in range(600):
        ids = torch.randint(0, 3, (int(torch.randint(0, 14, (1,), generator=gen)),), generator=gen).tolist()
        for n in (2, 3):
            for run in (0, 1, 3, 6):
                want = looping_by_scan(ids, n, run)
                assert in_loop(ids, n, run) == want, (ids, n, run)
                checked[want] += 1
    assert min(checked.values()) > 100  # both answers were exercised


def test_weight_zero_guard_off_is_base_greedy(tiny_base):
    engine = Engine(tiny_base)
    base = engine.generate(PROMPTS, strategy="base", max_new_tokens=24)
    pad = engine.generate(PROMPTS, preference=PREF, strategy="pad", weight=0.0, max_new_tokens=24, **OFF)
    assert [o.token_ids for o in pad.outputs] == [o.token_ids for o in base.outputs]


def test_guard_off_engine_matches_the_authors_step(tiny_base, tiny_other):
    engine = Engine(tiny_base, reward_model=tiny_other)
    out = engine.generate(PROMPTS, preference=PREF, strategy="pad", weight=1.5, top_k=5, max_new_tokens=16, **OFF)
    for prompt, o in zip(PROMPTS, out.outputs):
        assert o.token_ids == pad_generate_nocache(tiny_base, tiny_other, prompt, PREF, weight=1.5, top_k=5,
                                                   max_new_tokens=16, **OFF)


GUARDS = [
    {"min_p": 0.2, "eos_candidate": False, "no_repeat_ngram": 0},
    {"min_p": 0.0, "eos_candidate": True, "no_repeat_ngram": 0},
    {"min_p": 0.0, "eos_candidate": False, "no_repeat_ngram": 2},
    {"min_p": 0.1, "eos_candidate": True, "no_repeat_ngram": 3},
    {"min_p": 0.1, "eos_candidate": True, "no_repeat_ngram": 3, "eos_bonus": 2.5},
    {"min_p": 0.3, "eos_candidate": True, "no_repeat_ngram": 2},
    {"min_p": 0.3, "eos_candidate": True, "no_repeat_ngram": 2, "loop_escape": 0},
    {"min_p": 0.8, "eos_candidate": True, "no_repeat_ngram": 2, "loop_escape": 2},
]


@pytest.mark.parametrize("family,guard", [("llama", g) for g in GUARDS] + [("gpt2", GUARDS[-1])])
def test_cached_batched_guarded_pad_equals_the_reference(family, guard, tiny_tok, tiny_other):
    base = (tiny_llama if family == "llama" else tiny_gpt2)(tiny_tok, seed=0)
    reward = base if family == "gpt2" else tiny_other
    engine = Engine(base, reward_model=reward)
    batched = engine.generate(PROMPTS, preference=PREF, strategy="pad", weight=1.5, top_k=6, max_new_tokens=16,
                              **guard)
    for prompt, out in zip(PROMPTS, batched.outputs):
        assert out.token_ids == pad_generate_nocache(base, reward, prompt, PREF, weight=1.5, top_k=6,
                                                     max_new_tokens=16, **guard)


def test_guard_changes_the_output_of_a_repeating_model(tiny_base, tiny_other):
    engine = Engine(tiny_base, reward_model=tiny_other)
    plain = engine.generate(PROMPTS, preference=PREF, strategy="pad", max_new_tokens=40, **OFF)
    guarded = engine.generate(PROMPTS, preference=PREF, strategy="pad", max_new_tokens=40,
                              **{**OFF, "no_repeat_ngram": 3})

    def repeats(ids):
        grams = [tuple(ids[i:i + 3]) for i in range(len(ids) - 2)]
        return len(grams) - len(set(grams))

    assert any(repeats(o.token_ids) for o in plain.outputs)  # the tiny model does loop without the guard
    assert all(repeats(o.token_ids) == 0 for o in guarded.outputs)


def test_loop_escape_changes_a_looping_model_and_the_engine_matches_the_reference(tiny_base, tiny_other):
    guard = {"min_p": 0.8, "eos_candidate": True, "no_repeat_ngram": 2}  # a floor that leaves one or two keeps
    engine = Engine(tiny_base, reward_model=tiny_other)
    step = {"preference": PREF, "strategy": "pad", "weight": 1.5, "top_k": 6, "max_new_tokens": 40}
    stuck = engine.generate(PROMPTS, **step, **guard, loop_escape=0)
    escaped = engine.generate(PROMPTS, **step, **guard, loop_escape=2)
    assert any(a.token_ids != b.token_ids for a, b in zip(stuck.outputs, escaped.outputs))
    for prompt, out in zip(PROMPTS, escaped.outputs):
        assert out.token_ids == pad_generate_nocache(tiny_base, tiny_other, prompt, PREF, weight=1.5, top_k=6,
                                                     max_new_tokens=40, **guard, loop_escape=2)


def test_eos_candidate_lets_a_row_end(tiny_base, tiny_tok, eos_bias):
    eos = tiny_tok.eos_token_id
    # A base that never ranks EOS in its top-k, and a PersRM that wants to end.
    engine = Engine(eos_bias(tiny_base, eos, -50.0), reward_model=eos_bias(tiny_base, eos, 50.0))
    plain = engine.generate(PROMPTS, preference=PREF, strategy="pad", max_new_tokens=12, **OFF)
    assert all(o.finish_reason == "length" for o in plain.outputs)
    ended = engine.generate(PROMPTS, preference=PREF, strategy="pad", max_new_tokens=12,
                            **{**OFF, "eos_candidate": True})
    assert all(o.finish_reason == "eos" and o.token_ids == [eos] for o in ended.outputs)


@pytest.mark.parametrize("bad", [
    {"min_p": -0.1}, {"min_p": 1.0}, {"min_p": float("nan")}, {"min_p": float("inf")}, {"min_p": "0.1"},
    {"min_p": True}, {"eos_candidate": "yes"}, {"eos_candidate": 1}, {"no_repeat_ngram": 1},
    {"no_repeat_ngram": -2}, {"no_repeat_ngram": 2.5}, {"loop_escape": -1}, {"loop_escape": 2.5},
    {"loop_escape": True},
])
def test_bad_guard_values_are_config_errors(bad, tiny_base):
    with pytest.raises(ConfigError):
        DecodingConfig(**bad).validate()
    with pytest.raises(ConfigError):
        Engine(tiny_base).generate("hi", preference=PREF, strategy="pad", max_new_tokens=2, **bad)


def test_eos_bonus_by_hand_only_where_the_reward_prefers_ending():
    # EOS = 3, outside the top-2 in both rows. Row 0's PersRM likes ending (r(EOS) > 0), row 1's does not.
    z_base = torch.tensor([[5.0, 4.0, 0.0, -3.0], [5.0, 4.0, 0.0, -3.0]])
    z_rm = torch.tensor([[0.0, 0.0, 0.0, -5.6], [0.0, 0.0, 0.0, -9.0]])
    terms = [RewardLogits(z_rm, z_base, torch.tensor([1.0, 1.0]))]
    cand, plain = pad_step(z_base, terms, top_k=2, guard=Guard(eos_id=3))
    _, bonus = pad_step(z_base, terms, top_k=2, guard=Guard(eos_id=3, eos_bonus=8.0))
    T = [0, 1, 3]
    logp = _log_softmax_over(z_base[0].tolist(), range(4))
    r = {a: _log_softmax_over(z_rm[0].tolist(), T)[a] - _log_softmax_over(z_base[0].tolist(), T)[a] for a in T}
    assert r[3] > 0 and plain[0, 2] == float("-inf")  # without the bonus ending loses to token 0
    assert bonus[0, 2].item() == pytest.approx(logp[3] + r[3] + 8.0, abs=1e-5)
    assert int(cand[0, bonus[0].argmax()]) == 3
    assert bonus[1, 2] == float("-inf") and torch.equal(bonus[1], plain[1])  # r(EOS) < 0: no bonus
    assert torch.equal(bonus[:, :2], plain[:, :2])  # other tokens' scores never change


def test_eos_bonus_ends_a_row_the_plain_guard_keeps_going(tiny_base, tiny_tok, eos_bias):
    eos = tiny_tok.eos_token_id
    # The PersRM leans toward ending more than the base (r(EOS) > 0), not enough to beat the base's top tokens.
    engine = Engine(eos_bias(tiny_base, eos, -8.0), reward_model=eos_bias(tiny_base, eos, -3.0))
    guard = {**OFF, "eos_candidate": True}
    plain = engine.generate(PROMPTS, preference=PREF, strategy="pad", max_new_tokens=12, **guard)
    ended = engine.generate(PROMPTS, preference=PREF, strategy="pad", max_new_tokens=12, **guard, eos_bonus=20.0)
    assert all(o.finish_reason == "length" for o in plain.outputs)
    assert all(o.finish_reason == "eos" for o in ended.outputs)


@pytest.mark.parametrize("bad", [-1.0, float("nan"), float("inf"), "2", True])
def test_bad_eos_bonus_is_a_config_error(bad):
    with pytest.raises(ConfigError):
        DecodingConfig(eos_bonus=bad).validate()


def test_eos_min_reward_by_hand_only_for_an_eos_from_outside_the_top_k():
    # Row 0: EOS (3) outside the top-2, and the reward's wish to end r(EOS) makes it win. Row 1: EOS in the top-2.
    z_base = torch.tensor([[5.0, 4.0, 0.0, -3.0], [5.0, 0.0, 0.0, 4.5]])
    z_rm = torch.tensor([[0.0, 0.0, 0.0, 4.0], [0.0, 0.0, 0.0, 9.0]])
    terms = [RewardLogits(z_rm, z_base, torch.tensor([1.0, 1.0]))]
    T = [0, 1, 3]
    r = {a: _log_softmax_over(z_rm[0].tolist(), T)[a] - _log_softmax_over(z_base[0].tolist(), T)[a] for a in T}
    cand, plain = pad_step(z_base, terms, top_k=2, guard=Guard(eos_id=3))
    assert int(cand[0, plain[0].argmax()]) == 3 and 5.0 < r[3] < 12.0  # ends without a floor
    _, low = pad_step(z_base, terms, top_k=2, guard=Guard(eos_id=3, eos_min_reward=r[3] - 0.01))
    _, high = pad_step(z_base, terms, top_k=2, guard=Guard(eos_id=3, eos_min_reward=r[3] + 0.01))
    assert torch.equal(low, plain)
    assert high[0, 2] == float("-inf") and int(cand[0, high[0].argmax()]) == 0  # the wish is too weak: go on
    assert torch.equal(high[0, :2], plain[0, :2]) and torch.equal(high[1], plain[1])  # EOS in T: no floor
    assert int(cand[1, high[1].argmax()]) == 3


def test_eos_min_reward_engine_matches_the_reference_and_binds(tiny_base, tiny_tok, eos_bias):
    eos = tiny_tok.eos_token_id
    base, reward = eos_bias(tiny_base, eos, -6.0), eos_bias(tiny_base, eos, 3.0)
    engine = Engine(base, reward_model=reward)
    finishes = {}
    for floor in (None, 4.0, 1000.0):
        guard = {"min_p": 0.1, "eos_candidate": True, "no_repeat_ngram": 3, "eos_min_reward": floor}
        out = engine.generate(PROMPTS, preference=PREF, strategy="pad", top_k=6, max_new_tokens=12, **guard)
        for prompt, o in zip(PROMPTS, out.outputs):
            assert o.token_ids == pad_generate_nocache(base, reward, prompt, PREF, top_k=6, max_new_tokens=12,
                                                       **guard)
        finishes[floor] = [o.finish_reason for o in out.outputs]
    assert "eos" in finishes[None] and set(finishes[1000.0]) == {"length"}


@pytest.mark.parametrize("bad", [-1.0, float("nan"), float("inf"), "2", True])
def test_bad_eos_min_reward_is_a_config_error(bad):
    with pytest.raises(ConfigError):
        DecodingConfig(eos_min_reward=bad).validate()


def test_an_argmax_eos_that_loses_is_kept_when_nothing_else_passes_min_p():
    # EOS (0) is the base's argmax; token 1 is under min_p's floor; the reward makes EOS lose to token 1.
    z_base = torch.tensor([[6.0, 2.0, 0.0]])
    z_rm = torch.tensor([[0.0, 9.0, 0.0]])
    cand, score = pad_step(z_base, [RewardLogits(z_rm, z_base, torch.tensor([1.0]))], top_k=2,
                           guard=Guard(min_p=0.5, eos_id=0))
    assert int(cand[0, score[0].argmax()]) == 0 and torch.isfinite(score[0, 0])
    assert int(choose(cand, score, 1.0, torch.Generator().manual_seed(0))) == 0  # sampling has a token to draw
