"""Simulated users in the style of P-Soups: one pole per dimension plus a preference wording.

A user is a combination of poles over the judged dimensions (length concise↔detailed, expertise
simple↔expert, tone blunt↔warm). The wording the strategies see is built from held-out phrasings
only, so a trained PersRM is scored on preferences worded in ways it never saw.

Wordings come from `personalign.rewards.preferences` (the held-out split of the project's wordings);
with source "builtin", or for a pole it has none for, from `EVAL_WORDINGS` below, which no training
code reads, so they are held out by construction.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass

from personalign.dimensions import DIMENSIONS
from personalign.errors import ConfigError
from personalign.rewards.preferences import wordings

# Held-out phrasings per (dimension, pole). Several per pole so users of the same pole do not all
# say the same sentence.
EVAL_WORDINGS: dict[tuple[str, str], tuple[str, ...]] = {
    ("length", "concise"): (
        "Keep your answer to two or three sentences at most.",
        "I'm in a hurry, so give me the short version only.",
        "Be brief: no lists, no extra background.",
    ),
    ("length", "detailed"): (
        "Give me a thorough answer with several paragraphs and examples.",
        "I want the full picture: cover the details, steps and reasons.",
        "Please be comprehensive and explain everything at length.",
    ),
    ("expertise", "simple"): (
        "Explain it so a ten-year-old could follow, with short everyday words.",
        "Use very simple language, as if talking to a young child.",
        "No jargon at all; keep the sentences short and plain.",
    ),
    ("expertise", "expert"): (
        "I'm a specialist: use precise technical terminology and assume background knowledge.",
        "Answer at the level of a graduate textbook, with the proper technical vocabulary.",
        "Talk to me like a domain expert; sophisticated terminology is welcome.",
    ),
    ("tone", "warm"): (
        "Be warm, friendly and encouraging, like a kind mentor.",
        "Please sound cheerful and supportive; I love a positive, caring tone.",
        "Use a gentle, upbeat and reassuring voice.",
    ),
    ("tone", "blunt"): (
        "Be blunt and matter-of-fact; skip the pleasantries and any cheerfulness.",
        "No friendliness or encouragement, just the cold facts stated flatly.",
        "Answer in a dry, curt, impersonal tone.",
    ),
}


@dataclass(frozen=True)
class SimulatedUser:
    """A user id, the requested pole for each dimension, and the wording the strategies see."""

    id: str
    poles: tuple[tuple[str, str], ...]  # ((dimension, pole), ...) in DIMENSIONS order
    preference: str

    @property
    def pole_map(self) -> dict[str, str]:
        return dict(self.poles)

    def to_dict(self) -> dict:
        return {"id": self.id, "poles": self.pole_map, "preference": self.preference}


def _external_wordings(dimension: str, pole: str) -> list[str] | None:
    """Held-out wordings from personalign.rewards.preferences, when it has some for the pole."""
    try:
        found = wordings(dimension, pole, split="heldout")
    except (TypeError, KeyError, ValueError):
        return None
    return [w for w in found if isinstance(w, str) and w.strip()] or None


def wordings_for(dimension: str, pole: str, source: str = "auto") -> list[str]:
    """Held-out wordings for one pole. `source`: "auto" (project's if present), "builtin"."""
    if source not in ("auto", "builtin"):
        raise ConfigError(f"unknown wording source {source!r}; choose auto or builtin")
    if source == "auto":
        external = _external_wordings(dimension, pole)
        if external:
            return external
    try:
        return list(EVAL_WORDINGS[(dimension, pole)])
    except KeyError:
        raise ConfigError(f"no wordings for dimension {dimension!r} pole {pole!r}") from None


def wording_source() -> str:
    """Which wordings `wordings_for(..., "auto")` uses right now (recorded in the manifest)."""
    dim = next(iter(DIMENSIONS.values()))
    return "personalign.rewards.preferences" if _external_wordings(dim.name, dim.low) else "builtin"


def all_pole_combinations(dimensions: list[str] | None = None) -> list[tuple[tuple[str, str], ...]]:
    names = dimensions or list(DIMENSIONS)
    for name in names:
        if name not in DIMENSIONS:
            raise ConfigError(f"unknown dimension {name!r}; choose from {', '.join(DIMENSIONS)}")
    return [tuple(zip(names, combo)) for combo in itertools.product(*(DIMENSIONS[n].poles for n in names))]


def balanced_order(combos: list[tuple[tuple[str, str], ...]],
                   count: int | None = None) -> list[tuple[tuple[str, str], ...]]:
    """The first `count` combos of a design that keeps small user sets balanced.

    The half fraction with an even number of 'high' poles comes first: for three dimensions its 4
    users cover every pole exactly twice and no two dimensions move together (a 2^(3-1) design), so
    length effects are not mistaken for expertise effects. Two users are the all-low user and its
    complement, the only balanced pair.
    """
    def highs(combo):
        return sum(DIMENSIONS[d].direction(p) > 0 for d, p in combo)

    even = [c for c in combos if highs(c) % 2 == 0]
    order = even + [c for c in combos if c not in even]
    count = len(order) if count is None else count
    if count <= 2 and len(order) > 1:
        low = order[0]
        complement = next((c for c in order if all(p != q for (_, p), (_, q) in zip(c, low))), order[1])
        return [low, complement][:count]
    return order[:count]


def build_users(n_users: int | None = None, dimensions: list[str] | None = None, source: str = "auto",
                wording_offset: int = 0) -> list[SimulatedUser]:
    """Users over all pole combinations (8 for three dimensions).

    `n_users` below the full design keeps the first users of `balanced_order` (2 users are
    complements, 4 cover every pole twice, uncorrelated). Wordings rotate per user so a pole is phrased differently.
    """
    combos = all_pole_combinations(dimensions)
    if n_users is not None:
        if isinstance(n_users, bool) or not isinstance(n_users, int) or n_users < 1:
            raise ConfigError(f"users must be an integer >= 1, got {n_users!r}")
        combos = balanced_order(combos, n_users)
    users = []
    for index, combo in enumerate(combos):
        sentences = []
        for dim, pole in combo:
            options = wordings_for(dim, pole, source)
            sentences.append(options[(index + wording_offset) % len(options)])
        user_id = "-".join(pole for _, pole in combo)
        users.append(SimulatedUser(id=user_id, poles=combo, preference=" ".join(sentences)))
    return users
