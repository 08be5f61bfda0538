"""What the `mod` and `soup` strategies need: pole experts (`PoleExperts`) and each request's pole weights.

An expert is a LoRA adapter of the base model trained toward one pole (concise, detailed, simple, expert,
blunt, warm); `personalign.rewards.experts` trains, saves and loads them. A request's pole weights say how
much of each expert it wants; they are normalized to sum to 1 (Personalized Soups averages the chosen
experts; MOD's weights lie on the simplex). Given none, the engine asks its `pole_router` to read them from
the preference text: `route_preference` splits the text into sentences and gives each pole a sentence names
(by a classifier such as `memory.classify.classify_preference`, which this layer cannot import) weight 1.
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Protocol

from personalign.dimensions import pole_names
from personalign.errors import ConfigError
from personalign.models import LoadedModel

PoleRouter = Callable[[str], Mapping[str, float]]  # preference text -> pole weights


class PoleExperts(Protocol):
    """Pole experts over the engine's base weights: `loaded` carries every expert as a PEFT adapter."""

    loaded: LoadedModel
    poles: tuple[str, ...]

    def adapter(self, pole: str) -> str:
        """The adapter name of `pole`'s expert in `loaded.model` (an error for a pole it has no expert for)."""


def check_pole_weights(weights: Mapping[str, float]) -> dict[str, float]:
    """Pole weights scaled to sum to 1, zero weights dropped; {} when no pole has a positive weight."""
    if not isinstance(weights, Mapping):
        raise ConfigError(f"pole weights must map pole names to numbers, got {type(weights).__name__}")
    clean = {}
    for pole, w in weights.items():
        if pole not in pole_names():
            raise ConfigError(f"unknown pole {pole!r}; choose from {', '.join(pole_names())}")
        if isinstance(w, bool) or not isinstance(w, (int, float)) or not math.isfinite(w) or w < 0:
            raise ConfigError(f"pole weight for {pole!r} must be a finite number >= 0, got {w!r}")
        if w > 0:
            clean[pole] = float(w)
    total = sum(clean.values())
    return {p: w / total for p, w in clean.items()}


def parse_pole_weights(text: str) -> dict[str, float]:
    """'concise=1,warm=0.5' (or 'concise,warm': weight 1 each) → normalized pole weights."""
    weights = {}
    for item in (part.strip() for part in text.split(",")):
        if not item:
            continue
        pole, _, value = item.partition("=")
        try:
            weights[pole.strip()] = float(value) if value.strip() else 1.0
        except ValueError:
            raise ConfigError(f"pole weight {item!r} is not pole=number") from None
    found = check_pole_weights(weights)
    if not found:
        raise ConfigError(f"no pole with a positive weight in {text!r}")
    return found


_SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n+")


def route_preference(text: str, classify: Callable[[str], object | None]) -> dict[str, float]:
    """Pole weights read from a preference: each sentence `classify` maps to a pole (an object with `.pole`,
    or None) gives that pole weight 1; a pole named twice counts once; normalized."""
    found: dict[str, float] = {}
    for sentence in (s.strip() for s in _SENTENCE.split(text or "")):
        if sentence:
            hit = classify(sentence)
            pole = getattr(hit, "pole", None) if hit is not None else None
            if pole in pole_names():
                found[pole] = 1.0
    return check_pole_weights(found)


def resolve_pole_weights(engine, strategy: str, prompts: Sequence[str], preferences: Sequence[str] | None,
                         pole_weights) -> list[dict[str, float]]:
    """Each prompt's normalized pole weights: given (one mapping, or one per prompt; every pole needs an expert)
    or routed from its preference (poles without an expert left out)."""
    experts = engine.experts
    if experts is None:
        raise ConfigError(f"strategy {strategy!r} needs pole experts: give the engine some (experts=...; "
                          "`personalign train-experts` trains them)")
    n = len(prompts)
    if pole_weights is not None:
        given = [pole_weights] * n if isinstance(pole_weights, Mapping) else list(pole_weights)
        if len(given) != n:
            raise ConfigError(f"got {len(given)} pole weight mappings for {n} prompts")
        routed = [None] * n
    else:
        given = [None] * n
        routed = preferences
        if routed is None:
            raise ConfigError(f"strategy {strategy!r} needs a preference or pole weights")
        if engine.pole_router is None:
            raise ConfigError(f"strategy {strategy!r} needs pole weights (pole_weights=...) or a pole router to read "
                              "them from the preference")
    out = []
    for i in range(n):
        if given[i] is not None:
            weights = check_pole_weights(given[i])
            for pole in weights:
                experts.adapter(pole)  # an expert for every pole asked for
        else:  # poles read from the text that have no expert are left out
            weights = check_pole_weights({p: w for p, w in engine.pole_router(routed[i]).items()
                                          if p in experts.poles})
        out.append(dict(weights))
    return out


def expert_engine(engine):
    """An engine over the experts' PEFT model (same tokenizer, stop rules), made once per engine and experts."""
    cached = engine.__dict__.get("_expert_engine")
    if cached is None or cached[0] is not engine.experts:
        cached = (engine.experts, type(engine)(engine.experts.loaded))
        engine.__dict__["_expert_engine"] = cached
    return cached[1]
