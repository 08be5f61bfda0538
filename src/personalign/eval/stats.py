"""Win rates with ties counted half, and seeded percentile-bootstrap intervals."""
from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from personalign.errors import ConfigError


def outcome(score: float, opponent: float, tol: float = 1e-9) -> float:
    """1 when `score` beats `opponent`, 0 when it loses, 0.5 for a tie (|difference| <= tol)."""
    if not (math.isfinite(score) and math.isfinite(opponent)):
        raise ValueError(f"cannot compare non-finite scores {score!r} and {opponent!r}")
    if abs(score - opponent) <= tol:
        return 0.5
    return 1.0 if score > opponent else 0.0


def win_rate(outcomes: Sequence[float]) -> float:
    """Mean of per-item outcomes in {0, 0.5, 1}; NaN for no items (nothing to compare)."""
    if len(outcomes) == 0:
        return float("nan")
    return float(np.mean(np.asarray(outcomes, dtype=float)))


@dataclass(frozen=True)
class Interval:
    estimate: float
    low: float
    high: float
    n: int

    def to_dict(self) -> dict:
        return {"estimate": _clean(self.estimate), "low": _clean(self.low), "high": _clean(self.high), "n": self.n}


def _clean(x: float) -> float | None:
    return None if x is None or not math.isfinite(x) else round(float(x), 6)


def bootstrap_ci(values: Sequence[float], statistic: Callable[[np.ndarray], float] | None = None,
                 n_boot: int = 1000, level: float = 0.95, seed: int = 0) -> Interval:
    """Percentile bootstrap over items (resampled with replacement), reproducible for a seed.

    Items are treated as independent. In this benchmark they share prompts and users, so the interval
    is a lower bound on the true uncertainty; it is still the right tool to tell noise from effect at
    equal sample sizes across strategies.
    """
    if isinstance(n_boot, bool) or not isinstance(n_boot, int) or n_boot < 1:
        raise ConfigError(f"n_boot must be an integer >= 1, got {n_boot!r}")
    if not 0.0 < level < 1.0:
        raise ConfigError(f"level must be in (0, 1), got {level!r}")
    data = np.asarray(values, dtype=float)
    if data.size == 0:
        return Interval(float("nan"), float("nan"), float("nan"), 0)
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, data.size, size=(n_boot, data.size))
    if statistic is None:  # the common case, vectorized
        estimate, samples = float(np.mean(data)), np.mean(data[idx], axis=1)
    else:
        estimate, samples = float(statistic(data)), np.array([statistic(data[i]) for i in idx])
    alpha = (1.0 - level) / 2.0
    low, high = np.quantile(samples, [alpha, 1.0 - alpha])
    return Interval(estimate, float(low), float(high), int(data.size))


def win_rate_ci(outcomes: Sequence[float], n_boot: int = 1000, level: float = 0.95, seed: int = 0) -> Interval:
    return bootstrap_ci(outcomes, n_boot=n_boot, level=level, seed=seed)


def pareto_front(points: Sequence[tuple[str, float, float]]) -> set[str]:
    """Names of points not dominated for (maximize personalization, minimize cost).

    points: (name, personalization, cost). A point is dominated when another is at least as good on
    both axes and strictly better on one. Points with a NaN coordinate are never on the front.
    """
    valid = [(n, p, c) for n, p, c in points if math.isfinite(p) and math.isfinite(c)]
    front = set()
    for name, p, c in valid:
        dominated = any((p2 >= p and c2 <= c) and (p2 > p or c2 < c) for n2, p2, c2 in valid if n2 != name)
        if not dominated:
            front.add(name)
    return front
