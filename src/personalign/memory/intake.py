"""Feedback intake: a feedback event checked, judged on every dimension, and stored with its batch in one insert.

Feedback scale: rating is an integer 1–5 (1 = bad, 5 = good). A pairwise choice needs an
interaction recorded with two answers — ``answer`` is A and ``alt_answer`` is B — and is "A" or "B".
An edit is the user's corrected version of answer A. Choices and edits carry judged signals (see
`personalign.memory.implicit`); a rating carries the signals of its comparison with earlier rated
answers (`personalign.memory.ratings`, filled in by `with_rating_signals`); comments carry none.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import and_, bindparam, insert, select

from personalign.dimensions import DIMENSIONS
from personalign.memory.errors import MemoryInputError, UnknownInteractionError, UnknownUserError
from personalign.memory.implicit import judged_signals
from personalign.memory.ratings import WINDOW, RatedAnswer, signals_in_order
from personalign.memory.records import AddResult, FeedbackRecord, Interaction
from personalign.memory.schema import SIGNAL_COLUMNS, FeedbackRow, InteractionRow, UserRow, utcnow

FEEDBACK_FIELDS = ("rating", "choice", "edited_answer", "comment")


@dataclass(frozen=True)
class FeedbackEvent:
    """One checked feedback event, ready to insert."""

    interaction_id: int
    rating: int | None
    choice: str | None
    edited_answer: str | None
    comment: str | None
    signals: dict[str, float | None]


def feedback_event(interaction_id: int, rating: int | None, choice: str | None, edited_answer: str | None,
                   comment: str | None, interaction: Interaction | None) -> FeedbackEvent:
    """The event for checked fields; `interaction` (needed for a choice or an edit) supplies the
    answers that are judged against each other."""
    signals = {dim: None for dim in DIMENSIONS}
    if choice is not None or edited_answer is not None:
        if choice is not None:
            if interaction.alt_answer is None:
                raise MemoryInputError(
                    f"interaction {interaction_id} has only one answer; a choice needs answers A and B")
            better, other = ((interaction.answer, interaction.alt_answer) if choice == "A"
                             else (interaction.alt_answer, interaction.answer))
        else:
            better, other = edited_answer, interaction.answer
        signals = judged_signals(better, other)
    return FeedbackEvent(interaction_id, rating, choice, edited_answer, comment, signals)


def _rates_answer(e) -> bool:
    return e.rating is not None and e.choice is None and e.edited_answer is None


# Built once: constructing these expressions costs more than running them on SQLite.
_RATED_INTERACTIONS = (
    select(InteractionRow.id, InteractionRow.prompt, InteractionRow.answer)
    .join(UserRow, UserRow.id == InteractionRow.user_id)
    .where(UserRow.name == bindparam("user"), InteractionRow.id.in_(bindparam("ids", expanding=True))))
_EARLIER_RATINGS = (
    select(InteractionRow.prompt, InteractionRow.answer, FeedbackRow.rating)
    .join(InteractionRow, InteractionRow.id == FeedbackRow.interaction_id)
    .join(UserRow, UserRow.id == FeedbackRow.user_id)
    .where(UserRow.name == bindparam("user"), FeedbackRow.rating.is_not(None), FeedbackRow.choice.is_(None),
           FeedbackRow.edited_answer.is_(None))
    .order_by(FeedbackRow.id.desc()).limit(WINDOW))


def with_rating_signals(conn, user: str, events: list[FeedbackEvent]) -> list[FeedbackEvent]:
    """The events with each plain rating's signals filled in (`memory.ratings`), reading the user's last
    `WINDOW` ratings and the rated interactions through `conn` in two queries; events of an unknown user
    or interaction are left as they are (`insert_events` reports them)."""
    if not any(_rates_answer(e) for e in events):
        return events
    wanted = sorted({e.interaction_id for e in events if _rates_answer(e)})
    rated = {iid: (prompt, answer) for iid, prompt, answer in conn.execute(
        _RATED_INTERACTIONS, {"user": user, "ids": wanted}).all()}
    if not rated:
        return events
    earlier = conn.execute(_EARLIER_RATINGS, {"user": user}).all()
    history = [RatedAnswer(p, a, r) for p, a, r in reversed(earlier)]
    new = [(i, RatedAnswer(*rated[e.interaction_id], e.rating)) for i, e in enumerate(events)
           if _rates_answer(e) and e.interaction_id in rated]
    out = list(events)
    for (i, _), signals in zip(new, signals_in_order(history, [r for _, r in new])):
        if signals is not None:
            out[i] = replace(events[i], signals=signals)
    return out


def insert_events(conn, user: str, events: list[FeedbackEvent]) -> tuple[int, datetime, list[int]]:
    """Inserts the events through `conn` (a Core connection or a session) after one query checks both
    the user and that every interaction is theirs; returns (user id, the time stored, feedback ids)."""
    wanted = sorted({e.interaction_id for e in events})
    found = conn.execute(select(UserRow.id, InteractionRow.id).join(
        InteractionRow, and_(InteractionRow.user_id == UserRow.id, InteractionRow.id.in_(wanted)),
        isouter=True).where(UserRow.name == user)).all()
    if not found:
        raise UnknownUserError(user)
    missing = set(wanted) - {iid for _, iid in found}
    if missing:
        raise UnknownInteractionError(user, min(missing))
    uid, now = found[0][0], utcnow()
    params = [dict(user_id=uid, interaction_id=e.interaction_id, rating=e.rating, choice=e.choice,
                   edited_answer=e.edited_answer, comment=e.comment, created_at=now,
                   **{SIGNAL_COLUMNS[d]: v for d, v in e.signals.items()}) for e in events]
    ids = list(conn.execute(insert(FeedbackRow).returning(FeedbackRow.id, sort_by_parameter_order=True),
                            params).scalars())
    return uid, now, ids


def feedback_records(ids: list[int], events: list[FeedbackEvent], now: datetime,
                     inferred: tuple[AddResult, ...]) -> list[FeedbackRecord]:
    """The records of stored events; what inference did is reported on the last one."""
    return [FeedbackRecord(i, e.interaction_id, e.rating, e.choice, e.edited_answer, e.comment, dict(e.signals), now,
                           inferred if n == len(ids) - 1 else ())
            for n, (i, e) in enumerate(zip(ids, events))]
