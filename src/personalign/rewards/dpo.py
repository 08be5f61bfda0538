"""DPO (Rafailov et al. 2023) for the PersRM: batch layout, answer log-probabilities and the loss.

    loss = −log σ(β · [(log π(y_w|x) − log π_ref(y_w|x)) − (log π(y_l|x) − log π_ref(y_l|x))])

The policy is the PersRM (stage 1: backbone + LoRA, value head = identity; stage 2: the trained LoRA
frozen, value head trainable); the reference is the frozen backbone (adapters and value head off) in both
stages. That is the reward PAD uses at decoding time — log π_R − log π_base — and since the reference
never changes, its log-probs are computed once per pair and cached (see `train.py`).

Batch layout: chosen and rejected answers of B pairs share one forward of 2B rows (chosen rows first).
Contexts are left-padded and answers right-padded so every answer starts at the same column C; the LM
head then runs only on the answer columns (`logits_to_keep`), not on the (often longer) prompt.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import torch
import torch.nn.functional as F


@dataclass
class PairBatch:
    """2B rows: rows [0, B) the chosen answers, rows [B, 2B) the rejected ones, same contexts."""

    input_ids: torch.Tensor       # [2B, C + A]
    attention_mask: torch.Tensor  # [2B, C + A]
    position_ids: torch.Tensor    # [2B, C + A]
    targets: torch.Tensor         # [2B, A] answer token ids (pad where masked)
    target_mask: torch.Tensor     # [2B, A] 1 on real answer tokens
    n_pairs: int

    @property
    def tokens(self) -> int:
        """Real (non-padding) tokens in the batch: the work a forward does."""
        return int(self.attention_mask.sum())

    def to(self, device) -> "PairBatch":
        return PairBatch(self.input_ids.to(device), self.attention_mask.to(device), self.position_ids.to(device),
                         self.targets.to(device), self.target_mask.to(device), self.n_pairs)


def build_batch(contexts: Sequence[Sequence[int]], chosen: Sequence[Sequence[int]],
                rejected: Sequence[Sequence[int]], pad_id: int) -> PairBatch:
    """Lay out B (context, chosen, rejected) triples as 2B rows aligned at the context/answer boundary."""
    if not (len(contexts) == len(chosen) == len(rejected)) or not contexts:
        raise ValueError("build_batch needs the same, non-zero number of contexts, chosen and rejected answers")
    rows = [(list(c), list(a)) for c, a in zip(list(contexts) * 2, list(chosen) + list(rejected))]
    if any(not c or not a for c, a in rows):
        raise ValueError("every context and answer needs at least one token")
    width_c = max(len(c) for c, _ in rows)
    width_a = max(len(a) for _, a in rows)
    ids = torch.full((len(rows), width_c + width_a), pad_id, dtype=torch.long)
    mask = torch.zeros_like(ids)
    for r, (c, a) in enumerate(rows):
        ids[r, width_c - len(c):width_c] = torch.tensor(c)
        ids[r, width_c:width_c + len(a)] = torch.tensor(a)
        mask[r, width_c - len(c):width_c + len(a)] = 1
    position_ids = (mask.cumsum(-1) - 1).clamp(min=0)
    return PairBatch(ids, mask, position_ids, ids[:, width_c:].clone(), mask[:, width_c:].clone(), len(contexts))


def answer_logps(model, batch: PairBatch) -> torch.Tensor:
    """Σ_t log p(answer_t | context, answer_<t) per row [2B], from one forward over the batch.

    The logits at column C−1+t predict answer token t, so only the last A+1 columns reach the LM head.
    """
    width_a = batch.targets.shape[1]
    out = model(input_ids=batch.input_ids, attention_mask=batch.attention_mask, position_ids=batch.position_ids,
                use_cache=False, logits_to_keep=width_a + 1)
    logits = out.logits[:, -(width_a + 1):-1].float()
    return token_logps_sum(logits, batch.targets, batch.target_mask)


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
             ref_rejected: torch.Tensor, beta: float = 0.1) -> tuple[torch.Tensor, torch.Tensor]:
    """Per-pair DPO loss [B] and reward margin [B] = β·(logratio_chosen − logratio_rejected).

    The margin is the difference of the implicit rewards; the pair counts as correct when it is > 0.
    """
    margin = beta * ((policy_chosen - ref_chosen) - (policy_rejected - ref_rejected))
    return -F.logsigmoid(margin), margin
