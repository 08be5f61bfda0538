"""The harness's judges, one small class each.

- `PoleJudge`: the transparent judges of `personalign.dimensions`, signed per requested pole.
- `PairwiseLMJudge`: any local causal LM picks "A" or "B"; both orders are scored to cancel
  position bias.
- `SequenceClassifierJudge`: a Hugging Face AutoModelForSequenceClassification reward model by path.
- `ApiJudge` (in `personalign.eval.api_judge`): any model behind an OpenAI-compatible chat endpoint,
  pairwise per pole, both orders, with a resumable verdict cache.
- `PerplexityJudge`: perplexity of an answer under the base model (a fluency proxy).
- `sanity_flags`: empty, runaway (hit the token cap) and repetitive answers.
"""
from __future__ import annotations

import math
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import torch

from personalign.decoding import ClassifierReward
from personalign.dimensions import DIMENSIONS
from personalign.errors import ConfigError, ModelNotFoundError, PersonalignError
from personalign.models import LoadedModel, encode_text, render_chat
from personalign.models.batching import answer_token_logprobs, left_pad


class JudgeError(PersonalignError):
    """A judge that failed or returned something unusable (NaN, wrong shape)."""


# ---------------------------------------------------------------------------------- transparent
class PoleJudge:
    """Raw transparent-judge scores, and the same scores signed toward each requested pole."""

    name = "transparent"

    def __init__(self, dimensions: Sequence[str] | None = None):
        self.dimensions = {n: DIMENSIONS[n] for n in (dimensions or DIMENSIONS)}

    def raw(self, text: str) -> dict[str, float]:
        scores = {}
        for name, dim in self.dimensions.items():
            try:
                value = float(dim.judge.score(text))
            except Exception as exc:  # a judge bug must name the judge, not crash anonymously
                raise JudgeError(f"judge {dim.judge.name!r} failed on an answer: {exc}") from exc
            if not math.isfinite(value):
                raise JudgeError(f"judge {dim.judge.name!r} returned {value!r}")
            scores[name] = value
        return scores

    def signed(self, raw: dict[str, float], poles: dict[str, str]) -> dict[str, float]:
        """Higher = closer to the user's pole on each dimension."""
        return {d: self.dimensions[d].direction(p) * raw[d] for d, p in poles.items() if d in self.dimensions}


# ------------------------------------------------------------------------------------ pairwise
PAIRWISE_TEMPLATE = (
    "A user with this preference asked a question.\n"
    "Preference: {preference}\n"
    "Question: {prompt}\n\n"
    "Answer A:\n{a}\n\n"
    "Answer B:\n{b}\n\n"
    "Which answer follows the user's preference better? Reply with the single letter A or B."
)


@dataclass
class PairwiseVerdict:
    p_first_order: float   # P(judge says "A") with answer 1 shown as A
    p_second_order: float  # P(judge says "A") with answer 1 shown as B
    score: float           # P(answer 1 is better), averaged over both orders


class PairwiseLMJudge:
    """Compares two answers by the LM's probability of replying "A" versus "B".

    Each comparison runs twice, with the answers swapped: the verdict for answer 1 is the mean of
    P(A | 1 shown first) and P(B | 1 shown second). A judge that always prefers the first slot thus
    scores exactly 0.5 (a tie) instead of favouring whichever strategy happened to be shown first.
    Only the two letters are compared (a softmax over their two logits), so the verdict is defined
    even when the LM would rather say something else.
    """

    def __init__(self, loaded: LoadedModel, template: str = PAIRWISE_TEMPLATE, max_answer_tokens: int = 256,
                 batch_size: int = 8):
        self.loaded, self.template = loaded, template
        self.max_answer_tokens, self.batch_size = max_answer_tokens, batch_size
        tok = loaded.tokenizer
        self.letter_ids = (self._letter_id(tok, "A"), self._letter_id(tok, "B"))
        if self.letter_ids[0] == self.letter_ids[1]:
            raise ConfigError(f"judge {loaded.name!r}: the tokenizer maps 'A' and 'B' to the same token")
        self.name = f"pairwise:{loaded.name}"

    @staticmethod
    def _letter_id(tokenizer, letter: str) -> int:
        ids = tokenizer.encode(letter, add_special_tokens=False)
        if not ids:
            raise ConfigError(f"the judge's tokenizer cannot encode {letter!r}")
        return ids[0]

    def _clip(self, text: str) -> str:
        ids = encode_text(self.loaded.tokenizer, text)
        if len(ids) <= self.max_answer_tokens:
            return text
        return self.loaded.tokenizer.decode(ids[:self.max_answer_tokens]) + " [...]"

    def context(self, prompt: str, preference: str, a: str, b: str) -> list[int]:
        user = self.template.format(preference=preference, prompt=prompt,
                                    a=self._clip(a) or "(empty)", b=self._clip(b) or "(empty)")
        return render_chat(self.loaded.tokenizer, user)

    def p_first_letter(self, contexts: list[list[int]]) -> list[float]:
        """P("A") among {"A", "B"} as the next token after each context."""
        model, device = self.loaded.model, self.loaded.device
        pad = self.loaded.tokenizer.pad_token_id
        pad = pad if pad is not None else self.loaded.tokenizer.eos_token_id
        out = []
        with torch.inference_mode():
            for s in range(0, len(contexts), self.batch_size):
                ids, mask, positions = left_pad(contexts[s:s + self.batch_size], pad, device)
                logits = model(input_ids=ids, attention_mask=mask, position_ids=positions).logits[:, -1].float()
                pair = logits[:, list(self.letter_ids)]
                probs = pair.softmax(-1)[:, 0]
                if not torch.isfinite(probs).all():
                    raise JudgeError(f"{self.name} produced non-finite letter probabilities")
                out.extend(probs.tolist())
        return out

    def compare(self, items: Sequence[tuple[str, str, str, str]]) -> list[PairwiseVerdict]:
        """items: (prompt, preference, answer_1, answer_2). Returns P(answer_1 better) per item."""
        contexts = []
        for prompt, preference, one, two in items:
            contexts.append(self.context(prompt, preference, one, two))
            contexts.append(self.context(prompt, preference, two, one))
        probs = self.p_first_letter(contexts)
        verdicts = []
        for i in range(len(items)):
            first, second = probs[2 * i], probs[2 * i + 1]
            verdicts.append(PairwiseVerdict(first, second, (first + (1.0 - second)) / 2.0))
        return verdicts


