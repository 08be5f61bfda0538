import random

import pytest

from personalign.dimensions import DIMENSIONS
from personalign.errors import ConfigError
from personalign.rewards import preferences as P


def test_every_pole_has_enough_wordings():
    assert len(P.poles()) == 2 * len(DIMENSIONS)
    for dim, pole in P.poles():
        assert len(P.wordings(dim, pole, "train")) >= 6
        assert len(P.wordings(dim, pole, "heldout")) >= 2


def test_wordings_are_disjoint_across_splits_and_poles():
    seen = {}
    for dim, pole in P.poles():
        for split in P.SPLITS:
            for w in P.wordings(dim, pole, split):
                assert w not in seen, f"{w!r} used by {seen[w]} and {(dim, pole, split)}"
                seen[w] = (dim, pole, split)
                assert w.strip().lower().rstrip(".") not in {p for d in DIMENSIONS.values() for p in d.poles}


def test_combo_wordings_cover_all_combinations():
    combos = P.combinations_of_poles()
    assert len(combos) == 12
    for a, b in combos:
        assert P.combo_wordings(a, b, "train") and P.combo_wordings(a, b, "heldout")
        assert not set(P.combo_wordings(a, b, "train")) & set(P.combo_wordings(a, b, "heldout"))


def test_combine_is_deterministic_and_keeps_the_split():
    a, b = ("tone", "warm"), ("length", "concise")  # non-canonical order is accepted
    first = [P.combine(a, b, "heldout", random.Random(3)) for _ in range(3)]
    assert len(set(first)) == 1
    rng = random.Random(0)
    outs = {P.combine(a, b, "heldout", rng) for _ in range(60)}
    assert len(outs) > 5
    for text in outs:
        assert P.lookup(text) == ((("length", "concise"), ("tone", "warm")), "heldout"), text
    rng = random.Random(0)
    for _ in range(60):
        assert P.lookup(P.combine(a, b, "train", rng))[1] == "train"


def test_lookup_round_trip_and_unknown():
    for dim, pole in P.poles():
        for split in P.SPLITS:
            for w in P.wordings(dim, pole, split):
                assert P.lookup(w) == (((dim, pole),), split)
    assert P.lookup("Please answer in French.") is None


def test_named_poles_reads_composed_requests():
    from personalign.rewards.curate import combine_poles, triples

    for target in triples():
        rng = random.Random(len(target))
        for _ in range(20):
            text = combine_poles(target, rng)
            assert P.named_poles(text) == tuple(p for p in P.poles() if p in target), text
    for a, b in P.combinations_of_poles():
        for split in P.SPLITS:
            for text in P.combo_wordings(a, b, split):
                assert P.named_poles(text) == P.lookup(text)[0]
    assert P.named_poles("hi!! BRIEF REPLIES, thanks -- and explain it like i'm five") == (
        ("length", "concise"), ("expertise", "simple"))
    assert P.named_poles("Please answer in French.") == ()
    assert P.named_poles("Be conciseness.") == ()  # whole phrases only


def test_no_wording_is_inside_another_poles_wording():
    phrases = P._phrases()
    for inner, inner_poles in phrases:
        for outer, outer_poles in phrases:
            if f" {inner} " in f" {outer} ":
                assert set(inner_poles) <= set(outer_poles), (inner, outer)


def test_steering_prompts_varied_and_not_user_wordings():
    users = {w for dim, pole in P.poles() for s in P.SPLITS for w in P.wordings(dim, pole, s)}
    for dim, pole in P.poles():
        prompts = P.steering_prompts(dim, pole)
        assert len(prompts) >= 3 and len(set(prompts)) == len(prompts)
        assert not set(prompts) & users
    combo = P.combo_steering(("length", "concise"), ("tone", "warm"), random.Random(0))
    assert combo.startswith("(") and combo.endswith(")") and combo.count("(") == 1
    assert any(s.strip("()").rstrip(".!") in combo for s in P.steering_prompts("length", "concise"))


def test_bad_arguments():
    with pytest.raises(ConfigError, match="dimension"):
        P.wordings("humor", "funny")
    with pytest.raises(ConfigError, match="poles"):
        P.wordings("length", "warm")
    with pytest.raises(ConfigError, match="split"):
        P.wordings("length", "concise", "test")
    with pytest.raises(ConfigError, match="different dimensions"):
        P.combine(("length", "concise"), ("length", "detailed"))


def test_composed_wordings_read_naturally():
    rng = random.Random(0)
    texts = {P.combine(("length", "concise"), ("expertise", "expert"), "train", rng) for _ in range(300)}
    assert any(". Also, " in t for t in texts)
    assert not [t for t in texts if " i " in t or " i'" in t]
    assert any("Also, I " in t or "Also, I'" in t for t in texts)
