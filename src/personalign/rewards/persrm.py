"""The personalized reward model (PersRM) that PAD consults at every decoding step.

Architecture (PAD, Chen et al. 2025, as in the authors' release): a causal-LM backbone with LoRA adapters,
and a d×d linear *value head* applied to the last hidden state just before the LM head. The PersRM is
therefore itself a language model: one forward gives next-token logits z_R over the whole vocabulary,
which PAD compares with the base logits token by token. The value head starts as the identity with zero
bias and LoRA's B matrices start at zero, so a fresh PersRM is exactly its backbone.

The preference reaches the PersRM as text through a documented template (`reward_input_ids`); the
template is saved with the model, so a trained PersRM is always fed the way it was trained.

Weight sharing: `PersRM.create(base)` / `PersRM.from_pretrained(dir, base=base)` reuse the base model's
parameter tensors instead of loading a second copy. PEFT injects its LoRA layers into a *shell* of the
base model — new module objects that hold the very same Parameter tensors — so `base.model` itself is
never modified and keeps computing the plain base logits for the engine, judges or anyone else holding
it. Inside the PersRM the backbone can still be run with adapters and value head off
(`backbone_only()`), and a single batch can mix base rows and PersRM rows (`forward_mixed`).
"""
from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

import torch
from torch import nn

from personalign.errors import ConfigError, ModelNotFoundError, PersonalignError
from personalign.models import LoadedModel, render_chat
from personalign.models.kv_cache import cache_kwargs, given_cache, returned_cache
from personalign.models.preference_block import PREFERENCE_SYSTEM_TEMPLATE, preference_items, preference_system_prompt
from personalign.models.row_lora import CandidateRows, RowLoRAModel, UnsupportedAdapter, fused_shell, row_groups
from personalign.models.shell import quiet_peft, shell_copy, unwrapped, weights_fingerprint

FORMAT = "personalign-persrm"
FORMAT_VERSION = 1
CONFIG_FILE = "persrm_config.json"
VALUE_HEAD_FILE = "value_head.safetensors"
# The PersRM trained by this project for the embedded SmolLM2-135M-Instruct (see its MODEL_CARD.md).
DEFAULT_PERSRM_DIR = Path(__file__).resolve().parent / "default_persrm"
PERSRM_ADAPTER = "__persrm__"  # the PersRM's adapter in a fused row-LoRA shell (never a user's adapter name)

# Template "user-prefix": the layout described for the authors' release — a guideline block naming
# the principles at the start of the user turn, followed by the instruction. No system turn.
# The exact wording of the release's block is not public; override `template_text` to match a checkpoint.
AUTHORS_USER_TEMPLATE = "# Guidelines\nRespond in a way that is {preferences}.\n\n# Instruction\n{prompt}"

# Template "system-block" (personalign's default): the chat template of the backbone with a system turn
# that carries the preference as delimited data — the very template prompting uses, so the preference is
# framed as data about style inside tags it cannot close, never as instructions.
TEMPLATES = {"system-block": PREFERENCE_SYSTEM_TEMPLATE, "user-prefix": AUTHORS_USER_TEMPLATE}


