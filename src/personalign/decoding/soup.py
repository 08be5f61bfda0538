"""Personalized Soups (Jang et al. 2023): the pole experts' parameters merged with the user's pole weights.

For pole weights w (normalized to sum to 1) and LoRA experts ΔW_p = s_p · B_p A_p, the soup is

    W + Σ_p w_p · ΔW_p

computed exactly, without a dense merge, as one LoRA of rank Σ r_p: A = [w_p s_p A_p] stacked, B = [B_p]
side by side, scale 1 (PEFT's `add_weighted_adapter(..., combination_type="cat")`). Each weight vector's
soup is built once and kept as an adapter of the experts' model (at most `MAX_SOUPS`, least recently used
dropped first); requests with different soups share one batched forward, each row through its own soup
(the fused row-LoRA path). A request that asks for no pole with an expert decodes from the base alone.
With one expert at weight 1 the soup is that expert.
"""
from __future__ import annotations

import hashlib
import weakref
from collections import OrderedDict

from personalign.decoding.experts import expert_engine, resolve_pole_weights
from personalign.errors import ConfigError
from personalign.models import render_chat
from personalign.models.shell import quiet_peft

MAX_SOUPS = 16
_soups: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # experts' model -> OrderedDict(key -> name)


def soup_adapter(experts, weights: dict[str, float]) -> str:
    """The adapter name of the soup for these (normalized) pole weights, merged on first use."""
    key = tuple(sorted((pole, round(w, 6)) for pole, w in weights.items()))
    model = experts.loaded.model
    cache = _soups.setdefault(model, OrderedDict())
    name = cache.get(key)
    if name is not None and name in model.peft_config:
        cache.move_to_end(key)
        return name
    name = "soup-" + hashlib.sha256(repr(key).encode()).hexdigest()[:12]
    with quiet_peft():
        model.add_weighted_adapter([experts.adapter(p) for p, _ in key], [w for _, w in key], name,
                                   combination_type="cat")
    model.eval()
    for p in model.parameters():
        p.requires_grad_(False)
    cache[key] = name
    while len(cache) > MAX_SOUPS:
        _, old = cache.popitem(last=False)
        if model.active_adapter == old:
            model.set_adapter(experts.adapter(experts.poles[0]))
        model.delete_adapter(old)
    return name


def soup_generate(engine, prompts, preferences, terms, cfg, generator, on_token, adapters, pole_weights=None):
    """(outputs, prefill seconds, extras {"pole_weights"}) of decoding each prompt with its soup."""
    if adapters is not None:
        raise ConfigError("strategy 'soup' decodes with the merged pole experts: per-user adapters do not apply")
    weights = resolve_pole_weights(engine, "soup", prompts, preferences, pole_weights)
    experts = engine.experts
    names = [soup_adapter(experts, ws) if ws else "__base__" for ws in weights]
    inputs = [render_chat(engine.base.tokenizer, p) for p in prompts]
    sub = expert_engine(engine)
    outputs, prefill = sub._decode({"base": (experts.loaded, inputs)}, [], cfg, cfg.temperature, generator, on_token,
                                   adapters=names)
    return outputs, prefill, {"pole_weights": weights}
