"""Refreshing the PersRM from users' feedback (`personalign train-rm-feedback`).

Each user's feedback pairs (`personalign.feedback.pairs`, unsafe chosen answers already dropped)
become PersRM pairs whose `preference` is the user's profile text (`MemoryStore.profile(user)`: every
active global preference, each re-checked by the safety boundary, so the universal-values guard of
the memory applies). Users without any stored preference contribute nothing: without a preference
text the pair says nothing about *which* preference it expresses.

The refresh is short continued training of an existing PersRM: its saved LoRA is loaded on the base
model's weights and trained further with the same DPO loss against the same reference as stage 1 of
`personalign.rewards.train` (frozen backbone; prompt without the preference by default), reusing its
pair encoding and reference log-probabilities. The value head stays as trained. Pairs from the PersRM's
original data can be mixed in (`replay`) so the refresh does not forget the synthetic preferences.
The result is a complete PersRM directory (`PersRM.from_pretrained` loads it) plus the pairs it saw
(`feedback_pairs.jsonl`) and `metrics.jsonl`.
"""
from __future__ import annotations

import json
import math
import os
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import torch

from personalign.feedback.errors import FeedbackConfigError, NotEnoughPairsError
from personalign.feedback.pairs import user_pairs
from personalign.models import LoadedModel
from personalign.rewards.data import PairRecord, pairs_hash, write_pairs
from personalign.safety import check_preference


@dataclass
class FeedbackRecords:
    records: list[PairRecord] = field(default_factory=list)
    users: dict[str, int] = field(default_factory=dict)       # user -> pairs contributed
    no_profile: list[str] = field(default_factory=list)       # users skipped: no preference text
    dropped_unsafe: int = 0


def feedback_records(store, users: Sequence[str] | None = None) -> FeedbackRecords:
    """PersRM pairs from the feedback of `users` (default: every user), preference = profile text."""
    out = FeedbackRecords()
    for user in (store.users() if users is None else users):
        pairs = user_pairs(store, user)
        out.dropped_unsafe += pairs.dropped_unsafe
        if not pairs.pairs:
            continue
        text = store.profile(user).preference_text
        if not text or not check_preference(text).allowed:
            out.no_profile.append(user)
            continue
        for p in pairs.pairs:
            out.records.append(PairRecord(preference=text, prompt=p.prompt, chosen=p.chosen, rejected=p.rejected,
                                          source="feedback"))
        out.users[user] = len(pairs.pairs)
    return out


@dataclass
class RefreshResult:
    out_dir: Path
    pairs: int
    feedback_pairs: int
    replay_pairs: int
    skipped: int
    steps: int
    seconds: float
    history: list[dict]


def refresh_persrm(base: LoadedModel, persrm_dir: str | os.PathLike, feedback: Sequence[PairRecord],
                   out_dir: str | os.PathLike, replay: Sequence[PairRecord] = (), steps: int | None = None,
                   epochs: float = 1.0, lr: float = 5e-5, batch_size: int = 4, max_length: int = 512, seed: int = 0,
                   on_step: Callable[[dict], None] | None = None) -> RefreshResult:
    """Continue training the PersRM in `persrm_dir` on feedback (+ replay) pairs; save it to `out_dir`."""
    from personalign.rewards.persrm import PersRM
    from personalign.rewards.train import encode_pairs, pairs_dpo_loss, reference_logps

    if not feedback:
        raise NotEnoughPairsError("no feedback pairs to refresh the PersRM with (users need feedback choices or "
                                  "edits, and stored preferences)")
    for name, value in (("lr", lr), ("epochs", epochs)):
        if not (isinstance(value, (int, float)) and math.isfinite(value) and value > 0):
            raise FeedbackConfigError(f"{name} must be a positive number, got {value!r}")
    if steps is not None and (not isinstance(steps, int) or steps < 1):
        raise FeedbackConfigError(f"steps must be a positive integer, got {steps!r}")
    out_dir = Path(out_dir)
    if out_dir.resolve() == Path(persrm_dir).resolve():
        raise FeedbackConfigError("write the refreshed PersRM to a new directory, not over the one it starts from")
    persrm = PersRM.from_pretrained(persrm_dir, base=base)
    records = list(feedback) + list(replay)
    reference_input = persrm.config.reference_input
    encoded, skipped = encode_pairs(persrm, records, max_length, reference_input)
    if not encoded:
        raise NotEnoughPairsError(f"all {len(records)} pairs are longer than max_length={max_length} tokens")
    ref = reference_logps(persrm, encoded, batch_size)
    pad = base.tokenizer.pad_token_id if base.tokenizer.pad_token_id is not None else base.tokenizer.eos_token_id
    params = persrm.lora_parameters()
    for p in persrm.model.parameters():
        p.requires_grad_(False)
    for p in params:
        p.requires_grad_(True)
    optimizer = torch.optim.AdamW(params, lr=lr, weight_decay=0.0)
    total = steps if steps is not None else math.ceil(epochs * len(encoded) / batch_size)
    rng = random.Random(seed)
    order: list[int] = []
    history = []
    beta = persrm.config.beta
    per_token = persrm.config.per_token_dpo  # the loss it was trained with
    t0 = time.perf_counter()
    persrm.model.train()
    try:
        for step in range(total):
            while len(order) < batch_size:
                perm = list(range(len(encoded)))
                rng.shuffle(perm)
                order += perm
            rows, order = order[:batch_size], order[batch_size:]
            pairs = [encoded[k] for k in rows]
            loss, margin, _ = pairs_dpo_loss(persrm.model, pairs, ref[rows], pad, beta, per_token, persrm.device)
            loss.mean().backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            optimizer.step()
            optimizer.zero_grad(set_to_none=True)
            record = {"stage": "feedback", "step": step + 1, "loss": round(float(loss.detach().mean()), 6),
                      "accuracy": round(float((margin.detach() > 0).float().mean()), 4)}
            history.append(record)
            if on_step is not None:
                on_step(record)
    finally:
        persrm.model.eval()
        for p in params:
            p.requires_grad_(False)
    seconds = time.perf_counter() - t0
    persrm.config.stages["feedback_refresh"] = {
        "from": str(persrm_dir), "steps": total, "lr": lr, "feedback_pairs": len(feedback),
        "replay_pairs": len(replay), "skipped_pairs": len(skipped), "pairs_hash": pairs_hash(records),
        "final": history[-1] if history else None, "seconds": round(seconds, 3)}
    persrm.save_pretrained(out_dir)
    write_pairs(out_dir / "feedback_pairs.jsonl", records)
    with open(out_dir / "metrics.jsonl", "a", encoding="utf-8") as handle:
        for record in history:
            handle.write(json.dumps(record) + "\n")
    return RefreshResult(out_dir, len(encoded), len(feedback), len(replay), len(skipped), total, seconds, history)
