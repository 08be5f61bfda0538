"""MemoryStore: a user's preferences, interactions and feedback, and the Profile generation consumes.

Preferences
-----------
Each preference has a kind (``explicit``: stated by the user; ``implicit``: inferred from feedback),
an optional dimension/pole (see `personalign.memory.classify`), a weight (how strongly, default 1),
a confidence in [0, 1], a scope (``global``: always on — every preference with a dimension by
default; ``topical``: retrieved by similarity to the prompt) and a status (``active``,
``superseded``, ``retracted``). Nothing is deleted except by `forget_user`; history is kept through
``superseded_by`` links.

Placement rules when a preference arrives (explicit outranks implicit):

* same dimension, same pole, same kind → **merge** into the active one: confidence combines as
  independent evidence, 1 − (1 − c_old)(1 − c_new), the evidence count grows, no new row;
* same dimension, explicit arriving over an implicit (either pole), or opposite pole with the same
  kind → the new one **supersedes** the old one;
* implicit arriving over an active explicit on that dimension → **outranked**: not stored;
* no dimension: the closest active dimensionless preference by embedding decides — cosine
  ≥ `CONFLICT_SIM` and opposed (negation parity or an antonym pair, `classify.opposed`) →
  supersede; cosine ≥ `DUPLICATE_SIM` (or the same normalized text) and not opposed → merge.

So at most one preference per dimension is active for a user at a time.

Implicit preferences
--------------------
Each choice (A over B) or edit (answer → edited answer) is judged on every dimension with
`personalign.dimensions` — the preferred text's score minus the other's — and the difference is
stored on the feedback row. A difference of at least the dimension's ``margin`` is a vote toward one
pole. With k votes of n toward the majority pole, the confidence is the Wilson score lower bound
(z = 1.96) of k/n; at ≥ `IMPLICIT_MIN_CONFIDENCE` (four consistent votes out of four, six of seven,
…) an implicit preference is created or updated. Evidence older than the user's last retraction of
an implicit preference on that dimension is ignored, so a retraction sticks. Ratings and comments
are stored but move no dimension.

Feedback scale: rating is an integer 1–5 (1 = bad, 5 = good). A pairwise choice needs an
interaction recorded with two answers — ``answer`` is A and ``alt_answer`` is B — and is "A" or "B".
An edit is the user's corrected version of answer A.

Retrieval and Profile
---------------------
`profile(user, prompt)` returns every active global preference plus the `k` active topical ones
most similar to the prompt (cosine ≥ `min_similarity`). Embeddings (all-MiniLM-L6-v2, float32 bytes)
are stored with each explicit preference; a per-user matrix cache, checked against the user's
revision counter (bumped by every preference write, from any process), makes the search a single
matrix-vector product. Query embeddings are LRU-cached in the embedder.

Export format (`export_user`, JSON; one object per user)::

    {"format": "personalign.memory/1", "user": "alice", "created_at": "...", "exported_at": "2025-01-01T00:00:00+00:00", "preferences": [{"id": 1, "text": "keep it short", "kind": "explicit", "dimension": "length", "pole": "concise", "weight": 1.0, "confidence": 0.8, "evidence_count": 1, "source": "cli", "scope": "global", "status": "active", "superseded_by": null, "created_at": "...", "updated_at": "...", "embedding_model": "all-MiniLM-L6-v2", "embedding_b64": "..."}], "interactions": [{"id": 1, "prompt": "...", "answer": "...", "alt_answer": null, "strategy": "pad", "params": {}, "created_at": "..."}], "feedback": [{"id": 1, "interaction_id": 1, "rating": 5, "choice": null, "edited_answer": null, "comment": null, "signals": {"length": null, "expertise": null, "tone": null}, "created_at": "..."}], "learned_weights": {"weights": {"length": -0.8, "expertise": 0.0, "tone": 0.1}, "observations": 12, "last_feedback_id": 40, "updated_at": "..."}, "adapter": {"manifest": {"format": "personalign.adapter/1", "user": "alice", "...": "..."}, "files_b64": {"adapter_config.json": "...", "adapter_model.safetensors": "..."}}, "api_keys": [{"key_id": "3f9c2a7d1e0b4c55", "created_at": "..."}]}

``learned_weights`` and ``adapter`` are null when the user has none. ``api_keys`` lists the user's
server API keys by id (never a secret or its digest); ``created_at`` is null for a user who has keys
but no stored rows yet. ``adapter`` holds only this store's files (see `adapter_dir`).

Feedback adaptation
-------------------
Per-dimension weights learned online from choices and edits (`personalign.feedback.online`) are
stored per user (`get_learned_weights`/`set_learned_weights`/`reset_learned_weights`) and shown in
`Profile.learned_weights`. A user's LoRA adapter (`personalign.feedback.adapters`) lives in
`adapter_dir(user)`: <data_dir>/adapters/<store id>/<user>, where the store id is a random id kept in
the database itself (`store_id`), so databases sharing a data directory never share files and a moved
database keeps its own. Both are part of the user's data: exported by `export_user`, deleted by
`forget_user`. (Adapters written before the store id existed sit directly under <data_dir>/adapters/;
they cannot be attributed to a database, so they are ignored and left for the owner to delete.)
"""
from __future__ import annotations

import base64
import hashlib
import json
import math
import os
import re
import shutil
import threading
import unicodedata
from contextlib import nullcontext
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

import numpy as np
from sqlalchemy import and_, case, delete, func, insert, select, true, update
from sqlalchemy.exc import IntegrityError

from personalign.memory import db
from personalign.memory import keys as api_keys
from personalign.memory.classify import Classification, classify_by_embedding, classify_preference, opposed
from personalign.memory.errors import (MemoryInputError, PreferenceStateError, StoreError, UnknownInteractionError,
                                       UnknownPreferenceError, UnknownUserError, UnsafePreferenceError)
from personalign.memory.schema import (KINDS, SCOPES, SIGNAL_COLUMNS, FeedbackRow, InteractionRow, PreferenceRow,
                                       StoreMetaRow, UserRow, UserWeightsRow, utcnow)
from personalign.memory.schema import vector_from_bytes as from_bytes
from personalign.memory.schema import vector_to_bytes as to_bytes
from personalign.dimensions import DIMENSIONS
from personalign.safety import check_preference, check_text

