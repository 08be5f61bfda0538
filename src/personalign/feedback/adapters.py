"""Training-time adaptation: one LoRA adapter per user, trained with DPO or KTO on that user's feedback.

Which loss (`UserFeedback.method`):

* **DPO** (`personalign.rewards.dpo`) for a user whose feedback is pairs only: choices (picked ≻ other)
  and edits (edited ≻ original), `personalign.feedback.pairs.user_pairs`;
* **KTO** (`personalign.rewards.kto`) for a user with at least one usable rated answer (thumbs up or
  down, `user_labeled_answers`: rating ≥ 4 desirable, ≤ 2 undesirable, 3 skipped): KTO needs no pairs.
  Such a user's pairs, if any, join as two labelled answers each (chosen desirable, rejected
  undesirable), so every kind of feedback they gave trains the one adapter.

Both filter unsafe text the same way: a pair whose chosen answer, or a rated answer labelled desirable,
fails `personalign.feedback.pairs.answer_safety` is dropped and counted.

Training (`train_adapter`): LoRA on a *shell* of the base model (new module objects around the same
weight tensors, as the PersRM does), so the caller's base model is never modified and no weight is
copied. The policy reads the plain chat of the prompt — the adapter itself is the personalization —
and the reference is the same network with the adapter switched off, so its log-probabilities are
computed once before training. The losses, batch layout and answer log-probabilities are
`personalign.rewards.dpo`'s and `personalign.rewards.kto`'s (shared context KV cache, LM head only on
answer positions).

Storage: the user's adapter is rows of the memory database (`personalign.memory.adapter_files`, one per file,
bytes as BLOB/bytea with their sha256), so `align` on any machine publishes it to every server on the
database. The files are PEFT's (`adapter_config.json`, `adapter_model.safetensors`, written by
`save_pretrained`) and `manifest.json`; `MemoryStore.extract_adapter` writes them back into a directory
that PEFT and vLLM load as is. The manifest:

    {"format": "personalign.adapter/1", "user": "alice", "method": "dpo", "base_model": "smollm2-135m-instruct",
     "base_fingerprint": [...], "pairs": 24, "pairs_hash": "…", "rated": 0, "desirable": 0, "undesirable": 0,
     "rated_hash": "…", "last_feedback_id": 57, "dropped_unsafe": 0,
     "steps": 18, "epochs": 3.0, "beta": 0.1, "lr": 0.0005, "lora_r": 8, "lora_alpha": 16,
     "lora_targets": "all-linear", "max_length": 384, "seed": 0, "seconds": 41.2,
     "final_loss": 0.41, "final_accuracy": 0.92, "created_at": "2025-…"}

A KTO adapter also records its class weights (`kto_weights`: [λ_D, λ_U]) and the last batch's KL
estimate (`final_kl`); its "accuracy" is the share of answers whose reward lies on their label's side of z0.

A new adapter replaces the stored one in one transaction (`MemoryStore.save_adapter`), so no reader ever sees a
half-written adapter. Forgetting the user (`MemoryStore.forget_user`) deletes it; `MemoryStore.export_user`
includes every file.

Serving (`UserAdapters`): one PeftModel over a shell of the base carries every loaded user's adapter
under its own name; `Engine.generate(..., adapters=[name per prompt])` then decodes rows of different
users in one batch, each row through its own adapter only (rows without an adapter run the plain base).
Adapters are loaded from this machine's cache copy (`MemoryStore.adapter_checkout`), keyed by content hash.
"""
from __future__ import annotations

import json
import math
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from hashlib import sha256
from pathlib import Path

import torch

