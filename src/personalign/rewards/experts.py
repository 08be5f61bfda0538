"""Pole experts: one LoRA adapter per pole, DPO-trained on that pole's pairs (Personalized Soups, MOD).

Personalized Soups (Jang et al. 2023) trains one policy per preference pole and merges their parameters
with the user's pole weights at request time; MOD (Shi et al. 2024) combines the same experts' logits at
every step. Here an expert is a LoRA on a *shell* of the base model (shared weight tensors, as the PersRM
and the per-user adapters are), trained with the project's DPO (`rewards.dpo`): the policy reads the plain
chat of the prompt — the expert itself is the pole, it is never shown a preference — and the reference is
the same network with the adapter off, scored once before training.

A pole's pairs (`pole_pairs`) are the PersRM training data's single-pole pairs (`dimension` one of
`dimensions.DIMENSIONS`) whose preference wording `rewards.preferences.lookup` maps to that pole: "Bottom
line only." is a concise pair, "Write it like a complete guide" a detailed one. Wordings it does not know
are counted and left out.

On disk (`save_experts` / `load_experts`): `<dir>/experts.json` (poles, LoRA settings, pairs and train time per
expert, base fingerprint) and `<dir>/<pole>/` with PEFT's `adapter_config.json` and `adapter_model.safetensors`
(fp16). `PoleExperts.loaded` is one PeftModel over a shell of the base carrying every expert as adapter
`pole-<name>`: the engine's `mod` and `soup` strategies run rows of different experts in one batch.
"""
from __future__ import annotations

import json
import math
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import torch

from personalign.dimensions import DIMENSIONS, pole_names
from personalign.errors import ConfigError, ModelNotFoundError
from personalign.models import DEFAULT_MODEL, LoadedModel
from personalign.models.shell import quiet_peft, shell_copy, unwrapped, weights_fingerprint
from personalign.rewards.data import PairRecord, pairs_hash
from personalign.rewards.lora_dpo import check_settings, encode_pairs, fresh_lora, pad_id, train_dpo
from personalign.rewards.preferences import lookup

FORMAT = "personalign-experts"
MANIFEST = "experts.json"
# The experts trained by this project for the embedded SmolLM2-135M-Instruct (see docs/eval.md).
DEFAULT_EXPERTS_DIR = Path(__file__).resolve().parent / "default_experts"


def adapter_name(pole: str) -> str:
    return f"pole-{pole}"


def pole_pairs(records: Iterable[PairRecord]) -> tuple[dict[str, list[PairRecord]], int]:
    """Single-pole pairs by pole, and how many single-dimension pairs had a wording `lookup` does not know."""
    found: dict[str, list[PairRecord]] = {pole: [] for pole in pole_names()}
    unknown = 0
    for record in records:
        if record.dimension not in DIMENSIONS:
            continue
        hit = lookup(record.preference)
        if hit is None or len(hit[0]) != 1 or hit[0][0][0] != record.dimension:
            unknown += 1
            continue
        found[hit[0][0][1]].append(record)
    return found, unknown


@dataclass
class ExpertConfig:
    """LoRA and DPO settings of every expert. r = 1 on all linear layers keeps six experts of the embedded
    model at 0.6 MB each in fp16; `max_pairs` caps a pole's pairs (a deterministic spread over the list)."""

    lora_r: int = 1
    lora_alpha: int = 2
    lora_targets: str | list[str] = "all-linear"
    lr: float = 2e-3
    epochs: float = 1.0
    batch_size: int = 4
    beta: float = 0.1
    max_length: int = 224
    max_pairs: int | None = None
    max_grad_norm: float = 1.0
    seed: int = 0

    def validate(self) -> ExpertConfig:
        check_settings(self, positive_numbers=("lr", "epochs", "beta", "max_grad_norm"),
                       positive_integers=("lora_r", "lora_alpha", "batch_size", "max_length"),
                       optional_integers=("max_pairs",), error=ConfigError)
        return self


@dataclass
class TrainedExpert:
    pole: str
    model: torch.nn.Module   # PeftModel (shell of the base + LoRA "default"), eval mode
    pairs: int
    skipped: int
    steps: int
    seconds: float
    history: list[dict] = field(default_factory=list)


def _spread(items: list, count: int | None) -> list:
    if count is None or count >= len(items):
        return items
    step = len(items) / count
    return [items[int(i * step)] for i in range(count)]


