"""The KV cache's name in a Hugging Face causal LM's call and output, whichever transformers is installed.

transformers 5 renamed `past_key_values` to `cache`, in the forward's arguments and in its outputs; the old name
still works, with a FutureWarning, and goes in 5.40. The installed version's output classes tell
which name it speaks, so every forward in this project passes the cache as `**cache_kwargs(cache)` and reads it
back with `returned_cache(out)`: no warning on new versions, no unknown argument on old ones.
"""
from __future__ import annotations

from typing import Any

from transformers.modeling_outputs import CausalLMOutputWithPast

CACHE_ARG = "cache" if "cache" in getattr(CausalLMOutputWithPast, "__dataclass_fields__", {}) else "past_key_values"


def cache_kwargs(cache: Any) -> dict[str, Any]:
    """The keyword argument that hands `cache` to a causal LM's forward (none when there is no cache)."""
    return {} if cache is None else {CACHE_ARG: cache}


def returned_cache(out: Any) -> Any:
    """The KV cache a causal LM's forward returned (None when it returned none)."""
    return getattr(out, CACHE_ARG, None)


def given_cache(cache: Any = None, past_key_values: Any = None) -> Any:
    """The cache a forward that accepts either name was given (for wrappers called like a causal LM)."""
    if cache is not None and past_key_values is not None:
        raise TypeError("give the KV cache as `cache` or as `past_key_values`, not both")
    return cache if cache is not None else past_key_values
