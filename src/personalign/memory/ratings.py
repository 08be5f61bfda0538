"""A rating as a comparison: the rated answer judged against a reference, so a thumbs up or down moves dimensions.

A rating r (1–5; thumbs up = 5, down = 1; 3 is neutral) rates answer A of an interaction. On its own a
rated answer says nothing about style, so each rating is compared with a *reference*:

* **implicit pairs**: the user's earlier rated answers to the same prompt (same text) with a different
  rating and a different answer. The higher-rated answer of each is the preferred one;
* **running mean**: when there is no such partner and r ≠ 3, the mean judged scores of the user's
  earlier rated answers (every rating counts, neutral ones too), treated as a neutral (3) answer.
  The user's first rating has no reference and moves nothing; a neutral rating only joins the mean.

"Earlier" means the user's last `WINDOW` ratings before this one, so the cost of a rating stays flat
however many a user has given. With judge scores s(·) (`personalign.dimensions`), the rating's signal
on each dimension is the preferred text's score minus the other's, scaled by the rating gap:

    strength(r, r_ref) = min(1, |r − r_ref| / 2)                 (5 vs 1: 1 · 5 vs 3: 1 · 4 vs 3: ½)
    partner j:     sign(r − r_j) · strength(r, r_j) · (s(answer) − s(answer_j))
    running mean:  sign(r − 3) · strength(r, 3) · (s(answer) − mean of s over the earlier answers)

averaged over partners when several. This is the same quantity a choice stores ("preferred minus
other", `personalign.memory.implicit.judged_signals`) on the same feedback row, so ratings vote for
implicit preferences by the same Wilson rule, and fold into the learned weights
(`personalign.feedback.online`) as choices do; a weak rating (4 or 2) needs twice the judged
difference to count as a vote. A rating sent together with a choice or an edit is part of that event,
whose signals stand; it is not compared again.
"""
from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from personalign.dimensions import DIMENSIONS, judge_all

NEUTRAL = 3
WINDOW = 64  # earlier ratings a new one is compared with: the last 64 of the user's


@dataclass(frozen=True)
class RatedAnswer:
    """One rating on answer A of an interaction."""

    prompt: str
    answer: str
    rating: int


@lru_cache(maxsize=4096)
def answer_scores(text: str) -> dict[str, float]:
    """Judge scores of an answer (cached: a rated answer is the reference of many later ratings)."""
    return judge_all(text)


def strength(rating: int, reference: float) -> float:
    return min(1.0, abs(rating - reference) / 2)


def _sign(x: float) -> int:
    return (x > 0) - (x < 0)


def partners(history: Iterable[RatedAnswer], new: RatedAnswer) -> list[RatedAnswer]:
    """The earlier rated answers that form an implicit pair with `new`."""
    return [h for h in history if h.prompt.strip() == new.prompt.strip() and h.rating != new.rating
            and h.answer.strip() != new.answer.strip()]


def rating_signals(history: Sequence[RatedAnswer], new: RatedAnswer) -> dict[str, float] | None:
    """The signals of rating `new` given the user's earlier ratings (oldest first), or None when it has
    no reference (see the module docstring)."""
    history = list(history)[-WINDOW:]
    own = answer_scores(new.answer)
    paired = partners(history, new)
    if paired:
        return {d: statistics.fmean(_sign(new.rating - h.rating) * strength(new.rating, h.rating)
                                    * (own[d] - answer_scores(h.answer)[d]) for h in paired) for d in DIMENSIONS}
    if new.rating == NEUTRAL or not history:
        return None
    scores = [answer_scores(h.answer) for h in history]
    mean = {d: sum(sc[d] for sc in scores) / len(scores) for d in DIMENSIONS}
    c = _sign(new.rating - NEUTRAL) * strength(new.rating, NEUTRAL)
    return {d: c * (own[d] - mean[d]) for d in DIMENSIONS}


def signals_in_order(history: Sequence[RatedAnswer], new: Sequence[RatedAnswer]) -> list[dict[str, float] | None]:
    """`rating_signals` for several new ratings in arrival order: each sees the ones before it."""
    seen, out = list(history)[-WINDOW:], []
    for r in new:
        out.append(rating_signals(seen, r))
        seen = (seen + [r])[-WINDOW:]
    return out
