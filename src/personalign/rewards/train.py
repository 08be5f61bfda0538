"""Two-stage PersRM training: stage 1 trains LoRA with DPO, stage 2 freezes it and trains the value head.

Both stages minimise the same DPO loss against the same reference, the frozen backbone (see `dpo.py`).
This is a compact own loop rather than TRL's DPOTrainer because
  * stage 2 trains a module (the value head) that lives outside the PEFT model, which DPOTrainer can
    only reach through custom subclasses;
  * the reference never changes, so its log-probs are computed once per pair, cached on disk with the
    checkpoint and reused by both stages and every epoch — one policy forward per step instead of two;
  * chosen and rejected share one encoded context (its KV cache, gradients included), and the LM head
    runs only where answer tokens are predicted;
  * resume is exact mid-stage (optimizer, RNG and data position), which the tests check.
benchmarks/train_speed.py compares its step throughput with DPOTrainer on the same data and model.

Reference input: by default ("base") the reference reads the prompt *without* the preference — what the
base model reads while PAD decodes — so the implicit reward trained here is exactly PAD's
r = log π_R(·|prompt, preference) − log π_base(·|prompt), and the evaluation at step 0 measures
training-free PAD (the backbone shown the preference). "same" feeds the reference the PersRM's input,
as standard DPO implementations do.
"""
from __future__ import annotations

import json
import math
import os
import random
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

import torch

from personalign.errors import ConfigError
from personalign.models import LoadedModel, encode_text
from personalign.rewards.data import PairRecord, pairs_hash
from personalign.rewards.dpo import PairBatch, answer_logps, build_batch, dpo_loss, split_pairs
from personalign.rewards.persrm import TEMPLATES, PersRM, PersRMConfig

MIN_ANSWER_TOKENS = 4
REFERENCE_INPUTS = ("base", "same")

# Fields that change what training computes; a resumed run must agree with its checkpoint on them.
_TRAINING_FIELDS = ("stage1_lr", "stage2_lr", "stage1_steps", "stage2_steps", "stage1_epochs", "stage2_epochs",
                    "batch_size", "grad_accum", "beta", "max_length", "seed", "lora_r", "lora_alpha",
                    "lora_dropout", "lora_targets", "warmup_ratio", "weight_decay", "max_grad_norm",
                    "reference_input", "template")


