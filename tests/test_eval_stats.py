"""Win rates, bootstrap intervals and the Pareto front against hand computations."""
import math

import numpy as np
import pytest

from personalign.errors import ConfigError
from personalign.eval.stats import bootstrap_ci, outcome, pareto_front, win_rate, win_rate_ci


def test_outcome_counts_ties_half():
    assert outcome(3.0, 1.0) == 1.0
    assert outcome(1.0, 3.0) == 0.0
    assert outcome(2.0, 2.0) == 0.5
    assert outcome(2.0, 2.0 + 1e-12) == 0.5  # float noise is a tie, not a coin flip
    with pytest.raises(ValueError):
        outcome(float("nan"), 1.0)


def test_win_rate_by_hand():
    # 3 wins, 1 tie, 2 losses: (3 + 0.5) / 6
    assert win_rate([1, 1, 1, 0.5, 0, 0]) == pytest.approx(3.5 / 6)
    assert math.isnan(win_rate([]))


def test_bootstrap_two_points_by_hand():
    # Resampling [0, 1] twice gives means 0, .5, 1 with probabilities 1/4, 1/2, 1/4, so the 2.5% and
    # 97.5% quantiles of many resamples are exactly 0 and 1.
    ci = bootstrap_ci([0.0, 1.0], n_boot=4000, seed=3)
    assert ci.estimate == 0.5 and ci.low == 0.0 and ci.high == 1.0 and ci.n == 2


def test_bootstrap_matches_normal_approximation():
    rng = np.random.default_rng(0)
    data = (rng.random(400) < 0.7).astype(float)
    ci = win_rate_ci(data, n_boot=4000, seed=1)
    p = data.mean()
    half = 1.96 * math.sqrt(p * (1 - p) / len(data))  # ≈ 0.045
    assert ci.estimate == pytest.approx(p)
    assert ci.low == pytest.approx(p - half, abs=0.01)
    assert ci.high == pytest.approx(p + half, abs=0.01)


def test_bootstrap_is_seeded_and_constant_data_has_zero_width():
    data = [1, 0, 0.5, 1, 1, 0, 1]
    assert bootstrap_ci(data, seed=7) == bootstrap_ci(data, seed=7)
    assert bootstrap_ci(data, seed=7, n_boot=50) != bootstrap_ci(data, seed=8, n_boot=50)
    flat = bootstrap_ci([0.5] * 9)
    assert (flat.low, flat.estimate, flat.high) == (0.5, 0.5, 0.5)


def test_custom_statistic_agrees_with_vectorized_mean():
    data = [0.0, 1.0, 1.0, 0.5, 0.0, 1.0]
    fast = bootstrap_ci(data, n_boot=300, seed=2)
    slow = bootstrap_ci(data, statistic=lambda a: float(np.mean(a)), n_boot=300, seed=2)
    assert (fast.low, fast.high) == pytest.approx((slow.low, slow.high))


def test_bootstrap_rejects_bad_parameters_and_empty_is_nan():
    with pytest.raises(ConfigError):
        bootstrap_ci([1.0], n_boot=0)
    with pytest.raises(ConfigError):
        bootstrap_ci([1.0], level=1.5)
    empty = bootstrap_ci([])
    assert empty.n == 0 and math.isnan(empty.estimate)
    assert empty.to_dict()["estimate"] is None


def test_pareto_front_by_hand():
    points = [("a", 0.8, 10.0),   # best personalization
              ("b", 0.6, 5.0),    # cheapest
              ("c", 0.5, 12.0),   # dominated by a and b
              ("d", 0.6, 6.0),    # dominated by b (same win rate, worse perplexity)
              ("e", float("nan"), 1.0)]
    assert pareto_front(points) == {"a", "b"}
