"""MemoryStore: the preference memory's one entry point, running each operation as one database transaction.

A user's preferences, interactions and feedback, and the Profile generation consumes. The rules
live with their ideas and the store wires them to the database:

* `personalign.memory.validation` — every input is checked before any write;
* `personalign.memory.placement` — merge / supersede / outrank when a preference arrives;
* `personalign.memory.intake` and `personalign.memory.implicit` — feedback events, and the implicit
  preferences inferred from ratings, choices and edits;
* `personalign.memory.retrieval` — the per-user cache and the Profile for a prompt;
* `personalign.memory.learned` — online-learned weights;
* `personalign.memory.adapter_files` — per-user LoRA adapters stored as rows, cached locally by content hash;
* `personalign.memory.privacy` — export and hard forget.

The returned records are in `personalign.memory.records`.
"""
from __future__ import annotations

import json
import os
from collections.abc import Mapping
from contextlib import nullcontext
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from personalign.memory import adapter_files, db, implicit, learned, privacy, retrieval
from personalign.memory.classify import classify_preference
from personalign.memory.errors import (
    MemoryInputError,
    PreferenceStateError,
    StoreBusyError,
    StoreCorruptError,
    StoreReadOnlyError,
    UnknownInteractionError,
    UnknownPreferenceError,
    UnknownUserError,
)
from personalign.memory.intake import (
    FEEDBACK_FIELDS,
    feedback_event,
    feedback_records,
    insert_events,
    with_rating_signals,
)
from personalign.memory.placement import (
    EXPLICIT_CONFIDENCE,
    Candidate,
    merged_confidence,
    place_by_meaning,
    place_on_dimension,
    same_text,
)
from personalign.memory.records import AddResult, FeedbackRecord, Interaction, LearnedWeights, Preference, Profile
from personalign.memory.schema import FeedbackRow, InteractionRow, PreferenceRow, UserRow, utcnow
from personalign.memory.schema import vector_to_bytes as to_bytes
from personalign.memory.validation import (
    MAX_PREFERENCE_CHARS,
    MAX_SOURCE_CHARS,
    MAX_STRATEGY_CHARS,
    MAX_TEXT_CHARS,
    safe_preference,
    valid_confidence,
    valid_count,
    valid_dimension_pole,
    valid_feedback,
    valid_id,
    valid_kind,
    valid_learned_weights,
    valid_params,
    valid_scope,
    valid_text,
    valid_user,
    valid_weight,
)


def _user_row(session, user: str, *, create: bool = False) -> UserRow:
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


