"""KTO (Ethayarajh et al. 2024, "KTO: Model Alignment as Prospect Theoretic Optimization"): alignment from
answers labelled desirable or undesirable, without pairs — what thumbs up and down give.

With r(x, y) = log π(y|x) − log π_ref(y|x), the answer's implicit reward, and a reference point z0:

    z0   = max(0, mean_i [log π(y'_i|x_i) − log π_ref(y'_i|x_i)])     over the batch, detached
    loss = λ_D · (1 − σ(β · (r − z0)))     for a desirable answer
           λ_U · (1 − σ(β · (z0 − r)))     for an undesirable answer

averaged over the batch. z0 estimates KL(π ‖ π_ref) on *mismatched* prompt/answer pairs, as in the
paper: each example is given another example's answer y'_i (a fixed random cycle over the data, drawn
once from the seed, so the reference log-probabilities of those pairs are computed once too). It carries
no gradient; it only sets where a reward starts to count as a gain or a loss, so the policy cannot raise
every desirable reward by merely drifting away from the reference.

Class weights: the paper recommends λ_D·n_D / (λ_U·n_U) in [1, 4/3]. With `balance` (the default) each
class's weight is multiplied by n / (2·n_class), so both classes carry half of the loss and that ratio is
exactly 1 for the default λ_D = λ_U = 1 (a class that is absent leaves the other's weight as set).

Batch layout and log-probabilities are DPO's (`personalign.rewards.dpo`): each context is encoded once and
its KV cache serves the example's own answer and its mismatched answer, so the z0 estimate costs no
extra context forward. The reference is the same network with its adapter off (a PEFT model), or a
separate frozen model; it never changes, so its log-probabilities are computed once, before training.

    trainer = KTOTrainer(peft_model, examples, KTOConfig(beta=0.1, lr=5e-4, epochs=3), pad_id=tok.pad_token_id)
    result = trainer.train()     # result.history: loss, kl, rewards and accuracy per optimizer step
"""
from __future__ import annotations

import contextlib
import math
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import torch

from personalign.errors import ConfigError
from personalign.rewards.dpo import answer_logps, build_batch, split_pairs


