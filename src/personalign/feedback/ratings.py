"""A user's ratings as online observations, with the safety filter on the answers they favour.

Each rating stored with signals (`personalign.memory.ratings`: the rated answer against its implicit
pair partners or the user's running mean, already scaled by the rating gap) is one observation for
`personalign.feedback.online`: features x_d = clip(signal_d / margin_d, ±C), the same normalization as
a choice's features. Ratings without signals (the user's first, a neutral one with no partner, ratings
stored before ratings carried signals) are not observations.

Safety, as for pairs: a rating must not pull the weights toward an answer the safety check flags. An
observation is dropped, and counted, when the answer it favours is flagged by
`personalign.feedback.pairs.answer_safety`: the rated answer itself when it is rated above neutral,
or a partner rated higher than it. Only new observations are checked, so an update costs the same
however many ratings came before.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from personalign.dimensions import DIMENSIONS, in_margins
from personalign.feedback.pairs import answer_safety
from personalign.memory.ratings import NEUTRAL, WINDOW, RatedAnswer, partners


@dataclass(frozen=True)
class RatingObservation:
    feedback_id: int
    interaction_id: int
    rating: int
    x: dict[str, float]


@dataclass
class RatingSet:
    """A user's usable rating observations newer than some feedback id, and what was left out."""

    user: str
    observations: list[RatingObservation] = field(default_factory=list)
    dropped_unsafe: int = 0
    unsafe_categories: Counter = field(default_factory=Counter)


def rating_features(signals: dict[str, float | None], clip: float) -> dict[str, float] | None:
    """x_d = clip(signal_d / margin_d, ±clip); None for a row without signals."""
    if any(signals.get(d) is None for d in DIMENSIONS):
        return None
    return in_margins(signals, clip)


def user_ratings(store, user: str, after: int = 0, clip: float = 3.0) -> RatingSet:
    """The observations from `user`'s ratings with feedback id > `after` (see the module docstring)."""
    interactions = {i.id: i for i in store.list_interactions(user)}
    result, history = RatingSet(user), []
    for fb in store.list_feedback(user):
        inter = interactions.get(fb.interaction_id)
        if fb.rating is None or fb.choice is not None or fb.edited_answer is not None or inter is None:
            continue
        rated = RatedAnswer(inter.prompt, inter.answer, fb.rating)
        x = rating_features(fb.signals, clip) if fb.id > after else None
        if x is not None:
            favoured = [h.answer for h in partners(history[-WINDOW:], rated) if h.rating > rated.rating]
            if rated.rating > NEUTRAL:
                favoured.append(rated.answer)
            flagged = next((v for v in map(answer_safety, favoured) if not v.allowed), None)
            if flagged is not None:
                result.dropped_unsafe += 1
                result.unsafe_categories[flagged.category] += 1
            else:
                result.observations.append(RatingObservation(fb.id, inter.id, fb.rating, x))
        history.append(rated)
    return result