@dataclass
class TrainConfig:
    """Hyper-parameters of both stages. `stageN_steps` (optimizer steps) wins over `stageN_epochs`.

    One optimizer step = `grad_accum` micro-batches of `batch_size` pairs. The learning rate warms up
    linearly over `warmup_ratio` of each stage, then decays linearly to zero.
    """

    stage1_lr: float = 2e-4
    stage2_lr: float = 5e-5
    stage1_steps: int | None = None
    stage2_steps: int | None = None
    stage1_epochs: float = 1.0
    stage2_epochs: float = 1.0
    batch_size: int = 4
    grad_accum: int = 1
    beta: float = 0.1
    max_length: int = 512
    eval_every: int = 50
    eval_batch_size: int = 8
    checkpoint_every: int | None = None  # None: at every evaluation
    checkpoint_dir: str | None = None    # None: <out>/checkpoint
    seed: int = 0
    lora_r: int = 16
    lora_alpha: int = 32
    lora_dropout: float = 0.0
    lora_targets: str | list[str] = "all-linear"
    warmup_ratio: float = 0.1
    weight_decay: float = 0.0
    max_grad_norm: float = 1.0
    reference_input: str = "base"
    template: str = "system-block"
    # Append EOS after answers flagged as cut by a token limit too (how v1-v3 were trained). False trains no EOS
    # after them; tried as PersRM v4 and not shipped: concise multi-pole answers stopped ending (model card).
    eos_after_truncated: bool = True
    # DPO on per-token log-ratios (`dpo.dpo_loss` with lengths) instead of summed ones, so long and short pairs
    # weigh alike; the PersRM records it and scores pairs the same way. Needs a larger beta (per-token ratios
    # are ~100x smaller than sums). Not used by any shipped PersRM yet.
    length_normalize: bool = False

    def validate(self) -> TrainConfig:
        def positive(name, allow_zero=False):
            value = getattr(self, name)
            ok = isinstance(value, (int, float)) and math.isfinite(value) and (value >= 0 if allow_zero else value > 0)
            if not ok:
                raise ConfigError(f"{name} must be a {'non-negative' if allow_zero else 'positive'} number, "
                                  f"got {value!r}")

        for name in ("stage1_lr", "stage2_lr", "beta", "max_grad_norm", "batch_size", "grad_accum", "max_length",
                     "eval_every", "eval_batch_size", "lora_r", "lora_alpha"):
            positive(name)
        for name in ("stage1_epochs", "stage2_epochs", "weight_decay", "lora_dropout", "warmup_ratio"):
            positive(name, allow_zero=True)
        for name in ("stage1_steps", "stage2_steps", "checkpoint_every"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, int) or value < (1 if name == "checkpoint_every" else 0)):
                raise ConfigError(f"{name} must be a {'positive' if name == 'checkpoint_every' else 'non-negative'} "
                                  f"integer, got {value!r}")
        for name in ("batch_size", "grad_accum", "max_length", "eval_every", "eval_batch_size", "lora_r"):
            if not isinstance(getattr(self, name), int):
                raise ConfigError(f"{name} must be an integer")
        if self.max_length < 16:
            raise ConfigError("max_length must be at least 16 tokens")
        if self.warmup_ratio >= 1 or self.lora_dropout >= 1:
            raise ConfigError("warmup_ratio and lora_dropout must be below 1")
        if self.reference_input not in REFERENCE_INPUTS:
            raise ConfigError(f"reference_input must be one of {REFERENCE_INPUTS}, got {self.reference_input!r}")
        for name in ("eos_after_truncated", "length_normalize"):
            if not isinstance(getattr(self, name), bool):
                raise ConfigError(f"{name} must be true or false, got {getattr(self, name)!r}")
        if self.template not in TEMPLATES:
            raise ConfigError(f"unknown template {self.template!r}; choose one of {sorted(TEMPLATES)}")
        return self

    @classmethod
    def from_dict(cls, data: dict) -> TrainConfig:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


@dataclass
class EncodedPair:
    index: int              # position in the caller's list
    policy_context: list[int]
    reference_context: list[int]
    chosen: list[int]
    rejected: list[int]


@dataclass
class TrainResult:
    persrm: PersRM
    history: list[dict]
    out_dir: Path | None
    skipped_train: int = 0
    skipped_eval: int = 0
    finished: bool = True   # False when `stop_after` ended the run early (resume to continue)
    extras: dict = field(default_factory=dict)


def encode_pairs(persrm: PersRM, pairs: Sequence[PairRecord], max_length: int,
                 reference_input: str = "base", eos_after_truncated: bool = True
                 ) -> tuple[list[EncodedPair], list[int]]:
    """Token ids of each pair; answers end with EOS (stopping is part of the preference, e.g. length),
    except, with `eos_after_truncated=False`, those flagged as cut by a token limit.

    Answers longer than the budget left by the context are cut; pairs whose context leaves fewer than
    MIN_ANSWER_TOKENS are returned as skipped indices (reported by the caller, never silently dropped).
    """
    tok = persrm.tokenizer
    eos = [tok.eos_token_id] if tok.eos_token_id is not None else []
    encoded, skipped = [], []
    for i, pair in enumerate(pairs):
        policy_ctx = persrm.reward_input_ids(pair.prompt, pair.preference)
        ref_ctx = policy_ctx if reference_input == "same" else persrm.reward_input_ids(pair.prompt, None)
        budget = max_length - max(len(policy_ctx), len(ref_ctx))
        if budget < MIN_ANSWER_TOKENS:
            skipped.append(i)
            continue
        # An answer cut by a token limit did not end there: EOS after it teaches the reward model to end
        # where synthesis happened to trim one (e.g. "detailed" answers after ~60 tokens).
        answers = [(encode_text(tok, text) + ([] if cut and not eos_after_truncated else eos))[:budget]
                   for text, cut in ((pair.chosen, pair.chosen_truncated), (pair.rejected, pair.rejected_truncated))]
        if answers[0] == answers[1]:  # different texts, identical after truncation: nothing to learn
            skipped.append(i)
            continue
        encoded.append(EncodedPair(i, policy_ctx, ref_ctx, answers[0], answers[1]))
    return encoded, skipped


