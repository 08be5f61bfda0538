"""KV-cache streams: one model's rows decoded in lockstep, pruned as rows finish.

The engine opens one stream per model and step by step feeds every stream the tokens it chose. A
stream holds rows of several roles (the base's rows, a reward term's rows) when one model scores them
all; a PersRM that holds the base's very weights joins the base's stream through its mixed forward.

Rows of one stream may differ in what they run: a PersRM row carries the PersRM's adapter and value head,
a user's row that user's LoRA adapter. Where it can, the stream runs them through a fused row-LoRA shell
(`models.row_lora`): every row reads the shared weights once and only its own low-rank delta; a reward
row's LM head is computed only at its base row's top-k tokens, the only ones PAD reads. Otherwise it
falls back on PEFT's per-row `adapter_names`, with the same logits.
"""
from __future__ import annotations

import torch

from personalign.models.batching import left_pad
from personalign.models.kv_cache import cache_kwargs, returned_cache
from personalign.models.row_lora import CandidateRows, UnsupportedAdapter, fused_shell, lora_modules, row_groups


def _forward(model, **kwargs):
    try:
        return model(**kwargs, logits_to_keep=1)
    except TypeError:  # models without logits_to_keep compute all positions
        return model(**kwargs)


class CacheStream:
    """One model's rows, decoded in lockstep with one KV cache. Rows are role-major: row = role·n + i."""

    def __init__(self, model, roles: list, inputs: list[list[int]], pad_id: int, device,
                 mixed=None, mixed_roles: frozenset = frozenset(), adapters: list[str] | None = None,
                 candidates: tuple[int, list[int]] | None = None):
        self.roles, self.n, self.device = roles, len(inputs) // len(roles), device
        # Per-row PEFT adapter names (one per prompt, repeated for every role; "__base__" = none), or None.
        # Training-free PAD's reward rows are the user's policy shown the preference: they carry its adapter.
        self.adapters = [name for _ in roles for name in adapters] if adapters is not None else None
        # Rows of `mixed_roles` are a PersRM sharing the base's weights (`mixed.forward_mixed`).
        self.flags = None
        if mixed is not None:
            self.flags = torch.tensor([r in mixed_roles for r in roles for _ in range(self.n)], device=device)
        # (top_k, extra ids) when reward rows are read only over their base row's top-k (PAD).
        self.candidate_spec, self._candidates = candidates, None
        self.model = self._runner(model, mixed)
        ids, self.mask, positions = left_pad(inputs, pad_id, device)
        out = _forward(self.model, input_ids=ids, attention_mask=self.mask, position_ids=positions,
                       use_cache=True)
        self.cache, self.logits = returned_cache(out), out.logits[:, -1]
        self.next_position = self.mask.sum(-1, keepdim=True)
        self.pending: list[torch.Tensor] = []  # chosen tokens not fed yet (`defer`), one [n] tensor per step

    def _runner(self, model, mixed):
        if mixed is not None:
            return _MixedForward(mixed, self, base_model=model if self.adapters is not None else None)
        has_lora = bool(lora_modules(model))
        # Without per-row names a PEFT model applies its active adapter to every row: leave that to PEFT.
        if self.adapters is None and (has_lora or self.candidate_rows() is None):
            self.candidate_spec = None
            return model
        try:
            if self.adapters is not None and not has_lora:
                raise UnsupportedAdapter("no LoRA layers")
            return _RoutedForward(fused_shell(model), self)
        except UnsupportedAdapter:
            self.candidate_spec = None
            return _AdapterNamesForward(model, self) if self.adapters is not None else model

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
        self._candidates = None
        self.pending = [tokens[keep] for tokens in self.pending]

    def user_adapters(self) -> list[str | None] | None:
        """Each row's user adapter (None: none), or None when no row has one."""
        if self.adapters is None:
            return None
        return [None if name == "__base__" else name for name in self.adapters]

    def candidate_rows(self) -> CandidateRows | None:
        """Reward rows get logits only at the top-k of the base row of the same prompt (None: all full)."""
        if self.candidate_spec is None or "base" not in self.roles:
            return None
        if self._candidates is None:
            start, reward = self.roles.index("base") * self.n, [r != "base" and r[0] == "reward" for r in self.roles]
            source = [start + i if reward[role] else -1 for role in range(len(self.roles)) for i in range(self.n)]
            if all(s < 0 for s in source):
                self.candidate_spec = None
                return None
            top_k, extra = self.candidate_spec
            self._candidates = CandidateRows(source, top_k, extra, device=self.device)
        return self._candidates

    def base_top_k(self) -> torch.Tensor | None:
        """The base rows' top-k token ids as the last forward ranked them for the reward rows (None: not ranked)."""
        spec = self._candidates
        if spec is None or spec.top is None:
            return None
        start = self.roles.index("base") * self.n
        return spec.top if spec.sources == list(range(start, start + self.n)) else None

    def step(self, tokens: torch.Tensor) -> None:
        self.mask = torch.cat([self.mask, self.mask.new_ones((self.mask.shape[0], 1))], dim=-1)
        out = self.model(input_ids=tokens.repeat(len(self.roles))[:, None], attention_mask=self.mask,
                         position_ids=self.next_position, use_cache=True, **cache_kwargs(self.cache))
        self.cache, self.logits = returned_cache(out), out.logits[:, -1]
        self.next_position = self.next_position + 1

    def defer(self, tokens: torch.Tensor) -> None:
        """Remember the step's tokens without running the model (its logits go stale until `catch_up`)."""
        self.pending.append(tokens)

    def catch_up(self) -> None:
        """Feed every deferred token in one multi-token forward: the logits are again the next token's."""
        if not self.pending:
            return
        if len(self.pending) == 1:
            self.step(self.pending.pop())
            return
        tokens = torch.stack(self.pending, 1)  # [n, P]
        self.pending, width = [], tokens.shape[1]
        self.mask = torch.cat([self.mask, self.mask.new_ones((self.mask.shape[0], width))], dim=-1)
        out = _forward(self.model, input_ids=tokens.repeat(len(self.roles), 1), attention_mask=self.mask,
                       position_ids=self.next_position + torch.arange(width, device=self.device),
                       use_cache=True, **cache_kwargs(self.cache))
        self.cache, self.logits = returned_cache(out), out.logits[:, -1]
        self.next_position = self.next_position + width


