"""Errors that callers (CLI, server) turn into one-line messages / 4xx responses."""


class PersonalignError(Exception):
    """Base class: a problem with the caller's input or configuration, not a bug."""


class ConfigError(PersonalignError, ValueError):
    """An invalid parameter value (NaN weight, top-k < 1, unknown strategy, ...)."""


class ModelNotFoundError(PersonalignError, FileNotFoundError):
    """A model name or path that resolves to nothing loadable."""


class TokenizerMismatchError(PersonalignError):
    """Two models that must share a vocabulary do not."""
