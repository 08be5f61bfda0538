"""A slow, obviously-right PAD: one prompt at a time, every step re-encodes the whole prefix.

This is how the authors' public release decodes (no KV cache). personalign keeps it as the reference
the cached, batched engine must match token for token, and as the baseline in benchmarks/decode.py.
With a guard option set, the step is computed here token by token over a Python list of candidates,
independently of `pad_step`'s masked tensors, so the two implementations check each other.
"""
from __future__ import annotations

import math

import torch

from personalign.decoding.config import DecodingConfig
from personalign.decoding.pad import RewardLogits, choose, pad_step
from personalign.decoding.reward_model import RewardModel, as_reward_model
from personalign.models import LoadedModel, render_chat


@torch.inference_mode()
def pad_generate_nocache(base: LoadedModel, reward_model: RewardModel | LoadedModel, prompt: str, preference: str,
                         weight: float = 1.0, top_k: int = 10, max_new_tokens: int = 64,
                         reference: LoadedModel | None = None, eos_ids: set[int] | None = None,
                         min_p: float = DecodingConfig.min_p, eos_candidate: bool = DecodingConfig.eos_candidate,
                         no_repeat_ngram: int = DecodingConfig.no_repeat_ngram,
                         eos_bonus: float = DecodingConfig.eos_bonus,
                         eos_min_reward: float | None = DecodingConfig.eos_min_reward,
                         loop_escape: int = DecodingConfig.loop_escape,
                         gate_tau: float | None = None) -> list[int]:
    """Greedy PAD without any cache; returns the generated token ids (EOS included when reached).

    The guard options default to DecodingConfig's, like the engine's; all off is the authors' step.
    `gate_tau`: PersRM gating, written out: where p_base(top-1) >= gate_tau the step's weight is 0.
    """
    eos_ids = eos_ids or {base.tokenizer.eos_token_id}
    guarded = min_p > 0 or eos_candidate or no_repeat_ngram > 0
    base_ids = render_chat(base.tokenizer, prompt)
    reward_model = as_reward_model(reward_model)
    reward_ids = reward_model.reward_input_ids(prompt, preference)
    ref_ids = render_chat(reference.tokenizer, prompt) if reference is not None else None
    generated: list[int] = []
    for _ in range(max_new_tokens):
        z_base = _last_logits(base.model, base_ids + generated)
        step_weight = weight
        if gate_tau is not None and float(z_base[0].float().softmax(-1).max()) >= gate_tau:
            step_weight = 0.0
        z_persrm = _last_logits(reward_model.model, reward_ids + generated)
        z_ref = _last_logits(reference.model, ref_ids + generated) if reference else z_base
        if guarded:
            eos = base.tokenizer.eos_token_id if eos_candidate else None
            token = _guarded_token(z_base[0], z_persrm[0], z_ref[0], step_weight, top_k, min_p, eos, no_repeat_ngram,
                                   generated, eos_bonus, eos_min_reward, loop_escape)
        else:
            candidates, score = pad_step(z_base, [RewardLogits(z_persrm, z_ref, torch.tensor([step_weight]))], top_k)
            token = int(choose(candidates, score, 0.0, None))
        generated.append(token)
        if token in eos_ids:
            break
    return generated


def _last_logits(model, ids: list[int]) -> torch.Tensor:
    """The next-token logits after `ids`, as fp32 on the CPU: the step's arithmetic then runs in one place."""
    device = next(model.parameters()).device
    return model(torch.tensor([ids], device=device)).logits[:, -1].float().cpu()


def _guarded_token(z_base, z_persrm, z_ref, weight, top_k, min_p, eos_id, n, generated, eos_bonus,
                   eos_min_reward=None, loop_escape=0) -> int:
    """One guarded greedy step for one row, written out: candidates, their scores, the filters, argmax."""
    logp = z_base.float().log_softmax(-1)
    candidates = z_base.topk(min(top_k, z_base.shape[-1])).indices.tolist()
    eos_added = eos_id is not None and eos_id not in candidates
    if eos_added:
        candidates.append(eos_id)
    index = torch.tensor(candidates)
    reward = z_persrm.float()[index].log_softmax(-1) - z_ref.float()[index].log_softmax(-1)
    score = {a: float(logp[a]) + weight * float(r) for a, r in zip(candidates, reward)}
    eos_reward = weight * float(reward[candidates.index(eos_id)]) if eos_id is not None else 0.0
    if eos_id is not None and eos_reward > 0:
        score[eos_id] += eos_bonus  # the reward prefers ending
    floor = float(logp.max()) + (math.log(min_p) if min_p > 0 else -math.inf)
    allowed = [a for a in candidates if a != eos_id and float(logp[a]) >= floor]
    floor_met = not eos_added or eos_min_reward is None or eos_reward >= eos_min_reward
    if (eos_id is not None and floor_met
            and score[eos_id] >= max((score[a] for a in candidates if a != eos_id), default=-math.inf)):
        allowed.append(eos_id)  # ending beats every continuation in T (and, from outside T, the reward wants it)
    allowed = allowed or candidates[:1]  # the base's argmax EOS lost and nothing else passes min_p: keep it
    if n:
        seen = {tuple(generated[i:i + n]) for i in range(len(generated) - n + 1)}
        fresh = [a for a in candidates if tuple(generated[len(generated) - n + 1:] + [a]) not in seen]
        escape = [a for a in fresh if a != eos_id] if looping_by_scan(generated, n, loop_escape) else []
        allowed = [a for a in allowed if a in fresh] or escape or allowed
    order = {a: i for i, a in enumerate(candidates)}
    return max(allowed, key=lambda a: (score[a], -order[a]))


def looping_by_scan(ids: list[int], n: int, run: int) -> bool:
    """`pad.in_loop` written out: each of the last `run` n-grams of `ids` also starts somewhere before it."""
    last = range(len(ids) - run + 1, len(ids) + 1)
    return run > 0 and len(ids) >= n + run and all(
        any(ids[i:i + n] == ids[end - n:end] for i in range(end - n)) for end in last)
