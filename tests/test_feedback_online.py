"""Online weights: the logistic/MAP step, its direction on hand-built choices, and the PAD terms it yields."""
import math

import pytest

from personalign.dimensions import DIMENSIONS
from personalign.feedback import (
    FeedbackConfigError,
    FeedbackPair,
    OnlineConfig,
    choice_probability,
    features,
    fold,
    logistic_step,
    reward_terms,
    term_specs,
)
from personalign.rewards.preferences import wordings

SHORT = "Paris."
LONG = ("Paris is the capital of France, and it has been the political, economic and cultural centre of the "
        "country for many centuries, home to the government, the largest universities and most museums.")


def test_features_are_margin_normalized_differences():
    x = features(LONG, SHORT)
    words = DIMENSIONS["length"].judge.score(LONG) - DIMENSIONS["length"].judge.score(SHORT)
    assert x["length"] == pytest.approx(min(3.0, words / DIMENSIONS["length"].margin))
    assert features(SHORT, LONG)["length"] == pytest.approx(-x["length"])
    assert set(x) == set(DIMENSIONS)
    assert all(abs(v) <= 3.0 for v in x.values())


def test_one_logistic_step_matches_hand_computation():
    cfg = OnlineConfig(learning_rate=0.5, prior_strength=0.1)
    w = {"length": 0.2, "expertise": -0.4, "tone": 0.0}
    prior = {"length": 1.0, "expertise": 0.0, "tone": 0.0}
    x = {"length": 1.5, "expertise": -0.5, "tone": 0.25}
    z = 0.2 * 1.5 + (-0.4) * (-0.5) + 0.0 * 0.25          # 0.5
    p = 1 / (1 + math.exp(-z))
    expected = {
        "length": 0.2 + 0.5 * ((1 - p) * 1.5 - 0.1 * (0.2 - 1.0)),
        "expertise": -0.4 + 0.5 * ((1 - p) * -0.5 - 0.1 * (-0.4 - 0.0)),
        "tone": 0.0 + 0.5 * ((1 - p) * 0.25 - 0.0),
    }
    got = logistic_step(w, x, prior, cfg)
    for d in expected:
        assert got[d] == pytest.approx(expected[d], abs=1e-12)


def test_choices_of_short_answers_push_length_toward_concise():
    pairs = [FeedbackPair(i, i, "q", SHORT, LONG, "choice") for i in range(1, 6)]
    prior = {d: 0.0 for d in DIMENSIONS}
    w = fold(prior, pairs, prior)
    assert w["length"] < -0.5
    # The opposite user moves the opposite way, by the same amount (the update is odd in x).
    flipped = fold(prior, [FeedbackPair(p.feedback_id, p.interaction_id, "q", LONG, SHORT, "choice") for p in pairs],
                   prior)
    assert flipped["length"] == pytest.approx(-w["length"])
    # Each step raises the probability of the observed choice.
    x = features(SHORT, LONG)
    assert choice_probability(w, x) > 0.5 > choice_probability(flipped, x)


def test_consistent_choices_saturate_and_the_prior_pulls_back():
    cfg = OnlineConfig(max_weight=3.0)
    prior = {d: 0.0 for d in DIMENSIONS}
    pairs = [FeedbackPair(i, i, "q", LONG, SHORT, "choice") for i in range(1, 200)]
    w = fold(prior, pairs, prior, cfg)
    assert 0 < w["length"] <= cfg.max_weight
    # A strong explicit prior toward concise resists a single contrary observation.
    concise_prior = {"length": -1.0, "expertise": 0.0, "tone": 0.0}
    one = fold(concise_prior, pairs[:1], concise_prior, cfg)
    assert -1.0 < one["length"] < 0.0


def test_terms_pick_the_pole_wording_by_sign_and_clip_the_weight():
    cfg = OnlineConfig(min_weight=0.1, max_term_weight=1.5)
    specs = term_specs({"length": -2.4, "expertise": 0.05, "tone": 0.7}, cfg)
    assert set(specs) == {"length", "tone"}
    assert specs["length"] == (wordings("length", "concise", "train")[0], 1.5)
    assert specs["tone"] == (wordings("tone", "warm", "train")[0], pytest.approx(0.7))


def test_reward_terms_batch_rows_of_different_users():
    terms = reward_terms([{"length": -1.0}, {"length": 0.8, "tone": -0.3}, None],
                         preference=["Be brief.", None, None], preference_weight=1.0)
    assert terms[0].preference == ["Be brief.", "Be brief.", "Be brief."] and terms[0].weight == [1.0, 0.0, 0.0]
    by_pref = {t.preference[1]: t for t in terms[1:]}
    length = next(t for t in terms[1:] if len(set(t.weight)) > 1 and t.weight[0] == 1.0)
    assert length.preference[0] == wordings("length", "concise", "train")[0]
    assert length.preference[1] == wordings("length", "detailed", "train")[0]
    assert length.weight == [1.0, pytest.approx(0.8), 0.0]
    tone = by_pref[wordings("tone", "blunt", "train")[0]]
    assert tone.weight == [0.0, pytest.approx(0.3), 0.0]
    assert reward_terms([None, {"tone": 0.01}]) is None


def test_bad_online_config_is_a_clear_error():
    with pytest.raises(FeedbackConfigError, match="learning_rate"):
        OnlineConfig(learning_rate=float("nan"))
    with pytest.raises(FeedbackConfigError, match="prior_strength"):
        OnlineConfig(prior_strength=-1.0)
