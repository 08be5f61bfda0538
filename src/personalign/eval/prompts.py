"""Evaluation prompts: the project's held-out split when present, the vendored fallbacks otherwise."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from importlib import resources

from personalign.errors import ConfigError


@dataclass(frozen=True)
class EvalPrompt:
    id: str
    text: str


def _read_jsonl(name: str) -> list[dict]:
    data = resources.files("personalign.eval").joinpath("data", name).read_text(encoding="utf-8")
    return [json.loads(line) for line in data.splitlines() if line.strip()]


def _stable_id(text: str) -> str:
    return "p-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def _project_heldout() -> list[EvalPrompt] | None:
    """The held-out split of personalign.rewards.prompts, never used for PersRM training."""
    try:
        from personalign.rewards.prompts import load_prompts
    except ImportError:
        return None
    try:
        rows = load_prompts("heldout")
    except (FileNotFoundError, ValueError, KeyError):
        return None
    prompts = []
    for row in rows:
        if isinstance(row, str):
            text, pid = row, None
        elif isinstance(row, dict):
            text, pid = row.get("prompt") or row.get("text"), row.get("id")
        else:  # a record object
            text, pid = getattr(row, "prompt", None) or getattr(row, "text", None), getattr(row, "id", None)
        if isinstance(text, str) and text.strip():
            prompts.append(EvalPrompt(id=str(pid) if pid is not None else _stable_id(text), text=text))
    return prompts or None


def builtin_prompts() -> list[EvalPrompt]:
    return [EvalPrompt(id=r["id"], text=r["prompt"]) for r in _read_jsonl("eval_prompts.jsonl")]


def eval_prompts(source: str = "auto") -> tuple[list[EvalPrompt], str]:
    """(held-out prompts, where they came from). `source`: auto | builtin | project."""
    if source not in ("auto", "builtin", "project"):
        raise ConfigError(f"unknown prompt source {source!r}; choose auto, builtin or project")
    if source != "builtin":
        project = _project_heldout()
        if project:
            return project, "personalign.rewards.prompts:heldout"
        if source == "project":
            raise ConfigError("personalign.rewards.prompts is not available or has no held-out prompts")
    return builtin_prompts(), "personalign.eval:eval_prompts.jsonl"


def safety_prompts() -> list[EvalPrompt]:
    """100 HH-RLHF harmless-base test prompts (first human turn; MIT, see eval/data/README.md)."""
    return [EvalPrompt(id=r["id"], text=r["prompt"]) for r in _read_jsonl("hh_harmless_prompts.jsonl")]


def spread(items: list, count: int | None) -> list:
    """`count` items spread evenly over the list (not just the head, which may cluster by topic)."""
    if count is None or count >= len(items):
        return list(items)
    if count < 1:
        raise ConfigError(f"count must be >= 1, got {count}")
    step = len(items) / count
    return [items[int(i * step)] for i in range(count)]