from personalign.feedback.errors import AdapterError, FeedbackConfigError, NotEnoughPairsError
from personalign.feedback.pairs import (
    FeedbackPair,
    LabeledAnswer,
    LabeledSet,
    PairSet,
    pair_sides,
    user_labeled_answers,
    user_pairs,
)
from personalign.memory import adapter_files
from personalign.models import LoadedModel
from personalign.models.shell import quiet_peft, shell_copy, unwrapped, weights_fingerprint
from personalign.rewards import lora_dpo
from personalign.rewards.kto import KTOConfig, KTOExample, KTOTrainer
from personalign.rewards.lora_dpo import check_settings, encode_pairs, fresh_lora, pad_id, train_dpo

FORMAT = "personalign.adapter/1"
MANIFEST = adapter_files.MANIFEST


@dataclass
class AdapterConfig:
    """LoRA settings and the DPO or KTO training run. `steps` (optimizer steps) wins over `epochs`; `max_steps`
    caps either. `beta` is the loss's β for both; KTO's class weights are balanced (`KTOConfig.balance`)."""

    epochs: float = 3.0
    steps: int | None = None
    max_steps: int = 300
    batch_size: int = 4
    lr: float = 5e-4
    beta: float = 0.1
    lora_r: int = 8
    lora_alpha: int = 16
    lora_targets: str | list[str] = "all-linear"
    max_length: int = 384
    max_grad_norm: float = 1.0
    seed: int = 0

    def validate(self) -> AdapterConfig:
        check_settings(self, positive_numbers=("epochs", "lr", "beta", "max_grad_norm"),
                       positive_integers=("max_steps", "batch_size", "lora_r", "lora_alpha", "max_length"),
                       optional_integers=("steps",), error=FeedbackConfigError)
        return self

    def lora(self, base: LoadedModel):
        """A fresh LoRA with these settings on a shell of `base` (`rewards.lora_dpo.fresh_lora`)."""
        return fresh_lora(base, self.lora_r, self.lora_alpha, self.lora_targets, self.seed, error=FeedbackConfigError)


@dataclass
class TrainedAdapter:
    model: torch.nn.Module          # the PeftModel (shell of the base + LoRA "default"), eval mode
    steps: int
    seconds: float
    pairs_used: int                 # training items used: pairs (DPO) or labelled answers (KTO)
    pairs_skipped: int              # too long for max_length, or identical after truncation
    history: list[dict] = field(default_factory=list)
    method: str = "dpo"
    kto_weights: tuple[float, float] | None = None   # (λ_D, λ_U), KTO only

    @property
    def final(self) -> dict:
        return self.history[-1] if self.history else {}


# ------------------------------------------------------------------------------------------ training
def train_adapter(base: LoadedModel, pairs: Sequence[FeedbackPair], config: AdapterConfig | None = None,
                  on_step: Callable[[dict], None] | None = None) -> TrainedAdapter:
    """DPO-train a fresh LoRA adapter on `pairs` (module docstring; the loop is `rewards.lora_dpo`'s, which the pole
    experts share); `base.model` stays untouched."""
    cfg = (config or AdapterConfig()).validate()
    encoded, skipped = encode_pairs(base.tokenizer, pairs, cfg.max_length)
    if not encoded:
        raise NotEnoughPairsError(f"none of the {len(pairs)} pair(s) fits max_length={cfg.max_length} tokens "
                                  "with a distinct chosen and rejected answer")
    model = cfg.lora(base)
    steps = cfg.steps if cfg.steps is not None else math.ceil(cfg.epochs * len(encoded) / cfg.batch_size)
    steps = min(steps, cfg.max_steps)
    run = train_dpo(model, encoded, pad_id(base.tokenizer), base.device, steps=steps, batch_size=cfg.batch_size,
                    lr=cfg.lr, beta=cfg.beta, max_grad_norm=cfg.max_grad_norm, seed=cfg.seed, on_step=on_step)
    return TrainedAdapter(model, steps, run.seconds, len(encoded), skipped, run.history)


def _encode_labeled(tokenizer, answers: Sequence[LabeledAnswer], max_length: int) -> tuple[list[KTOExample], int]:
    encoded, skipped = [], 0
    for a in answers:
        got = lora_dpo.encode_answers(tokenizer, a.prompt, (a.answer,), max_length)
        if got is None:
            skipped += 1
            continue
        encoded.append(KTOExample(got[0], got[1][0], a.desirable))
    return encoded, skipped