def _owned_preference_row(session, urow: UserRow, user: str, preference_id: int) -> PreferenceRow:
    """The preference row, only if it belongs to `urow` (another user's id reads as unknown)."""
    row = session.get(PreferenceRow, preference_id)
    if row is None or row.user_id != urow.id:
        raise UnknownPreferenceError(user, preference_id)
    return row


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
            db.migrate(self.engine, data_dir=self.data_dir)
        self._read, self._write = db.session_factory(self.engine)
        self._embedder = embedder
        self._snapshots = retrieval.SnapshotCache()
        self._store_id: str | None = None
        self._adapter_cache: adapter_files.AdapterCache | None = None
        if migrate and (self.data_dir / "adapters").is_dir() and (self.data_dir / "adapters" / self.store_id).is_dir():
            try:
                self.import_disk_adapters()
            except (StoreBusyError, StoreReadOnlyError):
                pass  # the files stay where they are; the next open that can write moves them in

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

    def _user_id(self, user: str) -> int:
        with self._read() as s:
            uid = s.execute(select(UserRow.id).where(UserRow.name == user)).scalar_one_or_none()
        if uid is None:
            raise UnknownUserError(user)
        return uid

    def _snapshot(self, user: str, session=None) -> retrieval.UserSnapshot | None:
        """The user's cached snapshot. `session`: read through an open (write) session instead of a
        new one — an in-memory SQLite has only one connection."""
        with (nullcontext(session) if session is not None else self._read()) as s:
            return self._snapshots.get(s, user)

    # -- preferences

    def add_preference(self, user: str, text: str, *, kind: str = "explicit", dimension: str | None = None,
                       pole: str | None = None, weight: float = 1.0, confidence: float | None = None,
                       source: str = "api", scope: str | None = None) -> AddResult:
        """Stores a preference after the safety check, merging or superseding as the rules say.

        dimension/pole: given, or inferred from the text (`classify.classify_preference`); a pole
        alone implies its dimension. scope: "global" | "topical" | None (global iff it has a dimension).
        Raises UnsafePreferenceError (nothing stored) or MemoryInputError for bad input.
        """
        user = valid_user(user)
        cand = self._candidate(text, kind=kind, dimension=dimension, pole=pole, weight=weight,
                               confidence=confidence, source=source, scope=scope)
        return db.run_write(self._write, lambda s: self._place(s, _user_row(s, user, create=True), cand))

    def _candidate(self, text, *, kind, dimension, pole, weight, confidence, source, scope) -> Candidate:
        """Checks the input, then settles dimension, pole and scope; explicit texts are embedded."""
        text = valid_text(text, "preference text", MAX_PREFERENCE_CHARS).strip()
        kind = valid_kind(kind)
        scope = valid_scope(scope)
        source = valid_text(source, "source", MAX_SOURCE_CHARS)
        weight = valid_weight(weight)
        confidence = EXPLICIT_CONFIDENCE if confidence is None else valid_confidence(confidence)
        safe_preference(text)
        dimension, pole = valid_dimension_pole(dimension, pole)
        vector = None
        classification = None
        if kind == "explicit":
            # Embedded for every explicit preference: topical retrieval and meaning-level conflicts need it.
            vector = self.embedder.embed([text])[0]
            if dimension is None:
                classification = classify_preference(text, self.embedder, vector=vector)
                if classification is not None:
                    dimension, pole = classification.dimension, classification.pole
        if scope is None:
            scope = "global" if dimension is not None else "topical"
        return Candidate(text=text, kind=kind, dimension=dimension, pole=pole, weight=weight, confidence=confidence,
                         source=source, scope=scope, vector=vector, classification=classification)

    def _place(self, s, urow: UserRow, cand: Candidate, *, exclude: int | None = None) -> AddResult:
        """Applies the placement rules' verdict inside a write transaction."""
        name = urow.name
        if cand.dimension is not None:
            same_dim = s.execute(select(PreferenceRow).where(
                PreferenceRow.user_id == urow.id, PreferenceRow.status == "active",
                PreferenceRow.dimension == cand.dimension)).scalars().all()
            verdict = place_on_dimension(cand, [r for r in same_dim if r.id != exclude])
        else:
            verdict = place_by_meaning(cand, self._similar_free(s, urow, cand, exclude))
        if verdict.action == "outranked":
            return AddResult("outranked", Preference.from_row(verdict.target, name), (), cand.classification)

        now = utcnow()
        if verdict.action == "merge":
            r = verdict.target
            r.confidence = merged_confidence(r.confidence, cand.confidence)
            r.evidence_count += 1
            r.weight = cand.weight  # the latest statement of strength wins
            r.updated_at = now
            urow.revision += 1
            s.flush()
            return AddResult("merged", Preference.from_row(r, name), (), cand.classification)

        row = PreferenceRow(
            user_id=urow.id, text=cand.text, kind=cand.kind, dimension=cand.dimension, pole=cand.pole,
            weight=cand.weight, confidence=cand.confidence, evidence_count=cand.evidence_count,
            source=cand.source, scope=cand.scope, status="active", created_at=now, updated_at=now,
            embedding=to_bytes(cand.vector) if cand.vector is not None else None,
            embedding_model=getattr(self.embedder, "name", type(self.embedder).__name__)[:64]
            if cand.vector is not None else None)
        s.add(row)
        s.flush()
        for r in verdict.supersede:
            r.status, r.superseded_by, r.updated_at = "superseded", row.id, now
        urow.revision += 1
        s.flush()
        return AddResult("added", Preference.from_row(row, name),
                         tuple(Preference.from_row(r, name) for r in verdict.supersede), cand.classification)

    def _similar_free(self, s, urow: UserRow, cand: Candidate,
                      exclude: int | None) -> list[tuple[PreferenceRow, float]]:
        """Active dimensionless preferences close to the candidate in meaning (or with the same
        normalized text), as (row, cosine), most similar first. Searches the cached matrix, then
        loads only the hits."""
        sims = retrieval.similar_free(self._snapshot(urow.name, s), cand.vector)
        same = s.execute(select(PreferenceRow.id, PreferenceRow.text).where(
            PreferenceRow.user_id == urow.id, PreferenceRow.status == "active", PreferenceRow.dimension.is_(None),
            func.lower(PreferenceRow.text) == cand.text.lower())).all()
        for pid, t in same:
            if same_text(t, cand.text):
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
        user = valid_user(user)
        preference_id = valid_id(preference_id, "preference id")
        old = self._get_pref(user, preference_id)
        if old.status != "active":
            raise PreferenceStateError(f"preference {preference_id} is {old.status}; only active ones can be updated")
        new_text = old.text if text is None else text
        unchanged = text is None or valid_text(text, "preference text", MAX_PREFERENCE_CHARS).strip() == old.text
        cand = self._candidate(new_text, kind=old.kind, dimension=old.dimension if unchanged else None,
                               pole=old.pole if unchanged else None,
                               weight=old.weight if weight is None else weight, confidence=old.confidence,
                               source=source, scope=(old.scope if unchanged else None) if scope is None else scope)

        def tx(s):
            urow = _user_row(s, user)
            row = _owned_preference_row(s, urow, user, preference_id)
            if row.status != "active":
                raise PreferenceStateError(
                    f"preference {preference_id} is {row.status}; only active ones can be updated")
            result = self._place(s, urow, cand, exclude=row.id)
            if result.action == "merged" or result.action == "added":
                row.status, row.superseded_by, row.updated_at = "superseded", result.preference.id, utcnow()
                urow.revision += 1
                s.flush()
                result = AddResult(result.action, result.preference,
                                   result.superseded + (Preference.from_row(row, user),), result.classification)
            return result

        return db.run_write(self._write, tx)

    def retract(self, user: str, preference_id: int) -> Preference:
        """Marks an active preference retracted (kept in history; no longer in any profile)."""
        return self._retract(user, preference_id, restore=False)[0]

    def undo(self, user: str, preference_id: int) -> tuple[Preference, tuple[Preference, ...]]:
        """Takes back an active preference as if it had never arrived: it is retracted and the
        preferences it superseded are active again (the "undo" of a captured preference).
        Returns (the retracted preference, the restored ones)."""
        return self._retract(user, preference_id, restore=True)

    def _retract(self, user: str, preference_id: int, *, restore: bool) -> tuple[Preference, tuple[Preference, ...]]:
        user = valid_user(user)
        preference_id = valid_id(preference_id, "preference id")

        def tx(s):
            urow = _user_row(s, user)
            row = _owned_preference_row(s, urow, user, preference_id)
            if row.status != "active":
                raise PreferenceStateError(f"preference {preference_id} is already {row.status}")
            now = utcnow()
            row.status, row.updated_at = "retracted", now
            restored = []
            if restore:
                restored = s.execute(select(PreferenceRow).where(
                    PreferenceRow.user_id == urow.id, PreferenceRow.superseded_by == row.id,
                    PreferenceRow.status == "superseded")).scalars().all()
            for old in restored:
                old.status, old.superseded_by, old.updated_at = "active", None, now
            urow.revision += 1
            s.flush()
            return Preference.from_row(row, user), tuple(Preference.from_row(r, user) for r in restored)

        return db.run_write(self._write, tx)

    def link_to_interaction(self, user: str, preference_ids, interaction_id: int) -> None:
        """Records that `user`'s preferences `preference_ids` were stated in interaction `interaction_id`."""
        user = valid_user(user)
        interaction_id = valid_id(interaction_id, "interaction id")
        ids = [valid_id(i, "preference id") for i in preference_ids]
        if not ids:
            return

        def tx(s):
            urow = _user_row(s, user)
            inter = s.get(InteractionRow, interaction_id)
            if inter is None or inter.user_id != urow.id:
                raise UnknownInteractionError(user, interaction_id)
            for pid in ids:
                _owned_preference_row(s, urow, user, pid).interaction_id = interaction_id
            s.flush()

        db.run_write(self._write, tx)

    def _get_pref(self, user: str, preference_id: int) -> Preference:
        with self._read() as s:
            row = s.execute(select(PreferenceRow, UserRow.name).join(UserRow, UserRow.id == PreferenceRow.user_id)
                            .where(PreferenceRow.id == preference_id)).first()
            if row is None or row[1] != user:
                self._user_id(user)  # unknown user beats unknown preference in the message
                raise UnknownPreferenceError(user, preference_id)
            return Preference.from_row(row[0], user)

    def get_preference(self, user: str, preference_id: int) -> Preference:
        return self._get_pref(valid_user(user), valid_id(preference_id, "preference id"))

    def list_preferences(self, user: str, include_history: bool = False) -> list[Preference]:
        """Active preferences (or all, with superseded and retracted ones) in creation order."""
        user = valid_user(user)
        with self._read() as s:
            urow = _user_row(s, user)
            q = select(PreferenceRow).where(PreferenceRow.user_id == urow.id)
            if not include_history:
                q = q.where(PreferenceRow.status == "active")
            return [Preference.from_row(r, user) for r in s.execute(q.order_by(PreferenceRow.id)).scalars()]

    def history(self, user: str) -> list[Preference]:
        return self.list_preferences(user, include_history=True)

    def users(self) -> list[str]:
        with self._read() as s:
            return list(s.execute(select(UserRow.name).order_by(UserRow.id)).scalars())

    # -- interactions and feedback

    def record_interaction(self, user: str, prompt: str, answer: str, strategy: str = "base",
                           params: dict | None = None, *, alt_answer: str | None = None) -> int:
        """Stores one exchange and returns its id. `alt_answer` is answer B, for a later pairwise choice.

        Answers are model output: a NUL character in one (a small model can emit that byte) is dropped, since
        no database text column holds it, rather than failing the request whose answer is being recorded.
        """
        user = valid_user(user)
        prompt = valid_text(prompt, "prompt", MAX_TEXT_CHARS)
        answer = valid_text(_without_nul(answer), "answer", MAX_TEXT_CHARS, allow_empty=True)
        if alt_answer is not None:
            alt_answer = valid_text(_without_nul(alt_answer), "alternative answer", MAX_TEXT_CHARS, allow_empty=True)
        strategy = valid_text(strategy, "strategy", MAX_STRATEGY_CHARS)
        params = valid_params(params)

        def tx(s):
            urow = _user_row(s, user, create=True)
            row = InteractionRow(user_id=urow.id, prompt=prompt, answer=answer, alt_answer=alt_answer,
                                 strategy=strategy, params=params, created_at=utcnow())
            s.add(row)
            s.flush()
            return row.id

        return db.run_write(self._write, tx)

    def get_interaction(self, user: str, interaction_id: int) -> Interaction:
        user = valid_user(user)
        interaction_id = valid_id(interaction_id, "interaction id")
        with self._read() as s:
            uid = s.execute(select(UserRow.id).where(UserRow.name == user)).scalar_one_or_none()
            if uid is None:
                raise UnknownUserError(user)
            row = s.get(InteractionRow, interaction_id)
            if row is None or row.user_id != uid:
                raise UnknownInteractionError(user, interaction_id)
            return Interaction.from_row(row, user)

    def add_feedback(self, user: str, interaction_id: int, *, rating: int | None = None, choice: str | None = None,
                     edited_answer: str | None = None, comment: str | None = None,
                     infer: bool = True) -> FeedbackRecord:
        """Feedback on one of the user's interactions; at least one of the four fields.

        rating: integer 1–5. choice: "A" (the interaction's answer) or "B" (its alt_answer).
        edited_answer: the user's corrected answer A. choice and edited_answer exclude each other.
        With `infer`, ratings, choices and edits update the implicit preferences (`personalign.memory.implicit`).
        """
        event = self._feedback_event(user, interaction_id, rating=rating, choice=choice,
                                     edited_answer=edited_answer, comment=comment)
        return self._ingest(user, [event], infer=infer)[0]

    def add_feedback_many(self, user: str, events: list[dict], *, infer: bool = True) -> list[FeedbackRecord]:
        """Several feedback events of one user in one transaction (each a dict of add_feedback's
        keyword arguments plus "interaction_id"); all are stored or none."""
        prepared = []
        for e in events:
            e = dict(e)
            iid = e.pop("interaction_id", None)
            unknown = set(e) - set(FEEDBACK_FIELDS)
            if unknown:
                raise MemoryInputError(f"unknown feedback fields: {', '.join(sorted(unknown))}")
            prepared.append(self._feedback_event(user, iid, **e))
        return self._ingest(user, prepared, infer=infer)

    def _feedback_event(self, user, interaction_id, *, rating=None, choice=None, edited_answer=None, comment=None):
        user = valid_user(user)
        interaction_id = valid_id(interaction_id, "interaction id")
        rating, choice, edited_answer, comment = valid_feedback(rating, choice, edited_answer, comment)
        # Interactions are immutable, so judging can happen before the write lock is taken.
        inter = self.get_interaction(user, interaction_id) if choice is not None or edited_answer is not None else None
        return feedback_event(interaction_id, rating, choice, edited_answer, comment, inter)

    def _ingest(self, user: str, events: list, *, infer: bool) -> list[FeedbackRecord]:
        user = valid_user(user)
        if not events:
            return []
        # Read before the write lock, like the judging of choices: a rating's reference is its user's
        # earlier ratings, and one user's ratings arrive one click at a time.
        with self.engine.connect() as conn:
            events = with_rating_signals(conn, user, events)
        moved = implicit.moved_dimensions(e.signals for e in events) if infer else []
        if not moved:
            # The common case (ratings, comments, batches without inference): Core only, no ORM session.
            def core_tx():
                with db.write_connection(self.engine) as conn:
                    _, now, ids = insert_events(conn, user, events)
                return feedback_records(ids, events, now, ())

            return db.retry(core_tx, db.lock_timeout_of(self.engine))

        def tx(s):
            uid, now, ids = insert_events(s, user, events)
            urow = s.get(UserRow, uid)
            inferred = implicit.infer(s, urow, moved, lambda cand: self._place(s, urow, cand))
            return feedback_records(ids, events, now, tuple(inferred))

        return db.run_write(self._write, tx)

    def list_interactions(self, user: str) -> list[Interaction]:
        user = valid_user(user)
        with self._read() as s:
            urow = _user_row(s, user)
            rows = s.execute(select(InteractionRow).where(InteractionRow.user_id == urow.id)
                             .order_by(InteractionRow.id)).scalars()
            return [Interaction.from_row(r, user) for r in rows]

    def count_feedback(self, user: str | None = None) -> int:
        with self._read() as s:
            q = select(func.count(FeedbackRow.id))
            if user is not None:
                q = q.join(UserRow, UserRow.id == FeedbackRow.user_id).where(UserRow.name == user)
            return int(s.execute(q).scalar())

    def list_feedback(self, user: str) -> list[FeedbackRecord]:
        """The user's feedback events in the order they arrived."""
        user = valid_user(user)
        with self._read() as s:
            urow = _user_row(s, user)
            rows = s.execute(select(FeedbackRow).where(FeedbackRow.user_id == urow.id)
                             .order_by(FeedbackRow.id)).scalars().all()
            return [FeedbackRecord.from_row(r) for r in rows]

    # -- retrieval

    def profile(self, user: str, prompt: str | None = None, *, k: int = 5, min_similarity: float = 0.2) -> Profile:
        """The preferences that matter for `prompt`: all active global ones plus at most `k` topical
        ones — close to the prompt (cosine ≥ min_similarity) first, then those constraining a life area
        the prompt asks about (`memory.areas`). An unknown user gets an empty profile (cold start).

        Implicit preferences below `implicit.IMPLICIT_MIN_CONFIDENCE` are left out, and every text
        passes the safety check again (rows written by other tools are not trusted blindly).
        """
        user = valid_user(user)
        if prompt is not None:
            prompt = valid_text(prompt, "prompt", MAX_TEXT_CHARS)
        k = valid_count(k, "k")
        return retrieval.select_profile(user, self._snapshot(user), prompt, k, min_similarity,
                                        lambda text: self.embedder.embed_query(text), self.embedder)

    # -- feedback adaptation: learned weights and adapter files

    @property
    def store_id(self) -> str:
        """This database's own random id (table `store_meta`, migration 0003): names its per-user files."""
        if self._store_id is None:
            with self._read() as s:
                self._store_id = learned.read_store_id(s)
        return self._store_id

    # -- per-user LoRA adapters (`personalign.memory.adapter_files`)

    @property
    def adapter_cache(self) -> adapter_files.AdapterCache:
        """This machine's copies of stored adapters: <data_dir>/adapter_cache/<store id>/ (mode 0700)."""
        if self._adapter_cache is None:
            self._adapter_cache = adapter_files.AdapterCache(self.data_dir / "adapter_cache" / self.store_id)
        return self._adapter_cache

    def save_adapter(self, user: str, files: Mapping[str, bytes], *,
                     name: str = adapter_files.DEFAULT_ADAPTER) -> adapter_files.AdapterInfo:
        """Stores `files` (relative path → bytes: PEFT's adapter files and the manifest) as the user's adapter
        `name`, replacing the one stored before in one transaction; bumps the user's revision, so every
        process serving the user loads it at its next request. The user must exist."""
        user, name = valid_user(user), adapter_files.valid_adapter_name(name)

        def tx(s):
            urow = _user_row(s, user)
            adapter_files.write_adapter(s.connection(), urow.id, name, files)
            urow.revision += 1
            s.flush()
            return adapter_files.info(s.connection(), user, urow.id, name)

        return db.run_write(self._write, tx)

    def save_adapter_dir(self, user: str, directory: str | os.PathLike, *,
                         name: str = adapter_files.DEFAULT_ADAPTER) -> adapter_files.AdapterInfo:
        """`save_adapter` with the files of an adapter directory (as `save_pretrained` wrote it)."""
        return self.save_adapter(user, adapter_files.read_directory(Path(directory)), name=name)

    def adapter_info(self, user: str, name: str = adapter_files.DEFAULT_ADAPTER) -> adapter_files.AdapterInfo | None:
        """The user's adapter `name` without its bytes (hash, files, sizes), or None."""
        user, name = valid_user(user), adapter_files.valid_adapter_name(name)
        with self._read() as s:
            uid = s.execute(select(UserRow.id).where(UserRow.name == user)).scalar_one_or_none()
            return None if uid is None else adapter_files.info(s.connection(), user, uid, name)

    def read_adapter_files(self, user: str, name: str = adapter_files.DEFAULT_ADAPTER,
                      paths: list[str] | None = None) -> dict[str, bytes]:
        """path → bytes of the user's adapter `name` (or of `paths` only); {} when there is none."""
        user, name = valid_user(user), adapter_files.valid_adapter_name(name)
        with self._read() as s:
            uid = s.execute(select(UserRow.id).where(UserRow.name == user)).scalar_one_or_none()
            return {} if uid is None else adapter_files.read_files(s.connection(), uid, name, paths)

    def adapter_manifest(self, user: str, name: str = adapter_files.DEFAULT_ADAPTER) -> dict | None:
        """The stored adapter's manifest.json, parsed (None: no adapter, or one without a manifest)."""
        data = self.read_adapter_files(user, name, [adapter_files.MANIFEST]).get(adapter_files.MANIFEST)
        if data is None:
            return None
        try:
            manifest = json.loads(data)
        except ValueError:
            raise StoreCorruptError(f"the stored manifest of {user!r}'s adapter {name!r} is not JSON") from None
        return manifest if isinstance(manifest, dict) else None

    def extract_adapter(self, user: str, directory: str | os.PathLike, *,
                        name: str = adapter_files.DEFAULT_ADAPTER) -> Path:
        """Writes the user's adapter into `directory` (PEFT's format: what `PeftModel.from_pretrained` and
        vLLM's `LoRARequest` load); MemoryInputError when there is none."""
        files = self.read_adapter_files(user, name)
        if not files:
            raise MemoryInputError(f"user {user!r} has no stored adapter {name!r}")
        return adapter_files.write_directory(files, Path(directory))

    def adapter_digest(self, user: str, name: str = adapter_files.DEFAULT_ADAPTER) -> str | None:
        """The content hash of the user's current adapter `name` (from the user's snapshot, checked against
        `users.revision`), or None when there is none; no bytes are read or copied."""
        user, name = valid_user(user), adapter_files.valid_adapter_name(name)
        snap = self._snapshot(user)
        return snap.adapters.get(name) if snap is not None else None

    def adapter_checkout(self, user: str, name: str = adapter_files.DEFAULT_ADAPTER) -> tuple[str, Path] | None:
        """(content hash, local directory) of the user's current adapter `name`, copied into this machine's
        cache when missing; None when there is none. The hash comes from the user's snapshot, checked against
        `users.revision`, so a newer adapter written by any process is seen here at once."""
        user, name = valid_user(user), adapter_files.valid_adapter_name(name)
        for _ in range(5):
            snap = self._snapshot(user)
            digest = snap.adapters.get(name) if snap is not None else None
            if digest is None:
                return None

            def fetch(uid=snap.user_id):
                with self._read() as s:
                    return adapter_files.read_files(s.connection(), uid, name)

            try:
                return digest, self.adapter_cache.get(user, name, digest, fetch)
            except FileNotFoundError:
                continue  # replaced or deleted while it was read: the next snapshot says which
        raise StoreBusyError(f"user {user!r}'s adapter {name!r} kept changing while it was read; retry")

    def sweep_adapter_cache(self) -> int:
        """Deletes the cached adapter copies the database no longer names (forgotten users, replaced
        adapters) from this machine; returns how many files went."""
        def live():
            with self._read() as s:
                return adapter_files.all_digests(s.connection())
        return self.adapter_cache.sweep(live)

    def import_disk_adapters(self) -> adapter_files.ImportReport:
        """Moves adapters that versions before migration 0006 left in <data_dir>/adapters/<store id>/ into the
        database (`adapter_files.import_legacy`) and deletes their directories."""
        report = db.run_write(self._write, lambda s: adapter_files.import_legacy(s.connection(), self.data_dir,
                                                                                  self.store_id))
        adapter_files.remove_imported(report)
        if report.moved:
            self._snapshots.clear()
        return report

    def get_learned_weights(self, user: str) -> LearnedWeights | None:
        """The user's online-learned dimension weights, or None (no feedback folded in yet, or reset)."""
        user = valid_user(user)
        with self._read() as s:
            return learned.load_weights(s, user)

    def set_learned_weights(self, user: str, weights: dict[str, float], *, observations: int,
                            last_feedback_id: int, expected_last_feedback_id=learned.NO_CHECK) -> LearnedWeights:
        """Stores the user's learned weights (replacing older ones); the user must exist.

        `expected_last_feedback_id` (the `last_feedback_id` of the weights the caller read, None if it read
        none) makes the write a compare-and-set: `StaleStateError` when another writer changed them since.
        """
        user = valid_user(user)
        clean = valid_learned_weights(weights)
        valid_count(observations, "observations")
        valid_count(last_feedback_id, "last_feedback_id")
        expected = expected_last_feedback_id
        if expected is not learned.NO_CHECK and expected is not None:
            valid_count(expected, "expected_last_feedback_id")
        return db.run_write(self._write, lambda s: learned.save_weights(s, _user_row(s, user), clean, observations,
                                                                        last_feedback_id, expected))

    def reset_learned_weights(self, user: str) -> bool:
        """Deletes the user's learned weights; True when there were some."""
        user = valid_user(user)
        return db.run_write(self._write, lambda s: learned.delete_weights(s, _user_row(s, user)))

    # -- privacy

    def export_user(self, user: str) -> dict:
        """Everything stored about `user` as a JSON-ready dict (format in `personalign.memory.privacy`)."""
        user = valid_user(user)
        with self._read() as s:
            return privacy.export_rows(s, user)

    def forget_user(self, user: str) -> dict[str, int]:
        """Deletes every row about `user`; returns how many of each kind were removed.

        Learned feedback weights, adapters and the user's API keys (`personalign.memory.keys`) go too;
        their counts ("learned_weights", "adapter_files" and "adapter_bytes", "api_keys") appear only when
        the user had any, so callers that compare the classic counts keep working. The adapter rows go in
        the same transaction; this machine's cached copies (and any pre-0006 adapter directory) right
        after it, and other machines' copies at their server's next cache sweep. This is the one forget
        of the project: the CLI and the server's DELETE /v1/users/{user} both call it. A user with
        keys but no rows yet gets just {"api_keys": n}; one with neither is UnknownUserError.
        """
        user = valid_user(user)
        counts = db.run_write(self._write, lambda s: privacy.delete_rows(s, user))
        self._snapshots.drop(user)
        # Local copies go after the rows: the directory names derive from the user name, so a failed
        # removal is retried by the next sweep.
        self.adapter_cache.remove_user(user)
        adapter_files.remove_imported(adapter_files.ImportReport(
            directories=[adapter_files.legacy_dir(self.data_dir, self.store_id, user)]))
        db.checkpoint(self.engine)
        return counts


def _without_nul(text):
    return text.replace("\x00", "") if isinstance(text, str) else text
