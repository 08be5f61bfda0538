"""DPO on a fresh LoRA over a shell of the base model: the one training loop of the pole experts
(`rewards.experts`) and the per-user adapters (`feedback.adapters`), and the checks of their settings.

The policy is a LoRA (B = 0, so it starts as the base) on a *shell* of the base model (new module objects
around the same weight tensors: the base is never modified and no weight is copied); the reference is the
same network with the adapter off, scored once before training. The loss, batch layout and answer
log-probabilities are `rewards.dpo`'s. One optimizer step takes `batch_size` pairs from a fresh seeded
permutation per epoch; gradients are clipped to `max_grad_norm`.

    check_settings(cfg, positive_numbers=("lr", ...), positive_integers=("lora_r", ...),
                   optional_integers=("steps",), error=ConfigError)
    encoded, skipped = encode_pairs(tokenizer, pairs, max_length)           # (context, chosen, rejected) ids
    model = fresh_lora(base, r, alpha, targets, seed, error=ConfigError)     # PeftModel over a shell
    run = train_dpo(model, encoded, pad_id, device, steps=..., batch_size=..., lr=..., beta=..., ...)
"""
from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import torch

from personalign.errors import ConfigError
from personalign.models import LoadedModel, encode_text, render_chat
from personalign.models.shell import quiet_peft, shell_copy
from personalign.rewards.dpo import answer_logps, build_batch, dpo_loss, split_pairs

MIN_ANSWER_TOKENS = 4   # an answer cut shorter than this by max_length is skipped
MIN_MAX_LENGTH = 16


