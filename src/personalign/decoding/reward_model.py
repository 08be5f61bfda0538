"""What the engine needs from a reward model (`RewardModel`), and the training-free one (`PromptedLM`).

A reward model is a causal LM that reads (prompt, preference) its own way and gives next-token logits
PAD compares with the base's. A trained PersRM (`personalign.rewards.PersRM`) brings its saved template
and may hold the base's very weights; any other causal LM becomes one by being shown the preference the
way prompting shows it (`PromptedLM`) — with the base itself, that is training-free PAD.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import torch

from personalign.models import LoadedModel, render_chat
from personalign.models.preference_block import preference_system_prompt
from personalign.models.row_lora import CandidateRows


class RewardModel(Protocol):
    """What PAD and best-of-n consult: a causal LM over the base's vocabulary, with its own input template."""

    name: str
    tokenizer: Any
    # Called like a Hugging Face causal LM (input_ids, attention_mask, position_ids, the KV cache as
    # `models.kv_cache.cache_kwargs` names it, use_cache, logits_to_keep); returns .logits and that cache.
    model: torch.nn.Module

    @property
    def recommended_weight(self) -> float | None:
        """PAD's w when the caller gives none (None: 1)."""

    def reward_input_ids(self, prompt: str, preference: str | Sequence[str] | None) -> list[int]:
        """The token ids this model reads for (prompt, preference), ending where the answer starts."""

    def shares_weights_with(self, base: LoadedModel) -> bool:
        """True when its rows and the base's may run in one forward through `forward_mixed`."""

    def forward_mixed(self, rows: torch.Tensor, candidates: CandidateRows | None = None, **model_kwargs):
        """One forward in which rows where `rows` is True are this model and the others the base.

        `candidates` may limit some rows' logits to their candidate tokens (PAD reads no others); a
        model may ignore it and return full logits. A PersRM also takes `base_adapters`/`base_model`
        (per-user adapters on the base rows) when `fused_over(base_model)` is not None.
        """

    def fused_over(self, model: torch.nn.Module | None = None):
        """A fused shell running this model's rows beside `model`'s per-user adapter rows, or None."""


@dataclass(frozen=True)
class PromptedLM:
    """A causal LM as reward model: it reads the preference in the system turn, exactly as prompting does."""

    lm: LoadedModel

    @property
    def name(self) -> str:
        return self.lm.name

    @property
    def tokenizer(self):
        return self.lm.tokenizer

    @property
    def model(self) -> torch.nn.Module:
        return self.lm.model

    @property
    def recommended_weight(self) -> float | None:
        return None  # never trained for PAD: no weight to recommend

    def reward_input_ids(self, prompt: str, preference: str | Sequence[str] | None) -> list[int]:
        system = preference_system_prompt(preference) if preference else None
        return render_chat(self.lm.tokenizer, prompt, system=system)

    def shares_weights_with(self, base: LoadedModel) -> bool:
        # When it is the base itself, the engine already runs both kinds of rows as one model with one cache.
        return False

    def forward_mixed(self, rows: torch.Tensor, candidates: CandidateRows | None = None, **model_kwargs):
        return self.lm.model(**model_kwargs)

    def fused_over(self, model: torch.nn.Module | None = None):
        return None  # the engine runs a plain LM's rows with the base's own (one model, one cache)


def as_reward_model(model: RewardModel | LoadedModel) -> RewardModel:
    """A reward model as given, or a plain causal LM shown the preference (`PromptedLM`)."""
    return PromptedLM(model) if isinstance(model, LoadedModel) else model
