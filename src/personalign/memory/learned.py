"""Feedback-adaptation state kept per user: weights learned online from feedback, and the store's id.

Per-dimension weights learned online from ratings, choices and edits (`personalign.feedback.online`) are
stored per user (`MemoryStore.get_learned_weights`/`set_learned_weights`/`reset_learned_weights`)
and shown in `Profile.learned_weights`; exported by `export_user`, deleted by `forget_user`. A user's LoRA
adapters are rows of the database too (`personalign.memory.adapter_files`). The store id, a random id kept
in the database itself (`store_id`), names the store's files outside it (the local adapter cache, and the
adapter directories of versions before migration 0006), so databases sharing a data directory never share
files and a moved database keeps its own.
"""
from __future__ import annotations

import re

from sqlalchemy import delete, select

from personalign.memory.errors import StaleStateError, StoreError
from personalign.memory.records import LearnedWeights
from personalign.memory.schema import StoreMetaRow, UserRow, UserWeightsRow, utcnow

STORE_ID = re.compile(r"[0-9a-f]{32}")
# `save_weights(expected=NO_CHECK)`: replace whatever is stored (no compare-and-set).
NO_CHECK = object()


def read_store_id(s) -> str:
    """The database's own random id (table `store_meta`, migration 0003)."""
    row = s.get(StoreMetaRow, "store_id")
    value = row.value if row is not None else None
    if value is None:
        raise StoreError("the database has no store id (schema older than 0003): open it once with "
                         "migrations enabled")
    if not STORE_ID.fullmatch(value):
        raise StoreError(f"the database's store id {value!r} is not 32 hex digits")
    return value


def load_weights(s, user: str) -> LearnedWeights | None:
    row = s.execute(select(UserWeightsRow).join(UserRow, UserRow.id == UserWeightsRow.user_id)
                    .where(UserRow.name == user)).scalar_one_or_none()
    return LearnedWeights.from_row(row) if row is not None else None


def save_weights(s, urow: UserRow, weights: dict[str, float], observations: int,
                 last_feedback_id: int, expected=NO_CHECK) -> LearnedWeights:
    """Replaces the user's learned weights inside a write session.

    `expected` makes it a compare-and-set: the `last_feedback_id` the writer read (None: it read no weights).
    Online updates read the state, fold newer feedback into it and write it back; two replicas doing that
    at once would otherwise let the one that read older state overwrite the newer result, and the feedback
    in between would be folded in twice later. A mismatch raises `StaleStateError` and writes nothing.
    """
    row = s.get(UserWeightsRow, urow.id)
    if expected is not NO_CHECK:
        current = row.last_feedback_id if row is not None else None
        if current != expected:
            raise StaleStateError(f"the learned weights of user {urow.name!r} changed while they were updated "
                                  f"(read after feedback {expected}, now after {current})")
    if row is None:
        row = UserWeightsRow(user_id=urow.id)
        s.add(row)
    row.weights, row.observations, row.last_feedback_id = weights, observations, last_feedback_id
    row.updated_at = utcnow()
    urow.revision += 1  # profiles show the weights: cached snapshots must rebuild
    s.flush()
    return LearnedWeights.from_row(row)


def delete_weights(s, urow: UserRow) -> bool:
    """Deletes the user's learned weights inside a write session; True when there were some."""
    gone = s.execute(delete(UserWeightsRow).where(UserWeightsRow.user_id == urow.id)).rowcount
    if gone:
        urow.revision += 1
    return bool(gone)