class _MixedForward:
    """A PersRM's rows and the base's in one forward: `reward_model.forward_mixed(rows, ...)`."""

    def __init__(self, reward_model, stream: CacheStream, base_model=None):
        self.reward_model, self.stream, self.base_model = reward_model, stream, base_model

    def __call__(self, **kwargs):
        extra = {}
        if self.base_model is not None:  # the base rows run per-user adapters of `base_model`
            extra = {"base_adapters": self.stream.user_adapters(), "base_model": self.base_model}
        return self.reward_model.forward_mixed(self.stream.flags, candidates=self.stream.candidate_rows(),
                                               **extra, **kwargs)


class _RoutedForward:
    """The base's rows (per-user adapters, candidate-only reward rows) through a fused row-LoRA shell."""

    def __init__(self, shell, stream: CacheStream):
        self.shell, self.stream = shell, stream

    def __call__(self, **kwargs):
        names = self.stream.user_adapters()
        groups = row_groups(names, self.stream.device) if names is not None else []
        with self.shell.route(groups, self.stream.candidate_rows()):
            return self.shell(**kwargs)


class _AdapterNamesForward:
    """PEFT's own per-row adapter switch, for adapters the fused shell cannot compute."""

    def __init__(self, model, stream: CacheStream):
        self.model, self.stream = model, stream

    def __call__(self, **kwargs):
        return self.model(adapter_names=self.stream.adapters, **kwargs)
