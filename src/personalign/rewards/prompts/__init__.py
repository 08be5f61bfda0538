"""The personalign prompt set: 240 everyday prompts over 12 topics, written for this project.

Each line of `prompts.jsonl` is `{"id", "prompt", "topic", "split"}`. The split is fixed in the file
(every fifth prompt of each topic is "heldout", 48 in all) so that pair synthesis, PersRM training and
evaluation always agree on which prompts a model has never been trained on.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from personalign.errors import ConfigError, PersonalignError

SPLITS = ("train", "heldout")
_FILE = "prompts.jsonl"


@dataclass(frozen=True)
class Prompt:
    id: str
    prompt: str
    topic: str
    split: str


@lru_cache(maxsize=1)
def _all() -> tuple[Prompt, ...]:
    text = resources.files(__name__).joinpath(_FILE).read_text(encoding="utf-8")
    rows, seen = [], set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            row = Prompt(**{k: obj[k] for k in ("id", "prompt", "topic", "split")})
        except (ValueError, KeyError, TypeError) as exc:
            # The file ships with the package, so a bad line is a packaging bug worth a loud message.
            raise PersonalignError(f"{_FILE} line {number}: {exc}") from exc
        if row.split not in SPLITS or row.id in seen or not row.prompt.strip():
            raise PersonalignError(f"{_FILE} line {number}: bad split, duplicate id or empty prompt")
        seen.add(row.id)
        rows.append(row)
    return tuple(rows)


def load_prompts(split: str | None = None, topic: str | None = None) -> list[Prompt]:
    """All prompts in file order, or only one split ("train" / "heldout") and/or one topic."""
    if split is not None and split not in SPLITS:
        raise ConfigError(f"unknown prompt split {split!r}; choose one of {', '.join(SPLITS)}")
    rows = [p for p in _all() if split is None or p.split == split]
    if topic is not None:
        if topic not in topics():
            raise ConfigError(f"unknown topic {topic!r}; choose one of {', '.join(topics())}")
        rows = [p for p in rows if p.topic == topic]
    return rows


def topics() -> list[str]:
    """Topic names in first-appearance order."""
    return list(dict.fromkeys(p.topic for p in _all()))


__all__ = ["Prompt", "SPLITS", "load_prompts", "topics"]
