"""A slow, obviously-right PAD: one prompt at a time, every step re-encodes the whole prefix.

This is how the authors' public release decodes (no KV cache). personalign keeps it as the reference
the cached, batched engine must match token for token, and as the baseline in benchmarks/decode.py.
"""
from __future__ import annotations

import torch

from personalign.decoding.pad import RewardLogits, choose, pad_step
from personalign.decoding.prompting import preference_system_prompt
from personalign.models import LoadedModel, render_chat


def _reward_ids(model, prompt: str, preference: str | None) -> list[int]:
    if hasattr(model, "reward_input_ids"):
        return model.reward_input_ids(prompt, preference)
    return render_chat(model.tokenizer, prompt, system=preference_system_prompt(preference) if preference else None)


@torch.inference_mode()
def pad_generate_nocache(base: LoadedModel, reward_model, prompt: str, preference: str, weight: float = 1.0,
                         top_k: int = 10, max_new_tokens: int = 64, reference: LoadedModel | None = None,
                         eos_ids: set[int] | None = None) -> list[int]:
    """Greedy PAD without any cache; returns the generated token ids (EOS included when reached)."""
    eos_ids = eos_ids or {base.tokenizer.eos_token_id}
    base_ids = render_chat(base.tokenizer, prompt)
    reward_ids = _reward_ids(reward_model, prompt, preference)
    ref_ids = _reward_ids(reference, prompt, None) if reference is not None else None
    generated: list[int] = []
    for _ in range(max_new_tokens):
        z_base = base.model(torch.tensor([base_ids + generated])).logits[:, -1]
        z_persrm = reward_model.model(torch.tensor([reward_ids + generated])).logits[:, -1]
        z_ref = reference.model(torch.tensor([ref_ids + generated])).logits[:, -1] if reference else z_base
        candidates, score = pad_step(z_base, [RewardLogits(z_persrm, z_ref, torch.tensor([weight]))], top_k)
        token = int(choose(candidates, score, 0.0, None))
        generated.append(token)
        if token in eos_ids:
            break
    return generated
