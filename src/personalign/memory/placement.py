"""Placement rules: whether an arriving preference merges, supersedes or is outranked, as pure functions.

Each preference has a kind (``explicit``: stated by the user; ``implicit``: inferred from feedback),
an optional dimension/pole (see `personalign.memory.classify`), a weight (how strongly, default 1),
a confidence in [0, 1], a scope (``global``: always on — every preference with a dimension by
default; ``topical``: retrieved by similarity to the prompt) and a status (``active``,
``superseded``, ``retracted``). Nothing is deleted except by `MemoryStore.forget_user`; history is kept
through ``superseded_by`` links.

When a preference arrives (explicit outranks implicit):

* same dimension, same pole, same kind → **merge** into the active one: confidence combines as
  independent evidence, 1 − (1 − c_old)(1 − c_new), the evidence count grows, no new row;
* same dimension, explicit arriving over an implicit (either pole), or opposite pole with the same
  kind → the new one **supersedes** the old one;
* implicit arriving over an active explicit on that dimension → **outranked**: not stored;
* no dimension: the closest active dimensionless preference by embedding decides — cosine
  ≥ `CONFLICT_SIM`, opposed (negation parity or an antonym pair, `classify.opposed`) and about the
  same thing (`classify.same_subject`: "I dislike crowded beaches" does not supersede "I love quiet
  beaches") → supersede; cosine ≥ `DUPLICATE_SIM` (or the same normalized text) and not opposed → merge.

So at most one preference per dimension is active for a user at a time. The store finds the active
preferences these functions compare against and applies their verdict in one write transaction.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar

import numpy as np

from personalign.memory.classify import Classification, opposed, same_subject

EXPLICIT_CONFIDENCE = 0.8     # a preference stated once; each restatement adds evidence
DUPLICATE_SIM = 0.9
CONFLICT_SIM = 0.7
SEARCH_SIM = min(CONFLICT_SIM, DUPLICATE_SIM)  # below this, a dimensionless preference cannot matter


@dataclass(frozen=True)
class Candidate:
    """A checked preference about to be placed: its dimension/pole and scope are settled, its text is
    embedded when explicit (`vector`, a unit float32 row), and `evidence_count` says how many
    observations it stands for (1 for a statement; the votes for an implicit one)."""

    text: str
    kind: str
    dimension: str | None
    pole: str | None
    weight: float
    confidence: float
    source: str
    scope: str
    vector: np.ndarray | None = field(default=None, compare=False, repr=False)
    classification: Classification | None = None
    evidence_count: int = 1


class Placed(Protocol):
    """What the rules read of an active preference (a stored row or a `Preference`)."""

    id: int
    text: str
    kind: str
    pole: str | None


P = TypeVar("P", bound=Placed)


@dataclass(frozen=True)
class Placement(Generic[P]):
    """The verdict for one candidate.

    action: "outranked" (not stored; `target` is the active explicit preference that wins), "merge"
    (`target` absorbs the candidate) or "add" (a new active preference; `supersede` move to history).
    """

    action: str
    target: P | None = None
    supersede: tuple[P, ...] = ()


def place_on_dimension(cand: Candidate, active: Iterable[P]) -> Placement[P]:
    """The verdict for a candidate with a dimension against the active preferences on that dimension."""
    merge_into, to_supersede = None, []
    for other in active:
        if cand.kind == "implicit" and other.kind == "explicit":
            return Placement("outranked", other)
        if other.pole == cand.pole and other.kind == cand.kind:
            merge_into = other
        else:
            to_supersede.append(other)
    if merge_into is not None:
        return Placement("merge", merge_into)
    return Placement("add", None, tuple(to_supersede))


def place_by_meaning(cand: Candidate, similar: Iterable[tuple[P, float]]) -> Placement[P]:
    """The verdict for a dimensionless candidate against active dimensionless preferences, given with
    their cosine similarity to it (1.0 for the same normalized text), most similar first."""
    to_supersede, best_dup, best_sim = [], None, -1.0
    for other, sim in similar:
        if sim >= CONFLICT_SIM and opposed(other.text, cand.text) and same_subject(other.text, cand.text):
            to_supersede.append(other)
        elif sim >= DUPLICATE_SIM and sim > best_sim and other.kind == cand.kind:
            best_dup, best_sim = other, sim
    if not to_supersede and best_dup is not None:
        return Placement("merge", best_dup)
    return Placement("add", None, tuple(to_supersede))


def merged_confidence(old: float, new: float) -> float:
    """Two confidences combined as independent evidence: 1 − (1 − old)(1 − new)."""
    return round(1 - (1 - old) * (1 - new), 6)


def normalized_text(text: str) -> str:
    """Case, width and punctuation folded away: texts equal after this are the same statement."""
    return re.sub(r"[\W_]+", " ", unicodedata.normalize("NFKC", text).casefold()).strip()


def same_text(a: str, b: str) -> bool:
    return normalized_text(a) == normalized_text(b)