MAX_PREFERENCE_CHARS = 2000
MAX_USER_CHARS = 200
MAX_TEXT_CHARS = 100_000      # prompts, answers, edited answers
MAX_COMMENT_CHARS = 2000
MAX_WEIGHT = 10.0
RATING_MIN, RATING_MAX = 1, 5
EXPLICIT_CONFIDENCE = 0.8     # a preference stated once; each restatement adds evidence
DUPLICATE_SIM = 0.9
CONFLICT_SIM = 0.7
IMPLICIT_MIN_CONFIDENCE = 0.5
WILSON_Z = 1.96
IMPLICIT_TEXTS = {
    ("length", "concise"): "Prefers concise, short answers.",
    ("length", "detailed"): "Prefers detailed, thorough answers.",
    ("expertise", "simple"): "Prefers simple, plain-language explanations.",
    ("expertise", "expert"): "Prefers expert-level, technical answers.",
    ("tone", "blunt"): "Prefers a blunt, direct tone.",
    ("tone", "warm"): "Prefers a warm, friendly tone.",
}
_POLE_TO_DIM = {pole: name for name, d in DIMENSIONS.items() for pole in d.poles}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_STORE_ID = re.compile(r"[0-9a-f]{32}")


# ---------------------------------------------------------------- public records

@dataclass(frozen=True)
class Preference:
    id: int
    user: str
    text: str
    kind: str
    dimension: str | None
    pole: str | None
    weight: float
    confidence: float
    evidence_count: int
    source: str
    scope: str
    status: str
    superseded_by: int | None
    created_at: datetime
    updated_at: datetime

    @property
    def signed_weight(self) -> float | None:
        """direction × weight × confidence: positive toward the dimension's high pole."""
        if self.dimension is None or self.pole is None:
            return None
        return DIMENSIONS[self.dimension].direction(self.pole) * self.weight * self.confidence

    def to_dict(self) -> dict:
        d = asdict(self)
        d["created_at"] = self.created_at.isoformat()
        d["updated_at"] = self.updated_at.isoformat()
        return d


@dataclass(frozen=True)
class AddResult:
    """What `add_preference`/`update_preference` did.

    action: "added" (a new active row), "merged" (an existing active row absorbed it; `preference`
    is that row), or "outranked" (an implicit preference lost to an active explicit one and was not
    stored; `preference` is the explicit one). `superseded`: rows this call moved to history.
    """

    action: str
    preference: Preference
    superseded: tuple[Preference, ...] = ()
    classification: Classification | None = None


@dataclass(frozen=True)
class Interaction:
    id: int
    user: str
    prompt: str
    answer: str
    alt_answer: str | None
    strategy: str
    params: dict
    created_at: datetime


@dataclass(frozen=True)
class FeedbackRecord:
    id: int
    interaction_id: int
    rating: int | None
    choice: str | None
    edited_answer: str | None
    comment: str | None
    signals: dict[str, float | None]
    created_at: datetime
    inferred: tuple[AddResult, ...] = ()  # implicit preferences created/updated by this feedback


@dataclass(frozen=True)
class LearnedWeights:
    """Dimension → signed weight learned online from feedback (> 0 toward the high pole), with how many
    observations went in and the newest feedback id folded in."""

    weights: dict[str, float]
    observations: int
    last_feedback_id: int
    updated_at: datetime

    def to_dict(self) -> dict:
        return {"weights": dict(self.weights), "observations": self.observations,
                "last_feedback_id": self.last_feedback_id, "updated_at": self.updated_at.isoformat()}


@dataclass(frozen=True)
class Profile:
    """The user's active, relevant preferences in the form generation consumes.

    preference_text: the selected preference texts joined by newlines (None when there are none); the
        decoding layer wraps it as delimited data.
    preferences: the selected rows, explicit first, then global before topical.
    weights: dimension → signed weight (direction × weight × confidence; > 0 toward the high pole:
        detailed, expert, warm; < 0 toward concise, simple, blunt).
    similarities: preference id → cosine similarity to the prompt, for the topical ones retrieved.
    learned_weights: dimension → signed weight learned online from the user's choices and edits
        (`personalign.feedback.online`; empty when none), in the same convention as `weights`.
    """

    user: str
    preference_text: str | None
    preferences: tuple[Preference, ...] = ()
    weights: dict[str, float] = field(default_factory=dict)
    similarities: dict[int, float] = field(default_factory=dict)
    learned_weights: dict[str, float] = field(default_factory=dict)

    @property
    def poles(self) -> dict[str, tuple[str, float]]:
        """dimension → (pole, strength ≥ 0), the same information as `weights`."""
        out = {}
        for dim, w in self.weights.items():
            d = DIMENSIONS[dim]
            out[dim] = (d.high if w > 0 else d.low, abs(w))
        return out

    @property
    def is_empty(self) -> bool:
        return not self.preferences


# ---------------------------------------------------------------- validation

def _check_text(value, what: str, limit: int, *, allow_empty: bool = False) -> str:
    if not isinstance(value, str):
        raise MemoryInputError(f"{what} must be text, got {type(value).__name__}")
    if "\x00" in value:
        raise MemoryInputError(f"{what} contains a NUL byte")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: argv bytes that were not UTF-8, or JSON escapes
        raise MemoryInputError(f"{what} is not valid UTF-8") from None
    if not allow_empty and not value.strip():
        raise MemoryInputError(f"{what} is empty")
    if len(value) > limit:
        raise MemoryInputError(f"{what} is {len(value)} characters long; the limit is {limit}")
    return value


def _check_user(user) -> str:
    user = _check_text(user, "user name", MAX_USER_CHARS)
    if _CONTROL.search(user) or user != user.strip():
        raise MemoryInputError("user name must not contain control characters or surrounding spaces")
    return user


def _check_id(value, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= db.MAX_ID:
        raise MemoryInputError(f"{what} must be an integer from 1 to {db.MAX_ID}, got {value!r}")
    return value


def _check_weight(weight) -> float:
    if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not math.isfinite(weight) \
            or not 0 < weight <= MAX_WEIGHT:
        raise MemoryInputError(f"weight must be a number in (0, {MAX_WEIGHT:g}], got {weight!r}")
    return float(weight)


def _check_confidence(c) -> float:
    if isinstance(c, bool) or not isinstance(c, (int, float)) or not math.isfinite(c) or not 0 < c <= 1:
        raise MemoryInputError(f"confidence must be a number in (0, 1], got {c!r}")
    return float(c)


def _norm_text(text: str) -> str:
    return re.sub(r"[\W_]+", " ", unicodedata.normalize("NFKC", text).casefold()).strip()


def wilson_lower_bound(k: int, n: int, z: float = WILSON_Z) -> float:
    """Lower end of the Wilson score interval for k successes out of n."""
    if n <= 0:
        return 0.0
    p = k / n
    denom = 1 + z * z / n
    centre = p + z * z / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, (centre - spread) / denom)


# ---------------------------------------------------------------- the store