@dataclass
class KTOConfig:
    """KTO hyper-parameters (TRL's `KTOConfig` names where they exist).

    beta:               β, the scale of the implicit reward inside the sigmoid (TRL default 0.1).
    desirable_weight:   λ_D, the weight of a desirable answer's loss.
    undesirable_weight: λ_U, the weight of an undesirable answer's loss.
    balance:            multiply λ_D and λ_U by n/(2·n_D) and n/(2·n_U) (module docstring), so an
                        unbalanced set (say 20 thumbs up, 4 down) does not train mostly on one class.
    lr:                 AdamW learning rate (no weight decay) of the trainable parameters.
    epochs:             passes over the examples; `steps` (optimizer steps), when set, wins.
    steps:              optimizer steps; None: ceil(epochs · n / batch_size).
    max_steps:          cap on either.
    batch_size:         examples per optimizer step; z0 is the mean over these rows.
    max_grad_norm:      gradient clipping (L2 norm over the trainable parameters).
    seed:               the data order and the mismatched pairing.
    """

    beta: float = 0.1
    desirable_weight: float = 1.0
    undesirable_weight: float = 1.0
    balance: bool = True
    lr: float = 5e-4
    epochs: float = 3.0
    steps: int | None = None
    max_steps: int = 300
    batch_size: int = 4
    max_grad_norm: float = 1.0
    seed: int = 0

    def validate(self) -> KTOConfig:
        for name in ("beta", "desirable_weight", "undesirable_weight", "lr", "epochs", "max_grad_norm"):
            value = getattr(self, name)
            if (isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value)
                    or value <= 0):
                raise ConfigError(f"{name} must be a positive number, got {value!r}")
        for name in ("max_steps", "batch_size"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ConfigError(f"{name} must be a positive integer, got {value!r}")
        if self.steps is not None and (isinstance(self.steps, bool) or not isinstance(self.steps, int)
                                       or self.steps < 1):
            raise ConfigError(f"steps must be a positive integer, got {self.steps!r}")
        if not isinstance(self.balance, bool):
            raise ConfigError(f"balance must be true or false, got {self.balance!r}")
        return self

    def class_weights(self, n_desirable: int, n_undesirable: int) -> tuple[float, float]:
        """(λ_D, λ_U) for a data set with these class counts (the `balance` rule)."""
        lam_d, lam_u = float(self.desirable_weight), float(self.undesirable_weight)
        if self.balance and n_desirable and n_undesirable:
            n = n_desirable + n_undesirable
            lam_d, lam_u = lam_d * n / (2 * n_desirable), lam_u * n / (2 * n_undesirable)
        return lam_d, lam_u


@dataclass(frozen=True)
class KTOExample:
    """One labelled answer, as token ids: the rendered context and the answer that follows it."""

    context_ids: Sequence[int]
    answer_ids: Sequence[int]
    desirable: bool


@dataclass
class KTOResult:
    steps: int
    seconds: float
    weights: tuple[float, float]        # (λ_D, λ_U) after balancing
    history: list[dict] = field(default_factory=list)

    @property
    def final(self) -> dict:
        return self.history[-1] if self.history else {}


def kl_estimate(policy_mismatched: torch.Tensor, ref_mismatched: torch.Tensor) -> torch.Tensor:
    """z0 = max(0, mean(log π − log π_ref)) over the mismatched pairs of a batch, without gradient."""
    return (policy_mismatched - ref_mismatched).mean().clamp(min=0).detach()


def kto_loss(policy_logps: torch.Tensor, ref_logps: torch.Tensor, desirable: torch.Tensor, kl: torch.Tensor | float,
             beta: float = 0.1, desirable_weight: float = 1.0,
             undesirable_weight: float = 1.0) -> tuple[torch.Tensor, torch.Tensor]:
    """Per-example KTO loss [B] and implicit reward β·r [B] (module docstring); `desirable` is a bool [B]."""
    logratio = policy_logps - ref_logps
    kl = torch.as_tensor(kl, dtype=logratio.dtype, device=logratio.device)
    gain = desirable_weight * (1 - torch.sigmoid(beta * (logratio - kl)))
    loss_ = undesirable_weight * (1 - torch.sigmoid(beta * (kl - logratio)))
    return torch.where(desirable, gain, loss_), beta * logratio


def mismatched_order(n: int, seed: int = 0) -> list[int]:
    """For each example i, the example whose answer it is paired with for z0: a random cycle through all
    n examples, so no example is paired with its own answer (unless n == 1)."""
    perm = list(range(n))
    random.Random(seed).shuffle(perm)
    partner = [0] * n
    for k, i in enumerate(perm):
        partner[i] = perm[(k + 1) % n]
    return partner


class KTOTrainer:
    """Trains the parameters of `model` that require grad with the KTO loss on `examples`.

    `reference`: a frozen model giving π_ref, or None for `model` with its adapter off (a PEFT model's
    `disable_adapter()`). The caller chooses what trains (typically only the LoRA parameters) by setting
    `requires_grad`; everything else stays untouched. `max_length` caps context + mismatched answer.
    """

    def __init__(self, model: torch.nn.Module, examples: Sequence[KTOExample], config: KTOConfig | None = None,
                 pad_id: int = 0, reference: torch.nn.Module | None = None, device=None,
                 max_length: int | None = None):
        self.config = (config or KTOConfig()).validate()
        if not examples:
            raise ConfigError("KTO needs at least one labelled example")
        if any(not e.context_ids or not e.answer_ids for e in examples):
            raise ConfigError("every KTO example needs a non-empty context and answer")
        self.model, self.reference, self.examples, self.pad_id = model, reference, list(examples), pad_id
        self.max_length = max_length
        self.device = device if device is not None else next(model.parameters()).device
        self.partner = mismatched_order(len(self.examples), self.config.seed)
        self.desirable = torch.tensor([e.desirable for e in self.examples], dtype=torch.bool)
        n_d = int(self.desirable.sum())
        self.weights = self.config.class_weights(n_d, len(self.examples) - n_d)
        self._ref: torch.Tensor | None = None

    # ---------------------------------------------------------------------------------- pieces
    def batch(self, rows: Sequence[int]):
        """The batch of `rows`: each context with its own answer (first half) and its mismatched answer,
        the latter cut to fit `max_length` after that context (at least one token)."""
        ex = self.examples
        other = []
        for i in rows:
            answer = list(ex[self.partner[i]].answer_ids)
            if self.max_length is not None:
                answer = answer[:max(1, self.max_length - len(ex[i].context_ids))]
            other.append(answer)
        return build_batch([ex[i].context_ids for i in rows], [ex[i].answer_ids for i in rows], other,
                           self.pad_id).to(self.device)

    def _reference_model(self):
        if self.reference is not None:
            return contextlib.nullcontext(self.reference)
        if not hasattr(self.model, "disable_adapter"):
            raise ConfigError("KTOTrainer needs a reference model, or a PEFT model whose adapter can be disabled")

        @contextlib.contextmanager
        def off():
            with self.model.disable_adapter():
                yield self.model
        return off()

    def reference_logps(self) -> torch.Tensor:
        """[n, 2] float64: log π_ref of each example's answer and of its mismatched answer (computed once)."""
        if self._ref is None:
            ref = torch.zeros((len(self.examples), 2), dtype=torch.float64)
            was_training = self.model.training
            self.model.eval()
            bs = self.config.batch_size
            with torch.no_grad(), self._reference_model() as net:
                for s in range(0, len(self.examples), bs):
                    rows = list(range(s, min(s + bs, len(self.examples))))
                    own, other = split_pairs(answer_logps(net, self.batch(rows)))
                    ref[rows, 0], ref[rows, 1] = own.double().cpu(), other.double().cpu()
            self.model.train(was_training)
            self._ref = ref
        return self._ref

    def batch_loss(self, rows: Sequence[int]) -> tuple[torch.Tensor, dict]:
        """(mean KTO loss with gradient, statistics) of the examples `rows` under the current policy."""
        rows = list(rows)
        ref = self.reference_logps()[rows].to(self.device)
        own, other = split_pairs(answer_logps(self.model, self.batch(rows)))
        kl = kl_estimate(other.double(), ref[:, 1])
        desirable = self.desirable[rows].to(self.device)
        losses, rewards = kto_loss(own.double(), ref[:, 0], desirable, kl, self.config.beta, *self.weights)
        margin = (own.detach().double() - ref[:, 0]) - kl
        correct = torch.where(desirable, margin > 0, margin < 0)
        rewards = rewards.detach()
        stats = {
            "losses": losses.detach(), "kl": float(kl),
            "reward_desirable": float(rewards[desirable].mean()) if desirable.any() else None,
            "reward_undesirable": float(rewards[~desirable].mean()) if (~desirable).any() else None,
            "accuracy": float(correct.float().mean()),
        }
        return losses.mean(), stats

    # ---------------------------------------------------------------------------------- training
    def train(self, on_step: Callable[[dict], None] | None = None) -> KTOResult:
        cfg = self.config
        params = [p for p in self.model.parameters() if p.requires_grad]
        if not params:
            raise ConfigError("KTOTrainer: the model has no parameter that requires grad")
        self.reference_logps()
        optimizer = torch.optim.AdamW(params, lr=cfg.lr, weight_decay=0.0)
        n, bs = len(self.examples), cfg.batch_size
        steps = min(cfg.steps if cfg.steps is not None else math.ceil(cfg.epochs * n / bs), cfg.max_steps)
        gen = torch.Generator().manual_seed(cfg.seed)
        order: list[int] = []
        history = []
        t0 = time.perf_counter()
        self.model.train()
        try:
            for step in range(steps):
                while len(order) < min(bs, n):  # a fresh permutation per epoch
                    order += torch.randperm(n, generator=gen).tolist()
                rows, order = order[:min(bs, n)], order[min(bs, n):]
                loss, stats = self.batch_loss(rows)
                loss.backward()
                torch.nn.utils.clip_grad_norm_(params, cfg.max_grad_norm)
                optimizer.step()
                optimizer.zero_grad(set_to_none=True)
                record = {"step": step + 1, "loss": round(float(loss.detach()), 6), "kl": round(stats["kl"], 6),
                          "accuracy": round(stats["accuracy"], 4)}
                for key in ("reward_desirable", "reward_undesirable"):
                    if stats[key] is not None:
                        record[key] = round(stats[key], 6)
                history.append(record)
                if on_step is not None:
                    on_step(record)
        finally:
            self.model.eval()
        return KTOResult(steps, time.perf_counter() - t0, self.weights, history)


__all__ = ["KTOConfig", "KTOExample", "KTOResult", "KTOTrainer", "kl_estimate", "kto_loss", "mismatched_order"]