def answer_lengths(pairs: Sequence[EncodedPair]) -> tuple[torch.Tensor, torch.Tensor]:
    """Answer token counts (chosen, rejected), [N] each: the per-token normalization of `dpo_loss`."""
    return (torch.tensor([len(p.chosen) for p in pairs]), torch.tensor([len(p.rejected) for p in pairs]))


def pairs_dpo_loss(model, pairs: Sequence[EncodedPair], ref: torch.Tensor, pad_id: int, beta: float,
                   length_normalize: bool, device, dtype: torch.dtype | None = None
                   ) -> tuple[torch.Tensor, torch.Tensor, int]:
    """Per-pair DPO loss and margin [N] of `model` on encoded pairs against their reference log-probs `ref` [N, 2],
    and the batch's token count. In the model's dtype, or in `dtype` (evaluation compares in float64)."""
    batch = _batch(pairs, pad_id).to(device)
    chosen, rejected = split_pairs(answer_logps(model, batch))
    dtype = dtype or chosen.dtype
    ref = ref.to(device=chosen.device, dtype=dtype)
    lengths = answer_lengths(pairs) if length_normalize else None
    loss, margin = dpo_loss(chosen.to(dtype), rejected.to(dtype), ref[:, 0], ref[:, 1], beta, lengths)
    return loss, margin, batch.tokens


def _batch(pairs: Sequence[EncodedPair], pad_id: int, reference: bool = False) -> PairBatch:
    return build_batch([p.reference_context if reference else p.policy_context for p in pairs],
                       [p.chosen for p in pairs], [p.rejected for p in pairs], pad_id)


@torch.no_grad()
def reference_logps(persrm: PersRM, pairs: Sequence[EncodedPair], batch_size: int = 8,
                    on_batch: Callable[[int], None] | None = None) -> torch.Tensor:
    """[N, 2] (chosen, rejected) answer log-probs under the frozen backbone (adapters, value head off)."""
    pad_id = _pad_id(persrm.tokenizer)
    out = torch.zeros((len(pairs), 2), dtype=torch.float64)
    was_training = persrm.model.training
    persrm.model.eval()
    try:
        with persrm.backbone_only():
            # Sorting by length keeps padding low; results go back to their own rows.
            order = sorted(range(len(pairs)), key=lambda k: len(pairs[k].reference_context)
                           + max(len(pairs[k].chosen), len(pairs[k].rejected)))
            for s in range(0, len(order), batch_size):
                rows = order[s:s + batch_size]
                batch = _batch([pairs[k] for k in rows], pad_id, reference=True).to(persrm.device)
                chosen, rejected = split_pairs(answer_logps(persrm.model, batch))
                out[rows, 0], out[rows, 1] = chosen.double().cpu(), rejected.double().cpu()
                if on_batch is not None:
                    on_batch(len(rows))
    finally:
        persrm.model.train(was_training)
    return out


@dataclass
class PairScores:
    """Implicit-reward margins of scored pairs: β·[(log π_R − log π_ref)(chosen) − (same)(rejected)]."""
    margins: torch.Tensor        # [len(scored)], float64
    scored: list[int]            # indices into the input pairs, in the order of `margins`
    skipped: list[int]           # pairs too long for max_length (or identical after truncation)

    def accuracy(self, indices: Sequence[int] | None = None) -> float:
        """Share of pairs (all scored, or those of `indices` that were scored) with a positive margin."""
        wanted = None if indices is None else set(indices)
        keep = self.margins if wanted is None else self.margins[[k for k, i in enumerate(self.scored) if i in wanted]]
        return float((keep > 0).double().mean()) if len(keep) else float("nan")

    def accuracy_by(self, labels: Sequence[str]) -> dict[str, dict]:
        """{label: {"pairs": how many of its pairs were scored, "accuracy"}}; `labels[i]` groups input pair i."""
        groups: dict[str, list[int]] = {}
        for i, label in enumerate(labels):
            groups.setdefault(label, []).append(i)
        scored = set(self.scored)
        return {label: {"pairs": sum(i in scored for i in idx), "accuracy": self.accuracy(idx)}
                for label, idx in groups.items()}


