"""KV-cache streams: one model's rows decoded in lockstep, pruned as rows finish.

The engine opens one stream per model and step by step feeds every stream the tokens it chose. A
stream holds rows of several roles (the base's rows, a reward term's rows) when one model scores them
all; a PersRM that holds the base's very weights joins the base's stream through its mixed forward.
"""
from __future__ import annotations

import torch

from personalign.models.batching import left_pad


def _forward(model, **kwargs):
    try:
        return model(**kwargs, logits_to_keep=1)
    except TypeError:  # models without logits_to_keep compute all positions
        return model(**kwargs)


class CacheStream:
    """One model's rows, decoded in lockstep with one KV cache. Rows are role-major: row = role·n + i."""

    def __init__(self, model, roles: list, inputs: list[list[int]], pad_id: int, device,
                 mixed=None, mixed_roles: frozenset = frozenset(), adapters: list[str] | None = None):
        self.roles, self.n = roles, len(inputs) // len(roles)
        # Per-row PEFT adapter names (one per prompt, repeated for every role), or None. Training-free
        # PAD's reward rows are the user's policy shown the preference, so they carry its adapter too.
        self.adapters = [name for _ in roles for name in adapters] if adapters is not None else None
        # A PersRM sharing the base's weights runs its rows and the base's in one forward:
        # `mixed.forward_mixed(flags, ...)` switches adapters and value head on per row.
        self.flags = None
        if mixed is not None:
            self.flags = torch.tensor([r in mixed_roles for r in roles for _ in range(self.n)], device=device)
            model = _MixedForward(mixed, self)
        self.model = model
        ids, self.mask, positions = left_pad(inputs, pad_id, device)
        out = _forward(model, input_ids=ids, attention_mask=self.mask, position_ids=positions, use_cache=True,
                       **self._extra())
        self.cache, self.logits = out.past_key_values, out.logits[:, -1]
        self.next_position = self.mask.sum(-1, keepdim=True)

    def logits_for(self, role) -> torch.Tensor:
        start = self.roles.index(role) * self.n
        return self.logits[start:start + self.n]

    def keep(self, keep: torch.Tensor) -> None:
        rows = torch.cat([keep + r * self.n for r in range(len(self.roles))])
        self.cache.reorder_cache(rows)
        self.mask, self.next_position, self.logits = self.mask[rows], self.next_position[rows], self.logits[rows]
        if self.flags is not None:
            self.flags = self.flags[rows]
        if self.adapters is not None:
            self.adapters = [self.adapters[i] for i in rows.tolist()]
        self.n = len(keep)

    def _extra(self) -> dict:
        return {"adapter_names": self.adapters} if self.adapters is not None else {}

    def step(self, tokens: torch.Tensor) -> None:
        self.mask = torch.cat([self.mask, self.mask.new_ones((self.mask.shape[0], 1))], dim=-1)
        out = self.model(input_ids=tokens.repeat(len(self.roles))[:, None], attention_mask=self.mask,
                         position_ids=self.next_position, past_key_values=self.cache, use_cache=True, **self._extra())
        self.cache, self.logits = out.past_key_values, out.logits[:, -1]
        self.next_position = self.next_position + 1


class _MixedForward:
    """Adapts `reward_model.forward_mixed(rows, ...)` to the plain model call a stream makes."""

    def __init__(self, reward_model, stream: CacheStream):
        self.reward_model, self.stream = reward_model, stream

    def __call__(self, **kwargs):
        return self.reward_model.forward_mixed(self.stream.flags, **kwargs)
