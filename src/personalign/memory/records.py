"""The records the store hands out: immutable views of stored preferences, interactions, feedback and profiles."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime

from personalign.dimensions import DIMENSIONS
from personalign.memory.classify import Classification
from personalign.memory.schema import SIGNAL_COLUMNS, FeedbackRow, InteractionRow, PreferenceRow, UserWeightsRow


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
    interaction_id: int | None = None  # where it was said, for preferences captured from conversation

    @classmethod
    def from_row(cls, row: PreferenceRow, user: str) -> Preference:
        return cls(id=row.id, user=user, text=row.text, kind=row.kind, dimension=row.dimension, pole=row.pole,
                   weight=row.weight, confidence=row.confidence, evidence_count=row.evidence_count,
                   source=row.source, scope=row.scope, status=row.status, superseded_by=row.superseded_by,
                   created_at=row.created_at, updated_at=row.updated_at, interaction_id=row.interaction_id)

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

    @classmethod
    def from_row(cls, row: InteractionRow, user: str) -> Interaction:
        return cls(row.id, user, row.prompt, row.answer, row.alt_answer, row.strategy, dict(row.params or {}),
                   row.created_at)


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

    @classmethod
    def from_row(cls, row: FeedbackRow) -> FeedbackRecord:
        return cls(row.id, row.interaction_id, row.rating, row.choice, row.edited_answer, row.comment,
                   {d: getattr(row, c) for d, c in SIGNAL_COLUMNS.items()}, row.created_at)


@dataclass(frozen=True)
class LearnedWeights:
    """Dimension → signed weight learned online from feedback (> 0 toward the high pole), with how many
    observations went in and the newest feedback id folded in."""

    weights: dict[str, float]
    observations: int
    last_feedback_id: int
    updated_at: datetime

    @classmethod
    def from_row(cls, row: UserWeightsRow) -> LearnedWeights:
        return cls({k: float(v) for k, v in (row.weights or {}).items()}, row.observations, row.last_feedback_id,
                   row.updated_at)

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
    learned_weights: dimension → signed weight learned online from the user's ratings, choices and edits
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
