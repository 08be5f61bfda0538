"""Preferences captured from conversation: what a user says about themselves becomes memory.

A statement found by `extract.extract_statements` in the user's latest message is stored like any
other preference — the safety boundary first, then the placement rules ("I'm not vegetarian
anymore" supersedes "I'm vegetarian") — with ``source="conversation"``. A request about how to answer
("keep it short", "don't use emojis", "avoid idioms") is global; a statement about the user is
topical unless it names a style dimension. An unsafe statement is not stored; it is reported as refused and the chat
goes on. Capture runs before retrieval, so the answer in the same turn already follows it.
"""
from __future__ import annotations

from dataclasses import dataclass

from personalign.memory.errors import MemoryInputError, UnsafePreferenceError
from personalign.memory.extract import Statement, extract_statements
from personalign.memory.records import AddResult

SOURCE = "conversation"


@dataclass(frozen=True)
class Captured:
    """One statement and what became of it: `result` when stored (added or merged), `refused` (the
    safety boundary's reason) when not."""

    statement: Statement
    result: AddResult | None = None
    refused: str | None = None

    def to_dict(self) -> dict:
        out: dict = {"text": self.statement.text, "score": round(self.statement.score, 4)}
        if self.result is not None:
            out.update(action=self.result.action, preference_id=self.result.preference.id,
                       dimension=self.result.preference.dimension, pole=self.result.preference.pole,
                       scope=self.result.preference.scope,
                       superseded=[p.id for p in self.result.superseded])
        else:
            out.update(action="refused", reason=self.refused)
        return out


def capture_preferences(store, user: str, message: str) -> list[Captured]:
    """Stores the statements of `message` for `user`; one `Captured` per statement found."""
    out = []
    for statement in extract_statements(message, store.embedder):
        try:
            # A request about answers ("don't use emojis") holds for every answer, with or without a dimension.
            result = store.add_preference(user, statement.text, source=SOURCE,
                                          scope="global" if statement.style else None)
        except (UnsafePreferenceError, MemoryInputError) as exc:  # refused or, say, too long: the chat goes on
            out.append(Captured(statement, refused=str(exc)))
            continue
        out.append(Captured(statement, result))
    return out
