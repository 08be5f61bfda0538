"""Personalized preference pairs on disk: the record, and JSON Lines files of them, checked line by line.

One JSON object per line:

    {"preference": "Be brief.", "prompt": "Why is the sky blue?", "chosen": "...", "rejected": "..."}

Optional fields: `dimension` (e.g. "length"), `source` (e.g. "synth"), and `chosen_truncated` /
`rejected_truncated` (true when that answer was stopped by a token limit and trimmed back to a sentence end,
so it did not end there: `train-rm --no-eos-after-truncated` trains no end-of-sequence after it). The loader
checks every line and reports every bad one by line number; nothing is silently dropped.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from personalign.errors import PersonalignError

REQUIRED = ("preference", "prompt", "chosen", "rejected")
OPTIONAL = ("dimension", "source")
FLAGS = ("chosen_truncated", "rejected_truncated")


class DataError(PersonalignError, ValueError):
    """A pairs file with invalid lines; `problems` lists (line number, message)."""

    def __init__(self, path, problems: list[tuple[int, str]]):
        self.path, self.problems = path, problems
        shown = "; ".join(f"line {n}: {msg}" for n, msg in problems[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        super().__init__(f"{path}: {len(problems)} invalid line(s): {shown}{more}")


@dataclass(frozen=True)
class PairRecord:
    preference: str
    prompt: str
    chosen: str
    rejected: str
    dimension: str | None = None
    source: str | None = None
    chosen_truncated: bool = False    # cut by a token limit (training may leave end-of-sequence off it)
    rejected_truncated: bool = False

    def to_json(self) -> str:
        # False flags are left out, so files (and their hashes) written before the flags existed are unchanged.
        return json.dumps({k: v for k, v in asdict(self).items() if v is not None and v is not False},
                          ensure_ascii=False)


def parse_pair(obj) -> PairRecord:
    """Validate one decoded JSON value; raises ValueError with the reason."""
    if not isinstance(obj, dict):
        raise ValueError("expected a JSON object")
    missing = [k for k in REQUIRED if k not in obj]
    if missing:
        raise ValueError(f"missing field(s) {', '.join(missing)}")
    unknown = sorted(set(obj) - set(REQUIRED) - set(OPTIONAL) - set(FLAGS))
    if unknown:
        raise ValueError(f"unknown field(s) {', '.join(unknown)}")
    for key in REQUIRED:
        if not isinstance(obj[key], str) or not obj[key].strip():
            raise ValueError(f"{key!r} must be a non-empty string")
    for key in OPTIONAL:
        if key in obj and obj[key] is not None and not isinstance(obj[key], str):
            raise ValueError(f"{key!r} must be a string")
    for key in FLAGS:
        if key in obj and not isinstance(obj[key], bool):
            raise ValueError(f"{key!r} must be true or false")
    if obj["chosen"] == obj["rejected"]:
        raise ValueError("'chosen' and 'rejected' are identical")
    return PairRecord(**{k: obj.get(k) for k in REQUIRED + OPTIONAL}, **{k: obj.get(k, False) for k in FLAGS})


def load_pairs(path: str | os.PathLike) -> list[PairRecord]:
    path = Path(path)
    if not path.is_file():
        raise PersonalignError(f"pairs file not found: {path}")
    records, problems = [], []
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                problems.append((number, "not valid UTF-8"))
                continue
            if not line.strip():
                continue
            try:
                records.append(parse_pair(json.loads(line)))
            except (ValueError, TypeError) as exc:  # JSONDecodeError is a ValueError
                problems.append((number, str(exc)))
    if problems:
        raise DataError(path, problems)
    return records


def write_pairs(path: str | os.PathLike, records: Iterable[PairRecord]) -> int:
    """Write atomically (temp file + rename); returns the number of records."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(record.to_json() + "\n")
            count += 1
    os.replace(tmp, path)
    return count


def mark_truncated(records: Iterable[PairRecord], is_cut: Callable[[str], bool]) -> list[PairRecord]:
    """Flag every answer for which `is_cut(answer)` holds as cut by a token limit (flags already set are kept).

    For pair files written before synthesis recorded which answers it cut: synthesis trims a cut answer back
    to its last sentence end, so it looks finished, and training would teach the reward model to end there.
    Each distinct answer text is judged once.
    """
    verdicts: dict[str, bool] = {}

    def cut(text: str) -> bool:
        if text not in verdicts:
            verdicts[text] = bool(is_cut(text))
        return verdicts[text]

    return [replace(r, chosen_truncated=r.chosen_truncated or cut(r.chosen),
                    rejected_truncated=r.rejected_truncated or cut(r.rejected)) for r in records]


def keep_chosen_ends(records: Iterable[PairRecord], keep: Callable[[PairRecord], bool]) -> list[PairRecord]:
    """Clear the cut flag of every chosen answer whose record satisfies `keep`, so training ends it.

    A concise request's chosen answer should teach the reward model to stop where it stops, even when
    synthesis trimmed it from a longer one: leaving its end off took the signal to end from concise answers.
    """
    return [replace(r, chosen_truncated=False) if r.chosen_truncated and keep(r) else r for r in records]


def truncated_answers(records: Iterable[PairRecord]) -> set[str]:
    """The answer texts some record flags as cut by a token limit."""
    return {text for r in records for text, cut in ((r.chosen, r.chosen_truncated), (r.rejected, r.rejected_truncated))
            if cut}


def pairs_hash(records: Iterable[PairRecord]) -> str:
    """A content hash recorded with trained models, so results trace back to their data."""
    digest = hashlib.sha256()
    for record in records:
        digest.update(record.to_json().encode("utf-8") + b"\n")
    return digest.hexdigest()