def train_kto_adapter(base: LoadedModel, answers: Sequence[LabeledAnswer], config: AdapterConfig | None = None,
                      on_step: Callable[[dict], None] | None = None) -> TrainedAdapter:
    """KTO-train a fresh LoRA adapter on labelled answers (module docstring); `base.model` stays untouched."""
    cfg = (config or AdapterConfig()).validate()
    encoded, skipped = _encode_labeled(base.tokenizer, answers, cfg.max_length)
    if not encoded:
        raise NotEnoughPairsError(f"none of the {len(answers)} rated answer(s) fits max_length={cfg.max_length} "
                                  "tokens")
    model = cfg.lora(base)
    for name, p in model.named_parameters():
        p.requires_grad_("lora_" in name)
    kto = KTOConfig(beta=cfg.beta, lr=cfg.lr, epochs=cfg.epochs, steps=cfg.steps, max_steps=cfg.max_steps,
                    batch_size=cfg.batch_size, max_grad_norm=cfg.max_grad_norm, seed=cfg.seed)
    trainer = KTOTrainer(model, encoded, kto, pad_id=pad_id(base.tokenizer), device=base.device,
                         max_length=cfg.max_length)
    try:
        result = trainer.train(on_step=on_step)
    finally:
        for p in model.parameters():
            p.requires_grad_(False)
    return TrainedAdapter(model, result.steps, result.seconds, len(encoded), skipped, result.history, "kto",
                          result.weights)


# --------------------------------------------------------------------------------------- files
def base_fingerprint(base: LoadedModel) -> list[float]:
    return weights_fingerprint(unwrapped(base.model))


def read_manifest(directory: str | os.PathLike) -> dict | None:
    """The adapter's manifest, or None when there is no complete adapter in `directory`."""
    directory = Path(directory)
    file = directory / MANIFEST
    if not file.is_file() or not (directory / "adapter_config.json").is_file():
        return None
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise AdapterError(f"{file}: unreadable adapter manifest ({exc})") from None
    return _checked_manifest(data, str(file))


def _checked_manifest(data, where: str) -> dict:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise AdapterError(f"{where}: not a personalign adapter manifest")
    return data


def save_adapter(trained: TrainedAdapter, directory: str | os.PathLike, manifest: dict) -> Path:
    """Write the PEFT files and the manifest into `directory`, replacing an older adapter atomically."""
    directory = Path(directory)
    directory.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{directory.name}.", dir=directory.parent))
    try:
        trained.model.save_pretrained(str(tmp))
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        old = directory.with_name(directory.name + ".old")
        if old.exists():
            shutil.rmtree(old)
        if directory.exists():
            os.replace(directory, old)
        os.replace(tmp, directory)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return directory


# ------------------------------------------------------------------------------------ scheduling
@dataclass
class UserFeedback:
    """What a user's adapter trains on: their usable pairs and rated answers (module docstring)."""

    pairs: PairSet
    rated: LabeledSet

    @property
    def user(self) -> str:
        return self.pairs.user

    @property
    def method(self) -> str:
        """"kto" once the user has a usable rated answer, else "dpo"."""
        return "kto" if self.rated.answers else "dpo"

    @property
    def kto_answers(self) -> list[LabeledAnswer]:
        """KTO's training set: the rated answers and both sides of every pair, in feedback order."""
        return sorted(self.rated.answers + pair_sides(self.pairs.pairs), key=lambda a: a.feedback_id)

    @property
    def last_feedback_id(self) -> int:
        return max(self.pairs.last_feedback_id, self.rated.last_feedback_id)

    @property
    def dropped_unsafe(self) -> int:
        return self.pairs.dropped_unsafe + self.rated.dropped_unsafe

    def after(self, feedback_id: int) -> list:
        """Training items (pairs and rated answers) from feedback newer than `feedback_id`."""
        return self.pairs.after(feedback_id) + self.rated.after(feedback_id)