@torch.no_grad()
def policy_margins(persrm: PersRM, pairs: Sequence[EncodedPair], ref: torch.Tensor, beta: float, batch_size: int = 8,
                   on_batch: Callable[[int], None] | None = None, length_normalize: bool = False
                   ) -> tuple[torch.Tensor, torch.Tensor]:
    """Per-pair DPO loss and margin [N] of the PersRM (eval mode) against reference log-probs `ref` [N, 2]
    (per-token log-ratios with `length_normalize`)."""
    pad_id = _pad_id(persrm.tokenizer)
    was_training = persrm.model.training
    persrm.model.eval()
    losses, margins = [], []
    try:
        for s in range(0, len(pairs), batch_size):
            chunk = pairs[s:s + batch_size]
            loss, margin, _ = pairs_dpo_loss(persrm.model, chunk, ref[s:s + len(chunk)], pad_id, beta,
                                             length_normalize, persrm.device, torch.float64)
            losses.append(loss.cpu())
            margins.append(margin.cpu())
            if on_batch is not None:
                on_batch(len(chunk))
    finally:
        persrm.model.train(was_training)
    return torch.cat(losses), torch.cat(margins)


def score_pairs(persrm: PersRM, pairs: Sequence[PairRecord], max_length: int = 512, batch_size: int = 8,
                reference_input: str | None = None, on_batch: Callable[[int], None] | None = None) -> PairScores:
    """Held-out check of a PersRM: its implicit reward's margin on each pair (positive = chosen preferred).

    The reference reads what it read in training (`persrm.config.reference_input`, default "base": the
    prompt without the preference), so the margin is PAD's sequence-level reward difference.
    """
    reference_input = reference_input or persrm.config.reference_input
    encoded, skipped = encode_pairs(persrm, pairs, max_length, reference_input)
    if not encoded:
        return PairScores(torch.zeros(0, dtype=torch.float64), [], skipped)
    ref = reference_logps(persrm, encoded, batch_size, on_batch)
    _, margins = policy_margins(persrm, encoded, ref, persrm.config.beta, batch_size, on_batch,
                                persrm.config.per_token_dpo)
    return PairScores(margins, [p.index for p in encoded], skipped)


def _pad_id(tokenizer) -> int:
    return tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id


