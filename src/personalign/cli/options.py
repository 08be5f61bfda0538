"""Command-line options shared by several commands, each defined once.

They mean the same in every command that takes them: `--db`, `--model`, `--device`, `--dtype`, `--user`,
`--json`, `--reward-model` (PAD's), `--gate-tau` (PAD's PersRM gating), `--experts` (soup's and mod's), `--threads`,
`--quiet`, `--progress`, and the global `--lock-timeout`.

Each is a function returning a fresh `typer.Option` (typer reads an option's settings when it builds a
command), used as the parameter's default: `model: str = options.model()`. Where a command gives an
option a role of its own ("the backbone", "the user whose adapter to train"), it passes that help text;
name, default, type and environment variable stay the ones here.
"""
from __future__ import annotations

from typing import Any

import typer

from personalign.decoding.config import PAD_STEP_HELP
from personalign.errors import ConfigError
from personalign.memory.db import DEFAULT_LOCK_TIMEOUT_S, LOCK_TIMEOUT_ENV
from personalign.memory.db import ENV_VAR as DB_ENV
from personalign.models import DEFAULT_MODEL

MODEL_HELP = "Embedded name, local HF directory or hub id."


def db() -> Any:
    """--db: the memory database (None: $PERSONALIGN_DB, else the SQLite file in the user data dir)."""
    return typer.Option(None, "--db", envvar=DB_ENV, show_envvar=True,
                        help="Memory database: SQLAlchemy URL or SQLite file path (default: the SQLite file "
                             "in the user data dir).")


def model(help: str = MODEL_HELP) -> Any:
    """--model: the base model, by default the embedded one (`personalign.models.DEFAULT_MODEL`)."""
    return typer.Option(DEFAULT_MODEL, "--model", help=help)


def device() -> Any:
    return typer.Option("auto", "--device", help="auto, cpu, cuda, ...")


def dtype() -> Any:
    return typer.Option("auto", "--dtype", help="auto, float32, bfloat16, float16.")


def user(help: str = "User name.", default: Any = None) -> Any:
    """--user/-u. `default=...` makes it required; `default=[]` repeatable."""
    return typer.Option(default, "--user", "-u", help=help)


def json_output(help: str = "Print JSON instead of lines.") -> Any:
    return typer.Option(False, "--json", help=help)


def reward_model() -> Any:
    """--reward-model: the reward model PAD decodes with (`rewards.persrm.resolve_reward_model`)."""
    return typer.Option(None, "--reward-model",
                        help="PAD's reward model: a PersRM directory or causal LM path; 'base' = training-free PAD "
                             "(the base shown the preference). Default: the shipped PersRM for the embedded model.")


def gate_tau() -> Any:
    """--gate-tau: PAD's PersRM gating threshold (`DecodingConfig.gate_tau`; None: off)."""
    return typer.Option(None, "--gate-tau", metavar="TAU",
                        help=f"{PAD_STEP_HELP['gate_tau']} Default: off.")


def experts() -> Any:
    """--experts: the pole experts of soup and mod (`rewards.experts.resolve_experts`)."""
    return typer.Option(None, "--experts",
                        help="Pole experts for soup and mod: a directory (`personalign train-experts`), 'default' "
                             "(the ones shipped for the embedded model) or 'none'. Default: the shipped ones when "
                             "the model is the embedded one, else none.")


def threads(help: str = "CPU threads for torch (default: torch's choice; 1 is often much faster on a small, "
                        "busy CPU, where OpenMP workers spin).") -> Any:
    return typer.Option(None, "--threads", help=help)


def set_threads(threads: int | None) -> None:
    """Apply `--threads` (None: leave torch's choice); below 1 is a ConfigError."""
    if threads is None:
        return
    if threads < 1:
        raise ConfigError(f"--threads must be >= 1, got {threads}")
    import torch

    # On an oversubscribed CPU, worker threads spin at every barrier while a sibling is descheduled;
    # measured here: 1 thread 15 tok/s vs 2 threads 2 tok/s with other jobs running.
    torch.set_num_threads(threads)


def quiet() -> Any:
    return typer.Option(False, "--quiet", help="No progress bar.")


def progress() -> Any:
    return typer.Option(True, "--progress/--no-progress", help="Show a progress bar.")


def lock_timeout() -> Any:
    """The global --lock-timeout (`personalign --lock-timeout S <command>`)."""
    return typer.Option(None, "--lock-timeout", envvar=LOCK_TIMEOUT_ENV, show_envvar=True, metavar="SECONDS",
                        help=f"Wait at most this long for a memory database locked by another process "
                             f"(default {DEFAULT_LOCK_TIMEOUT_S:g}).")

