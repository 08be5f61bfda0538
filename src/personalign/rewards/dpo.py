"""DPO (Rafailov et al. 2023) for the PersRM: batch layout, answer log-probabilities and the loss.

    loss = −log σ(β · [(log π(y_w|x) − log π_ref(y_w|x)) − (log π(y_l|x) − log π_ref(y_l|x))])

The policy is the PersRM (stage 1: backbone + LoRA, value head = identity; stage 2: the trained LoRA
frozen, value head trainable); the reference is the frozen backbone (adapters and value head off) in both
stages. That is the reward PAD uses at decoding time — log π_R − log π_base — and since the reference
never changes, its log-probs are computed once per pair and cached (see `train.py`).

Batch layout: B contexts left-padded, 2B answers right-padded (chosen rows first), so every answer
starts at the same column. Chosen and rejected share one context: it is encoded once and its KV cache
is reused by both answers (with gradients), and the LM head runs only where an answer token is
predicted, never over the (often longer) preference + prompt context.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import torch
import torch.nn.functional as F

from personalign.models.kv_cache import cache_kwargs, returned_cache


@dataclass
class PairBatch:
    """B pairs: contexts [B, C] left-padded, answers [2B, A] right-padded (chosen rows, then rejected)."""

    context_ids: torch.Tensor    # [B, C]
    context_mask: torch.Tensor   # [B, C]
    answer_ids: torch.Tensor     # [2B, A]
    answer_mask: torch.Tensor    # [2B, A] 1 on real answer tokens
    n_pairs: int

    @property
    def tokens(self) -> int:
        """Real tokens of the 2B full rows (context + answer each): the work of a plain DPO forward."""
        return int(2 * self.context_mask.sum() + self.answer_mask.sum())

    @property
    def full_rows(self) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """(input_ids, attention_mask, position_ids) of the 2B rows context + answer, aligned at column C."""
        ids = torch.cat([self.context_ids.repeat(2, 1), self.answer_ids], dim=1)
        mask = torch.cat([self.context_mask.repeat(2, 1), self.answer_mask], dim=1)
        return ids, mask, (mask.cumsum(-1) - 1).clamp(min=0)

    def to(self, device) -> PairBatch:
        return PairBatch(self.context_ids.to(device), self.context_mask.to(device), self.answer_ids.to(device),
                         self.answer_mask.to(device), self.n_pairs)


def build_batch(contexts: Sequence[Sequence[int]], chosen: Sequence[Sequence[int]],
                rejected: Sequence[Sequence[int]], pad_id: int) -> PairBatch:
    """Lay out B (context, chosen, rejected) triples; every answer starts at the same column."""
    if not (len(contexts) == len(chosen) == len(rejected)) or not contexts:
        raise ValueError("build_batch needs the same, non-zero number of contexts, chosen and rejected answers")
    answers = [list(a) for a in list(chosen) + list(rejected)]
    if any(not c for c in contexts) or any(not a for a in answers):
        raise ValueError("every context and answer needs at least one token")
    width_c, width_a = max(len(c) for c in contexts), max(len(a) for a in answers)
    ctx = torch.full((len(contexts), width_c), pad_id, dtype=torch.long)
    ctx_mask = torch.zeros_like(ctx)
    for r, c in enumerate(contexts):
        ctx[r, width_c - len(c):] = torch.tensor(list(c))
        ctx_mask[r, width_c - len(c):] = 1
    ans = torch.full((len(answers), width_a), pad_id, dtype=torch.long)
    ans_mask = torch.zeros_like(ans)
    for r, a in enumerate(answers):
        ans[r, :len(a)] = torch.tensor(a)
        ans_mask[r, :len(a)] = 1
    return PairBatch(ctx, ctx_mask, ans, ans_mask, len(contexts))


def answer_logps(model, batch: PairBatch, share_context: bool = True) -> torch.Tensor:
    """Σ_t log p(answer_t | context, answer_<t) per row [2B] (chosen rows first).

    With `share_context` each context is encoded once and its KV cache serves both answers (gradients
    flow through the cache), so a pair costs C + A_w + A_l tokens instead of 2C + A_w + A_l; the LM head
    runs only where a prediction is needed. Without it, one forward over the 2B full rows.
    """
    width_a = batch.answer_ids.shape[1]
    if not share_context:
        ids, mask, pos = batch.full_rows
        out = model(input_ids=ids, attention_mask=mask, position_ids=pos, use_cache=False,
                    logits_to_keep=width_a + 1)
        logits = out.logits[:, -(width_a + 1):-1].float()
        return token_logps_sum(logits, batch.answer_ids, batch.answer_mask)

    ctx_pos = (batch.context_mask.cumsum(-1) - 1).clamp(min=0)
    ctx_out = model(input_ids=batch.context_ids, attention_mask=batch.context_mask, position_ids=ctx_pos,
                    use_cache=True, logits_to_keep=1)
    both = torch.arange(batch.n_pairs, device=batch.context_ids.device).repeat(2)
    first = ctx_out.logits[:, -1:].float()[both]  # predicts answer token 0 for chosen and rejected rows
    if width_a == 1:
        return token_logps_sum(first, batch.answer_ids, batch.answer_mask)
    cache = returned_cache(ctx_out)
    cache.reorder_cache(both)  # [B] → [2B] rows: each context's keys/values serve its two answers
    ctx_mask = batch.context_mask[both]
    mask = torch.cat([ctx_mask, batch.answer_mask[:, :-1]], dim=1)
    pos = ctx_mask.sum(-1, keepdim=True) + torch.arange(width_a - 1, device=mask.device)
    out = model(input_ids=batch.answer_ids[:, :-1], attention_mask=mask, position_ids=pos, use_cache=True,
                **cache_kwargs(cache))
    logits = torch.cat([first, out.logits.float()], dim=1)
    return token_logps_sum(logits, batch.answer_ids, batch.answer_mask)


def token_logps_sum(logits: torch.Tensor, targets: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """Σ over masked positions of log softmax(logits)[target]; logits [N, T, V], targets/mask [N, T].

    gather − logsumexp avoids materialising a second [N, T, V] tensor of log-probabilities.
    """
    picked = logits.gather(-1, targets.unsqueeze(-1)).squeeze(-1)
    logp = picked - torch.logsumexp(logits, dim=-1)
    return (logp * mask.to(logp.dtype)).sum(-1)


def split_pairs(logps: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """[2B] row log-probs → (chosen [B], rejected [B])."""
    half = logps.shape[0] // 2
    return logps[:half], logps[half:]


def dpo_loss(policy_chosen: torch.Tensor, policy_rejected: torch.Tensor, ref_chosen: torch.Tensor,
             ref_rejected: torch.Tensor, beta: float = 0.1,
             lengths: tuple[torch.Tensor, torch.Tensor] | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    """Per-pair DPO loss [B] and reward margin [B] = β·(logratio_chosen − logratio_rejected).

    The margin is the difference of the implicit rewards; the pair counts as correct when it is > 0.
    `lengths` (answer tokens of chosen and rejected, [B] each) makes each log-ratio a per-token mean: summed
    log-ratios let a 128-token pair push about twice as hard as a 60-token one, so a minority of long pairs
    can set how every request ends (PersRM v9, model card). A per-token ratio is small: use a larger β.
    """
    chosen, rejected = policy_chosen - ref_chosen, policy_rejected - ref_rejected
    if lengths is not None:
        chosen, rejected = (chosen / lengths[0].to(chosen.device, chosen.dtype),
                             rejected / lengths[1].to(rejected.device, rejected.dtype))
    margin = beta * (chosen - rejected)
    return -F.logsigmoid(margin), margin