class PersRMTrainer:
    """Stage 1 (LoRA, DPO) then stage 2 (value head, same loss), with evaluation and exact resume.

    `out_dir` receives the final PersRM (`save_pretrained` layout), `metrics.jsonl` and, unless
    `config.checkpoint_dir` says otherwise, `checkpoint/`. `persrm` may be passed to train an existing
    PersRM object; by default a fresh one is built on `base`'s weights.
    """

    def __init__(self, base: LoadedModel, train_pairs: Sequence[PairRecord],
                 eval_pairs: Sequence[PairRecord] | None = None, config: TrainConfig | None = None,
                 out_dir: str | os.PathLike | None = None, progress: bool = True,
                 on_metrics: Callable[[dict], None] | None = None):
        self.base = base
        self.config = (config or TrainConfig()).validate()
        self.train_records = list(train_pairs)
        self.eval_records = list(eval_pairs or [])
        if not self.train_records:
            raise ConfigError("no training pairs")
        self.out_dir = Path(out_dir) if out_dir is not None else None
        ckpt = self.config.checkpoint_dir or (self.out_dir / "checkpoint" if self.out_dir else None)
        self.checkpoint_dir = Path(ckpt) if ckpt is not None else None
        self.progress = progress
        self.on_metrics = on_metrics
        self.data_hash = pairs_hash(self.train_records)
        self.history: list[dict] = []

        cfg = self.config
        torch.manual_seed(cfg.seed)  # LoRA A's random init
        self.persrm = _new_persrm(base, cfg)
        self.pad_id = _pad_id(base.tokenizer)
        self.train_set, skipped = encode_pairs(self.persrm, self.train_records, cfg.max_length, cfg.reference_input,
                                               cfg.eos_after_truncated)
        self.skipped_train = len(skipped)
        if not self.train_set:
            raise ConfigError(f"all {len(self.train_records)} training pairs are longer than max_length="
                              f"{cfg.max_length} tokens")
        self.eval_set, skipped = encode_pairs(self.persrm, self.eval_records, cfg.max_length, cfg.reference_input,
                                              cfg.eos_after_truncated)
        self.skipped_eval = len(skipped)
        per_step = cfg.batch_size * cfg.grad_accum
        n = len(self.train_set)
        self.total_steps = {
            1: cfg.stage1_steps if cfg.stage1_steps is not None else math.ceil(cfg.stage1_epochs * n / per_step),
            2: cfg.stage2_steps if cfg.stage2_steps is not None else math.ceil(cfg.stage2_epochs * n / per_step),
        }
        self.ref_train: torch.Tensor | None = None
        self.ref_eval: torch.Tensor | None = None
        self._perms: dict[tuple[int, int], list[int]] = {}
        self._window: list[dict] = []  # step stats since the last evaluation (checkpointed: exact resume)

    # --------------------------------------------------------------------------------- public
    def run(self, resume: bool = False, stop_after: int | None = None) -> TrainResult:
        """Train both stages; `resume` continues from the checkpoint, `stop_after` ends (with a
        checkpoint) after that many optimizer steps of this call."""
        cfg = self.config
        stage, step, optimizer_state = 1, 0, None
        if resume:
            stage, step, optimizer_state = self._load_checkpoint()
        elif self.checkpoint_dir is not None and (self.checkpoint_dir / "state.json").is_file():
            raise ConfigError(f"{self.checkpoint_dir} already holds a checkpoint: resume it or choose another output")
        self._reference_logps()
        done_here = 0
        finished = True
        with self._progress_bar() as bar:
            task = bar.add_task("training", total=self.total_steps[1] + self.total_steps[2],
                                completed=step + (self.total_steps[1] if stage == 2 else 0))
            while stage <= 2:
                total = self.total_steps[stage]
                optimizer = self._start_stage(stage)
                if optimizer_state is not None:
                    optimizer.load_state_dict(optimizer_state)
                    optimizer_state = None
                # The step-0 evaluation measures training-free PAD; stage 2 starts where stage 1 ended.
                if stage == 1 and step == 0 and self.eval_set and not self.history:
                    self._log({"stage": stage, "step": 0, **self.evaluate()})
                while step < total:
                    if stop_after is not None and done_here >= stop_after:
                        finished = False
                        break
                    stats = self._train_step(stage, step, total, optimizer)
                    step += 1
                    done_here += 1
                    self._window.append(stats)
                    bar.update(task, advance=1, description=f"stage {stage} loss {stats['loss']:.3f} "
                                                            f"acc {stats['accuracy']:.2f}")
                    is_eval = step % cfg.eval_every == 0 or step == total
                    if is_eval:
                        record = {"stage": stage, "step": step, **_mean(self._window, prefix="train_")}
                        self._window = []
                        if self.eval_set:
                            record.update(self.evaluate())
                        self._log(record)
                    every = cfg.checkpoint_every or cfg.eval_every
                    if step % every == 0 and step < total:
                        self._save_checkpoint(stage, step, optimizer)
                if not finished:
                    self._save_checkpoint(stage, step, optimizer)
                    break
                self.persrm.config.stages[f"stage{stage}"] = {
                    "steps": total, "lr": cfg.stage1_lr if stage == 1 else cfg.stage2_lr,
                    "trained": "lora" if stage == 1 else "value_head",
                    "final": next((h for h in reversed(self.history) if h["stage"] == stage), None)}
                stage, step = stage + 1, 0
                if stage == 2:  # the boundary is a checkpoint too, so resume never repeats stage 1
                    self._save_checkpoint(2, 0, None)
        self.persrm.model.eval()
        for p in self.persrm.model.parameters():
            p.requires_grad_(False)
        if finished:
            self._finalize()
        return TrainResult(self.persrm, self.history, self.out_dir, self.skipped_train, self.skipped_eval, finished)

    @torch.no_grad()
    def evaluate(self) -> dict:
        """Held-out accuracy of the implicit reward (margin > 0), mean DPO loss and mean margin."""
        if not self.eval_set:
            return {}
        loss, margin = policy_margins(self.persrm, self.eval_set, self.ref_eval, self.config.beta,
                                      self.config.eval_batch_size, length_normalize=self.config.length_normalize)
        return {"eval_loss": float(loss.mean()), "eval_accuracy": float((margin > 0).double().mean()),
                "eval_margin": float(margin.mean()), "eval_pairs": len(self.eval_set)}

    # ------------------------------------------------------------------------------- internals
    def _trainable(self, stage: int) -> list[torch.nn.Parameter]:
        return self.persrm.lora_parameters() if stage == 1 else self.persrm.value_head_parameters()

    def _start_stage(self, stage: int) -> torch.optim.Optimizer:
        for p in self.persrm.model.parameters():
            p.requires_grad_(False)
        params = self._trainable(stage)
        for p in params:
            p.requires_grad_(True)
        lr = self.config.stage1_lr if stage == 1 else self.config.stage2_lr
        return torch.optim.AdamW(params, lr=lr, weight_decay=self.config.weight_decay)

    def _lr(self, stage: int, step: int, total: int) -> float:
        base = self.config.stage1_lr if stage == 1 else self.config.stage2_lr
        warmup = int(self.config.warmup_ratio * total)
        if step < warmup:
            return base * (step + 1) / warmup
        return base * max(0.0, (total - step) / max(1, total - warmup))

    def _micro_batch(self, stage: int, index: int) -> list[EncodedPair]:
        """Micro-batch `index` of a stage: a deterministic function of (seed, stage, index), which
        is what makes mid-stage resume exact. Each epoch is a fresh permutation."""
        n, bs = len(self.train_set), self.config.batch_size
        picked = []
        for k in range(index * bs, (index + 1) * bs):
            epoch, pos = divmod(k, n)
            picked.append(self.train_set[self._permutation(stage, epoch)[pos]])
        return picked

    def _permutation(self, stage: int, epoch: int) -> list[int]:
        key = (stage, epoch)
        if key not in self._perms:
            gen = torch.Generator().manual_seed(self.config.seed * 1_000_003 + stage * 10_007 + epoch)
            self._perms = {key: torch.randperm(len(self.train_set), generator=gen).tolist()}
        return self._perms[key]

    def _train_step(self, stage: int, step: int, total: int, optimizer) -> dict:
        cfg = self.config
        model = self.persrm.model
        model.train()
        lr = self._lr(stage, step, total)
        for group in optimizer.param_groups:
            group["lr"] = lr
        t0 = time.perf_counter()
        losses, margins, tokens = [], [], 0
        for a in range(cfg.grad_accum):
            pairs = self._micro_batch(stage, step * cfg.grad_accum + a)
            loss, margin, batch_tokens = pairs_dpo_loss(model, pairs, self.ref_train[[p.index for p in pairs]],
                                                        self.pad_id, cfg.beta, cfg.length_normalize,
                                                        self.persrm.device)
            (loss.mean() / cfg.grad_accum).backward()
            losses.append(loss.detach())
            margins.append(margin.detach())
            tokens += batch_tokens
        params = self._trainable(stage)
        grad_norm = torch.nn.utils.clip_grad_norm_(params, cfg.max_grad_norm)
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        seconds = time.perf_counter() - t0
        margin = torch.cat(margins)
        return {"loss": float(torch.cat(losses).mean()), "accuracy": float((margin > 0).float().mean()),
                "margin": float(margin.mean()), "grad_norm": float(grad_norm), "lr": lr,
                "seconds": seconds, "tokens_per_second": tokens / seconds if seconds > 0 else 0.0}

    def _reference_logps(self) -> None:
        """Reference log-probs of every train/eval pair, computed once and cached beside the checkpoint."""
        cache = self.checkpoint_dir / "reference_logps.pt" if self.checkpoint_dir is not None else None
        key = {"data_hash": self.data_hash, "eval_hash": pairs_hash(self.eval_records),
               "max_length": self.config.max_length, "reference_input": self.config.reference_input,
               "template": self.config.template}
        if cache is not None and cache.is_file():
            saved = torch.load(cache, map_location="cpu", weights_only=True)
            if saved.get("key") == json.dumps(key, sort_keys=True):
                self.ref_train, self.ref_eval = saved["train"], saved["eval"]
                return
        by_index = torch.zeros((len(self.train_records), 2), dtype=torch.float64)
        with self._progress_bar() as bar:
            task = bar.add_task("reference log-probs (once)", total=len(self.train_set) + len(self.eval_set))
            advance = lambda k: bar.update(task, advance=k)  # noqa: E731
            train = reference_logps(self.persrm, self.train_set, self.config.eval_batch_size, advance)
            self.ref_eval = reference_logps(self.persrm, self.eval_set, self.config.eval_batch_size, advance)
        by_index[[p.index for p in self.train_set]] = train
        self.ref_train = by_index
        if cache is not None:
            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_suffix(".tmp")
            torch.save({"key": json.dumps(key, sort_keys=True), "train": self.ref_train, "eval": self.ref_eval}, tmp)
            os.replace(tmp, cache)

    # ----------------------------------------------------------------------------- checkpoints
    def _save_checkpoint(self, stage: int, step: int, optimizer) -> None:
        from safetensors.torch import save_file

        if self.checkpoint_dir is None:
            return
        root = self.checkpoint_dir
        root.mkdir(parents=True, exist_ok=True)
        tmp, live, old = root / "state.tmp", root / "state", root / "state.old"
        if tmp.exists():
            shutil.rmtree(tmp)
        tmp.mkdir()
        tensors = {f"lora.{n}": p.detach().cpu().contiguous()
                   for n, p in self.persrm.model.backbone.named_parameters() if "lora_" in n}
        tensors.update({f"value_head.{n}": p.detach().cpu().contiguous()
                        for n, p in self.persrm.model.value_head.named_parameters()})
        save_file(tensors, str(tmp / "trainable.safetensors"))
        if optimizer is not None:
            torch.save(optimizer.state_dict(), tmp / "optimizer.pt")
        torch.save({"torch": torch.get_rng_state(), "python": random.getstate()}, tmp / "rng.pt")
        state = {"stage": stage, "step": step, "data_hash": self.data_hash, "config": asdict(self.config),
                 "history": self.history, "window": self._window, "stages": self.persrm.config.stages}
        (tmp / "state.json").write_text(json.dumps(state, indent=2) + "\n", encoding="utf-8")
        # Swap in the new state only once it is complete, so a crash never leaves a half checkpoint.
        if old.exists():
            shutil.rmtree(old)
        if live.exists():
            os.replace(live, old)
        os.replace(tmp, live)
        shutil.rmtree(old, ignore_errors=True)
        (root / "state.json").write_text(json.dumps({"stage": stage, "step": step}) + "\n", encoding="utf-8")

    def _load_checkpoint(self) -> tuple[int, int, dict | None]:
        if self.checkpoint_dir is None:
            raise ConfigError("resume needs an output or checkpoint directory")
        live, state = _checkpoint_state(self.checkpoint_dir)
        if state["data_hash"] != self.data_hash:
            raise ConfigError("the training pairs differ from the checkpoint's (data hash mismatch)")
        saved = TrainConfig.from_dict(state["config"])
        differ = [f for f in _TRAINING_FIELDS if getattr(saved, f) != getattr(self.config, f)]
        if differ:
            raise ConfigError(f"settings differ from the checkpoint's: {', '.join(differ)}")
        _load_trainable(self.persrm, live)
        rng = torch.load(live / "rng.pt", map_location="cpu", weights_only=False)
        torch.set_rng_state(rng["torch"])
        random.setstate(rng["python"])
        self.history = list(state.get("history", []))
        self._window = list(state.get("window", []))
        self.persrm.config.stages.update(state.get("stages", {}))
        optimizer_file = live / "optimizer.pt"
        optimizer_state = (torch.load(optimizer_file, map_location="cpu", weights_only=True)
                           if optimizer_file.is_file() and state["step"] > 0 else None)
        return int(state["stage"]), int(state["step"]), optimizer_state

    def _finalize(self) -> None:
        cfg = self.persrm.config
        cfg.data_hash = self.data_hash
        cfg.beta = self.config.beta
        cfg.stages.update({"reference_input": self.config.reference_input, "train_pairs": len(self.train_set),
                           "skipped_train_pairs": self.skipped_train, "seed": self.config.seed,
                           "batch_size": self.config.batch_size, "grad_accum": self.config.grad_accum,
                           "max_length": self.config.max_length,
                           "eos_after_truncated": self.config.eos_after_truncated,
                           "length_normalize": self.config.length_normalize})
        if self.out_dir is not None:
            self.persrm.save_pretrained(self.out_dir)
            if self.checkpoint_dir is not None:
                self._save_checkpoint(3, 0, None)  # stage 3 = finished: resume is a no-op

    # -------------------------------------------------------------------------------- plumbing
    def _log(self, record: dict) -> None:
        record = {k: (round(v, 6) if isinstance(v, float) else v) for k, v in record.items()}
        self.history.append(record)
        if self.out_dir is not None:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            with open(self.out_dir / "metrics.jsonl", "a", encoding="utf-8") as handle:
                handle.write(json.dumps(record) + "\n")
        if self.on_metrics is not None:
            self.on_metrics(record)

    def _progress_bar(self):
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                        disable=not self.progress, transient=False)