def user_feedback(store, user: str) -> UserFeedback:
    """`user`'s pairs and rated answers, each through the safety filter; unknown users raise."""
    return UserFeedback(user_pairs(store, user), user_labeled_answers(store, user))


@dataclass(frozen=True)
class Decision:
    train: bool
    reason: str
    new_pairs: int


@dataclass(frozen=True)
class RetrainPolicy:
    """Retrain a user's adapter once `min_new_pairs` usable training items arrived since its manifest.

    A training item is a pair or a rated answer (`UserFeedback.after`; a `PairSet` counts its pairs). A user
    without an adapter needs `min_new_pairs` items in all; an adapter made for another base model is
    stale whatever the count (as long as there is an item to train on). `force` retrains whenever there
    is at least one item.
    """

    min_new_pairs: int = 8
    force: bool = False

    def decide(self, data: UserFeedback | PairSet, manifest: dict | None, base: LoadedModel) -> Decision:
        if isinstance(self.min_new_pairs, bool) or not isinstance(self.min_new_pairs, int) or self.min_new_pairs < 1:
            raise FeedbackConfigError(f"min_new_pairs must be an integer >= 1, got {self.min_new_pairs!r}")
        total = len(data.after(0))
        if total == 0:
            return Decision(False, "no usable pairs or rated answers", 0)
        what = "item(s)" if isinstance(data, UserFeedback) else "pair(s)"
        if manifest is None:
            ok = self.force or total >= self.min_new_pairs
            return Decision(ok, "no adapter yet" if ok else f"{total} {what} < {self.min_new_pairs}", total)
        new = len(data.after(int(manifest.get("last_feedback_id", 0))))
        if manifest.get("base_model") != base.name or manifest.get("base_fingerprint") != base_fingerprint(base):
            return Decision(True, "adapter made for another base model", new)
        if self.force:
            return Decision(True, "forced", new)
        if new >= self.min_new_pairs:
            return Decision(True, f"{new} new {what} >= {self.min_new_pairs}", new)
        return Decision(False, f"current ({new} new {what} < {self.min_new_pairs})", new)


@dataclass
class AlignResult:
    user: str
    trained: bool
    reason: str
    new_pairs: int
    adapter: object | None = None   # the stored adapter (`memory.adapter_files.AdapterInfo`), when there is one
    manifest: dict | None = None


def align_user(store, base: LoadedModel, user: str, config: AdapterConfig | None = None,
               policy: RetrainPolicy = RetrainPolicy(min_new_pairs=1),
               on_step: Callable[[dict], None] | None = None) -> AlignResult:
    """Train (or skip, per `policy`) `user`'s adapter on their feedback — DPO on pairs, or KTO once they have
    rated answers (module docstring) — and save it with a manifest."""
    cfg = (config or AdapterConfig()).validate()
    data = user_feedback(store, user)
    pairs, rated = data.pairs, data.rated
    manifest = store.adapter_manifest(user)
    if manifest is not None:
        manifest = _checked_manifest(manifest, f"{user!r}'s stored adapter")
    decision = policy.decide(data, manifest, base)
    if not decision.train:
        return AlignResult(user, False, decision.reason, decision.new_pairs,
                           store.adapter_info(user) if manifest else None, manifest)
    if data.method == "kto":
        trained = train_kto_adapter(base, data.kto_answers, cfg, on_step=on_step)
    else:
        trained = train_adapter(base, pairs.pairs, cfg, on_step=on_step)
    final = trained.final
    manifest = {
        "format": FORMAT, "user": user, "method": trained.method, "base_model": base.name,
        "base_fingerprint": base_fingerprint(base),
        "pairs": len(pairs.pairs), "pairs_used": trained.pairs_used, "pairs_skipped": trained.pairs_skipped,
        "pairs_hash": pairs.digest(), "rated": len(rated.answers), "desirable": rated.desirable,
        "undesirable": rated.undesirable, "skipped_neutral": rated.skipped_neutral, "rated_hash": rated.digest(),
        "last_feedback_id": data.last_feedback_id,
        "dropped_unsafe": data.dropped_unsafe, "steps": trained.steps, "epochs": cfg.epochs, "beta": cfg.beta,
        "lr": cfg.lr, "lora_r": cfg.lora_r, "lora_alpha": cfg.lora_alpha, "lora_targets": cfg.lora_targets,
        "max_length": cfg.max_length, "batch_size": cfg.batch_size, "seed": cfg.seed,
        "seconds": round(trained.seconds, 3), "final_loss": final.get("loss"),
        "final_accuracy": final.get("accuracy"), "created_at": datetime.now(UTC).isoformat(),
    }
    if trained.method == "kto":
        manifest.update({"kto_weights": [round(w, 6) for w in trained.kto_weights], "final_kl": final.get("kl")})
    info = store_adapter(store, user, trained, manifest)
    return AlignResult(user, True, decision.reason, decision.new_pairs, info, manifest)


