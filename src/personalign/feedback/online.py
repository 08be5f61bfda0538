"""Inference-time adaptation: per-user dimension weights learned online from choices, edits and ratings.

The model
---------
Each judged dimension d (length, expertise, tone; `personalign.dimensions.DIMENSIONS`) has a
weight w_d: > 0 pulls answers toward the dimension's high pole (detailed, expert, warm), < 0 toward the
low pole (concise, simple, blunt). A feedback pair (chosen c ≻ rejected r) is described by its
feature vector, the judged differences normalized by each dimension's margin (the gap that counts as a
clear difference) and clipped to ±`feature_clip`, so one very long answer cannot dominate:

    x_d = clip((s_d(c) − s_d(r)) / margin_d, −C, C)

A rating is an observation too: its rated answer against a reference — the user's other rated answers
to the same prompt (implicit pairs), else the running mean of their rated answers, scaled by the
rating's distance from the reference's rating (3, neutral, for the mean). The rule is
`personalign.memory.ratings`; the store keeps each rating's judged difference on its feedback row, and
`personalign.feedback.ratings` turns it into x with the same normalization and clip. A thumbs up (5)
on the shorter of two answers and a thumbs down (1) on the longer is one full-strength observation,
the same as choosing the shorter; a 4 or a 2 counts half; a 3 moves nothing unless a partner was rated
differently.

Bradley–Terry / logistic likelihood of the observed choice:

    P(c ≻ r | w) = σ(w · x)

Prior from explicit preferences: w ~ N(μ, (1/λ) I), where μ_d is the signed weight of the user's
active explicit preference on d (direction × weight × confidence, `Preference.signed_weight`), 0 when
there is none. The MAP objective over observations i = 1..n is

    J(w) = Σ_i log σ(w · x_i) − (λ/2) ‖w − μ‖²

and the online update takes one stochastic gradient-ascent step per observation, spreading the prior
over the steps:

    g = (1 − σ(w · x)) · x − λ · (w − μ)
    w ← clip(w + η · g, −w_max, w_max)

starting from w = μ for a user without learned weights. (1 − σ(w·x)) is large while the current
weights disagree with the choice and vanishes once they explain it, so consistent feedback saturates
instead of growing without bound; the λ term pulls dimensions that feedback does not move back to the
stated preference (or to 0), which also forgets stale evidence gradually.

Use at decoding time
--------------------
`reward_terms` turns the weights into PAD's multi-objective terms Σ_j w_j r_j(a): one RewardTerm
per dimension with |w_d| ≥ `min_weight`, whose preference text is a wording of the pole that the
sign of w_d picks (`personalign.rewards.preferences.wordings`) and whose weight is |w_d| clipped to
`max_term_weight` (PAD's tested range tops out at 1.5). No training run is involved: the next request
uses the new weights.

Storage: the weights, the number of observations and the last feedback id consumed live in the memory
store (`MemoryStore.get_learned_weights`/`set_learned_weights`), appear in the user's Profile
(`Profile.learned_weights`) and are deleted and exported with the user's data. `update_user` is
idempotent: it consumes only feedback newer than the stored last id, in feedback order. It runs after
the feedback is stored, in its own transaction, so a failed update never loses the feedback: the next
successful update folds it in.
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass

from personalign.decoding import RewardTerm
from personalign.dimensions import DIMENSIONS, in_margins
from personalign.feedback.errors import FeedbackConfigError
from personalign.feedback.pairs import FeedbackPair, user_pairs
from personalign.feedback.ratings import user_ratings
from personalign.memory.errors import StaleStateError
from personalign.rewards.preferences import wordings


@dataclass(frozen=True)
class OnlineConfig:
    learning_rate: float = 0.5      # η
    prior_strength: float = 0.1     # λ = 1 / prior variance
    feature_clip: float = 3.0       # C, in margins
    max_weight: float = 3.0         # w_max: bound on any stored weight
    min_weight: float = 0.1         # |w_d| below this adds no decoding term
    max_term_weight: float = 1.5    # cap on a PAD term's weight

    def __post_init__(self):
        self.validate()

    def validate(self) -> OnlineConfig:
        for name, value in asdict(self).items():
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
                    or value < 0:
                raise FeedbackConfigError(f"{name} must be a non-negative number, got {value!r}")
        if self.learning_rate == 0 or self.feature_clip == 0 or self.max_weight == 0:
            raise FeedbackConfigError("learning_rate, feature_clip and max_weight must be positive")
        return self


def features(chosen: str, rejected: str, clip: float = 3.0) -> dict[str, float]:
    """x_d = clip((s_d(chosen) − s_d(rejected)) / margin_d, ±clip) for every dimension."""
    return in_margins({name: dim.judge.score(chosen) - dim.judge.score(rejected)
                       for name, dim in DIMENSIONS.items()}, clip)


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def logistic_step(weights: Mapping[str, float], x: Mapping[str, float], prior: Mapping[str, float],
                  config: OnlineConfig = OnlineConfig()) -> dict[str, float]:
    """One MAP gradient step on one observation (chosen ≻ rejected with features x); see the docstring."""
    dims = list(DIMENSIONS)
    w = {d: float(weights.get(d, prior.get(d, 0.0))) for d in dims}
    p = _sigmoid(sum(w[d] * x.get(d, 0.0) for d in dims))
    out = {}
    for d in dims:
        g = (1.0 - p) * x.get(d, 0.0) - config.prior_strength * (w[d] - prior.get(d, 0.0))
        out[d] = max(-config.max_weight, min(config.max_weight, w[d] + config.learning_rate * g))
    return out


def choice_probability(weights: Mapping[str, float], x: Mapping[str, float]) -> float:
    """P(chosen ≻ rejected) under the current weights."""
    return _sigmoid(sum(weights.get(d, 0.0) * x.get(d, 0.0) for d in DIMENSIONS))


def explicit_prior(store, user: str) -> dict[str, float]:
    """μ: the signed weight of each active explicit, dimensioned preference (0 elsewhere)."""
    prior = {d: 0.0 for d in DIMENSIONS}
    for p in store.list_preferences(user):
        if p.kind == "explicit" and p.dimension in prior and p.signed_weight is not None:
            prior[p.dimension] = float(p.signed_weight)
    return prior


@dataclass(frozen=True)
class OnlineUpdate:
    user: str
    weights: dict[str, float]
    observations: int        # total observations folded into the weights so far
    new_observations: int    # consumed by this call (choices, edits and ratings)
    last_feedback_id: int
    dropped_unsafe: int      # pairs and ratings that favoured a flagged answer (new ratings only)
    new_ratings: int = 0     # of new_observations, how many were ratings


def update_user(store, user: str, config: OnlineConfig = OnlineConfig(), attempts: int = 5) -> OnlineUpdate:
    """Fold the user's feedback newer than the stored state into their weights and store them.

    Pairs come from `personalign.feedback.pairs.user_pairs` and ratings from
    `personalign.feedback.ratings.user_ratings`, so feedback favouring unsafe answers never moves a
    weight. Safe to call after every feedback event or in batches: old feedback is never counted twice,
    also when several processes (server replicas) update one user at once: the write is a compare-and-set
    on the state read, and a lost race reads again and refolds (up to `attempts` times, then
    `StaleStateError`, a busy-store error).
    """
    config.validate()
    if isinstance(attempts, bool) or not isinstance(attempts, int) or attempts < 1:
        raise FeedbackConfigError(f"attempts must be an integer >= 1, got {attempts!r}")
    for _ in range(attempts - 1):
        try:
            return _update_once(store, user, config)
        except StaleStateError:
            continue  # another writer got there first: read its state and fold again
    return _update_once(store, user, config)


def _update_once(store, user: str, config: OnlineConfig) -> OnlineUpdate:
    state = store.get_learned_weights(user)
    prior = explicit_prior(store, user)
    weights = dict(state.weights) if state is not None else dict(prior)
    seen = state.last_feedback_id if state is not None else 0
    observations = state.observations if state is not None else 0
    pairs = user_pairs(store, user)
    rated = user_ratings(store, user, after=seen, clip=config.feature_clip)
    new = sorted([(p.feedback_id, features(p.chosen, p.rejected, config.feature_clip)) for p in pairs.after(seen)]
                 + [(r.feedback_id, r.x) for r in rated.observations], key=lambda fx: fx[0])
    weights = fold_features(weights, [x for _, x in new], prior, config)
    last = max([seen] + [fid for fid, _ in new])
    if new:
        store.set_learned_weights(user, weights, observations=observations + len(new), last_feedback_id=last,
                                  expected_last_feedback_id=state.last_feedback_id if state is not None else None)
    return OnlineUpdate(user, weights, observations + len(new), len(new), last,
                        pairs.dropped_unsafe + rated.dropped_unsafe, len(rated.observations))


def fold(weights: Mapping[str, float], pairs: Sequence[FeedbackPair], prior: Mapping[str, float],
         config: OnlineConfig = OnlineConfig()) -> dict[str, float]:
    """Apply `logistic_step` for each pair in order."""
    return fold_features(weights, [features(p.chosen, p.rejected, config.feature_clip) for p in pairs], prior, config)


def fold_features(weights: Mapping[str, float], xs: Sequence[Mapping[str, float]], prior: Mapping[str, float],
                  config: OnlineConfig = OnlineConfig()) -> dict[str, float]:
    """Apply `logistic_step` for each observation's features in order."""
    w = {d: float(weights.get(d, prior.get(d, 0.0))) for d in DIMENSIONS}
    for x in xs:
        w = logistic_step(w, x, prior, config)
    return w