def check_settings(cfg, *, positive_numbers: Sequence[str] = (), positive_integers: Sequence[str] = (),
                   optional_integers: Sequence[str] = (), error: type[Exception] = ConfigError) -> None:
    """Raises `error` naming the first setting of `cfg` that is not a positive finite number, a positive
    integer, or None / a positive integer (booleans are refused); `max_length`, when `cfg` has one, must be
    at least MIN_MAX_LENGTH tokens."""
    for name in positive_numbers:
        value = getattr(cfg, name)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value <= 0:
            raise error(f"{name} must be a positive number, got {value!r}")
    for name in positive_integers:
        value = getattr(cfg, name)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise error(f"{name} must be a positive integer, got {value!r}")
    for name in optional_integers:
        value = getattr(cfg, name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
            raise error(f"{name} must be a positive integer, got {value!r}")
    if getattr(cfg, "max_length", MIN_MAX_LENGTH) < MIN_MAX_LENGTH:
        raise error(f"max_length must be at least {MIN_MAX_LENGTH} tokens")


def encode_answers(tokenizer, prompt: str, texts: Sequence[str], max_length: int):
    """(context, answers): the chat context of `prompt` and each text's token ids with EOS, cut to fit
    `max_length` together with the context; None when less than MIN_ANSWER_TOKENS of room is left."""
    ctx = render_chat(tokenizer, prompt)
    budget = max_length - len(ctx)
    if budget < MIN_ANSWER_TOKENS:
        return None
    eos = [tokenizer.eos_token_id] if tokenizer.eos_token_id is not None else []
    return ctx, [(encode_text(tokenizer, text) + eos)[:budget] for text in texts]


def encode_pairs(tokenizer, pairs: Sequence, max_length: int) -> tuple[list[tuple[list[int], ...]], int]:
    """(context, chosen, rejected) token ids of each pair (anything with `prompt`, `chosen`, `rejected`), the
    answers with EOS and cut to fit `max_length` with the context; and how many pairs were skipped (less than
    MIN_ANSWER_TOKENS of room, or the same answer twice after the cut)."""
    encoded, skipped = [], 0
    for pair in pairs:
        got = encode_answers(tokenizer, pair.prompt, (pair.chosen, pair.rejected), max_length)
        if got is None or got[1][0] == got[1][1]:
            skipped += 1
            continue
        ctx, (chosen, rejected) = got
        encoded.append((ctx, chosen, rejected))
    return encoded, skipped


def pad_id(tokenizer) -> int:
    return tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id


def fresh_lora(base: LoadedModel, r: int, alpha: int, targets, seed: int, *, error: type[Exception] = ConfigError):
    """A fresh LoRA (B = 0: the policy starts as the base; A drawn after `torch.manual_seed(seed)`) on a shell of
    `base.model`; a model PEFT cannot adapt raises `error`."""
    from peft import LoraConfig, get_peft_model

    torch.manual_seed(seed)
    lora = LoraConfig(r=r, lora_alpha=alpha, lora_dropout=0.0, target_modules=targets, bias="none",
                      task_type="CAUSAL_LM")
    try:
        with quiet_peft():
            return get_peft_model(shell_copy(base.model), lora)
    except ValueError as exc:
        raise error(f"cannot add LoRA adapters to {base.name!r}: {exc}") from exc


@dataclass
class DPORun:
    steps: int
    seconds: float              # the optimizer loop
    reference_seconds: float    # scoring the reference once, before it
    history: list[dict] = field(default_factory=list)


def train_dpo(model, encoded: Sequence[tuple], pad: int, device, *, steps: int, batch_size: int, lr: float,
              beta: float, max_grad_norm: float, seed: int, on_step: Callable[[dict], None] | None = None,
              record_extra: Callable[[int], dict] | None = None) -> DPORun:
    """Trains `model`'s LoRA parameters with DPO on `encoded` pairs for `steps` optimizer steps (module
    docstring); `model` ends in eval mode with no parameter requiring grad. Each step's record is
    `record_extra(step)` (e.g. which expert) then step, loss, accuracy (share of pairs with a positive margin)
    and margin."""
    bs = batch_size

    def batch(rows):
        return build_batch([encoded[k][0] for k in rows], [encoded[k][1] for k in rows],
                           [encoded[k][2] for k in rows], pad).to(device)

    t0 = time.perf_counter()
    ref = torch.zeros((len(encoded), 2), dtype=torch.float64)
    model.eval()
    with torch.no_grad(), model.disable_adapter():
        for s in range(0, len(encoded), bs):
            rows = list(range(s, min(s + bs, len(encoded))))
            chosen, rejected = split_pairs(answer_logps(model, batch(rows)))
            ref[rows, 0], ref[rows, 1] = chosen.double().cpu(), rejected.double().cpu()
    reference_seconds = time.perf_counter() - t0

    params = [p for n, p in model.named_parameters() if "lora_" in n]
    for p in model.parameters():
        p.requires_grad_(False)
    for p in params:
        p.requires_grad_(True)
    optimizer = torch.optim.AdamW(params, lr=lr, weight_decay=0.0)
    order: list[int] = []
    gen = torch.Generator().manual_seed(seed)
    history = []
    t0 = time.perf_counter()
    model.train()
    try:
        for step in range(steps):
            while len(order) < bs:  # a fresh permutation per epoch
                order += torch.randperm(len(encoded), generator=gen).tolist()
            rows, order = order[:bs], order[bs:]
            chosen, rejected = split_pairs(answer_logps(model, batch(rows)))
            r = ref[rows].to(device=chosen.device, dtype=chosen.dtype)
            loss, margin = dpo_loss(chosen, rejected, r[:, 0], r[:, 1], beta)
            loss.mean().backward()
            torch.nn.utils.clip_grad_norm_(params, max_grad_norm)
            optimizer.step()
            optimizer.zero_grad(set_to_none=True)
            record = dict(record_extra(step + 1)) if record_extra is not None else {}
            record.update({"step": step + 1, "loss": round(float(loss.detach().mean()), 6),
                           "accuracy": round(float((margin.detach() > 0).float().mean()), 4),
                           "margin": round(float(margin.detach().mean()), 6)})
            history.append(record)
            if on_step is not None:
                on_step(record)
    finally:
        model.eval()
        for p in params:
            p.requires_grad_(False)
    return DPORun(steps, time.perf_counter() - t0, reference_seconds, history)
