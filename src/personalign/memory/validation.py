"""Input checks: every value a caller hands the store is refused here, with a one-line reason, before any write."""
from __future__ import annotations

import json
import math
import re

from personalign.dimensions import DIMENSIONS
from personalign.memory import db
from personalign.memory.errors import MemoryInputError, UnsafePreferenceError
from personalign.memory.schema import KINDS, SCOPES
from personalign.safety import check_preference

MAX_PREFERENCE_CHARS = 2000
MAX_USER_CHARS = 200
MAX_TEXT_CHARS = 100_000      # prompts, answers, edited answers
MAX_COMMENT_CHARS = 2000
MAX_SOURCE_CHARS = 64
MAX_STRATEGY_CHARS = 32
MAX_WEIGHT = 10.0
RATING_MIN, RATING_MAX = 1, 5
POLE_TO_DIMENSION = {pole: name for name, d in DIMENSIONS.items() for pole in d.poles}
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def valid_text(value, what: str, limit: int, *, allow_empty: bool = False) -> str:
    if not isinstance(value, str):
        raise MemoryInputError(f"{what} must be text, got {type(value).__name__}")
    if "\x00" in value:
        raise MemoryInputError(f"{what} contains a NUL byte")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: argv bytes that were not UTF-8, or JSON escapes
        raise MemoryInputError(f"{what} is not valid UTF-8") from None
    if not allow_empty and not value.strip():
        raise MemoryInputError(f"{what} is empty")
    if len(value) > limit:
        raise MemoryInputError(f"{what} is {len(value)} characters long; the limit is {limit}")
    return value


def valid_user(user) -> str:
    user = valid_text(user, "user name", MAX_USER_CHARS)
    if CONTROL_CHARS.search(user) or user != user.strip():
        raise MemoryInputError("user name must not contain control characters or surrounding spaces")
    return user


def valid_id(value, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= db.MAX_ID:
        raise MemoryInputError(f"{what} must be an integer from 1 to {db.MAX_ID}, got {value!r}")
    return value


def valid_count(value, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise MemoryInputError(f"{what} must be a non-negative integer, got {value!r}")
    return value


def valid_weight(weight) -> float:
    if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not math.isfinite(weight) \
            or not 0 < weight <= MAX_WEIGHT:
        raise MemoryInputError(f"weight must be a number in (0, {MAX_WEIGHT:g}], got {weight!r}")
    return float(weight)


def valid_confidence(c) -> float:
    if isinstance(c, bool) or not isinstance(c, (int, float)) or not math.isfinite(c) or not 0 < c <= 1:
        raise MemoryInputError(f"confidence must be a number in (0, 1], got {c!r}")
    return float(c)


def valid_kind(kind) -> str:
    if kind not in KINDS:
        raise MemoryInputError(f"kind must be one of {', '.join(KINDS)}, got {kind!r}")
    return kind


def valid_scope(scope) -> str | None:
    if scope is not None and scope not in SCOPES:
        raise MemoryInputError(f"scope must be one of {', '.join(SCOPES)}, got {scope!r}")
    return scope


def safe_preference(text: str) -> str:
    """The text, if the safety boundary lets it be stored as a preference; UnsafePreferenceError otherwise."""
    verdict = check_preference(text)
    if not verdict.allowed:
        raise UnsafePreferenceError(verdict)
    return text


def valid_dimension_pole(dimension, pole) -> tuple[str | None, str | None]:
    """(dimension, pole) both given, or both None; a pole alone implies its dimension."""
    if pole is not None and dimension is None:
        if pole not in POLE_TO_DIMENSION:
            raise MemoryInputError(f"unknown pole {pole!r}; poles are {', '.join(POLE_TO_DIMENSION)}")
        dimension = POLE_TO_DIMENSION[pole]
    if dimension is not None:
        if dimension not in DIMENSIONS:
            raise MemoryInputError(f"unknown dimension {dimension!r}; choose one of {', '.join(DIMENSIONS)}")
        if pole not in DIMENSIONS[dimension].poles:
            raise MemoryInputError(f"dimension {dimension!r} needs a pole: {' or '.join(DIMENSIONS[dimension].poles)}")
    return dimension, pole


def valid_params(params) -> dict:
    """Generation parameters as a JSON object (a copy that survives a JSON round trip)."""
    params = {} if params is None else params
    if not isinstance(params, dict):
        raise MemoryInputError("params must be a JSON object (dict)")
    try:
        return json.loads(json.dumps(params, allow_nan=False))
    except (TypeError, ValueError) as exc:
        raise MemoryInputError(f"params must be JSON-serializable: {exc}") from None


def valid_feedback(rating, choice, edited_answer, comment) -> tuple[int | None, str | None, str | None, str | None]:
    """(rating, choice in upper case, edited answer, comment): at least one given; not a choice and an edit."""
    if rating is not None and (isinstance(rating, bool) or not isinstance(rating, int)
                               or not RATING_MIN <= rating <= RATING_MAX):
        raise MemoryInputError(f"rating must be an integer from {RATING_MIN} to {RATING_MAX}, got {rating!r}")
    if choice is not None:
        if not isinstance(choice, str) or choice.upper() not in ("A", "B"):
            raise MemoryInputError(f"choice must be 'A' or 'B', got {choice!r}")
        choice = choice.upper()
    if edited_answer is not None:
        edited_answer = valid_text(edited_answer, "edited answer", MAX_TEXT_CHARS)
    if comment is not None:
        comment = valid_text(comment, "comment", MAX_COMMENT_CHARS)
    if rating is None and choice is None and edited_answer is None and comment is None:
        raise MemoryInputError("feedback needs a rating, a choice, an edited answer or a comment")
    if choice is not None and edited_answer is not None:
        raise MemoryInputError("give either a choice or an edited answer, not both")
    return rating, choice, edited_answer, comment


def valid_learned_weights(weights) -> dict[str, float]:
    if not isinstance(weights, dict):
        raise MemoryInputError("weights must be a dict of dimension -> number")
    clean = {}
    for dim, w in weights.items():
        if dim not in DIMENSIONS:
            raise MemoryInputError(f"unknown dimension {dim!r}; choose from {', '.join(DIMENSIONS)}")
        if isinstance(w, bool) or not isinstance(w, (int, float)) or not math.isfinite(w) or abs(w) > MAX_WEIGHT:
            raise MemoryInputError(f"weight for {dim!r} must be a finite number in [-{MAX_WEIGHT:g}, "
                                   f"{MAX_WEIGHT:g}], got {w!r}")
        clean[dim] = float(w)
    return clean
