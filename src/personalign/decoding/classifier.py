"""A sequence-level reward model for ARGS: a Hugging Face AutoModelForSequenceClassification (`ClassifierReward`).

The reward of an answer y to prompt x under preference p is the classifier's score of the chat
(system: p, user: x, assistant: y) in the reward model's own chat template (plain text without one). One
output label: its logit; several: the log-probability of the last label (the usual "preferred" class).

ARGS scores each of the base's candidate tokens a by the reward of the answer so far plus a. When the reward
model shares the base's vocabulary it reads the answer as the base's very token ids,

    context(x, p) + y_<t + a + suffix

where context is the chat up to where the answer starts and suffix what the template writes after it
(the end-of-turn tokens). An end-of-sequence candidate closes the answer as it is: context + y_<t + suffix
(read as a plain token when the template has no suffix). No re-tokenization is needed, and the context and
answer so far can stay in a KV cache (`cacheable`: a decoder with a `score` head, which reads the last
position). Otherwise ARGS decodes the answer to text and scores every candidate's whole chat from scratch
(`score`; an end-of-sequence candidate is the answer so far).

This module is the layer under `personalign.eval`: eval's `SequenceClassifierJudge` loads a model by path and
scores with one of these, so judge and ARGS reward read answers the same way.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import torch

from personalign.models import render_messages, same_vocabulary
from personalign.models.batching import left_pad

try:
    from jinja2.exceptions import TemplateError as _TemplateError

    _TEMPLATE_ERRORS: tuple = (_TemplateError, ValueError, TypeError)
except ImportError:  # transformers needs jinja2 for chat templates; without it there is nothing to catch
    _TEMPLATE_ERRORS = (ValueError, TypeError)


class SequenceReward(Protocol):
    """What ARGS needs from a sequence-level reward model (`ClassifierReward` is one)."""

    name: str
    tokenizer: object

    def score(self, items: Sequence[tuple[str, str | None, str]]) -> list[float]:
        """(prompt, preference, answer text) → reward, each whole chat scored from scratch."""

    def segments(self, prompt: str, preference: str | None) -> tuple[list[int], list[int]]:
        """(context ids up to where the answer starts, suffix ids the template writes after the answer)."""

    def score_ids(self, rows: Sequence[Sequence[int]]) -> torch.Tensor:
        """Rewards [N] of whole token sequences, no cache."""

    def cacheable(self, tokenizer) -> bool:
        """True when ARGS may read answers as `tokenizer`'s ids with a KV cache (`backbone`, `head`)."""


class ClassifierReward:
    """An AutoModelForSequenceClassification (already loaded) as a sequence reward."""

    def __init__(self, model, tokenizer, name: str | None = None, batch_size: int = 8, max_length: int = 1024):
        self.model, self.tokenizer = model.eval(), tokenizer
        if tokenizer.pad_token_id is None:
            tokenizer.pad_token = tokenizer.eos_token
        self.pad_id = tokenizer.pad_token_id
        if getattr(model.config, "pad_token_id", None) is None:
            model.config.pad_token_id = self.pad_id
        self.device = next(model.parameters()).device
        self.name = name or f"rm:{getattr(model.config, '_name_or_path', '') or type(model).__name__}"
        self.batch_size, self.max_length = batch_size, max_length

    # ------------------------------------------------------------------------------------- inputs
    def _messages(self, prompt: str, preference: str | None, answer: str | None) -> list[dict]:
        turns = [{"role": "user", "content": prompt}]
        if answer is not None:
            turns.append({"role": "assistant", "content": answer})
        return ([{"role": "system", "content": preference}] if preference else []) + turns

    def _render(self, prompt: str, preference: str | None, answer: str | None) -> list[int]:
        """The chat's ids: closed after the answer, or open where the answer starts when `answer` is None.
        Templates that reject a system turn get the preference folded into the user turn."""
        try:
            return render_messages(self.tokenizer, self._messages(prompt, preference, answer),
                                   add_generation_prompt=answer is None)
        except _TEMPLATE_ERRORS:
            merged = f"{preference}\n\n{prompt}" if preference else prompt
            return render_messages(self.tokenizer, self._messages(merged, None, answer),
                                   add_generation_prompt=answer is None)

    def ids(self, prompt: str, preference: str | None, answer: str) -> list[int]:
        """The whole chat's token ids, cut to max_length on the tokenizer's truncation side."""
        ids = self._render(prompt, preference, answer)
        if len(ids) <= self.max_length:
            return ids
        return ids[:self.max_length] if self.tokenizer.truncation_side == "right" else ids[-self.max_length:]

    def segments(self, prompt: str, preference: str | None) -> tuple[list[int], list[int]]:
        """(context, suffix): the open chat, and what the closed chat with an empty answer adds after it (none
        when the template does not render the open chat as a prefix of the closed one)."""
        context = self._render(prompt, preference, None)
        closed = self._render(prompt, preference, "")
        suffix = closed[len(context):] if closed[:len(context)] == context else []
        return context, suffix

    # ------------------------------------------------------------------------------------ scoring
    @staticmethod
    def reward_of(logits: torch.Tensor) -> torch.Tensor:
        """One label: its logit; several: log p(last label)."""
        logits = logits.float()
        return logits[..., 0] if logits.shape[-1] == 1 else logits.log_softmax(-1)[..., -1]

    @property
    def backbone(self):
        return self.model.base_model

    @property
    def head(self):
        return getattr(self.model, "score", None)

    @property
    def reads_last(self) -> bool:
        """A decoder with a `score` head: the reward is read from the last position's hidden state."""
        return isinstance(self.head, torch.nn.Linear) and self.backbone is not self.model

    def cacheable(self, tokenizer) -> bool:
        return self.reads_last and same_vocabulary(self.tokenizer, tokenizer)

    def score_ids(self, rows: Sequence[Sequence[int]]) -> torch.Tensor:
        """Rewards of whole sequences, in batches, no cache. With a `score` head the last token is read
        directly (left padding); otherwise the model pools as it was trained to (right padding)."""
        out = []
        with torch.inference_mode():
            for s in range(0, len(rows), self.batch_size):
                chunk = [list(r) for r in rows[s:s + self.batch_size]]
                if self.reads_last:
                    ids, mask, positions = left_pad(chunk, self.pad_id, self.device)
                    hidden = self.backbone(input_ids=ids, attention_mask=mask, position_ids=positions)
                    logits = self.head(hidden.last_hidden_state[:, -1])
                else:
                    enc = self.tokenizer.pad({"input_ids": chunk}, padding=True, return_tensors="pt")
                    logits = self.model(**{k: v.to(self.device) for k, v in enc.items()}).logits
                out.append(self.reward_of(logits).cpu())
        return torch.cat(out) if out else torch.zeros(0)

    def score(self, items: Sequence[tuple[str, str | None, str]]) -> list[float]:
        return self.score_ids([self.ids(*item) for item in items]).tolist()
