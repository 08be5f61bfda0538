"""Tables of the preference memory (SQLAlchemy 2.x declarative). Alembic migrations mirror them.

users ─┬─< preferences (self-link superseded_by: the history chain)
       ├─< interactions ─< feedback
       ├─< feedback (user_id kept on each row, so export, forget and implicit inference need no join)
       ├── user_weights (0..1 per user: dimension weights learned online from feedback)
       └─< user_adapter_files (the files of the user's LoRA adapters, bytes included; migration 0006)
server_api_keys (the server's user keys, by user name: a user may hold keys before any row; migration 0005)
server_rate_limits (one token bucket per API key id, shared by every server process; migration 0007)
store_meta (name → value: the store's own id, which names its per-user files outside the database)
"""
from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    SmallInteger,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

KINDS = ("explicit", "implicit")
STATUSES = ("active", "superseded", "retracted")
SCOPES = ("global", "topical")


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Stores UTC; always returns timezone-aware datetimes (SQLite would hand back naive ones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    pass


class UserRow(Base):
    __tablename__ = "users"
    __table_args__ = (UniqueConstraint("name", name="uq_users_name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    # Bumped by every write that changes the user's preferences: retrieval caches compare it, so a
    # cache stays correct when another process writes to the same database.
    revision: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)


class PreferenceRow(Base):
    __tablename__ = "preferences"
    __table_args__ = (
        CheckConstraint("kind IN ('explicit', 'implicit')", name="ck_preferences_kind"),
        CheckConstraint("status IN ('active', 'superseded', 'retracted')", name="ck_preferences_status"),
        CheckConstraint("scope IN ('global', 'topical')", name="ck_preferences_scope"),
        Index("ix_preferences_user_status", "user_id", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    dimension: Mapped[str | None] = mapped_column(String(32))
    pole: Mapped[str | None] = mapped_column(String(32))
    weight: Mapped[float] = mapped_column(Float, nullable=False, default=1.0)
    confidence: Mapped[float] = mapped_column(Float, nullable=False)
    evidence_count: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    source: Mapped[str] = mapped_column(String(64), nullable=False)
    scope: Mapped[str] = mapped_column(String(16), nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default="active")
    superseded_by: Mapped[int | None] = mapped_column(ForeignKey("preferences.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)
    embedding: Mapped[bytes | None] = mapped_column(LargeBinary)  # see vector_to_bytes
    embedding_model: Mapped[str | None] = mapped_column(String(64))
    # the interaction whose user message stated it (preferences captured from conversation)
    interaction_id: Mapped[int | None] = mapped_column(
        ForeignKey("interactions.id", ondelete="SET NULL", name="fk_preferences_interaction_id"))


class InteractionRow(Base):
    __tablename__ = "interactions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    prompt: Mapped[str] = mapped_column(Text, nullable=False)
    answer: Mapped[str] = mapped_column(Text, nullable=False)       # answer A
    alt_answer: Mapped[str | None] = mapped_column(Text)            # answer B, for pairwise choices
    strategy: Mapped[str] = mapped_column(String(32), nullable=False)
    params: Mapped[dict] = mapped_column(JSON, nullable=False, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)


class FeedbackRow(Base):
    __tablename__ = "feedback"
    __table_args__ = (
        CheckConstraint("rating IS NULL OR (rating >= 1 AND rating <= 5)", name="ck_feedback_rating"),
        CheckConstraint("choice IS NULL OR choice IN ('A', 'B')", name="ck_feedback_choice"),
        Index("ix_feedback_user_id_id", "user_id", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    interaction_id: Mapped[int] = mapped_column(ForeignKey("interactions.id", ondelete="CASCADE"),
                                                nullable=False, index=True)
    rating: Mapped[int | None] = mapped_column(SmallInteger)
    choice: Mapped[str | None] = mapped_column(String(1))
    edited_answer: Mapped[str | None] = mapped_column(Text)
    comment: Mapped[str | None] = mapped_column(Text)
    # Judged movement per dimension (preferred text minus the other one, in judge units), kept so the
    # implicit inference is a query and every inferred preference can be traced back to events.
    d_length: Mapped[float | None] = mapped_column(Float)
    d_expertise: Mapped[float | None] = mapped_column(Float)
    d_tone: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)


class UserWeightsRow(Base):
    """Per-dimension weights learned online from the user's ratings, choices and edits (`personalign.feedback.online`).

    `weights` maps dimension → signed weight; `last_feedback_id` is the newest feedback folded in, so
    an update never counts an event twice.
    """

    __tablename__ = "user_weights"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    weights: Mapped[dict] = mapped_column(JSON, nullable=False)
    observations: Mapped[int] = mapped_column(Integer, nullable=False)
    last_feedback_id: Mapped[int] = mapped_column(Integer, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)


class StoreMetaRow(Base):
    """Facts about the store itself; `store_id` (random, set by migration 0003) names its per-user files."""

    __tablename__ = "store_meta"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(200), nullable=False)


class ApiKeyRow(Base):
    """A user's server API key (`personalign.memory.keys`): the public key id and sha256 of the secret.

    Keyed by user name, not `users.id`: an admin creates a user's key before anything is stored about
    them. `MemoryStore.forget_user` deletes the keys with the user's rows."""

    __tablename__ = "server_api_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key_id: Mapped[str] = mapped_column(String(32), nullable=False, unique=True)
    user_name: Mapped[str] = mapped_column(String(200), nullable=False, index=True)
    secret_sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)


class AdapterFileRow(Base):
    """One file of a user's LoRA adapter (`personalign.memory.adapter_files`): PEFT's files and the manifest."""

    __tablename__ = "user_adapter_files"
    __table_args__ = (UniqueConstraint("user_id", "adapter", "path", name="uq_user_adapter_files_path"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    adapter: Mapped[str] = mapped_column(String(64), nullable=False)     # the adapter's name ("default")
    path: Mapped[str] = mapped_column(String(255), nullable=False)       # relative to the adapter directory
    data: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)     # BLOB / bytea
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    size: Mapped[int] = mapped_column(BigInteger, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, nullable=False, default=utcnow)


class RateLimitRow(Base):
    """A token bucket per API key id (`personalign.memory.rate_limits`): tokens left at `updated` (seconds
    since the epoch by the server's clock)."""

    __tablename__ = "server_rate_limits"

    key_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    tokens: Mapped[float] = mapped_column(Float, nullable=False)
    updated: Mapped[float] = mapped_column(Float, nullable=False)


SIGNAL_COLUMNS = {"length": "d_length", "expertise": "d_expertise", "tone": "d_tone"}


def vector_to_bytes(vec) -> bytes:
    """The embedding column's format: little-endian float32, 4 bytes per dimension."""
    import numpy as np

    return np.asarray(vec, dtype="<f4").tobytes()


def vector_from_bytes(blob: bytes):
    import numpy as np

    return np.frombuffer(blob, dtype="<f4")
