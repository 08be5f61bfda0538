"""Evaluation prompts: the project's held-out split, or the vendored built-in set; and the safety prompts."""
from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources

from personalign.errors import ConfigError
from personalign.rewards.prompts import load_prompts


@dataclass(frozen=True)
class EvalPrompt:
    id: str
    text: str


def _read_jsonl(name: str) -> list[dict]:
    data = resources.files("personalign.eval").joinpath("data", name).read_text(encoding="utf-8")
    return [json.loads(line) for line in data.splitlines() if line.strip()]


def _project_heldout() -> list[EvalPrompt]:
    """The held-out split of personalign.rewards.prompts, never used for PersRM training."""
    return [EvalPrompt(id=p.id, text=p.prompt) for p in load_prompts("heldout")]


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
            raise ConfigError("personalign.rewards.prompts has no held-out prompts")
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
