"""ServerConfig: limits, batching and authentication settings of `personalign serve`.

Every limit is enforced per request with a 4xx answer that names the limit, so a client can tell a
bad request from a server fault.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from personalign.decoding import STRATEGIES
from personalign.errors import ConfigError

ADMIN_KEY_ENV = "PERSONALIGN_ADMIN_KEY"
# Request limits shared with `personalign generate`, so the CLI refuses what the server refuses.
MAX_PROMPT_CHARS = 32_000    # checked before tokenizing, so huge inputs cost nothing
MAX_PROMPT_TOKENS = 2048     # the rendered prompt, in base-model tokens
MAX_BEST_OF_N = 8            # samples per prompt for best-of-n: each one is a full generation


def model_positions(model) -> int | None:
    """How many positions the model can attend to (None when its config does not say)."""
    config = getattr(model, "config", None)
    for name in ("max_position_embeddings", "n_positions", "max_sequence_length"):
        value = getattr(config, name, None)
        if isinstance(value, int) and value > 0:
            return value
    return None


def rendered_prompt_tokens(tokenizer, prompt: str, preference: str | None) -> int:
    """Tokens of the prompt as the base model reads it: chat template, and the preference's system turn."""
    from personalign.models import render_chat
    from personalign.models.preference_block import preference_system_prompt

    return len(render_chat(tokenizer, prompt, system=preference_system_prompt(preference) if preference else None))


def prompt_too_long(n_tokens: int, max_new_tokens: int, positions: int | None, max_prompt_tokens: int) -> str | None:
    """Why a prompt of `n_tokens` cannot be answered with up to `max_new_tokens` more, or None if it can."""
    if n_tokens > max_prompt_tokens:
        return f"the prompt is {n_tokens} tokens long; the limit is {max_prompt_tokens}"
    if positions is not None and n_tokens + max_new_tokens > positions:
        return (f"the prompt ({n_tokens} tokens) plus up to {max_new_tokens} new tokens exceeds the model's "
                f"{positions} positions; shorten the prompt or ask for fewer new tokens")
    return None


def default_data_dir() -> Path:
    """The directory the memory database uses by default; the admin key file lives beside it."""
    return Path(platformdirs.user_data_dir("personalign", appauthor=False))


@dataclass
class ServerConfig:
    model_name: str | None = None          # the id /v1/models reports; None: the engine's model name
    default_strategy: str = "pad"          # used when the request names none and a preference exists
    default_max_tokens: int | None = None  # when the request names none; None: min(128, max_new_tokens)
    max_new_tokens: int = 512              # hard cap on max_tokens / max_completion_tokens
    max_prompt_tokens: int = MAX_PROMPT_TOKENS  # rendered conversation, in base-model tokens
    max_prompt_chars: int = MAX_PROMPT_CHARS    # checked before tokenizing, so huge inputs cost nothing
    max_messages: int = 256
    max_body_bytes: int = 1_000_000
    body_timeout_s: float = 30.0           # a body not complete by then (short of its Content-Length) gets 408
    max_best_of_n: int = MAX_BEST_OF_N
    batch_window_ms: float = 5.0           # how long the worker waits for more requests to join a batch
    max_batch_size: int = 16
    max_queue: int = 256                   # queued generation rows beyond this get 503
    admin_key: str | None = None           # plaintext; None: $PERSONALIGN_ADMIN_KEY, else the key file
    admin_key_file: Path | None = None     # None: <data_dir>/admin.key
    data_dir: Path | None = None
    # remember what user messages state about the user (per request: personalign.capture)
    capture: bool = True

    def validate(self) -> ServerConfig:
        if self.default_strategy not in STRATEGIES:
            raise ConfigError(f"unknown default strategy {self.default_strategy!r}; "
                              f"choose one of {', '.join(STRATEGIES)}")
        for name in ("max_new_tokens", "default_max_tokens", "max_prompt_tokens", "max_prompt_chars",
                     "max_messages", "max_body_bytes", "max_best_of_n", "max_batch_size", "max_queue"):
            value = getattr(self, name)
            if name == "default_max_tokens" and value is None:
                value = self.default_max_tokens = min(128, self.max_new_tokens)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ConfigError(f"{name} must be an integer >= 1, got {value!r}")
        if self.default_max_tokens > self.max_new_tokens:
            raise ConfigError(f"default_max_tokens ({self.default_max_tokens}) exceeds "
                              f"max_new_tokens ({self.max_new_tokens})")
        t = self.body_timeout_s
        if isinstance(t, bool) or not isinstance(t, (int, float)) or not math.isfinite(t) or not 0 < t <= 3600:
            raise ConfigError(f"body_timeout_s must be a number of seconds in (0, 3600], got {t!r}")
        w = self.batch_window_ms
        if isinstance(w, bool) or not isinstance(w, (int, float)) or not math.isfinite(w) or not 0 <= w <= 1000:
            raise ConfigError(f"batch_window_ms must be a number in [0, 1000], got {w!r}")
        return self

    def key_file(self) -> Path:
        if self.admin_key_file is not None:
            return Path(self.admin_key_file).expanduser()
        return (Path(self.data_dir).expanduser() if self.data_dir else default_data_dir()) / "admin.key"
