"""MOD (multi-objective decoding, Shi et al. 2024): the pole experts' next-token logits, combined per step.

For a request with pole weights w (normalized to sum to 1) and the experts π_p of those poles:

    z(y_t) = Σ_p w_p · z_p(y_t | x, y_<t)        next token: argmax z, or a sample from softmax(z / τ) (top-p)

Each expert the request uses is one row of a batch over the experts' PEFT model, with its own KV cache
row and its own adapter (the fused row-LoRA path: the shared weights are read once per step for all rows
of all requests); rows of one request always receive the same token, so they end and are pruned together.
A request that asks for no pole with an expert decodes from the base alone. With one expert at weight 1
this is that expert's own greedy (or sampled) decoding.
"""
from __future__ import annotations

import torch

from personalign.decoding.experts import expert_engine, resolve_pole_weights
from personalign.decoding.pad import sample_full_vocab
from personalign.errors import ConfigError
from personalign.models import render_chat


class _ModChooser:
    def __init__(self, group: torch.Tensor, weight: torch.Tensor, cfg, generator):
        self.group, self.weight, self.cfg, self.generator = group, weight, cfg, generator

    def __call__(self, logits_for, active: torch.Tensor, history) -> torch.Tensor:
        z = logits_for("base").float()
        prompts, inverse = torch.unique(self.group[active], return_inverse=True)
        combined = z.new_zeros((len(prompts), z.shape[-1])).index_add_(0, inverse, self.weight[active, None] * z)
        return sample_full_vocab(combined, self.cfg.temperature, self.cfg.top_p, self.generator)[inverse]


def mod_generate(engine, prompts, preferences, terms, cfg, generator, on_token, adapters, pole_weights=None):
    """(outputs, prefill seconds, extras {"pole_weights"}) of MOD over the engine's pole experts."""
    if adapters is not None:
        raise ConfigError("strategy 'mod' decodes with the pole experts: per-user adapters do not apply")
    weights = resolve_pole_weights(engine, "mod", prompts, preferences, pole_weights)
    experts = engine.experts
    rows = [(i, experts.adapter(pole), w) for i, ws in enumerate(weights) for pole, w in ws.items()]
    rows += [(i, "__base__", 1.0) for i, ws in enumerate(weights) if not ws]
    rows.sort(key=lambda r: r[0])
    device = engine.base.device
    group = torch.tensor([r[0] for r in rows], device=device)
    first = {}
    for k, (i, _, _) in enumerate(rows):
        first.setdefault(i, k)
    leads = {k: i for i, k in first.items()}

    def stream(row: int, token: int, piece: str) -> None:
        if row in leads:
            on_token(leads[row], token, piece)

    inputs = [render_chat(engine.base.tokenizer, prompts[i]) for i, _, _ in rows]
    chooser = _ModChooser(group, torch.tensor([r[2] for r in rows], dtype=torch.float32, device=device), cfg,
                          generator)
    sub = expert_engine(engine)
    outputs, prefill = sub._decode({"base": (experts.loaded, inputs)}, [], cfg, cfg.temperature, generator,
                                   stream if on_token is not None else None, adapters=[r[1] for r in rows],
                                   choose_tokens=chooser)
    return [outputs[first[i]] for i in range(len(prompts))], prefill, {"pole_weights": weights,
                                                                       "expert_rows": len(rows)}