@dataclass
class PersRMConfig:
    """Everything needed to rebuild a PersRM, written to `persrm_config.json`.

    `backbone` is what `personalign.models.load` accepts (embedded name, path or hub id). `stages`
    records what training did (steps, learning rates, final metrics), `data_hash` the training pairs.
    """

    backbone: str
    template: str = "system-block"
    template_text: str = PREFERENCE_SYSTEM_TEMPLATE
    beta: float = 0.1
    lora_r: int = 16
    lora_alpha: int = 32
    lora_dropout: float = 0.0
    lora_targets: str | list[str] = "all-linear"
    reference_input: str = "base"  # what the DPO reference read in training: "base" = prompt alone, as PAD
    data_hash: str | None = None
    stages: dict = field(default_factory=dict)
    hidden_size: int | None = None
    vocab_size: int | None = None
    backbone_fingerprint: list[float] | None = None
    merged: bool = False  # True for the authors' release layout: LoRA already merged into the weights
    recommended_weight: float | None = None  # PAD weight w its held-out benchmark was run with

    def validate(self) -> PersRMConfig:
        if self.template not in TEMPLATES and self.template != "custom":
            raise ConfigError(f"unknown PersRM template {self.template!r}; choose one of {sorted(TEMPLATES)}")
        needed = ("{preferences}", "{prompt}") if self.template == "user-prefix" else ("{preferences}",)
        for slot in needed:
            if slot not in self.template_text:
                raise ConfigError(f"PersRM template text must contain {slot}")
        if not (self.beta > 0) or self.beta != self.beta:
            raise ConfigError(f"beta must be a positive number, got {self.beta!r}")
        if self.lora_r < 1 or self.lora_alpha <= 0:
            raise ConfigError("LoRA rank must be >= 1 and alpha > 0")
        if not 0.0 <= self.lora_dropout < 1.0:
            raise ConfigError("LoRA dropout must be in [0, 1)")
        return self

    @property
    def per_token_dpo(self) -> bool:
        """Trained on per-token log-ratios (`train-rm --length-normalize`): scoring and refreshing must use them."""
        return bool(self.stages.get("length_normalize", False))

    def to_dict(self) -> dict:
        return {"format": FORMAT, "format_version": FORMAT_VERSION, **asdict(self)}

    @classmethod
    def from_dict(cls, data: dict) -> PersRMConfig:
        if data.get("format") != FORMAT:
            raise ConfigError(f"not a personalign PersRM config (format {data.get('format')!r})")
        if int(data.get("format_version", 0)) > FORMAT_VERSION:
            raise ConfigError(f"PersRM format version {data['format_version']} is newer than this personalign")
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in data.items() if k in known})


def default_persrm_path() -> Path:
    """The shipped PersRM's directory (trained for the embedded SmolLM2-135M-Instruct)."""
    if not (DEFAULT_PERSRM_DIR / CONFIG_FILE).is_file():
        raise ConfigError(f"the default PersRM is missing from this installation ({DEFAULT_PERSRM_DIR})")
    return DEFAULT_PERSRM_DIR


TRAINING_FREE = ("base", "none", "training-free")


def resolve_reward_model(spec: str | None, base: LoadedModel, device: str = "auto", dtype: str = "auto"):
    """The reward model PAD should use with `base`, from what a user typed.

    None / "default": the shipped PersRM when `base` is the embedded model it was trained for, else None
    (training-free PAD). "base" / "none" / "training-free": None. A directory holding a saved PersRM: that
    PersRM on `base`'s weights. Anything else: a causal LM loaded by `personalign.models.load`.
    """
    from personalign.models import DEFAULT_MODEL, load

    if spec is None or spec == "default":
        if base.name == DEFAULT_MODEL and (DEFAULT_PERSRM_DIR / CONFIG_FILE).is_file():
            return PersRM.from_pretrained(DEFAULT_PERSRM_DIR, base=base)
        if spec == "default":
            raise ConfigError(f"the default PersRM was trained for {DEFAULT_MODEL}, not {base.name!r}; "
                              "pass --reward-model base (training-free PAD) or a PersRM trained for it")
        return None
    if spec in TRAINING_FREE:
        return None
    if (Path(spec) / CONFIG_FILE).is_file():
        return PersRM.from_pretrained(spec, base=base, device=device, dtype=dtype)
    return load(spec, device=device, dtype=dtype)


class PersRMOutput:
    """What HF causal LMs return, reduced to what PAD and training read: the cache under both of its names."""

    __slots__ = ("logits", "cache")

    def __init__(self, logits, cache):
        self.logits, self.cache = logits, cache

    @property
    def past_key_values(self):
        return self.cache