@dataclass
class _UserSnapshot:
    """Active preferences of one user at one revision, with the topical embedding matrix."""

    user_id: int
    revision: int
    active: list[Preference]
    topical: list[Preference]
    matrix: np.ndarray              # (len(topical), dim), unit rows
    free: list[Preference]          # dimensionless ones with an embedding: candidates for meaning-level conflicts
    free_matrix: np.ndarray
    globals: list[Preference] = field(default_factory=list)
    learned: dict[str, float] = field(default_factory=dict)


def _cosines(matrix: np.ndarray, vec: np.ndarray) -> np.ndarray:
    """matrix @ vec for unit rows. einsum, not BLAS: OpenBLAS runs this matrix-vector product on all
    cores and its threads spin-wait when the cores are busy — measured on a loaded 2-core machine
    with 10k rows: 20 ms median through BLAS, 0.7 ms through einsum's single-threaded loop."""
    return np.einsum("ij,j->i", matrix, np.asarray(vec, dtype=np.float32))


class MemoryStore:
    """Preference memory over any SQLAlchemy URL (default: SQLite in the user data dir).

    Thread-safe: every call uses its own session; the retrieval cache is guarded by a lock.
    """

    def __init__(self, url: str | None = None, *, embedder=None, migrate: bool = True,
                 data_dir: str | os.PathLike | None = None, lock_timeout: float | None = None):
        """url: any SQLAlchemy URL or a SQLite file path (None: $PERSONALIGN_DB, else the default file).
        embedder: anything with `embed(list[str]) -> (n, d) unit float32 array` and `embed_query(str)`;
        None loads all-MiniLM-L6-v2 on first need. migrate: upgrade the schema to head on open.
        data_dir: where per-user files (adapters) live; None: the user data dir of personalign.
        lock_timeout: seconds a write waits for another process's lock before StoreBusyError (None:
        $PERSONALIGN_LOCK_TIMEOUT, else `db.DEFAULT_LOCK_TIMEOUT_S`)."""
        self.data_dir = Path(data_dir) if data_dir is not None else db.default_db_path().parent
        self.url = db.resolve_url(url)
        self.engine = db.create_store_engine(self.url, lock_timeout)
        if migrate:
            db.migrate(self.engine)
        self._read, self._write = db.session_factory(self.engine)
        self._embedder = embedder
        self._cache: dict[str, _UserSnapshot] = {}
        self._cache_lock = threading.Lock()
        self._store_id: str | None = None

    # -- plumbing

    @property
    def embedder(self):
        if self._embedder is None:
            from personalign.models.embeddings import default_embedder

            self._embedder = default_embedder()
        return self._embedder

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _user_row(self, session, user: str, *, create: bool = False) -> UserRow:
        row = session.execute(select(UserRow).where(UserRow.name == user)).scalar_one_or_none()
        if row is None:
            if not create:
                raise UnknownUserError(user)
            row = UserRow(name=user, revision=0, created_at=utcnow())
            try:
                # A savepoint: on PostgreSQL another process may create the same user concurrently.
                with session.begin_nested():
                    session.add(row)
            except IntegrityError:
                row = session.execute(select(UserRow).where(UserRow.name == user)).scalar_one()
        return row

    def _user_id(self, user: str) -> int:
        with self._read() as s:
            uid = s.execute(select(UserRow.id).where(UserRow.name == user)).scalar_one_or_none()
        if uid is None:
            raise UnknownUserError(user)
        return uid

    @staticmethod
    def _pref(row: PreferenceRow, user: str) -> Preference:
        return Preference(id=row.id, user=user, text=row.text, kind=row.kind, dimension=row.dimension,
                          pole=row.pole, weight=row.weight, confidence=row.confidence,
                          evidence_count=row.evidence_count, source=row.source, scope=row.scope,
                          status=row.status, superseded_by=row.superseded_by, created_at=row.created_at,
                          updated_at=row.updated_at)

    # -- preferences

    def add_preference(self, user: str, text: str, *, kind: str = "explicit", dimension: str | None = None,
                       pole: str | None = None, weight: float = 1.0, confidence: float | None = None,
                       source: str = "api", scope: str | None = None) -> AddResult:
        """Stores a preference after the safety check, merging or superseding as the rules say.

        dimension/pole: given, or inferred from the text (`classify.classify_preference`); a pole
        alone implies its dimension. scope: "global" | "topical" | None (global iff it has a dimension).
        Raises UnsafePreferenceError (nothing stored) or MemoryInputError for bad input.
        """
        user = _check_user(user)
        cand = self._candidate(text, kind=kind, dimension=dimension, pole=pole, weight=weight,
                               confidence=confidence, source=source, scope=scope)
        return db.run_write(self._write, lambda s: self._place(s, self._user_row(s, user, create=True), cand))

    def _candidate(self, text, *, kind, dimension, pole, weight, confidence, source, scope) -> dict:
        text = _check_text(text, "preference text", MAX_PREFERENCE_CHARS).strip()
        if kind not in KINDS:
            raise MemoryInputError(f"kind must be one of {', '.join(KINDS)}, got {kind!r}")
        if scope is not None and scope not in SCOPES:
            raise MemoryInputError(f"scope must be one of {', '.join(SCOPES)}, got {scope!r}")
        source = _check_text(source, "source", 64)
        weight = _check_weight(weight)
        confidence = EXPLICIT_CONFIDENCE if confidence is None else _check_confidence(confidence)
        verdict = check_preference(text)
        if not verdict.allowed:
            raise UnsafePreferenceError(verdict)
        if pole is not None and dimension is None:
            if pole not in _POLE_TO_DIM:
                raise MemoryInputError(f"unknown pole {pole!r}; poles are {', '.join(_POLE_TO_DIM)}")
            dimension = _POLE_TO_DIM[pole]
        if dimension is not None:
            if dimension not in DIMENSIONS:
                raise MemoryInputError(f"unknown dimension {dimension!r}; choose one of {', '.join(DIMENSIONS)}")
            if pole not in DIMENSIONS[dimension].poles:
                raise MemoryInputError(f"dimension {dimension!r} needs a pole: {' or '.join(DIMENSIONS[dimension].poles)}")
        vector = None
        classification = None
        if kind == "explicit":
            # Embedded for every explicit preference: topical retrieval and meaning-level conflicts need it.
            vector = self.embedder.embed([text])[0]
            if dimension is None:
                classification = classify_preference(text) or classify_by_embedding(vector, self.embedder)
                if classification is not None:
                    dimension, pole = classification.dimension, classification.pole
        if scope is None:
            scope = "global" if dimension is not None else "topical"
        return dict(text=text, kind=kind, dimension=dimension, pole=pole, weight=weight, confidence=confidence,
                    source=source, scope=scope, vector=vector, classification=classification)

    def _place(self, s, urow: UserRow, cand: dict, *, exclude: int | None = None) -> AddResult:
        """Applies the placement rules inside a write transaction."""
        now = utcnow()
        name = urow.name
        to_supersede: list[PreferenceRow] = []
        merge_into: PreferenceRow | None = None
        if cand["dimension"] is not None:
            same_dim = s.execute(select(PreferenceRow).where(
                PreferenceRow.user_id == urow.id, PreferenceRow.status == "active",
                PreferenceRow.dimension == cand["dimension"])).scalars().all()
            for r in same_dim:
                if r.id == exclude:
                    continue
                if cand["kind"] == "implicit" and r.kind == "explicit":
                    return AddResult("outranked", self._pref(r, name), (), cand["classification"])
                if r.pole == cand["pole"] and r.kind == cand["kind"]:
                    merge_into = r
                else:
                    to_supersede.append(r)
        else:
            best_dup, best_sim = None, -1.0
            for r, sim in self._similar_free(s, urow, cand, exclude):
                if sim >= CONFLICT_SIM and opposed(r.text, cand["text"]):
                    to_supersede.append(r)
                elif sim >= DUPLICATE_SIM and sim > best_sim and r.kind == cand["kind"]:
                    best_dup, best_sim = r, sim
            if not to_supersede:
                merge_into = best_dup

        if merge_into is not None:
            r = merge_into
            r.confidence = round(1 - (1 - r.confidence) * (1 - cand["confidence"]), 6)
            r.evidence_count += 1
            r.weight = cand["weight"]  # the latest statement of strength wins
            r.updated_at = now
            urow.revision += 1
            s.flush()
            return AddResult("merged", self._pref(r, name), (), cand["classification"])

        row = PreferenceRow(
            user_id=urow.id, text=cand["text"], kind=cand["kind"], dimension=cand["dimension"], pole=cand["pole"],
            weight=cand["weight"], confidence=cand["confidence"], evidence_count=cand.get("evidence_count", 1),
            source=cand["source"], scope=cand["scope"], status="active", created_at=now, updated_at=now,
            embedding=to_bytes(cand["vector"]) if cand["vector"] is not None else None,
            embedding_model=getattr(self.embedder, "name", type(self.embedder).__name__)[:64]
            if cand["vector"] is not None else None)
        s.add(row)
        s.flush()
        for r in to_supersede:
            r.status, r.superseded_by, r.updated_at = "superseded", row.id, now
        urow.revision += 1
        s.flush()
        return AddResult("added", self._pref(row, name), tuple(self._pref(r, name) for r in to_supersede),
                         cand["classification"])

    def _similar_free(self, s, urow: UserRow, cand: dict, exclude: int | None) -> list[tuple[PreferenceRow, float]]:
        """Active dimensionless preferences within CONFLICT_SIM of the candidate (or with the same
        normalized text), as (row, cosine). Searches the cached matrix, then loads only the hits."""
        sims: dict[int, float] = {}
        snap = self._snapshot(urow.name, s)
        vec = cand["vector"]
        if snap is not None and vec is not None and snap.free:
            scores = _cosines(snap.free_matrix, vec)
            for i in np.flatnonzero(scores >= min(CONFLICT_SIM, DUPLICATE_SIM)):
                sims[snap.free[int(i)].id] = float(scores[i])
        same_text = s.execute(select(PreferenceRow.id, PreferenceRow.text).where(
            PreferenceRow.user_id == urow.id, PreferenceRow.status == "active", PreferenceRow.dimension.is_(None),
            func.lower(PreferenceRow.text) == cand["text"].lower())).all()
        for pid, t in same_text:
            if _norm_text(t) == _norm_text(cand["text"]):
                sims[pid] = 1.0
        sims.pop(exclude, None)
        if not sims:
            return []
        # Re-read in this transaction: the snapshot may predate a concurrent write.
        rows = s.execute(select(PreferenceRow).where(PreferenceRow.id.in_(list(sims)),
                                                     PreferenceRow.status == "active")).scalars().all()
        return [(r, sims[r.id]) for r in sorted(rows, key=lambda r: -sims[r.id])]

    def update_preference(self, user: str, preference_id: int, *, text: str | None = None,
                          weight: float | None = None, scope: str | None = None, source: str = "api") -> AddResult:
        """A new version of an active preference; the old one is superseded by it (kept in history).

        A changed text is re-checked, re-embedded and re-classified; the new version then follows the
        placement rules, so it may merge into another active preference instead.
        """
        user = _check_user(user)
        preference_id = _check_id(preference_id, "preference id")
        old = self._get_pref(user, preference_id)
        if old.status != "active":
            raise PreferenceStateError(f"preference {preference_id} is {old.status}; only active ones can be updated")
        new_text = old.text if text is None else text
        same_text = text is None or _check_text(text, "preference text", MAX_PREFERENCE_CHARS).strip() == old.text
        cand = self._candidate(new_text, kind=old.kind, dimension=old.dimension if same_text else None,
                               pole=old.pole if same_text else None,
                               weight=old.weight if weight is None else weight, confidence=old.confidence,
                               source=source, scope=(old.scope if same_text else None) if scope is None else scope)

        def tx(s):
            urow = self._user_row(s, user)
            row = self._owned_preference_row(s, urow, user, preference_id)
            if row.status != "active":
                raise PreferenceStateError(f"preference {preference_id} is {row.status}; only active ones can be updated")
            result = self._place(s, urow, cand, exclude=row.id)
            if result.action == "merged" or result.action == "added":
                row.status, row.superseded_by, row.updated_at = "superseded", result.preference.id, utcnow()
                urow.revision += 1
                s.flush()
                result = AddResult(result.action, result.preference, result.superseded + (self._pref(row, user),),
                                   result.classification)
            return result

        return db.run_write(self._write, tx)

    def retract(self, user: str, preference_id: int) -> Preference:
        """Marks an active preference retracted (kept in history; no longer in any profile)."""
        user = _check_user(user)
        preference_id = _check_id(preference_id, "preference id")

        def tx(s):
            urow = self._user_row(s, user)
            row = self._owned_preference_row(s, urow, user, preference_id)
            if row.status != "active":
                raise PreferenceStateError(f"preference {preference_id} is already {row.status}")
            row.status, row.updated_at = "retracted", utcnow()
            urow.revision += 1
            s.flush()
            return self._pref(row, user)

        return db.run_write(self._write, tx)

    @staticmethod
    def _owned_preference_row(session, urow: UserRow, user: str, preference_id: int) -> PreferenceRow:
        """The preference row, only if it belongs to `urow` (another user's id reads as unknown)."""
        row = session.get(PreferenceRow, preference_id)
        if row is None or row.user_id != urow.id:
            raise UnknownPreferenceError(user, preference_id)
        return row

    def _get_pref(self, user: str, preference_id: int) -> Preference:
        with self._read() as s:
            row = s.execute(select(PreferenceRow, UserRow.name).join(UserRow, UserRow.id == PreferenceRow.user_id)
                            .where(PreferenceRow.id == preference_id)).first()
            if row is None or row[1] != user:
                self._user_id(user)  # unknown user beats unknown preference in the message
                raise UnknownPreferenceError(user, preference_id)
            return self._pref(row[0], user)

    def get_preference(self, user: str, preference_id: int) -> Preference:
        return self._get_pref(_check_user(user), _check_id(preference_id, "preference id"))

    def list_preferences(self, user: str, include_history: bool = False) -> list[Preference]:
        """Active preferences (or all, with superseded and retracted ones) in creation order."""
        user = _check_user(user)
        with self._read() as s:
            urow = self._user_row(s, user)
            q = select(PreferenceRow).where(PreferenceRow.user_id == urow.id)
            if not include_history:
                q = q.where(PreferenceRow.status == "active")
            return [self._pref(r, user) for r in s.execute(q.order_by(PreferenceRow.id)).scalars()]

    def history(self, user: str) -> list[Preference]:
        return self.list_preferences(user, include_history=True)

    def users(self) -> list[str]:
        with self._read() as s:
            return list(s.execute(select(UserRow.name).order_by(UserRow.id)).scalars())

    # -- interactions and feedback

    def record_interaction(self, user: str, prompt: str, answer: str, strategy: str = "base",
                           params: dict | None = None, *, alt_answer: str | None = None) -> int:
        """Stores one exchange and returns its id. `alt_answer` is answer B, for a later pairwise choice."""
        user = _check_user(user)
        prompt = _check_text(prompt, "prompt", MAX_TEXT_CHARS)
        answer = _check_text(answer, "answer", MAX_TEXT_CHARS, allow_empty=True)
        if alt_answer is not None:
            alt_answer = _check_text(alt_answer, "alternative answer", MAX_TEXT_CHARS, allow_empty=True)
        strategy = _check_text(strategy, "strategy", 32)
        params = {} if params is None else params
        if not isinstance(params, dict):
            raise MemoryInputError("params must be a JSON object (dict)")
        try:
            params = json.loads(json.dumps(params, allow_nan=False))
        except (TypeError, ValueError) as exc:
            raise MemoryInputError(f"params must be JSON-serializable: {exc}") from None

        def tx(s):
            urow = self._user_row(s, user, create=True)
            row = InteractionRow(user_id=urow.id, prompt=prompt, answer=answer, alt_answer=alt_answer,
                                 strategy=strategy, params=params, created_at=utcnow())
            s.add(row)
            s.flush()
            return row.id

        return db.run_write(self._write, tx)

    def get_interaction(self, user: str, interaction_id: int) -> Interaction:
        user = _check_user(user)
        interaction_id = _check_id(interaction_id, "interaction id")
        with self._read() as s:
            uid = s.execute(select(UserRow.id).where(UserRow.name == user)).scalar_one_or_none()
            if uid is None:
                raise UnknownUserError(user)
            row = s.get(InteractionRow, interaction_id)
            if row is None or row.user_id != uid:
                raise UnknownInteractionError(user, interaction_id)
            return Interaction(row.id, user, row.prompt, row.answer, row.alt_answer, row.strategy,
                               dict(row.params or {}), row.created_at)

    def add_feedback(self, user: str, interaction_id: int, *, rating: int | None = None, choice: str | None = None,
                     edited_answer: str | None = None, comment: str | None = None,
                     infer: bool = True) -> FeedbackRecord:
        """Feedback on one of the user's interactions; at least one of the four fields.

        rating: integer 1–5. choice: "A" (the interaction's answer) or "B" (its alt_answer).
        edited_answer: the user's corrected answer A. choice and edited_answer exclude each other.
        With `infer`, choices and edits update the implicit preferences (see the module docstring).
        """
        events = self._prepare_feedback(user, interaction_id, rating=rating, choice=choice,
                                        edited_answer=edited_answer, comment=comment)
        return self._ingest(user, events, infer=infer)[0]

    def add_feedback_many(self, user: str, events: list[dict], *, infer: bool = True) -> list[FeedbackRecord]:
        """Several feedback events of one user in one transaction (each a dict of add_feedback's
        keyword arguments plus "interaction_id"); all are stored or none."""
        prepared = []
        for e in events:
            e = dict(e)
            iid = e.pop("interaction_id", None)
            unknown = set(e) - {"rating", "choice", "edited_answer", "comment"}
            if unknown:
                raise MemoryInputError(f"unknown feedback fields: {', '.join(sorted(unknown))}")
            prepared.extend(self._prepare_feedback(user, iid, **e))
        return self._ingest(user, prepared, infer=infer)

    def _prepare_feedback(self, user, interaction_id, *, rating=None, choice=None, edited_answer=None, comment=None):
        user = _check_user(user)
        interaction_id = _check_id(interaction_id, "interaction id")
        if rating is not None and (isinstance(rating, bool) or not isinstance(rating, int)
                                   or not RATING_MIN <= rating <= RATING_MAX):
            raise MemoryInputError(f"rating must be an integer from {RATING_MIN} to {RATING_MAX}, got {rating!r}")
        if choice is not None:
            if not isinstance(choice, str) or choice.upper() not in ("A", "B"):
                raise MemoryInputError(f"choice must be 'A' or 'B', got {choice!r}")
            choice = choice.upper()
        if edited_answer is not None:
            edited_answer = _check_text(edited_answer, "edited answer", MAX_TEXT_CHARS)
        if comment is not None:
            comment = _check_text(comment, "comment", MAX_COMMENT_CHARS)
        if rating is None and choice is None and edited_answer is None and comment is None:
            raise MemoryInputError("feedback needs a rating, a choice, an edited answer or a comment")
        if choice is not None and edited_answer is not None:
            raise MemoryInputError("give either a choice or an edited answer, not both")
        signals = {dim: None for dim in DIMENSIONS}
        if choice is not None or edited_answer is not None:
            # Interactions are immutable, so judging can happen before the write lock is taken.
            inter = self.get_interaction(user, interaction_id)
            if choice is not None:
                if inter.alt_answer is None:
                    raise MemoryInputError(
                        f"interaction {interaction_id} has only one answer; a choice needs answers A and B")
                better, other = (inter.answer, inter.alt_answer) if choice == "A" else (inter.alt_answer, inter.answer)
            else:
                better, other = edited_answer, inter.answer
            signals = {dim: d.judge.score(better) - d.judge.score(other) for dim, d in DIMENSIONS.items()}
        return [dict(interaction_id=interaction_id, rating=rating, choice=choice, edited_answer=edited_answer,
                     comment=comment, signals=signals)]

    def _ingest(self, user: str, events: list[dict], *, infer: bool) -> list[FeedbackRecord]:
        user = _check_user(user)
        if not events:
            return []

        moved = sorted({d for e in events for d, v in e["signals"].items()
                        if v is not None and abs(v) >= DIMENSIONS[d].margin}) if infer else []

        def insert_rows(conn):
            # One query checks both the user and that every interaction is theirs.
            wanted = sorted({e["interaction_id"] for e in events})
            found = conn.execute(select(UserRow.id, InteractionRow.id).join(
                InteractionRow, and_(InteractionRow.user_id == UserRow.id, InteractionRow.id.in_(wanted)),
                isouter=True).where(UserRow.name == user)).all()
            if not found:
                raise UnknownUserError(user)
            missing = set(wanted) - {iid for _, iid in found}
            if missing:
                raise UnknownInteractionError(user, min(missing))
            uid, now = found[0][0], utcnow()
            params = [dict(user_id=uid, interaction_id=e["interaction_id"], rating=e["rating"], choice=e["choice"],
                           edited_answer=e["edited_answer"], comment=e["comment"], created_at=now,
                           **{SIGNAL_COLUMNS[d]: v for d, v in e["signals"].items()}) for e in events]
            ids = list(conn.execute(insert(FeedbackRow).returning(FeedbackRow.id, sort_by_parameter_order=True),
                                    params).scalars())
            return uid, now, ids

        def records(ids, now, inferred):
            return [FeedbackRecord(i, e["interaction_id"], e["rating"], e["choice"], e["edited_answer"], e["comment"],
                                   dict(e["signals"]), now, inferred if n == len(ids) - 1 else ())
                    for n, (i, e) in enumerate(zip(ids, events))]

        if not moved:
            # The common case (ratings, comments, batches without inference): Core only, no ORM session.
            def core_tx():
                with db.write_connection(self.engine) as conn:
                    uid, now, ids = insert_rows(conn)
                return records(ids, now, ())

            return db.retry(core_tx, db.lock_timeout_of(self.engine))

        def tx(s):
            uid, now, ids = insert_rows(s)
            return records(ids, now, tuple(self._infer(s, uid, user, moved)))

        return db.run_write(self._write, tx)

    def _infer(self, s, uid: int, user: str, dims: list[str]) -> list[AddResult]:
        """Recomputes the implicit preferences on `dims` from the user's feedback (see module docstring)."""
        current = {r.dimension: r for r in s.execute(select(PreferenceRow).where(
            PreferenceRow.user_id == uid, PreferenceRow.status == "active",
            PreferenceRow.dimension.in_(dims))).scalars()}
        dims = [d for d in dims if d not in current or current[d].kind == "implicit"]  # explicit outranks
        if not dims:
            return []
        since = dict(s.execute(select(PreferenceRow.dimension, func.max(PreferenceRow.updated_at)).where(
            PreferenceRow.user_id == uid, PreferenceRow.kind == "implicit", PreferenceRow.status == "retracted",
            PreferenceRow.dimension.in_(dims)).group_by(PreferenceRow.dimension)).all())
        columns = []
        for dim in dims:
            col, margin = getattr(FeedbackRow, SIGNAL_COLUMNS[dim]), DIMENSIONS[dim].margin
            # Evidence from before the user retracted an implicit preference on this dimension is spent.
            fresh = FeedbackRow.created_at > since[dim] if dim in since else true()
            columns += [func.coalesce(func.sum(case((and_(fresh, col >= margin), 1), else_=0)), 0),
                        func.coalesce(func.sum(case((and_(fresh, col <= -margin), 1), else_=0)), 0)]
        counts = s.execute(select(*columns).where(FeedbackRow.user_id == uid)).one()
        urow = s.get(UserRow, uid)
        results = []
        for i, dim in enumerate(dims):
            result = self._infer_dimension(s, urow, dim, current.get(dim), int(counts[2 * i]), int(counts[2 * i + 1]))
            if result is not None:
                results.append(result)
        return results

    def _infer_dimension(self, s, urow: UserRow, dim: str, current: PreferenceRow | None,
                         up: int, down: int) -> AddResult | None:
        n = up + down
        d = DIMENSIONS[dim]
        leading = d.high if up > down else d.low if down > up else None
        if current is not None:
            k_cur = up if current.pole == d.high else down
            if leading is not None and leading != current.pole \
                    and wilson_lower_bound(max(up, down), n) >= IMPLICIT_MIN_CONFIDENCE:
                pass  # the other pole now leads clearly: supersede below
            else:
                # Refresh in place; a confidence that falls below the bar takes it out of profiles.
                conf = round(wilson_lower_bound(k_cur, n), 6)
                if (conf, k_cur) != (current.confidence, current.evidence_count):
                    current.confidence, current.evidence_count, current.updated_at = conf, k_cur, utcnow()
                    urow.revision += 1
                    s.flush()
                return AddResult("merged", self._pref(current, urow.name))
        if leading is None:
            return None
        conf = round(wilson_lower_bound(max(up, down), n), 6)
        if conf < IMPLICIT_MIN_CONFIDENCE:
            return None
        cand = dict(text=IMPLICIT_TEXTS[(dim, leading)], kind="implicit", dimension=dim, pole=leading, weight=1.0,
                    confidence=conf, source="feedback", scope="global", vector=None, classification=None,
                    evidence_count=max(up, down))
        return self._place(s, urow, cand)

    def list_interactions(self, user: str) -> list[Interaction]:
        user = _check_user(user)
        with self._read() as s:
            urow = self._user_row(s, user)
            rows = s.execute(select(InteractionRow).where(InteractionRow.user_id == urow.id)
                             .order_by(InteractionRow.id)).scalars()
            return [Interaction(r.id, user, r.prompt, r.answer, r.alt_answer, r.strategy, dict(r.params or {}),
                                r.created_at) for r in rows]

    def count_feedback(self, user: str | None = None) -> int:
        with self._read() as s:
            q = select(func.count(FeedbackRow.id))
            if user is not None:
                q = q.join(UserRow, UserRow.id == FeedbackRow.user_id).where(UserRow.name == user)
            return int(s.execute(q).scalar())

    # -- retrieval

    def _snapshot(self, user: str, session=None) -> _UserSnapshot | None:
        """The user's cached snapshot, rebuilt when their revision moved. `session`: read through an
        open (write) session instead of a new one — an in-memory SQLite has only one connection."""
        with (nullcontext(session) if session is not None else self._read()) as s:
            head = s.execute(select(UserRow.id, UserRow.revision).where(UserRow.name == user)).first()
            if head is None:
                with self._cache_lock:
                    self._cache.pop(user, None)
                return None
            with self._cache_lock:
                snap = self._cache.get(user)
            if snap is not None and (snap.user_id, snap.revision) == tuple(head):
                return snap
            # Rows and revision come from one read transaction, so they match each other.
            rows = s.execute(select(PreferenceRow).where(PreferenceRow.user_id == head[0],
                                                         PreferenceRow.status == "active")
                             .order_by(PreferenceRow.id)).scalars().all()
            learned = s.execute(select(UserWeightsRow.weights).where(UserWeightsRow.user_id == head[0])
                                ).scalar_one_or_none()
        active = [self._pref(r, user) for r in rows]
        topical, vecs, free, free_vecs = [], [], [], []
        for r, p in zip(rows, active):
            if r.embedding is None:
                continue
            if p.scope == "topical":
                topical.append(p)
                vecs.append(from_bytes(r.embedding))
            if p.dimension is None:
                free.append(p)
                free_vecs.append(from_bytes(r.embedding))

        def stack(v):
            return np.vstack(v).astype(np.float32) if v else np.zeros((0, 0), dtype=np.float32)  # never searched

        snap = _UserSnapshot(head[0], head[1], active, topical, stack(vecs), free, stack(free_vecs),
                             [p for p in active if p.scope == "global"], dict(learned or {}))
        with self._cache_lock:
            self._cache[user] = snap
        return snap

    def profile(self, user: str, prompt: str | None = None, *, k: int = 5, min_similarity: float = 0.2) -> Profile:
        """The preferences that matter for `prompt`: all active global ones plus the `k` most similar
        topical ones (cosine ≥ min_similarity). An unknown user gets an empty profile (cold start).

        Implicit preferences below IMPLICIT_MIN_CONFIDENCE are left out, and every text passes the
        safety check again (rows written by other tools are not trusted blindly).
        """
        user = _check_user(user)
        if prompt is not None:
            prompt = _check_text(prompt, "prompt", MAX_TEXT_CHARS)
        if isinstance(k, bool) or not isinstance(k, int) or k < 0:
            raise MemoryInputError(f"k must be a non-negative integer, got {k!r}")
        snap = self._snapshot(user)
        if snap is None:
            return Profile(user, None)

        def usable(p: Preference) -> bool:
            if p.kind == "implicit" and p.confidence < IMPLICIT_MIN_CONFIDENCE:
                return False
            return check_text(p.text).allowed

        chosen = [p for p in snap.globals if usable(p)]
        sims: dict[int, float] = {}
        if prompt is not None and k > 0 and snap.topical:
            q = self.embedder.embed_query(prompt)
            scores = _cosines(snap.matrix, q)
            top = np.argpartition(-scores, min(k, len(scores)) - 1)[:k] if len(scores) > k else np.arange(len(scores))
            top = top[np.argsort(-scores[top], kind="stable")]
            for i in top:
                p = snap.topical[int(i)]
                if scores[i] >= min_similarity and usable(p):
                    chosen.append(p)
                    sims[p.id] = round(float(scores[i]), 4)
        chosen.sort(key=lambda p: (p.kind != "explicit", p.scope != "global", -sims.get(p.id, 0.0), p.id))
        weights = {}
        for p in chosen:
            if p.dimension is not None and p.dimension not in weights:
                weights[p.dimension] = round(p.signed_weight, 6)
        text = "\n".join(p.text for p in chosen) or None
        return Profile(user, text, tuple(chosen), weights, sims, dict(snap.learned))

    # -- feedback adaptation: learned weights and adapter files

    @property
    def store_id(self) -> str:
        """This database's own random id (table `store_meta`, migration 0003): names its per-user files."""
        if self._store_id is None:
            with self._read() as s:
                row = s.get(StoreMetaRow, "store_id")
                value = row.value if row is not None else None
            if value is None:
                raise StoreError("the database has no store id (schema older than 0003): open it once with "
                                 "migrations enabled")
            if not _STORE_ID.fullmatch(value):
                raise StoreError(f"the database's store id {value!r} is not 32 hex digits")
            self._store_id = value
        return self._store_id

    def adapter_dir(self, user: str) -> Path:
        """Where `user`'s LoRA adapter lives: <data_dir>/adapters/<store id>/<name made file-safe>-<hash of the name>.

        The store id keeps databases that share a data directory apart: one never reads, exports or
        deletes another's files, even for a user of the same name.
        """
        user = _check_user(user)
        safe = re.sub(r"[^A-Za-z0-9_-]", "_", user)[:40]
        return (self.data_dir / "adapters" / self.store_id
                / f"{safe}-{hashlib.sha256(user.encode('utf-8')).hexdigest()[:12]}")

    @staticmethod
    def _learned(row: UserWeightsRow) -> LearnedWeights:
        return LearnedWeights({k: float(v) for k, v in (row.weights or {}).items()}, row.observations,
                              row.last_feedback_id, row.updated_at)

    def get_learned_weights(self, user: str) -> LearnedWeights | None:
        """The user's online-learned dimension weights, or None (no feedback folded in yet, or reset)."""
        user = _check_user(user)
        with self._read() as s:
            row = s.execute(select(UserWeightsRow).join(UserRow, UserRow.id == UserWeightsRow.user_id)
                            .where(UserRow.name == user)).scalar_one_or_none()
            return self._learned(row) if row is not None else None

    def set_learned_weights(self, user: str, weights: dict[str, float], *, observations: int,
                            last_feedback_id: int) -> LearnedWeights:
        """Stores the user's learned weights (replacing older ones); the user must exist."""
        user = _check_user(user)
        if not isinstance(weights, dict):
            raise MemoryInputError("weights must be a dict of dimension -> number")
        clean = {}
        for dim, w in weights.items():
            if dim not in DIMENSIONS:
                raise MemoryInputError(f"unknown dimension {dim!r}; choose from {', '.join(DIMENSIONS)}")
            if isinstance(w, bool) or not isinstance(w, (int, float)) or not math.isfinite(w) or abs(w) > MAX_WEIGHT:
                raise MemoryInputError(f"weight for {dim!r} must be a finite number in [-{MAX_WEIGHT:g}, "
                                       f"{MAX_WEIGHT:g}], got {w!r}")
            clean[dim] = float(w)
        for name, value in (("observations", observations), ("last_feedback_id", last_feedback_id)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise MemoryInputError(f"{name} must be a non-negative integer, got {value!r}")

        def tx(s):
            urow = self._user_row(s, user)
            row = s.get(UserWeightsRow, urow.id)
            if row is None:
                row = UserWeightsRow(user_id=urow.id)
                s.add(row)
            row.weights, row.observations, row.last_feedback_id = clean, observations, last_feedback_id
            row.updated_at = utcnow()
            urow.revision += 1  # profiles show the weights: cached snapshots must rebuild
            s.flush()
            return self._learned(row)

        return db.run_write(self._write, tx)

    def reset_learned_weights(self, user: str) -> bool:
        """Deletes the user's learned weights; True when there were some."""
        user = _check_user(user)

        def tx(s):
            urow = self._user_row(s, user)
            gone = s.execute(delete(UserWeightsRow).where(UserWeightsRow.user_id == urow.id)).rowcount
            if gone:
                urow.revision += 1
            return bool(gone)

        return db.run_write(self._write, tx)

    def list_feedback(self, user: str) -> list[FeedbackRecord]:
        """The user's feedback events in the order they arrived."""
        user = _check_user(user)
        with self._read() as s:
            urow = self._user_row(s, user)
            rows = s.execute(select(FeedbackRow).where(FeedbackRow.user_id == urow.id)
                             .order_by(FeedbackRow.id)).scalars().all()
            return [FeedbackRecord(r.id, r.interaction_id, r.rating, r.choice, r.edited_answer, r.comment,
                                   {d: getattr(r, c) for d, c in SIGNAL_COLUMNS.items()}, r.created_at)
                    for r in rows]

    def _adapter_files(self, user: str) -> list[Path]:
        """The adapter directory and the leftovers of an interrupted atomic replace (temp and .old dirs)."""
        target = self.adapter_dir(user)
        if not target.parent.is_dir():
            return []
        return [p for p in target.parent.iterdir()
                if p.name == target.name or p.name == target.name + ".old" or p.name.startswith(f".{target.name}.")]

    def _adapter_export(self, user: str) -> dict | None:
        target = self.adapter_dir(user)
        manifest = target / "manifest.json"
        if not manifest.is_file():
            return None
        files = {p.name: base64.b64encode(p.read_bytes()).decode("ascii")
                 for p in sorted(target.iterdir()) if p.is_file() and p.name != "manifest.json"}
        return {"manifest": json.loads(manifest.read_text(encoding="utf-8")), "files_b64": files}

    # -- privacy

    def export_user(self, user: str) -> dict:
        """Everything stored about `user` as a JSON-ready dict (format in the module docstring)."""
        user = _check_user(user)
        with self._read() as s:
            # Key ids (never digests) are the user's data too; a user with keys but no rows yet
            # exports just those, as forget_user deletes just those.
            keys = api_keys.list_keys(s.connection(), user)
            urow = s.execute(select(UserRow).where(UserRow.name == user)).scalar_one_or_none()
            if urow is None and not keys:
                raise UnknownUserError(user)

            def owned(row_type):
                if urow is None:
                    return []
                query = select(row_type).where(row_type.user_id == urow.id).order_by(row_type.id)
                return s.execute(query).scalars().all()

            prefs, inters, fbs = owned(PreferenceRow), owned(InteractionRow), owned(FeedbackRow)
            learned = s.get(UserWeightsRow, urow.id) if urow is not None else None
            out_prefs = []
            for r in prefs:
                d = self._pref(r, user).to_dict()
                d.pop("user")
                d["embedding_model"] = r.embedding_model
                d["embedding_b64"] = base64.b64encode(r.embedding).decode("ascii") if r.embedding is not None else None
                out_prefs.append(d)
            return {
                "format": "personalign.memory/1",
                "user": user,
                "created_at": urow.created_at.isoformat() if urow is not None else None,
                "exported_at": utcnow().isoformat(),
                "preferences": out_prefs,
                "interactions": [{"id": r.id, "prompt": r.prompt, "answer": r.answer, "alt_answer": r.alt_answer,
                                  "strategy": r.strategy, "params": r.params, "created_at": r.created_at.isoformat()}
                                 for r in inters],
                "feedback": [{"id": r.id, "interaction_id": r.interaction_id, "rating": r.rating, "choice": r.choice,
                              "edited_answer": r.edited_answer, "comment": r.comment,
                              "signals": {d: getattr(r, c) for d, c in SIGNAL_COLUMNS.items()},
                              "created_at": r.created_at.isoformat()} for r in fbs],
                "learned_weights": self._learned(learned).to_dict() if learned is not None else None,
                "adapter": self._adapter_export(user),
                "api_keys": keys,
            }

    def forget_user(self, user: str) -> dict[str, int]:
        """Deletes every row about `user`; returns how many of each kind were removed.

        Learned feedback weights, adapter files and the user's API keys (`personalign.memory.keys`)
        go too; their counts ("learned_weights", "adapter_files", "api_keys") appear only when the
        user had any, so callers that compare the classic counts keep working. This is the one forget
        of the project: the CLI and the server's DELETE /v1/users/{user} both call it. A user with
        keys but no rows yet gets just {"api_keys": n}; one with neither is UnknownUserError.
        """
        user = _check_user(user)

        def tx(s):
            revoked = api_keys.revoke_keys(s.connection(), user)
            urow = s.execute(select(UserRow).where(UserRow.name == user)).scalar_one_or_none()
            if urow is None:
                if not revoked:
                    raise UnknownUserError(user)
                return {"api_keys": revoked}
            uid = urow.id
            emb = s.execute(select(func.count(PreferenceRow.id)).where(
                PreferenceRow.user_id == uid, PreferenceRow.embedding.is_not(None))).scalar()
            counts = {"feedback": s.execute(delete(FeedbackRow).where(FeedbackRow.user_id == uid)).rowcount,
                      "interactions": s.execute(delete(InteractionRow).where(InteractionRow.user_id == uid)).rowcount}
            # Links between the user's own rows go first, so no delete order trips the self-reference.
            learned = s.execute(delete(UserWeightsRow).where(UserWeightsRow.user_id == uid)).rowcount
            if learned:
                counts["learned_weights"] = learned
            s.execute(update(PreferenceRow).where(PreferenceRow.user_id == uid).values(superseded_by=None))
            counts["preferences"] = s.execute(delete(PreferenceRow).where(PreferenceRow.user_id == uid)).rowcount
            counts["embeddings"] = int(emb)
            counts["users"] = s.execute(delete(UserRow).where(UserRow.id == uid)).rowcount
            if revoked:
                counts["api_keys"] = revoked
            return counts

        counts = db.run_write(self._write, tx)
        with self._cache_lock:
            self._cache.pop(user, None)
        # The adapter files go after the rows: the rows are the record of what the user has, and the
        # directory name derives from the user name, so a failed removal can be retried.
        files = 0
        for path in self._adapter_files(user):
            if path.is_dir():
                files += sum(1 for p in path.rglob("*") if p.is_file())
                shutil.rmtree(path)
            else:
                files += 1
                path.unlink()
        if files:
            counts["adapter_files"] = files
        db.checkpoint(self.engine)
        return counts
