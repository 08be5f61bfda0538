"""Bottom layer: loading causal LMs (the embedded SmolLM2 included) and building tiny test models."""
from personalign.models.chat import encode_text, render_chat, render_messages, same_vocabulary
from personalign.models.loader import (
    DEFAULT_MODEL,
    EMBEDDED_MODELS,
    LoadedModel,
    cache_dir,
    embedded_cache_path,
    load,
    resolve_device,
    resolve_dtype,
)

__all__ = [
    "DEFAULT_MODEL",
    "EMBEDDED_MODELS",
    "LoadedModel",
    "cache_dir",
    "encode_text",
    "embedded_cache_path",
    "load",
    "render_chat",
    "render_messages",
    "resolve_device",
    "resolve_dtype",
    "same_vocabulary",
]
