"""Adapters on a loaded model without touching it: a shell around the same weight tensors, and their fingerprint.

PEFT replaces Linear modules inside the model it wraps. Wrapping a *shell* (new module objects holding
the very same Parameter tensors) leaves the caller's model as it was while no weight is copied; the
PersRM and the per-user DPO adapters are both built this way. The fingerprint tells whether saved
adapters were made for the weights at hand.
"""
from __future__ import annotations

import copy
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

import torch
from torch import nn


def shell_copy(model: nn.Module) -> nn.Module:
    """New module objects around the same Parameter/buffer tensors: no weight is copied.

    Tensors shared inside the model (tied embeddings) stay shared in the shell.
    """
    memo = {id(t): t for t in model.parameters()}
    memo.update({id(t): t for t in model.buffers()})
    return copy.deepcopy(model, memo)


def unwrapped(model: nn.Module) -> nn.Module:
    """The model under a PEFT wrapper; the model itself when it has none."""
    return model.get_base_model() if hasattr(model, "get_base_model") else model


def weights_fingerprint(model: nn.Module) -> list[float]:
    """A few input-embedding values that tell one set of weights from another (rounded: dtype-tolerant)."""
    # Rows spread over the vocabulary: the first rows are often special tokens that fine-tunes barely touch.
    emb = model.get_input_embeddings().weight
    rows = torch.linspace(0, emb.shape[0] - 1, 8).long().to(emb.device)
    return [round(float(v), 4) for v in emb[rows, :4].detach().float().flatten().cpu()]


@contextmanager
def quiet_peft() -> Iterator[None]:
    """Silence PEFT's warnings that carry nothing for a user of this project."""
    with warnings.catch_warnings():
        # GPT-2 style Conv1D layers: PEFT switches fan_in_fan_out on by itself and says so.
        warnings.filterwarnings("ignore", message=".*fan_in_fan_out.*")
        # PEFT probes a transformers attribute that transformers 5 deprecates; nothing for users to do.
        warnings.filterwarnings("ignore", message=".*is_gradient_checkpointing.*", category=FutureWarning)
        yield