class PersRMModel(nn.Module):
    """The PersRM as an HF-style causal LM: `forward(input_ids, ...) -> .logits/.cache`.

    Holds the (PEFT-wrapped) backbone and the value head, so `.parameters()`, `.to()` and
    `.state_dict()` cover the whole reward model.
    """

    def __init__(self, backbone: nn.Module, value_head: nn.Linear):
        super().__init__()
        self.backbone = backbone
        self.value_head = value_head
        # Which rows get the value head: True = all, False = none, a bool tensor [B] = those rows.
        self._head_rows: bool | torch.Tensor = True
        head = _output_embeddings(backbone)
        # A pre-hook on the LM head sees exactly "the last hidden state before the LM head", already
        # sliced by logits_to_keep and after any final norm, for every architecture alike.
        self._hook = head.register_forward_pre_hook(self._apply_value_head)

    @contextmanager
    def value_head_hook_off(self) -> Iterator[None]:
        """Without the hook on the backbone's LM head: a shell copied meanwhile does not copy the hook."""
        self._hook.remove()
        try:
            yield
        finally:
            self._hook = _output_embeddings(self.backbone).register_forward_pre_hook(self._apply_value_head)

    def _apply_value_head(self, module, args):
        rows = self._head_rows
        if rows is False:
            return None
        hidden = args[0]
        mapped = self.value_head(hidden.to(self.value_head.weight.dtype)).to(hidden.dtype)
        if rows is not True:
            mapped = torch.where(rows.view(-1, *([1] * (hidden.dim() - 1))), mapped, hidden)
        return (mapped, *args[1:])

    def forward(self, input_ids=None, attention_mask=None, position_ids=None, past_key_values=None,
                use_cache=None, logits_to_keep: int | torch.Tensor = 0, inputs_embeds=None, cache=None, **kwargs):
        if not (isinstance(logits_to_keep, int) and logits_to_keep == 0):
            kwargs["logits_to_keep"] = logits_to_keep  # only then: some architectures lack the argument
        out = self.backbone(input_ids=input_ids, attention_mask=attention_mask, position_ids=position_ids,
                            use_cache=use_cache, inputs_embeds=inputs_embeds,
                            **cache_kwargs(given_cache(cache, past_key_values)), **kwargs)
        return PersRMOutput(out.logits, returned_cache(out))

    @contextmanager
    def head_rows(self, rows: bool | torch.Tensor) -> Iterator[None]:
        previous, self._head_rows = self._head_rows, rows
        try:
            yield
        finally:
            self._head_rows = previous


def _output_embeddings(model: nn.Module) -> nn.Module:
    base = unwrapped(model)
    head = base.get_output_embeddings() if hasattr(base, "get_output_embeddings") else None
    if head is None:
        raise ConfigError(f"{type(base).__name__} has no output embeddings (LM head): not a causal LM")
    return head


def _identity_head(d: int, dtype, device) -> nn.Linear:
    head = nn.Linear(d, d, bias=True, dtype=dtype, device=device)
    with torch.no_grad():
        head.weight.copy_(torch.eye(d, dtype=dtype, device=device))
        head.bias.zero_()
    return head


