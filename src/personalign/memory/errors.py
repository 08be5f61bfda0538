"""Errors raised by the preference memory; all are PersonalignError, so the CLI prints one line."""
from __future__ import annotations

from personalign.errors import ConfigError, PersonalignError


class MemoryInputError(ConfigError):
    """Invalid input to the store: empty or over-long text, NUL bytes, a bad rating, ..."""


class UnknownUserError(PersonalignError, KeyError):
    def __init__(self, user: str):
        super().__init__(f"unknown user {user!r}")
        self.user = user

    def __str__(self) -> str:  # KeyError would quote the whole message
        return self.args[0]


class UnknownInteractionError(PersonalignError, KeyError):
    def __init__(self, user: str, interaction_id: int):
        super().__init__(f"unknown interaction {interaction_id} for user {user!r}")

    def __str__(self) -> str:
        return self.args[0]


class UnknownPreferenceError(PersonalignError, KeyError):
    def __init__(self, user: str, preference_id: int):
        super().__init__(f"unknown preference {preference_id} for user {user!r}")

    def __str__(self) -> str:
        return self.args[0]


class PreferenceStateError(PersonalignError):
    """An operation that needs an active preference got a superseded or retracted one."""


class UnsafePreferenceError(PersonalignError):
    """The safety boundary refused the preference; nothing was stored."""

    def __init__(self, verdict):
        super().__init__(f"preference {verdict.reason}")
        self.verdict = verdict


class StoreError(PersonalignError):
    """The database cannot be opened, read or written: bad URL, unreachable server, unusable file.

    `personalign.memory.db` turns the drivers' errors into this class (or a subclass below), so callers
    never see SQLAlchemy or sqlite3 exceptions; the CLI prints one line, the server answers 503.
    """


class StoreBusyError(StoreError):
    """Another connection held the database's lock for longer than the store's lock timeout."""


class StaleStateError(StoreBusyError):
    """A compare-and-set write found the state changed since it was read (another writer got there first):
    read again and redo the update. A busy-store error to callers (HTTP 503 with Retry-After)."""


class StoreReadOnlyError(StoreError):
    """A write to a database that is read-only: file mode, immutable file, ``mode=ro`` URL, read-only server."""


class StoreCorruptError(StoreError):
    """The file is not a SQLite database, or its contents are damaged."""
