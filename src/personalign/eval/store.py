"""results.jsonl: one line per finished unit of work, appended as it completes, so a rerun resumes.

A row's key is (kind, task, strategy, params, user, prompt id[, judge, opponent]). On open, rows already
present are loaded and `has(key)` lets the runner skip them. A line cut short by a crash (the only
line that can be incomplete, since lines are flushed whole) is dropped and the file truncated to the
last complete line, so the next append starts clean.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from personalign.errors import PersonalignError

KEY_FIELDS = ("kind", "task", "strategy", "params", "user", "prompt_id", "judge", "opponent")


class ResultsFileError(PersonalignError):
    """results.jsonl holds a damaged line that is not the last one."""


def row_key(row: dict) -> tuple:
    return tuple(json.dumps(row.get(f), sort_keys=True) if isinstance(row.get(f), dict) else row.get(f)
                 for f in KEY_FIELDS)


class ResultStore:
    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self.rows: dict[tuple, dict] = {}
        self.resumed = 0
        if self.path.exists():
            self._load()
            self.resumed = len(self.rows)

    def _load(self) -> None:
        data = self.path.read_bytes()
        lines = data.split(b"\n")
        good_end = 0
        offset = 0
        for number, line in enumerate(lines, 1):
            end = offset + len(line) + 1
            if line.strip():
                try:
                    row = json.loads(line)
                    if not isinstance(row, dict):
                        raise ValueError("not an object")
                except ValueError as exc:
                    if number >= len(lines) - 1 and not data.endswith(b"\n"):  # a half-written last line
                        break
                    raise ResultsFileError(f"{self.path}: line {number} is not a JSON object ({exc}); "
                                           "fix or remove it, or use a new --out directory") from None
                self.rows[row_key(row)] = row
            good_end = min(end, len(data))
            offset = end
        if good_end < len(data):
            with open(self.path, "r+b") as handle:
                handle.truncate(good_end)

    def has(self, row: dict) -> bool:
        return row_key(row) in self.rows

    def get(self, **fields) -> dict | None:
        return self.rows.get(row_key(fields))

    def append(self, rows: list[dict]) -> None:
        if not rows:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "a", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        for row in rows:
            self.rows[row_key(row)] = row

    def select(self, **fields) -> list[dict]:
        return [r for r in self.rows.values() if all(r.get(k) == v for k, v in fields.items())]