class PersRM:
    """A personalized reward model: `.model` (PersRMModel), `.tokenizer`, `.name`, `.config`.

    Build a fresh one for training with `PersRM.create(base, config)`; load a trained one with
    `PersRM.from_pretrained(dir, base=...)`; load the authors' released layout with
    `PersRM.from_authors_release(dir)`. Pass it to the engine as `Engine(base, reward_model=persrm)`: it
    is what the engine needs from a reward model (`personalign.decoding.RewardModel`).
    """

    def __init__(self, model: PersRMModel, tokenizer, config: PersRMConfig, name: str | None = None):
        self.model = model
        self.tokenizer = tokenizer
        self.config = config.validate()
        self.name = name or f"persrm({config.backbone})"
        # forward_mixed's path: True = the fused row-LoRA shell (models.row_lora), False = PEFT's
        # adapter_names. Both compute the same logits; the fused one is the fast one (issue #16).
        self.fused = True

    # ------------------------------------------------------------------------------ construction
    @classmethod
    def create(cls, base: LoadedModel, config: PersRMConfig | None = None, **overrides) -> PersRM:
        """A fresh PersRM on `base`'s weights: zero-B LoRA + identity value head = exactly the base."""
        from peft import LoraConfig, get_peft_model

        config = config or PersRMConfig(backbone=base.name)
        for key, value in overrides.items():
            setattr(config, key, value)
        config.validate()
        shell = shell_copy(base.model)
        lora = LoraConfig(r=config.lora_r, lora_alpha=config.lora_alpha, lora_dropout=config.lora_dropout,
                          target_modules=config.lora_targets, bias="none", task_type="CAUSAL_LM")
        try:
            with quiet_peft():
                peft_model = get_peft_model(shell, lora)
        except ValueError as exc:
            raise ConfigError(f"cannot add LoRA adapters to {base.name!r}: {exc}") from exc
        return cls._assemble(peft_model, base, config)

    @classmethod
    def _assemble(cls, backbone: nn.Module, base: LoadedModel, config: PersRMConfig,
                  head_state: dict | None = None) -> PersRM:
        inner = unwrapped(backbone)
        d = inner.get_input_embeddings().weight.shape[1]
        config.hidden_size = d
        config.vocab_size = inner.get_input_embeddings().weight.shape[0]
        if config.backbone_fingerprint is None:
            config.backbone_fingerprint = weights_fingerprint(inner)
        # fp32 even on a bf16 backbone: the head is d×d (negligible next to the model), and stage 2 trains it
        head = _identity_head(d, torch.float32, base.device)
        if head_state is not None:
            _check_head_shapes(head_state, d)
            with torch.no_grad():
                head.weight.copy_(head_state["weight"].to(head.weight.dtype))
                if head_state.get("bias") is not None:
                    head.bias.copy_(head_state["bias"].to(head.bias.dtype))
        model = PersRMModel(backbone, head).eval()
        return cls(model, base.tokenizer, config, name=f"persrm({base.name})")

    @classmethod
    def from_pretrained(cls, path: str | Path, base: LoadedModel | None = None, device: str | None = "auto",
                        dtype: str | None = "auto") -> PersRM:
        """Load a PersRM saved by `save_pretrained`.

        With `base` (a LoadedModel of the same backbone) its weights are reused, not loaded again;
        `device`/`dtype` are then the base's. Without it the backbone named in the config is loaded.
        """
        from peft import PeftModel

        path = Path(path)
        config = _read_config(path)
        if config.merged:
            raise ConfigError(f"{path} holds a merged PersRM; load it with PersRM.from_authors_release")
        if not (path / "adapter_config.json").is_file():
            raise ModelNotFoundError(f"{path} has no adapter_config.json: not a saved PersRM")
        if base is None:
            from personalign.models import load

            try:
                base = load(config.backbone, device=device, dtype=dtype)
            except ModelNotFoundError as exc:
                raise ModelNotFoundError(f"{exc}; pass base= with the PersRM's backbone") from exc
        _check_same_backbone(base, config)
        shell = shell_copy(base.model)
        with quiet_peft():
            peft_model = PeftModel.from_pretrained(shell, str(path), is_trainable=False)
        return cls._assemble(peft_model, base, config, head_state=_read_value_head(path / VALUE_HEAD_FILE))

    @classmethod
    def from_authors_release(cls, path: str | Path, device: str | None = "auto", dtype: str | None = "auto",
                             template: str = "user-prefix", template_text: str | None = None) -> PersRM:
        """Load the authors' released layout: a merged full model directory plus a value-head file.

        The value head may be `value_head.safetensors`, `.bin` or `.pt`, holding a d×d `weight` and
        a d `bias` (any key prefix, e.g. `v_head.weight`). The release has no adapters (LoRA is merged),
        so `backbone_only()` and `forward_mixed` are unavailable: use a separately loaded base.
        """
        from personalign.models import load

        path = Path(path)
        head_file = next((path / f"value_head.{ext}" for ext in ("safetensors", "bin", "pt")
                          if (path / f"value_head.{ext}").is_file()), None)
        if head_file is None:
            raise ModelNotFoundError(f"{path} has no value_head.safetensors/.bin/.pt file")
        base = load(str(path), device=device, dtype=dtype)
        config = PersRMConfig(backbone=str(path), template=template,
                              template_text=template_text or TEMPLATES.get(template, ""), merged=True)
        config.validate()
        persrm = cls._assemble(base.model, base, config, head_state=_read_value_head(head_file))
        persrm.name = f"persrm({path.name})"
        return persrm

    # ------------------------------------------------------------------------------------ saving
    def save_pretrained(self, path: str | Path, save_dtype: torch.dtype | None = None) -> Path:
        """Write the LoRA adapter (PEFT format), `value_head.safetensors` and `persrm_config.json`.

        `save_dtype` (e.g. torch.float16) stores the trained tensors at that precision — half the size,
        as the shipped default does; loading casts them back to the backbone's dtype.
        """
        from safetensors.torch import load_file, save_file

        if self.config.merged:
            raise ConfigError("a merged (authors' release) PersRM has no adapter to save")
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        self.model.backbone.save_pretrained(str(path), save_embedding_layers=False)  # LoRA targets no embeddings
        # PEFT records the local cache path of the backbone and writes a template card; neither says
        # anything true about a PersRM elsewhere: name the backbone as `load` knows it, drop the template.
        adapter_config = path / "adapter_config.json"
        if adapter_config.is_file():
            data = json.loads(adapter_config.read_text(encoding="utf-8"))
            data["base_model_name_or_path"] = self.config.backbone
            adapter_config.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        card = path / "README.md"
        if card.is_file() and "Model Card for Model ID" in card.read_text(encoding="utf-8", errors="replace"):
            card.unlink()
        head = self.model.value_head
        cast = save_dtype or torch.float32
        save_file({"weight": head.weight.detach().to(cast).cpu().contiguous(),
                   "bias": head.bias.detach().to(cast).cpu().contiguous()}, str(path / VALUE_HEAD_FILE))
        adapter_file = path / "adapter_model.safetensors"
        if save_dtype is not None and adapter_file.is_file():
            state = load_file(str(adapter_file))
            save_file({k: v.to(save_dtype).contiguous() for k, v in state.items()}, str(adapter_file),
                      metadata={"format": "pt"})
        (path / CONFIG_FILE).write_text(json.dumps(self.config.to_dict(), indent=2, ensure_ascii=False) + "\n",
                                        encoding="utf-8")
        return path

    # ------------------------------------------------------------------------------------ inputs
    def reward_input_ids(self, prompt: str, preference: str | Sequence[str] | None) -> list[int]:
        """Token ids the PersRM reads for (prompt, preference), ending with the assistant's turn.

        `system-block`: the backbone's chat template, system turn = PREFERENCE_SYSTEM_TEMPLATE with one
        "- preference" line per item. `user-prefix`: AUTHORS_USER_TEMPLATE as the user turn.
        Without a preference both give the plain chat of the prompt (what the base model reads).
        """
        items = preference_items(preference) if preference is not None else []
        if not items:
            return render_chat(self.tokenizer, prompt)
        if self.config.template == "user-prefix":
            text = self.config.template_text.format(preferences=" and ".join(items), prompt=prompt)
            return render_chat(self.tokenizer, text)
        return render_chat(self.tokenizer, prompt,
                           system=preference_system_prompt(items, template=self.config.template_text))

    # ----------------------------------------------------------------------------------- running
    @property
    def device(self) -> torch.device:
        return next(self.model.parameters()).device

    @property
    def has_adapters(self) -> bool:
        return hasattr(self.model.backbone, "disable_adapter")

    @property
    def recommended_weight(self) -> float | None:
        """PAD's w its held-out benchmark was run with (None: not recorded)."""
        return self.config.recommended_weight

    def shares_weights_with(self, base: LoadedModel) -> bool:
        """True when the LoRA wraps the very tensors of `base`: one batch may then mix its rows and the base's.

        So it is after `create(base)` and `from_pretrained(..., base=base)`; the batch runs `forward_mixed`.
        """
        if not self.has_adapters:
            return False
        ours = unwrapped(self.model.backbone).get_input_embeddings().weight
        return ours.data_ptr() == base.model.get_input_embeddings().weight.data_ptr()

    def lora_parameters(self) -> list[nn.Parameter]:
        return [p for n, p in self.model.backbone.named_parameters() if "lora_" in n]

    def value_head_parameters(self) -> list[nn.Parameter]:
        return list(self.model.value_head.parameters())

    @contextmanager
    def backbone_only(self) -> Iterator[None]:
        """Run `self.model` as the plain backbone: adapters and value head off (the DPO reference).

        PEFT's own switch also flips `requires_grad` of the adapter weights; the flags are restored,
        so a frozen LoRA (stage 2) stays frozen.
        """
        if not self.has_adapters:
            raise ConfigError("this PersRM has merged adapters; its backbone cannot be run without them")
        flags = [(p, p.requires_grad) for p in self.lora_parameters()]
        try:
            with self.model.backbone.disable_adapter(), self.model.head_rows(False):
                yield
        finally:
            for p, flag in flags:
                p.requires_grad_(flag)

    def forward_mixed(self, persrm_rows: torch.Tensor, input_ids=None, attention_mask=None, position_ids=None,
                      past_key_values=None, use_cache=None, logits_to_keep: int | torch.Tensor = 0,
                      candidates: CandidateRows | None = None, base_adapters: list[str | None] | None = None,
                      base_model: nn.Module | None = None, cache=None, **kwargs):
        """One forward in which rows where `persrm_rows` is True are the PersRM and the others the base.

        The value head applies to the PersRM rows only, so a base stream and a PersRM stream can share
        one batched forward and one KV cache. Each decode step must pass the same `persrm_rows` as the
        prefill (reorder it together with the cache when rows are pruned). Inference only.

        With `self.fused` (default) the rows run through the fused row-LoRA shell (`fused_over`), where
        the other rows may also carry per-user adapters: `base_adapters` names one per row (None: none)
        of `base_model`, a PEFT model over the same weights. `candidates` limits some rows' LM head to
        their candidate tokens, as PAD reads them. Without the fused path (`self.fused = False`, or
        adapters it cannot compute) PEFT's per-row `adapter_names` run the PersRM rows, and per-user
        adapters are refused.
        """
        if not self.has_adapters:
            raise ConfigError("forward_mixed needs a PersRM with LoRA adapters (not a merged release)")
        rows = torch.as_tensor(persrm_rows, dtype=torch.bool, device=self.device)
        if input_ids is not None and rows.shape[0] != input_ids.shape[0]:
            raise ConfigError(f"persrm_rows has {rows.shape[0]} entries for a batch of {input_ids.shape[0]}")
        flags, kv = rows.tolist(), cache_kwargs(given_cache(cache, past_key_values))
        others = base_adapters if base_adapters is not None else [None] * len(flags)
        fused = self.fused_over(base_model) if not self.model.training else None
        if fused is None and any(name is not None for name in others):
            raise ConfigError("per-user adapters can share a batch with PersRM rows only on the fused path")
        with self.model.head_rows(rows):
            if fused is not None:
                names = [PERSRM_ADAPTER if f else other for f, other in zip(flags, others)]
                with fused.route(row_groups(names, rows.device), candidates):
                    out = fused(input_ids=input_ids, attention_mask=attention_mask, position_ids=position_ids,
                                use_cache=use_cache, **kv, **_keep_kwargs(logits_to_keep), **kwargs)
            else:
                active = self.model.backbone.active_adapter
                out = self.model.backbone(input_ids=input_ids, attention_mask=attention_mask,
                                          position_ids=position_ids, use_cache=use_cache, **kv,
                                          logits_to_keep=logits_to_keep,
                                          adapter_names=[active if f else "__base__" for f in flags], **kwargs)
        return PersRMOutput(out.logits, returned_cache(out))

    def fused_over(self, model: nn.Module | None = None) -> RowLoRAModel | None:
        """A fused row-LoRA shell: `model`'s own adapters (per-user LoRAs) plus this PersRM's as `PERSRM_ADAPTER`.

        `model` defaults to the PersRM's backbone; a base model holding per-user adapters lets the users'
        rows and the PersRM's rows share one forward. The value head applies to the rows of `head_rows`.
        None where the fused path cannot compute the adapters (PEFT's path is then used).
        """
        if not self.fused or not self.has_adapters:
            return None
        backbone = self.model.backbone
        plain = backbone if model is None else model
        try:
            return fused_shell(plain, [(backbone, {backbone.active_adapter: PERSRM_ADAPTER})],
                               on_build=lambda shell: shell.get_output_embeddings().register_forward_pre_hook(
                                   self.model._apply_value_head),
                               around_build=self.model.value_head_hook_off)
        except UnsupportedAdapter:
            self.fused = False
            return None


