"""Privacy: everything stored about a user, exported as one JSON document or deleted for good.

Export format (`MemoryStore.export_user`, JSON; one object per user)::

    {"format": "personalign.memory/1", "user": "alice", "created_at": "...",
     "exported_at": "2025-01-01T00:00:00+00:00",
     "preferences": [{"id": 1, "text": "keep it short", "kind": "explicit", "dimension": "length",
                      "pole": "concise", "weight": 1.0, "confidence": 0.8, "evidence_count": 1, "source": "cli",
                      "scope": "global", "status": "active", "superseded_by": null, "created_at": "...",
                      "updated_at": "...", "embedding_model": "all-MiniLM-L6-v2", "embedding_b64": "..."}],
     "interactions": [{"id": 1, "prompt": "...", "answer": "...", "alt_answer": null, "strategy": "pad",
                       "params": {}, "created_at": "..."}],
     "feedback": [{"id": 1, "interaction_id": 1, "rating": 5, "choice": null, "edited_answer": null,
                   "comment": null, "signals": {"length": null, "expertise": null, "tone": null},
                   "created_at": "..."}],
     "learned_weights": {"weights": {"length": -0.8, "expertise": 0.0, "tone": 0.1}, "observations": 12,
                         "last_feedback_id": 40, "updated_at": "..."},
     "adapter": {"name": "default", "sha256": "…", "size": 1234567, "created_at": "...",
                 "files": [{"path": "adapter_config.json", "sha256": "…", "size": 812}, "..."],
                 "manifest": {"format": "personalign.adapter/1", "user": "alice", "...": "..."},
                 "files_b64": {"adapter_config.json": "...", "adapter_model.safetensors": "...",
                               "manifest.json": "..."}},
     "api_keys": [{"key_id": "3f9c2a7d1e0b4c55", "created_at": "..."}]}

``learned_weights`` and ``adapter`` are null when the user has none. ``adapter`` is the user's LoRA adapter
as the database holds it (`personalign.memory.adapter_files`): every file in ``files_b64`` (base64), so
writing each one to its path gives the PEFT adapter directory (`personalign prefs export-adapter` does it
from the database); ``sha256`` is the adapter's content hash, ``files`` each file's sha256 and size. Adapters
under other names than "default" (none that personalign writes itself) appear in ``more_adapters``
(name → the same object), present only when there are some. ``api_keys`` lists the user's server API
keys by id (never a secret or its digest); ``created_at`` is null for a user who has keys but no stored
rows yet.
"""
from __future__ import annotations

import base64
import json

from sqlalchemy import delete, func, select, update

from personalign.memory import adapter_files
from personalign.memory import keys as api_keys
from personalign.memory.errors import UnknownUserError
from personalign.memory.records import LearnedWeights, Preference
from personalign.memory.schema import (
    SIGNAL_COLUMNS,
    FeedbackRow,
    InteractionRow,
    PreferenceRow,
    UserRow,
    UserWeightsRow,
    utcnow,
)

EXPORT_FORMAT = "personalign.memory/1"


def adapter_export(conn, user: str, user_id: int, name: str) -> dict | None:
    """One adapter of the export document (module docstring), None when the user has none by that name."""
    meta = adapter_files.info(conn, user, user_id, name)
    if meta is None:
        return None
    files = adapter_files.read_files(conn, user_id, name)
    manifest = None
    if adapter_files.MANIFEST in files:
        try:
            manifest = json.loads(files[adapter_files.MANIFEST])
        except ValueError:
            manifest = None
    return meta.to_dict() | {"manifest": manifest,
                             "files_b64": {p: base64.b64encode(d).decode("ascii") for p, d in files.items()}}


def export_rows(s, user: str) -> dict:
    """The export document for `user` read through session `s`; UnknownUserError when nothing is
    stored about them."""
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
        d = Preference.from_row(r, user).to_dict()
        d.pop("user")
        d["embedding_model"] = r.embedding_model
        d["embedding_b64"] = base64.b64encode(r.embedding).decode("ascii") if r.embedding is not None else None
        out_prefs.append(d)
    more = {}
    if urow is not None:
        for name in sorted(adapter_files.digests(s.connection(), urow.id)):
            if name != adapter_files.DEFAULT_ADAPTER:
                more[name] = adapter_export(s.connection(), user, urow.id, name)
    return {
        "format": EXPORT_FORMAT,
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
        "learned_weights": LearnedWeights.from_row(learned).to_dict() if learned is not None else None,
        "adapter": adapter_export(s.connection(), user, urow.id, adapter_files.DEFAULT_ADAPTER)
        if urow is not None else None,
        **({"more_adapters": more} if more else {}),
        "api_keys": keys,
    }


def delete_rows(s, user: str) -> dict[str, int]:
    """Deletes every row about `user` inside a write session, their API keys included; returns how
    many of each kind went ("learned_weights", "adapter_files" with "adapter_bytes", and "api_keys" only
    when there were some).
    UnknownUserError when there was nothing to delete."""
    revoked = api_keys.revoke_keys(s.connection(), user)
    urow = s.execute(select(UserRow).where(UserRow.name == user)).scalar_one_or_none()
    if urow is None:
        if not revoked:
            raise UnknownUserError(user)
        return {"api_keys": revoked}
    uid = urow.id
    emb = s.execute(select(func.count(PreferenceRow.id)).where(
        PreferenceRow.user_id == uid, PreferenceRow.embedding.is_not(None))).scalar()
    # Links between the user's own rows go first, so no delete order trips a reference.
    s.execute(update(PreferenceRow).where(PreferenceRow.user_id == uid)
              .values(superseded_by=None, interaction_id=None))
    counts = {"feedback": s.execute(delete(FeedbackRow).where(FeedbackRow.user_id == uid)).rowcount,
              "interactions": s.execute(delete(InteractionRow).where(InteractionRow.user_id == uid)).rowcount}
    learned = s.execute(delete(UserWeightsRow).where(UserWeightsRow.user_id == uid)).rowcount
    if learned:
        counts["learned_weights"] = learned
    adapter_rows, adapter_bytes = adapter_files.delete_user_adapters(s.connection(), uid)
    if adapter_rows:
        counts["adapter_files"], counts["adapter_bytes"] = adapter_rows, adapter_bytes
    counts["preferences"] = s.execute(delete(PreferenceRow).where(PreferenceRow.user_id == uid)).rowcount
    counts["embeddings"] = int(emb)
    counts["users"] = s.execute(delete(UserRow).where(UserRow.id == uid)).rowcount
    if revoked:
        counts["api_keys"] = revoked
    return counts
