"""Errors of the feedback package; all are PersonalignError, so the CLI prints one line (exit 2)."""
from __future__ import annotations

from personalign.errors import ConfigError, PersonalignError


class FeedbackError(PersonalignError):
    """Base class of the feedback package's errors."""


class NotEnoughPairsError(FeedbackError):
    """A user has no (or too few) usable preference pairs to train on."""


class AdapterError(FeedbackError):
    """A per-user adapter directory that is missing, incomplete or made for another base model."""


class FeedbackConfigError(FeedbackError, ConfigError):
    """An invalid setting of the online update, adapter training or the scheduler."""