def _mean(window: list[dict], prefix: str = "") -> dict:
    if not window:
        return {}
    keys = ("loss", "accuracy", "margin", "grad_norm", "seconds", "tokens_per_second")
    out = {f"{prefix}{k}": sum(w[k] for w in window) / len(window) for k in keys}
    out[f"{prefix}lr"] = window[-1]["lr"]
    return out

# ------------------------------------------------------------------------------------ checkpoints
def _new_persrm(base: LoadedModel, cfg: TrainConfig) -> PersRM:
    return PersRM.create(base, PersRMConfig(
        backbone=base.name, template=cfg.template, template_text=TEMPLATES[cfg.template], beta=cfg.beta,
        lora_r=cfg.lora_r, lora_alpha=cfg.lora_alpha, lora_dropout=cfg.lora_dropout,
        lora_targets=cfg.lora_targets, reference_input=cfg.reference_input))


def _checkpoint_state(root: Path) -> tuple[Path, dict]:
    """The complete checkpoint under `root` (the live one, or the previous one if a save was cut short)."""
    live = root / "state" if (root / "state" / "state.json").is_file() else root / "state.old"
    if not (live / "state.json").is_file():
        raise ConfigError(f"no checkpoint to resume or export in {root}")
    return live, json.loads((live / "state.json").read_text(encoding="utf-8"))