def train_expert(base: LoadedModel, pole: str, pairs: Sequence[PairRecord], config: ExpertConfig | None = None,
                 on_step: Callable[[dict], None] | None = None) -> TrainedExpert:
    """DPO-train a fresh LoRA for `pole` on its pairs (module docstring; the loop is `rewards.lora_dpo`'s, the
    per-user adapters' too); `base.model` stays untouched."""
    cfg = (config or ExpertConfig()).validate()
    encoded, skipped = encode_pairs(base.tokenizer, _spread(list(pairs), cfg.max_pairs), cfg.max_length)
    if not encoded:
        raise ConfigError(f"no usable pairs for pole {pole!r} ({len(pairs)} given, max_length {cfg.max_length})")
    model = fresh_lora(base, cfg.lora_r, cfg.lora_alpha, cfg.lora_targets, cfg.seed, error=ConfigError)
    steps = max(1, math.ceil(cfg.epochs * len(encoded) / cfg.batch_size))
    run = train_dpo(model, encoded, pad_id(base.tokenizer), base.device, steps=steps, batch_size=cfg.batch_size,
                    lr=cfg.lr, beta=cfg.beta, max_grad_norm=cfg.max_grad_norm, seed=cfg.seed, on_step=on_step,
                    record_extra=lambda _step: {"pole": pole, "steps": steps})
    return TrainedExpert(pole, model, len(encoded), skipped, steps, run.reference_seconds + run.seconds, run.history)


def train_experts(base: LoadedModel, records: Sequence[PairRecord], out: str | os.PathLike,
                  config: ExpertConfig | None = None, poles: Sequence[str] | None = None, progress: bool = True,
                  on_step: Callable[[dict], None] | None = None) -> PoleExperts:
    """Train one expert per pole on `records`' pole pairs and save them into `out` (fp16); returns them loaded.

    An expert already in `out` with the same settings and pairs is kept (a run cut short resumes per pole).
    """
    cfg = (config or ExpertConfig()).validate()
    poles = list(poles) if poles else pole_names()
    for pole in poles:
        if pole not in pole_names():
            raise ConfigError(f"unknown pole {pole!r}; choose from {', '.join(pole_names())}")
    by_pole, unknown = pole_pairs(records)
    missing = [p for p in poles if not by_pole[p]]
    if missing:
        raise ConfigError(f"no single-pole pairs for {', '.join(missing)} in the data "
                          f"({unknown} single-dimension pairs had wordings not in rewards.preferences)")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    manifest = _read_manifest(out) or {}
    settings = asdict(cfg)
    fingerprint = weights_fingerprint(unwrapped(base.model))
    if manifest.get("settings") != settings or manifest.get("base_fingerprint") != fingerprint:
        manifest = {}
    experts = dict(manifest.get("experts", {}))
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  disable=not progress) as bar:
        for pole in poles:
            data_hash = pairs_hash(by_pole[pole])
            if experts.get(pole, {}).get("pairs_hash") == data_hash and (out / pole / "adapter_config.json").is_file():
                continue
            n_steps = max(1, math.ceil(cfg.epochs * len(_spread(by_pole[pole], cfg.max_pairs)) / cfg.batch_size))
            task = bar.add_task(f"expert {pole}", total=n_steps)

            def step(record, _task=task):
                bar.update(_task, advance=1, description=f"expert {record['pole']} loss {record['loss']:.3f}")
                if on_step is not None:
                    on_step(record)

            trained = train_expert(base, pole, by_pole[pole], cfg, on_step=step)
            _save_adapter(trained.model, out / pole, base.name)
            # milliseconds kept: a small run trains in under 0.05 s, which one decimal would record as no time at all
            experts[pole] = {"pairs": trained.pairs, "skipped": trained.skipped, "steps": trained.steps,
                             "seconds": round(trained.seconds, 3), "pairs_hash": data_hash,
                             "final_loss": trained.history[-1]["loss"],
                             "mean_accuracy_last_steps": round(sum(h["accuracy"] for h in trained.history[-5:])
                                                               / len(trained.history[-5:]), 4)}
            manifest = {"format": FORMAT, "base_model": base.name, "base_fingerprint": fingerprint,
                        "settings": settings, "experts": experts, "unknown_wordings": unknown,
                        "created_at": datetime.now(UTC).isoformat(timespec="seconds")}
            _write_manifest(out, manifest)
            del trained
    return load_experts(out, base)


