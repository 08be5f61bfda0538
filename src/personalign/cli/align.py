"""`personalign align`, `personalign weights` and `personalign train-rm-feedback`: alignment through feedback.

    personalign align --user alice                 # train alice's LoRA adapter: DPO on pairs, KTO with ratings
    personalign align --all --min-new-pairs 8      # the scheduler: retrain users with >= 8 new pairs or ratings
    personalign weights --user alice               # fold new feedback into alice's online weights, show them
    personalign train-rm-feedback --persrm DIR --out NEW   # refresh a PersRM with users' feedback pairs
"""
from __future__ import annotations

import json
from pathlib import Path

import typer

from personalign.cli import options
from personalign.errors import ConfigError


def _store(db: str | None):
    from personalign.memory import MemoryStore

    return MemoryStore(db)


def register(app: typer.Typer) -> None:
    @app.command()
    def align(
        user: str | None = options.user("Train this user's adapter."),
        all_users: bool = typer.Option(False, "--all", help="Every user the retrain policy selects."),
        min_new_pairs: int | None = typer.Option(None, "--min-new-pairs",
                                                 help="Retrain when at least N pairs or rated answers arrived "
                                                      "since the adapter (default: 8 with --all, 1 with --user)."),
        force: bool = typer.Option(False, "--force", help="Retrain even when the adapter is current."),
        model: str = options.model("Base model: embedded name, local HF dir or hub id."),
        steps: int | None = typer.Option(None, "--steps", help="Optimizer steps (default: --epochs over the pairs)."),
        epochs: float = typer.Option(3.0, "--epochs"),
        lr: float = typer.Option(5e-4, "--lr"),
        beta: float = typer.Option(0.1, "--beta", help="DPO / KTO beta."),
        lora_r: int = typer.Option(8, "--lora-r"),
        max_length: int = typer.Option(384, "--max-length", help="Max tokens of prompt + answer."),
        seed: int = typer.Option(0, "--seed"),
        db: str | None = options.db(),
        device: str = options.device(),
        dtype: str = options.dtype(),
        progress: bool = options.progress(),
        threads: int | None = options.threads(),
    ) -> None:
        """Train per-user LoRA adapters on users' feedback: DPO on pairs (choices; edits = edited ≻ original), KTO
        for users with thumbs or ratings (>= 4 desirable, <= 2 undesirable, 3 skipped; their pairs join as
        desirable/undesirable answers)."""
        from personalign.feedback import AdapterConfig, RetrainPolicy, align_all
        from personalign.models import load

        if (user is None) == (not all_users):
            raise ConfigError("give either --user USER or --all")
        options.set_threads(threads)
        config = AdapterConfig(steps=steps, epochs=epochs, lr=lr, beta=beta, lora_r=lora_r, lora_alpha=2 * lora_r,
                               max_length=max_length, seed=seed).validate()
        policy = RetrainPolicy(min_new_pairs=min_new_pairs if min_new_pairs is not None else (8 if all_users else 1),
                               force=force)
        store = _store(db)
        users = None if all_users else [user]
        if user is not None and user not in store.users():
            raise ConfigError(f"unknown user {user!r}")
        base = load(model, device=device, dtype=dtype)
        results = align_all(store, base, policy, config, users=users, progress=progress)
        for r in results:
            line = {"user": r.user, "trained": r.trained, "reason": r.reason, "new_pairs": r.new_pairs,
                    "adapter_sha256": r.adapter.digest if r.adapter else None,
                    "adapter_bytes": r.adapter.size if r.adapter else None}
            if r.trained and r.manifest:
                line.update({k: r.manifest.get(k, "dpo" if k == "method" else None)
                             for k in ("method", "pairs", "rated", "desirable", "undesirable", "dropped_unsafe",
                                       "steps", "seconds", "final_loss", "final_accuracy")})
            typer.echo(json.dumps(line, ensure_ascii=False))

    @app.command()
    def weights(
        user: str = options.user("The user whose online weights to update and show.", default=...),
        reset: bool = typer.Option(False, "--reset", help="Delete the learned weights (they restart from the "
                                   "explicit preferences with the next update)."),
        db: str | None = options.db(),
    ) -> None:
        """Fold the user's new ratings, choices and edits into their per-dimension weights (no training run) and
        print them."""
        from personalign.feedback import term_specs, update_user

        store = _store(db)
        if user not in store.users():
            raise ConfigError(f"unknown user {user!r}")
        if reset:
            typer.echo(json.dumps({"user": user, "reset": store.reset_learned_weights(user)}))
            return
        update = update_user(store, user)
        typer.echo(json.dumps({
            "user": user, "weights": {d: round(w, 4) for d, w in update.weights.items()},
            "observations": update.observations, "new_observations": update.new_observations,
            "dropped_unsafe": update.dropped_unsafe,
            "pad_terms": {d: {"preference": t, "weight": round(w, 4)}
                          for d, (t, w) in term_specs(update.weights).items()},
        }, ensure_ascii=False))

    @app.command("train-rm-feedback")
    def train_rm_feedback(
        persrm: Path = typer.Option(..., "--persrm", help="The trained PersRM directory to start from "
                                    "('default': the shipped one)."),
        out: Path = typer.Option(..., "--out", help="Where the refreshed PersRM goes (a new directory)."),
        data: Path | None = typer.Option(None, "--data", help="PersRM training pairs to replay alongside."),
        replay: int = typer.Option(0, "--replay", help="How many --data pairs to mix in (0: as many as feedback "
                                                       "pairs)."),
        user: list[str] = options.user("Only these users (repeatable; default: all).", default=[]),
        steps: int | None = typer.Option(None, "--steps", help="Optimizer steps (default: one epoch)."),
        lr: float = typer.Option(5e-5, "--lr"),
        batch_size: int = typer.Option(4, "--batch-size"),
        max_length: int = typer.Option(512, "--max-length"),
        # Not options.model(): the default backbone is the one the PersRM was trained on.
        model: str | None = typer.Option(None, help="Backbone (default: the one the PersRM names)."),
        db: str | None = options.db(),
        device: str = options.device(),
        dtype: str = options.dtype(),
        threads: int | None = options.threads(),
    ) -> None:
        """train-rm --from-feedback: add users' feedback pairs (preference = their profile) and refresh a PersRM."""
        options.set_threads(threads)
        refresh_from_feedback(persrm, out, data=data, replay=replay, users=user or None, steps=steps, lr=lr,
                              batch_size=batch_size, max_length=max_length, model=model, db=db, device=device,
                              dtype=dtype)