def _keep_kwargs(logits_to_keep) -> dict:
    # Only when set: some architectures lack the argument.
    return {} if isinstance(logits_to_keep, int) and logits_to_keep == 0 else {"logits_to_keep": logits_to_keep}


# ---------------------------------------------------------------------------------------- files
def _read_config(path: Path) -> PersRMConfig:
    file = path / CONFIG_FILE
    if not file.is_file():
        raise ModelNotFoundError(f"{path} has no {CONFIG_FILE}: not a saved PersRM")
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{file} is not valid JSON: {exc}") from exc
    return PersRMConfig.from_dict(data).validate()


def _read_value_head(file: Path) -> dict:
    if not file.is_file():
        raise ModelNotFoundError(f"value head file {file} is missing")
    if file.suffix == ".safetensors":
        from safetensors.torch import load_file

        state = load_file(str(file))
    else:
        try:
            state = torch.load(file, map_location="cpu", weights_only=True)
        except Exception as exc:  # pickles of whole modules are refused by weights_only
            raise PersonalignError(f"cannot read {file} as a tensor state dict: {exc}".splitlines()[0]) from exc
        if isinstance(state, nn.Module):
            state = state.state_dict()
    if not isinstance(state, dict):
        raise PersonalignError(f"{file} does not hold a state dict")
    weights = {k: v for k, v in state.items() if k.split(".")[-1] == "weight" and torch.is_tensor(v)}
    biases = {k: v for k, v in state.items() if k.split(".")[-1] == "bias" and torch.is_tensor(v)}
    if len(weights) != 1 or len(biases) > 1:
        raise PersonalignError(f"{file} must hold one weight and at most one bias, found keys {sorted(state)}")
    return {"weight": next(iter(weights.values())).float(),
            "bias": next(iter(biases.values())).float() if biases else None}