def store_adapter(store, user: str, trained: TrainedAdapter, manifest: dict):
    """Saves the adapter in PEFT's format with its manifest (`save_adapter`) and stores those files as `user`'s
    adapter in the memory database (`MemoryStore.save_adapter`); returns the stored adapter's info."""
    with tempfile.TemporaryDirectory(prefix="personalign-adapter-") as tmp:
        directory = save_adapter(trained, Path(tmp) / "adapter", manifest)
        return store.save_adapter_dir(user, directory)


def align_all(store, base: LoadedModel, policy: RetrainPolicy, config: AdapterConfig | None = None,
              users: Sequence[str] | None = None, progress: bool = True) -> list[AlignResult]:
    """Run the policy over every user (or `users`): resumable, since current adapters are skipped and
    each adapter is saved as soon as it is trained."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    users = list(store.users() if users is None else users)
    results = []
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  disable=not progress, transient=False) as bar:
        overall = bar.add_task("users", total=len(users))
        for user in users:
            bar.update(overall, description=f"user {user}")
            step_task = None

            def on_step(record, _user=user):
                nonlocal step_task
                if step_task is None:
                    step_task = bar.add_task(f"  {_user}: training", total=None)
                bar.update(step_task, completed=record["step"],
                           description=f"  {_user}: step {record['step']} loss {record['loss']:.3f}")

            results.append(align_user(store, base, user, config, policy, on_step=on_step))
            if step_task is not None:
                bar.remove_task(step_task)
            bar.advance(overall)
    return results


# --------------------------------------------------------------------------------------- serving
def adapter_name(user: str) -> str:
    """The PEFT adapter name of a user: module-name safe and collision free."""
    return "u_" + sha256(user.encode("utf-8")).hexdigest()[:20]


class UserAdapters:
    """Serves per-user adapters from one PeftModel that shares the base model's weights.

        adapters = UserAdapters(base, store)         # base: LoadedModel; store: MemoryStore
        engine, names = adapters.engine_for(["alice", "bob", "carol"])
        engine.generate(prompts, strategy="base", adapters=names)   # carol has none: plain base row

    `load` (re)loads an adapter whose content hash changed since it was loaded — the store's snapshot of the
    user carries the hash and follows `users.revision`, so an adapter stored by any process (another replica,
    `personalign align` on another machine) is used by the next request — from this machine's cached copy
    (`MemoryStore.adapter_checkout`). Users without an adapter (or with one made for another base model)
    get None: their rows run the plain base. `prune` drops loaded adapters the database no longer holds.
    `base.model` itself is never modified.
    """

    def __init__(self, base: LoadedModel, store):
        self.base, self.store = base, store
        self._model = None                              # the PeftModel, created with the first adapter
        self._loaded: dict[str, tuple[str, str]] = {}   # adapter name -> (user, content hash)
        self._manifests: dict[str, dict] = {}           # content hash -> manifest (bounded by _loaded's size)
        self._fingerprint = base_fingerprint(base)

    @property
    def loaded(self) -> LoadedModel:
        """The model to decode with: the PeftModel once any adapter is loaded, else the plain base."""
        if self._model is None:
            return self.base
        return LoadedModel(model=self._model, tokenizer=self.base.tokenizer, name=self.base.name)

    @property
    def count(self) -> int:
        """How many adapters are loaded."""
        return len(self._loaded)

    def _fits(self, manifest: dict | None) -> bool:
        return manifest is not None and manifest.get("base_model") == self.base.name \
            and manifest.get("base_fingerprint") == self._fingerprint

    def checkout(self, user: str) -> tuple[str, Path, dict] | None:
        """(content hash, local directory, manifest) of the user's stored adapter when it fits this base model."""
        found = self.store.adapter_checkout(user)
        if found is None:
            return None
        digest, path = found
        manifest = self._manifests.get(digest)
        if manifest is None:
            manifest = read_manifest(path)
            if manifest is None:
                return None
        if not self._fits(manifest):
            return None
        self._manifests[digest] = manifest
        return digest, path, manifest

    def load(self, users: Sequence[str]) -> list[str | None]:
        """Make sure each user's current adapter is loaded; returns the adapter name per user (or None)."""
        from peft import PeftModel

        names = []
        for user in users:
            found = self.checkout(user)
            name = adapter_name(user)
            if found is None:
                if name in self._loaded:  # forgotten or retrained for another base since it was loaded
                    self._unload(name)
                names.append(None)
                continue
            digest, path, _manifest = found
            if self._loaded.get(name) != (user, digest):
                if name in self._loaded:
                    self._unload(name)
                with quiet_peft():
                    if self._model is None:
                        self._model = PeftModel.from_pretrained(shell_copy(self.base.model), str(path),
                                                                adapter_name=name, is_trainable=False)
                    else:
                        self._model.load_adapter(str(path), adapter_name=name, is_trainable=False)
                self._model.eval()
                self._loaded[name] = (user, digest)
            names.append(name)
        return names

    def prune(self) -> int:
        """Unloads every adapter whose user no longer has it stored (forgotten, replaced, deleted) by any
        process; returns how many went. Call it from the thread that owns the model."""
        stale = [name for name, (user, digest) in self._loaded.items() if self.store.adapter_digest(user) != digest]
        for name in stale:
            self._unload(name)
        return len(stale)

    def _unload(self, name: str) -> None:
        _user, digest = self._loaded.pop(name, (None, None))
        if digest is not None and all(d != digest for _, d in self._loaded.values()):
            self._manifests.pop(digest, None)
        if not self._loaded:
            self._model = None  # PEFT cannot delete its last adapter; drop the wrapper instead
        else:
            if self._model.active_adapter == name:
                self._model.set_adapter(next(iter(self._loaded)))
            self._model.delete_adapter(name)

    def engine_for(self, users: Sequence[str], reward_model=None):
        """(Engine, adapter names per user) ready for `engine.generate(..., adapters=names)`.

        With the default reward model (training-free PAD: the base shown the preference) the reward rows
        run the user's adapter too, so PAD steers the user's own policy.
        """
        from personalign.decoding import Engine

        names = self.load(users)
        return Engine(self.loaded, reward_model), names


__all__ = ["AdapterConfig", "TrainedAdapter", "train_adapter", "train_kto_adapter", "save_adapter", "read_manifest",
           "store_adapter",
           "RetrainPolicy", "Decision", "AlignResult", "UserFeedback", "user_feedback", "align_user", "align_all",
           "adapter_name", "UserAdapters", "base_fingerprint", "FORMAT", "MANIFEST"]