def refresh_from_feedback(persrm: Path, out: Path, *, data: Path | None = None, replay: int = 0,
                          users: list[str] | None = None, steps: int | None = None, lr: float = 5e-5,
                          batch_size: int = 4, max_length: int = 512, model: str | None = None,
                          db: str | None = None, device: str = "auto", dtype: str = "auto") -> None:
    """Shared by `train-rm-feedback` and `train-rm --from-feedback`: prints one JSON summary line."""
    import random

    from personalign.feedback import feedback_records, refresh_persrm
    from personalign.models import load
    from personalign.rewards.data import load_pairs

    if str(persrm) == "default":  # the PersRM shipped for the embedded model
        from personalign.rewards.persrm import default_persrm_path

        persrm = default_persrm_path()
    if not (persrm / "persrm_config.json").is_file():
        raise ConfigError(f"{persrm} is not a saved PersRM (no persrm_config.json)")
    from personalign.cli.output import writable_dir

    writable_dir(out, "--out")
    store = _store(db)
    found = feedback_records(store, users)
    replayed = []
    if data is not None:
        pool = load_pairs(data)
        k = min(len(pool), replay or len(found.records))
        replayed = random.Random(0).sample(pool, k)
    backbone = model or json.loads((persrm / "persrm_config.json").read_text(encoding="utf-8"))["backbone"]
    base = load(backbone, device=device, dtype=dtype)
    result = refresh_persrm(base, persrm, found.records, out, replay=replayed, steps=steps, lr=lr,
                            batch_size=batch_size, max_length=max_length)
    typer.echo(json.dumps({"out": str(out), "feedback_pairs": result.feedback_pairs,
                           "replay_pairs": result.replay_pairs, "users": found.users,
                           "users_without_profile": found.no_profile,
                           "dropped_unsafe": found.dropped_unsafe, "steps": result.steps,
                           "seconds": round(result.seconds, 2),
                           "final_loss": result.history[-1]["loss"] if result.history else None}))
