"""`persrm-alone`: decoding from the PersRM itself, over the whole vocabulary (no base model in the loop).

The control reviewers asked the PAD authors for: if the PersRM alone, greedy or sampled, already gives
the personalized answers PAD gives, the base model and the token-level reward add nothing. The PersRM
reads its own input (the preference through its saved template) and decodes like any causal LM, with
its KV cache, greedy at temperature 0 or temperature + nucleus sampling otherwise. With the
training-free reward model (the base shown the preference) this is exactly preference prompting.
"""
from __future__ import annotations

from personalign.errors import ConfigError


def persrm_alone(engine, prompts, preferences, terms, cfg, generator, on_token, adapters, pole_weights=None):
    """(outputs, prefill seconds, extras) of greedy/sampled decoding from the single reward term's model."""
    if len(terms) != 1:
        raise ConfigError(f"strategy 'persrm-alone' decodes from one reward model; got {len(terms)} reward terms")
    if adapters is not None:
        raise ConfigError("strategy 'persrm-alone' decodes from the PersRM alone: per-user adapters do not apply")
    term, _ = terms[0]
    inputs = [term.model.reward_input_ids(p, term.preference[i]) for i, p in enumerate(prompts)]
    outputs, prefill = engine._decode({"base": (term.model, inputs)}, [], cfg, cfg.temperature, generator, on_token)
    return outputs, prefill, {"model": term.model.name}