def _load_trainable(persrm: PersRM, live: Path) -> None:
    from safetensors.torch import load_file

    tensors = load_file(str(live / "trainable.safetensors"))
    named = {f"lora.{n}": p for n, p in persrm.model.backbone.named_parameters() if "lora_" in n}
    named.update({f"value_head.{n}": p for n, p in persrm.model.value_head.named_parameters()})
    if set(named) != set(tensors):
        raise ConfigError("checkpoint parameters do not match this PersRM (different LoRA settings?)")
    with torch.no_grad():
        for name, param in named.items():
            param.copy_(tensors[name].to(param.dtype))


def persrm_from_checkpoint(base: LoadedModel, checkpoint_dir: str | os.PathLike) -> PersRM:
    """The PersRM as it stood at a training checkpoint, e.g. a run ended early by `stop_after`.

    Its config records where training stood (`stages["checkpoint"]`: stage, step, planned steps), so a
    PersRM taken from the middle of a schedule is never mistaken for a finished run.
    """
    live, state = _checkpoint_state(Path(checkpoint_dir))
    cfg = TrainConfig.from_dict({k: v for k, v in state["config"].items() if k != "checkpoint_dir"})
    persrm = _new_persrm(base, cfg)
    _load_trainable(persrm, live)
    persrm.config.data_hash = state["data_hash"]
    persrm.config.stages.update(state.get("stages", {}))
    persrm.config.stages["checkpoint"] = {
        "stage": state["stage"], "step": state["step"],
        "planned_steps": {"stage1": cfg.stage1_steps, "stage2": cfg.stage2_steps},
        "last_eval": next((h for h in reversed(state.get("history", [])) if "eval_accuracy" in h), None)}
    persrm.model.eval()
    for p in persrm.model.parameters():
        p.requires_grad_(False)
    return persrm