def term_specs(weights: Mapping[str, float] | None, config: OnlineConfig = OnlineConfig()
               ) -> dict[str, tuple[str, float]]:
    """dimension → (pole wording, term weight) for the dimensions strong enough to steer decoding."""
    out = {}
    for d, w in (weights or {}).items():
        if d not in DIMENSIONS or not math.isfinite(w) or abs(w) < config.min_weight:
            continue
        dim = DIMENSIONS[d]
        pole = dim.high if w > 0 else dim.low
        out[d] = (wordings(d, pole, "train")[0], min(abs(w), config.max_term_weight))
    return out


def reward_terms(weights_per_prompt: Sequence[Mapping[str, float] | None], config: OnlineConfig = OnlineConfig(),
                 preference: str | Sequence[str | None] | None = None, preference_weight: float = 1.0
                 ) -> list[RewardTerm] | None:
    """PAD terms for a batch: one term per dimension that any row's weights steer (per-row wording and
    weight; rows that do not steer it get weight 0), plus — when given — each row's preference text as
    a term of weight `preference_weight` (rows without one get weight 0). None when nothing steers.
    """
    n = len(weights_per_prompt)
    specs = [term_specs(w, config) for w in weights_per_prompt]
    prefs = [preference] * n if preference is None or isinstance(preference, str) else list(preference)
    if len(prefs) != n:
        raise FeedbackConfigError(f"got {len(prefs)} preferences for {n} prompts")
    terms = []
    if any(p for p in prefs):
        filler = next(p for p in prefs if p)
        terms.append(RewardTerm(preference=[p or filler for p in prefs],
                                weight=[preference_weight if p else 0.0 for p in prefs]))
    for d, dim in DIMENSIONS.items():
        if not any(d in s for s in specs):
            continue
        # A row that does not steer d still needs some text in the term's batch; weight 0 makes it inert.
        filler = wordings(d, dim.high, "train")[0]
        terms.append(RewardTerm(preference=[s[d][0] if d in s else filler for s in specs],
                                weight=[s[d][1] if d in s else 0.0 for s in specs]))
    return terms or None


def terms_for_users(store, users: Sequence[str], preference: str | Sequence[str | None] | None = None,
                    preference_weight: float = 1.0, config: OnlineConfig = OnlineConfig()) -> list[RewardTerm] | None:
    """`reward_terms` with each user's stored learned weights (users without any add no dimension term)."""
    learned = []
    for user in users:
        state = store.get_learned_weights(user)
        learned.append(state.weights if state is not None else None)
    return reward_terms(learned, config, preference, preference_weight)