def _check_head_shapes(state: dict, d: int) -> None:
    weight, bias = state["weight"], state.get("bias")
    if tuple(weight.shape) != (d, d) or (bias is not None and tuple(bias.shape) != (d,)):
        raise ConfigError(f"value head has weight {tuple(weight.shape)} / bias "
                          f"{None if bias is None else tuple(bias.shape)}; the backbone needs ({d}, {d}) / ({d},)")


def _check_same_backbone(base: LoadedModel, config: PersRMConfig) -> None:
    emb = base.model.get_input_embeddings().weight
    if config.vocab_size is not None and (emb.shape[0], emb.shape[1]) != (config.vocab_size, config.hidden_size):
        raise ConfigError(f"base model {base.name!r} has embeddings {tuple(emb.shape)}; the PersRM was trained "
                          f"on {config.backbone!r} with ({config.vocab_size}, {config.hidden_size})")
    if config.backbone_fingerprint is not None:
        # Tolerant comparison: the same backbone in bf16 and fp32 must still match.
        ours = torch.tensor(weights_fingerprint(base.model))
        theirs = torch.tensor(config.backbone_fingerprint)
        if ours.shape != theirs.shape or not torch.allclose(ours, theirs, rtol=2e-2, atol=2e-3):
            raise ConfigError(f"base model {base.name!r} is not the backbone this PersRM was trained on "
                              f"({config.backbone!r}): its weights differ")