def _save_adapter(model, directory: Path, base_name: str) -> None:
    """PEFT files in fp16, replacing an older expert atomically. The config names the base as `load` knows it
    (PEFT would record a local cache path)."""
    from safetensors.torch import load_file, save_file

    directory.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{directory.name}.", dir=directory.parent))
    try:
        model.save_pretrained(str(tmp))
        config = tmp / "adapter_config.json"
        data = json.loads(config.read_text(encoding="utf-8"))
        data["base_model_name_or_path"] = base_name
        config.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        weights = tmp / "adapter_model.safetensors"
        state = load_file(str(weights))
        save_file({k: v.to(torch.float16).contiguous() for k, v in state.items()}, str(weights),
                  metadata={"format": "pt"})
        card = tmp / "README.md"
        if card.is_file():
            card.unlink()
        if directory.exists():
            shutil.rmtree(directory)
        os.replace(tmp, directory)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def _read_manifest(directory: Path) -> dict | None:
    file = directory / MANIFEST
    if not file.is_file():
        return None
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"{file}: unreadable experts manifest ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ConfigError(f"{file}: not a personalign experts manifest")
    return data


def _write_manifest(directory: Path, manifest: dict) -> None:
    tmp = directory / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, directory / MANIFEST)


class PoleExperts:
    """Trained pole experts over one base model: `loaded` (a LoadedModel whose PeftModel carries every expert
    as adapter `adapter_name(pole)`), `poles`, `manifest` (settings, pairs, train seconds per expert)."""

    def __init__(self, model, base: LoadedModel, poles: Sequence[str], manifest: dict):
        self.model, self.base, self.poles, self.manifest = model, base, tuple(poles), manifest
        self.loaded = LoadedModel(model=model, tokenizer=base.tokenizer, name=f"{base.name}+experts")

    def adapter(self, pole: str) -> str:
        if pole not in self.poles:
            raise ConfigError(f"no expert for pole {pole!r}; these experts cover {', '.join(self.poles)}")
        return adapter_name(pole)

    @property
    def train_seconds(self) -> float:
        return float(sum(e.get("seconds", 0.0) for e in self.manifest.get("experts", {}).values()))


def load_experts(directory: str | os.PathLike, base: LoadedModel) -> PoleExperts:
    """The experts saved in `directory`, as adapters of one PeftModel over a shell of `base.model`."""
    from peft import PeftModel

    directory = Path(directory)
    manifest = _read_manifest(directory)
    if manifest is None:
        raise ModelNotFoundError(f"{directory} holds no pole experts ({MANIFEST} missing): "
                                 "train them with `personalign train-experts`")
    if manifest.get("base_fingerprint") != weights_fingerprint(unwrapped(base.model)):
        raise ConfigError(f"the experts in {directory} were trained for {manifest.get('base_model')!r}, "
                          f"not for {base.name!r}")
    poles = [p for p in pole_names() if p in manifest.get("experts", {}) and (directory / p).is_dir()]
    if not poles:
        raise ModelNotFoundError(f"{directory} holds no trained expert")
    model = None
    with quiet_peft():
        for pole in poles:
            if model is None:
                model = PeftModel.from_pretrained(shell_copy(base.model), str(directory / pole),
                                                  adapter_name=adapter_name(pole), is_trainable=False)
            else:
                model.load_adapter(str(directory / pole), adapter_name=adapter_name(pole), is_trainable=False)
    model.eval()
    return PoleExperts(model, base, poles, manifest)


def resolve_experts(spec: str | None, base: LoadedModel) -> PoleExperts | None:
    """Experts from what a user typed: None → the shipped ones when `base` is the embedded model they were
    trained for (else None); "default" → the shipped ones (an error for another base); "none" → None; a
    directory → its experts."""
    if spec == "none":
        return None
    if spec is None or spec == "default":
        if base.name == DEFAULT_MODEL and (DEFAULT_EXPERTS_DIR / MANIFEST).is_file():
            return load_experts(DEFAULT_EXPERTS_DIR, base)
        if spec == "default":
            raise ConfigError(f"the shipped pole experts were trained for {DEFAULT_MODEL}, not {base.name!r}; "
                              "train some with `personalign train-experts --model ...` and pass their directory")
        return None
    return load_experts(spec, base)