# ------------------------------------------------------------------------- sequence classifier
class SequenceClassifierJudge:
    """A Hugging Face sequence-classification reward model, loaded from a local path.

    The preference goes in the system turn and the answer in the assistant turn of the RM's own chat
    template (plain "User:/Assistant:" text without one). One output label: its logit is the
    reward. Several labels: the log-probability of the last label, the usual "positive/preferred"
    class of classifier-style reward models. Scoring is `decoding.ClassifierReward`'s (`reward`), the
    very reward ARGS decodes with when given this model (`--args-reward`).
    """

    def __init__(self, path: str | os.PathLike, device: str | torch.device = "cpu", batch_size: int = 8,
                 max_length: int = 1024):
        from transformers import AutoConfig, AutoModelForSequenceClassification, AutoTokenizer

        path = Path(path).expanduser()
        if not (path / "config.json").is_file():
            raise ModelNotFoundError(f"reward model {str(path)!r}: no config.json there "
                                     "(give a local model directory)")
        try:
            config = AutoConfig.from_pretrained(path, local_files_only=True)
        except (OSError, ValueError) as exc:
            raise ModelNotFoundError(f"reward model {str(path)!r}: {exc}".splitlines()[0]) from exc
        archs = getattr(config, "architectures", None) or []
        if archs and not any(a.endswith("ForSequenceClassification") for a in archs):
            raise ConfigError(f"reward model {str(path)!r} is a {archs[0]}, not a sequence-classification model")
        try:
            tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
            model = AutoModelForSequenceClassification.from_pretrained(path, local_files_only=True).to(device)
        except (OSError, ValueError) as exc:
            raise ModelNotFoundError(f"could not load reward model {str(path)!r}: {exc}".splitlines()[0]) from exc
        self.name = f"rm:{path.name}"
        self.reward = ClassifierReward(model, tokenizer, name=self.name, batch_size=batch_size, max_length=max_length)
        self.model, self.tokenizer, self.device = model, tokenizer, torch.device(device)

    def _ids(self, prompt: str, preference: str | None, answer: str) -> list[int]:
        """The chat's token ids, cut to max_length on the tokenizer's truncation side."""
        return self.reward.ids(prompt, preference, answer)

    def score(self, items: Sequence[tuple[str, str | None, str]]) -> list[float]:
        """items: (prompt, preference, answer) → reward per item."""
        rewards = self.reward.score(items)
        if not all(math.isfinite(r) for r in rewards):
            raise JudgeError(f"{self.name} returned non-finite rewards")
        return rewards


# ---------------------------------------------------------------------------------- perplexity
class PerplexityJudge:
    """exp(mean token NLL) of an answer given the plain prompt (no preference) under the base model.

    A personalized answer should stay fluent: a PAD weight that buys personalization with broken text
    shows up as a jump in perplexity. Lower is better; empty answers have no perplexity (None).
    """

    name = "perplexity"

    def __init__(self, loaded: LoadedModel, batch_size: int = 8, skip_ids: Sequence[int] = ()):
        self.loaded, self.batch_size = loaded, batch_size
        tok = loaded.tokenizer
        self.skip = set(skip_ids) | {tok.eos_token_id} - {None}
        self.pad = tok.pad_token_id if tok.pad_token_id is not None else tok.eos_token_id

    def answer_ids(self, text: str) -> list[int]:
        return encode_text(self.loaded.tokenizer, text)

    def score(self, items: Sequence[tuple[str, Sequence[int]]]) -> list[float | None]:
        """items: (prompt, answer token ids) → perplexity per item."""
        tok = self.loaded.tokenizer
        rows = [(render_chat(tok, p), [t for t in ids if t not in self.skip]) for p, ids in items]
        out: list[float | None] = [None] * len(rows)
        order = [i for i, (_, a) in enumerate(rows) if a]
        token_logps = answer_token_logprobs(self.loaded.model, [rows[i][0] for i in order],
                                            [rows[i][1] for i in order], self.pad, batch_size=self.batch_size,
                                            device=self.loaded.device)
        for i, logp in zip(order, token_logps):
            nll = -logp.mean().item()
            out[i] = math.exp(nll) if math.isfinite(nll) else None
        return out


# -------------------------------------------------------------------------------------- sanity
_WORD = re.compile(r"\b\w[\w'-]*\b")


def sanity_flags(text: str, finish_reason: str | None, min_words_for_repetition: int = 20) -> dict[str, bool]:
    """empty: no word at all. runaway: stopped only by the token cap (never ended on its own).
    repetitive: under half of its word 4-grams are distinct (the loops small models fall into)."""
    words = [w.lower() for w in _WORD.findall(text)]
    grams = [tuple(words[i:i + 4]) for i in range(len(words) - 3)]
    repetitive = len(words) >= min_words_for_repetition and len(set(grams)) < 0.5 * len(grams)
    return {"empty": not words, "runaway": finish_reason == "length", "repetitive": bool(repetitive)}
