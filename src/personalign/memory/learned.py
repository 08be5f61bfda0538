"""Feedback-adaptation state kept per user: weights learned online from feedback, and LoRA adapter files.

Per-dimension weights learned online from ratings, choices and edits (`personalign.feedback.online`) are
stored per user (`MemoryStore.get_learned_weights`/`set_learned_weights`/`reset_learned_weights`)
and shown in `Profile.learned_weights`. A user's LoRA adapter (`personalign.feedback.adapters`) lives
in `MemoryStore.adapter_dir(user)`: <data_dir>/adapters/<store id>/<user>, where the store id is a
random id kept in the database itself (`store_id`), so databases sharing a data directory never share
files and a moved database keeps its own. Both are part of the user's data: exported by
`export_user`, deleted by `forget_user`. (Adapters written before the store id existed sit directly
under <data_dir>/adapters/; they cannot be attributed to a database, so they are ignored and left for
the owner to delete.)
"""
from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
from pathlib import Path

from sqlalchemy import delete, select

from personalign.memory.errors import StoreError
from personalign.memory.records import LearnedWeights
from personalign.memory.schema import StoreMetaRow, UserRow, UserWeightsRow, utcnow

STORE_ID = re.compile(r"[0-9a-f]{32}")


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


def adapter_dir(data_dir: Path, store_id: str, user: str) -> Path:
    """<data_dir>/adapters/<store id>/<name made file-safe>-<hash of the name>: the hash keeps names
    that differ only in unsafe characters apart."""
    safe = re.sub(r"[^A-Za-z0-9_-]", "_", user)[:40]
    return data_dir / "adapters" / store_id / f"{safe}-{hashlib.sha256(user.encode('utf-8')).hexdigest()[:12]}"


def adapter_paths(target: Path) -> list[Path]:
    """The adapter directory and the leftovers of an interrupted atomic replace (temp and .old dirs)."""
    if not target.parent.is_dir():
        return []
    return [p for p in target.parent.iterdir()
            if p.name == target.name or p.name == target.name + ".old" or p.name.startswith(f".{target.name}.")]


def adapter_export(target: Path) -> dict | None:
    """{"manifest": ..., "files_b64": {name: base64}} for the adapter in `target`, None when there is none."""
    manifest = target / "manifest.json"
    if not manifest.is_file():
        return None
    files = {p.name: base64.b64encode(p.read_bytes()).decode("ascii")
             for p in sorted(target.iterdir()) if p.is_file() and p.name != "manifest.json"}
    return {"manifest": json.loads(manifest.read_text(encoding="utf-8")), "files_b64": files}


def remove_adapter(target: Path) -> int:
    """Deletes the adapter in `target` and any leftovers; returns how many files went."""
    files = 0
    for path in adapter_paths(target):
        if path.is_dir():
            files += sum(1 for p in path.rglob("*") if p.is_file())
            shutil.rmtree(path)
        else:
            files += 1
            path.unlink()
    return files


def load_weights(s, user: str) -> LearnedWeights | None:
    row = s.execute(select(UserWeightsRow).join(UserRow, UserRow.id == UserWeightsRow.user_id)
                    .where(UserRow.name == user)).scalar_one_or_none()
    return LearnedWeights.from_row(row) if row is not None else None


def save_weights(s, urow: UserRow, weights: dict[str, float], observations: int,
                 last_feedback_id: int) -> LearnedWeights:
    """Replaces the user's learned weights inside a write session."""
    row = s.get(UserWeightsRow, urow.id)
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
