"""Batching helpers every layer shares: left padding, and teacher-forced answer log-probabilities."""
from __future__ import annotations

from collections.abc import Sequence

import torch


def left_pad(rows: Sequence[Sequence[int]], pad_id: int,
             device=None) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """(input_ids, attention_mask, position_ids) for rows left-padded to one width.

    Left padding keeps every row's last token in the last column, which is where generation appends;
    position ids restart at 0 on each row's first real token, so padding never shifts positions.
    """
    width = max(len(r) for r in rows)
    ids = torch.full((len(rows), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for k, row in enumerate(rows):
        if row:
            ids[k, width - len(row):] = torch.as_tensor(row, dtype=torch.long)
            mask[k, width - len(row):] = 1
    ids, mask = ids.to(device), mask.to(device)
    return ids, mask, (mask.cumsum(-1) - 1).clamp(min=0)


@torch.inference_mode()
def answer_token_logprobs(model, contexts: Sequence[Sequence[int]], answers: Sequence[Sequence[int]], pad_id: int,
                          batch_size: int = 16, device=None, forward_kwargs=None) -> list[torch.Tensor]:
    """log p(answer_t | context, answer_<t) for every answer token, one tensor per row (full vocabulary).

    `forward_kwargs(start, stop)` may add per-chunk model arguments (e.g. PEFT `adapter_names`).
    """
    out: list[torch.Tensor] = []
    for start in range(0, len(contexts), batch_size):
        stop = min(start + batch_size, len(contexts))
        rows = [list(c) + list(a) for c, a in zip(contexts[start:stop], answers[start:stop])]
        ids, mask, positions = left_pad(rows, pad_id, device)
        extra = forward_kwargs(start, stop) if forward_kwargs else {}
        logits = model(input_ids=ids, attention_mask=mask, position_ids=positions, **extra).logits.float()
        logp = logits[:, :-1].log_softmax(-1).gather(-1, ids[:, 1:, None]).squeeze(-1)
        width = ids.shape[1]
        for k, answer in enumerate(answers[start:stop]):
            out.append(logp[k, width - 1 - len(answer):].cpu() if answer else torch.zeros(0))
    return out
