"""Answer B of an A/B pair: which strategy decodes it, and how it is kept from repeating answer A.

Answer A is the personalized answer; B is what it is compared with. B's strategy is the one asked
for, else `base` when A is personalized (the choice then says whether personalization helped), else
A's own strategy; a personalizing B needs a preference, so without one it is `base`. When B would
decode exactly like A, B samples (temperature 0.8 unless one is set; seed + 1 when a seed is set), so
the user sees two different answers. The server's `n: 2` and `personalign generate --ab` both use it.
"""
from __future__ import annotations

from dataclasses import replace

from personalign.decoding.config import DecodingConfig

ALT_TEMPERATURE = 0.8


def alt_strategy(strategy: str, requested: str | None, has_preference: bool) -> str:
    """B's strategy for A's `strategy` and the `requested` one (None: the default above)."""
    alt = requested or ("base" if strategy != "base" else strategy)
    return "base" if alt != "base" and not has_preference else alt


def distinct_from_a(config_b: DecodingConfig, strategy_a: str, max_seed: int = 2**63 - 1) -> DecodingConfig:
    """`config_b`, sampling when its strategy is A's (the same greedy decoding would repeat A)."""
    if config_b.strategy != strategy_a:
        return config_b
    seed = (config_b.seed + 1) % (max_seed + 1) if config_b.seed is not None else None
    return replace(config_b, temperature=config_b.temperature or ALT_TEMPERATURE, seed=seed)
