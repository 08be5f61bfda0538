"""`personalign train-rm`: train a PersRM in two stages (LoRA with DPO, then the value head)."""
from __future__ import annotations

import json
from pathlib import Path

import typer

from personalign.cli import options
from personalign.errors import ConfigError


def _options_given(**values) -> dict:
    return {k: v for k, v in values.items() if v is not None}


def register(app: typer.Typer) -> None:
    @app.command("train-rm")
    def train_rm(
        data: Path = typer.Option(..., "--data", help="Training pairs (JSONL: preference, prompt, chosen, rejected)."),
        eval_data: Path | None = typer.Option(None, "--eval-data", help="Held-out pairs for accuracy."),
        out: Path = typer.Option(..., "--out", help="Output directory: the PersRM, metrics.jsonl, checkpoint/."),
        model: str = options.model("Backbone: embedded name, local HF dir or hub id."),
        stage1_steps: int | None = typer.Option(None, "--stage1-steps", help="Stage 1 (LoRA) optimizer steps."),
        stage2_steps: int | None = typer.Option(None, "--stage2-steps", help="Stage 2 (value head) steps."),
        epochs: float | None = typer.Option(None, "--epochs", help="Epochs per stage when steps are not given."),
        lr: float | None = typer.Option(None, "--lr", help="Stage 1 learning rate (default 2e-4)."),
        stage2_lr: float | None = typer.Option(None, "--stage2-lr", help="Stage 2 learning rate (default 5e-5)."),
        beta: float | None = typer.Option(None, "--beta", help="DPO beta (default 0.1)."),
        batch_size: int | None = typer.Option(None, "--batch-size", help="Pairs per micro-batch (default 4)."),
        grad_accum: int | None = typer.Option(None, "--grad-accum", help="Micro-batches per step (default 1)."),
        max_length: int | None = typer.Option(None, "--max-length", help="Max tokens of context + answer."),
        eval_every: int | None = typer.Option(None, "--eval-every", help="Evaluate every N steps (default 50)."),
        lora_r: int | None = typer.Option(None, "--lora-r"),
        lora_alpha: int | None = typer.Option(None, "--lora-alpha"),
        reference_input: str | None = typer.Option(None, "--reference-input",
                                                   help="base (prompt without preference, as PAD) or same."),
        seed: int | None = typer.Option(None, "--seed"),
        eos_after_truncated: bool | None = typer.Option(
            None, "--eos-after-truncated/--no-eos-after-truncated",
            help="Train an end-of-sequence after answers the data flags as cut by a token limit (default: yes)."),
        length_normalize: bool | None = typer.Option(
            None, "--length-normalize/--no-length-normalize",
            help="DPO on per-token log-ratios, so long and short pairs weigh alike (default: no; use a larger "
                 "--beta, e.g. 5)."),
        resume: bool = typer.Option(False, "--resume", help="Continue from OUT/checkpoint."),
        stop_after: int | None = typer.Option(None, "--stop-after",
                                              help="End after N optimizer steps of this call, leaving a checkpoint "
                                                   "(--resume continues; export-rm --from-checkpoint exports it)."),
        device: str = options.device(),
        dtype: str = options.dtype(),
        progress: bool = options.progress(),
        threads: int | None = options.threads(),
        from_feedback: Path | None = typer.Option(
            None, "--from-feedback", help="Refresh this trained PersRM instead: users' feedback pairs (preference = "
            "their profile) are added to --data's pairs and training continues briefly (personalign.feedback.rm); "
            "'default' refreshes the shipped PersRM."),
    ) -> None:
        """Train a personalized reward model (PersRM) for PAD on preference pairs."""
        from personalign.cli.output import writable_dir

        writable_dir(out, "--out")
        options.set_threads(threads)
        if from_feedback is not None:
            from personalign.cli.align import refresh_from_feedback

            refresh_from_feedback(from_feedback, out, data=data, steps=stage1_steps, lr=lr or 5e-5,
                                  batch_size=batch_size or 4, max_length=max_length or 512, device=device,
                                  dtype=dtype)
            return
        from personalign.rewards.data import load_pairs
        from personalign.rewards.train import PersRMTrainer, TrainConfig

        given = _options_given(stage1_steps=stage1_steps, stage2_steps=stage2_steps, stage1_lr=lr,
                               stage2_lr=stage2_lr, beta=beta, batch_size=batch_size, grad_accum=grad_accum,
                               max_length=max_length, eval_every=eval_every, lora_r=lora_r, lora_alpha=lora_alpha,
                               reference_input=reference_input, seed=seed, eos_after_truncated=eos_after_truncated,
                               length_normalize=length_normalize)
        if epochs is not None:
            given.update(stage1_epochs=epochs, stage2_epochs=epochs)
        settings = {}
        state = out / "checkpoint" / "state" / "state.json"
        if resume:
            if not state.is_file():
                raise ConfigError(f"--resume: no checkpoint in {out / 'checkpoint'}")
            # Unspecified options come from the checkpoint; given ones must agree with it (checked on load).
            settings = json.loads(state.read_text(encoding="utf-8"))["config"]
            settings.pop("checkpoint_dir", None)
        elif state.is_file():
            raise ConfigError(f"{out} already holds a training checkpoint: pass --resume or choose another --out")
        config = TrainConfig.from_dict({**settings, **given}).validate()

        train_pairs = load_pairs(data)
        eval_pairs = load_pairs(eval_data) if eval_data is not None else None
        from personalign.models import load

        base = load(model, device=device, dtype=dtype)
        trainer = PersRMTrainer(base, train_pairs, eval_pairs, config, out_dir=out, progress=progress)
        if trainer.skipped_train or trainer.skipped_eval:
            typer.echo(f"skipped {trainer.skipped_train} training and {trainer.skipped_eval} held-out pair(s) "
                       f"longer than --max-length={config.max_length} tokens", err=True)
        if stop_after is not None and stop_after < 1:
            raise ConfigError(f"--stop-after must be >= 1, got {stop_after}")
        result = trainer.run(resume=resume, stop_after=stop_after)
        if not result.finished:
            typer.echo(f"stopped after {stop_after} step(s); checkpoint in {out / 'checkpoint'} "
                       "(continue with --resume, or export it with export-rm --from-checkpoint)")
        final = {}
        for record in result.history:
            final.update({k: v for k, v in record.items() if k.startswith("eval_")})
        first_eval = next((h for h in result.history if "eval_accuracy" in h), {})
        summary = {"out": str(out), "train_pairs": len(trainer.train_set), "steps": trainer.total_steps,
                   "initial_eval_accuracy": first_eval.get("eval_accuracy"),
                   "final_eval_accuracy": final.get("eval_accuracy"), "final_eval_loss": final.get("eval_loss")}
        typer.echo(json.dumps(summary))

    @app.command("eval-rm")
    def eval_rm(
        persrm: Path = typer.Option(..., "--persrm", help="A trained PersRM directory (train-rm --out)."),
        data: list[Path] = typer.Option(..., "--data", help="Held-out pairs (JSONL); repeat for several files."),
        max_length: int = typer.Option(512, "--max-length", help="Max tokens of context + answer."),
        batch_size: int = typer.Option(8, "--batch-size"),
        as_json: bool = options.json_output("One JSON object instead of the table."),
        device: str = options.device(),
        dtype: str = options.dtype(),
        threads: int | None = options.threads(),
    ) -> None:
        """Pair accuracy of a PersRM's implicit reward (chosen > rejected), per file and dimension."""
        from personalign.rewards.data import load_pairs
        from personalign.rewards.persrm import PersRM
        from personalign.rewards.train import score_pairs

        if max_length < 8 or batch_size < 1:
            raise ConfigError("--max-length must be >= 8 and --batch-size >= 1")
        options.set_threads(threads)
        files = {str(path): load_pairs(path) for path in data}  # every file is checked before the model loads
        model = PersRM.from_pretrained(persrm, device=device, dtype=dtype)
        report = {}
        for name, pairs in files.items():
            scores = score_pairs(model, pairs, max_length=max_length, batch_size=batch_size)
            by_dimension = scores.accuracy_by([pair.dimension or "(none)" for pair in pairs])
            report[name] = {"pairs": len(pairs), "scored": len(scores.scored), "skipped": len(scores.skipped),
                            "accuracy": scores.accuracy(),
                            "mean_margin": float(scores.margins.mean()) if len(scores.margins) else float("nan"),
                            "by_dimension": dict(sorted(by_dimension.items()))}
        if as_json:
            typer.echo(json.dumps(report, indent=2))
            return
        for name, r in report.items():
            typer.echo(f"{name}: accuracy {r['accuracy']:.3f} on {r['scored']} pairs "
                       f"({r['skipped']} longer than --max-length skipped), mean margin {r['mean_margin']:+.3f}")
            for d, g in r["by_dimension"].items():
                typer.echo(f"  {d:<18} {g['accuracy']:.3f}  ({g['pairs']} pairs)")

    @app.command("export-rm")
    def export_rm(
        persrm: Path = typer.Option(..., "--persrm", help="A trained PersRM directory."),
        out: Path = typer.Option(..., "--out", help="Where the exported PersRM goes (a new directory)."),
        save_dtype: str = typer.Option("float16", "--save-dtype", help="float16, bfloat16 or float32."),
        recommended_weight: float | None = typer.Option(None, "--recommended-weight",
                                                        help="PAD weight recorded as the PersRM's default."),
        from_checkpoint: bool = typer.Option(False, "--from-checkpoint",
                                             help="--persrm is a train-rm output whose run has not finished: "
                                                  "export the PersRM as it stands at its checkpoint."),
        backbone: str = options.model("Backbone the checkpoint was trained on (with --from-checkpoint)."),
    ) -> None:
        """Copy a PersRM for shipping: adapter and value head only, at --save-dtype (half: half the size)."""
        import math

        import torch

        from personalign.rewards.persrm import PersRM

        dtypes = {"float16": torch.float16, "bfloat16": torch.bfloat16, "float32": torch.float32}
        if save_dtype not in dtypes:
            raise ConfigError(f"--save-dtype must be one of {', '.join(dtypes)}, got {save_dtype!r}")
        if recommended_weight is not None and not (math.isfinite(recommended_weight) and recommended_weight > 0):
            raise ConfigError(f"--recommended-weight must be a positive number, got {recommended_weight}")
        from personalign.cli.output import writable_dir

        if out.exists() and out.is_dir() and any(out.iterdir()):
            raise ConfigError(f"{out} exists and is not empty")
        writable_dir(out, "--out")
        if from_checkpoint:
            from personalign.models import load
            from personalign.rewards.train import persrm_from_checkpoint

            model = persrm_from_checkpoint(load(backbone, device="cpu", dtype="float32"), persrm / "checkpoint")
        else:
            model = PersRM.from_pretrained(persrm, device="cpu", dtype="float32")
        if recommended_weight is not None:
            model.config.recommended_weight = recommended_weight
        model.save_pretrained(out, save_dtype=dtypes[save_dtype])
        size = sum(f.stat().st_size for f in out.iterdir() if f.is_file())
        typer.echo(f"exported {persrm} to {out} ({size / 1e6:.1f} MB, {save_dtype})")

    @app.command("train-experts")
    def train_experts_command(
        data: Path = typer.Option(..., "--data", help="PersRM training pairs (JSONL); each pole's expert trains on "
                                                      "its single-pole pairs."),
        out: Path = typer.Option(..., "--out", help="Output directory: one expert per pole and experts.json "
                                                    "(rerun to resume: finished experts are kept)."),
        model: str = options.model("The base model the experts adapt."),
        poles: str | None = typer.Option(None, "--poles", help="Comma-separated poles (default: all six)."),
        lora_r: int = typer.Option(1, "--lora-r", help="LoRA rank per expert."),
        lora_alpha: int = typer.Option(2, "--lora-alpha"),
        lr: float = typer.Option(2e-3, "--lr"),
        epochs: float = typer.Option(1.0, "--epochs"),
        batch_size: int = typer.Option(4, "--batch-size"),
        max_pairs: int | None = typer.Option(None, "--max-pairs", help="At most this many pairs per pole."),
        max_length: int = typer.Option(224, "--max-length", help="Max tokens of prompt + answer."),
        seed: int = typer.Option(0, "--seed"),
        device: str = options.device(),
        dtype: str = options.dtype(),
        progress: bool = options.progress(),
        threads: int | None = options.threads(),
    ) -> None:
        """Train one LoRA expert per pole with DPO (Personalized Soups' experts; the soup and mod strategies)."""
        from personalign.cli.output import writable_dir
        from personalign.models import load
        from personalign.rewards.data import load_pairs
        from personalign.rewards.experts import ExpertConfig, train_experts

        writable_dir(out, "--out")
        config = ExpertConfig(lora_r=lora_r, lora_alpha=lora_alpha, lr=lr, epochs=epochs, batch_size=batch_size,
                              max_pairs=max_pairs, max_length=max_length, seed=seed).validate()
        options.set_threads(threads)
        records = load_pairs(data)
        chosen = [p.strip() for p in poles.split(",") if p.strip()] if poles else None
        experts = train_experts(load(model, device=device, dtype=dtype), records, out, config, poles=chosen,
                                progress=progress)
        size = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
        for pole, info in experts.manifest["experts"].items():
            typer.echo(f"{pole}: {info['pairs']} pairs, {info['steps']} steps, {info['seconds']:.0f} s, "
                       f"final loss {info['final_loss']:.3f}")
        typer.echo(f"{len(experts.poles)} experts in {out} ({size / 1e6:.1f} MB)")
