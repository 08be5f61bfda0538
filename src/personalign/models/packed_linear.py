"""Linear layers with their weights prepacked for oneDNN, for decoding on CPU.

A decoding step multiplies a handful of rows (the batch, plus PAD's reward rows) by every weight matrix.
PyTorch's default CPU matmul repacks the weight into its kernel's layout on every call, so on this project's
2-core host two rows cost twice one row, and PAD's base + PersRM rows cost twice the base (issue #16).
oneDNN can reorder a weight once into its blocked layout and reuse it; then a step costs little more for
two rows than for one, and one row also gets faster. Measured per call on 2 threads, fp32, m rows:

    576 -> 1536:   default 77 µs (m=1) / 146 µs (m=2);   packed 55 / 51 µs
    576 -> 49152:  default 14.3 ms (m=1) / 28.5 ms (m=2); packed 5.7 / 7.2 ms   (SmolLM2's LM head)

`pack_linears(model)` swaps the forward of every `nn.Linear` (PEFT's LoRA layers call their base layer, so
they are covered too) for one that uses a packed copy when no gradient is wanted, and the module's own
`F.linear` otherwise (training is untouched). The packed copy is remade when the weight tensor changes (an
optimizer step, `load_state_dict`), and costs a second copy of the weights in memory: `load(...,
packed_linears=False)` or `PERSONALIGN_PACKED_LINEARS=0` turns it off. Results match `F.linear` to float
rounding (different summation order), as any change of BLAS kernel does.
"""
from __future__ import annotations

import os
import types

import torch
import torch.nn.functional as F
from torch import nn

_DTYPES = (torch.float32, torch.bfloat16)
_ATTR = "_personalign_packed"  # on the weight tensor: ((version, data_ptr), packed copy); dies with the weight


def available(dtype: torch.dtype = torch.float32) -> bool:
    """Whether this torch build can run packed oneDNN linears for `dtype` on CPU (checked once per dtype)."""
    if dtype not in _DTYPES:
        return False
    if dtype not in _available:
        _available[dtype] = _probe(dtype)
    return _available[dtype]


_available: dict[torch.dtype, bool] = {}


def _probe(dtype: torch.dtype) -> bool:
    if not (torch.backends.mkldnn.is_available() and hasattr(torch.ops.mkldnn, "_linear_pointwise")):
        return False
    if dtype == torch.bfloat16 and not torch.ops.mkldnn._is_mkldnn_bf16_supported():
        return False
    try:
        w, x = torch.randn(8, 16, dtype=dtype), torch.randn(3, 16, dtype=dtype)
        packed = torch.ops.mkldnn._reorder_linear_weight(w, None)
        y = torch.ops.mkldnn._linear_pointwise(x, packed, None, "none", [], "")
        return bool(torch.allclose(y.float(), F.linear(x, w).float(), atol=1e-2, rtol=1e-2))
    except (RuntimeError, NotImplementedError, TypeError):
        return False


def enabled_by_default() -> bool:
    return os.environ.get("PERSONALIGN_PACKED_LINEARS", "1").strip().lower() not in ("0", "false", "no", "off")


def pack(weight: torch.Tensor) -> torch.Tensor:
    """A oneDNN-packed copy of `weight` [out, in], made now (callers keep it and stamp it themselves)."""
    with torch.no_grad():
        return torch.ops.mkldnn._reorder_linear_weight(weight.detach(), None)


def packed_matmul(x: torch.Tensor, packed: torch.Tensor, bias: torch.Tensor | None) -> torch.Tensor:
    """`x [N, in] · Wᵀ + bias` with W's packed copy (`pack`, `packed_weight`)."""
    return torch.ops.mkldnn._linear_pointwise(x, packed, bias, "none", [], "")


def packed_weight(weight: torch.Tensor) -> torch.Tensor:
    """The oneDNN-packed copy of `weight`, remade when the tensor was changed in place or re-pointed."""
    key = (weight._version, weight.data_ptr())
    entry = getattr(weight, _ATTR, None)
    if entry is None or entry[0] != key:
        entry = (key, pack(weight))
        setattr(weight, _ATTR, entry)
    return entry[1]


def is_packed(module: nn.Module) -> bool:
    """Whether `pack_linears` routed this layer through packed weights."""
    return getattr(module.__dict__.get("forward"), "__func__", None) is _packed_forward


def _packed_forward(self: nn.Linear, x: torch.Tensor) -> torch.Tensor:
    w = self.weight
    if (x.device.type != "cpu" or w.device.type != "cpu" or x.dtype != w.dtype
            or (torch.is_grad_enabled() and (x.requires_grad or w.requires_grad))):
        return F.linear(x, w, self.bias)
    flat = x.reshape(-1, x.shape[-1])
    out = torch.ops.mkldnn._linear_pointwise(flat, packed_weight(w), self.bias, "none", [], "")
    return out.reshape(*x.shape[:-1], out.shape[-1])


def pack_linears(model: nn.Module) -> int:
    """Route every CPU `nn.Linear` of `model` whose dtype oneDNN supports through packed weights; returns how many.

    A no-op (0) where the build or the device cannot. Idempotent.
    """
    count = 0
    for module in model.modules():
        if type(module) is not nn.Linear or module.weight.device.type != "cpu" or not available(module.weight.dtype):
            continue
        if getattr(module.forward, "__func__", None) is not _packed_forward:
            module.forward = types.MethodType(_packed_forward, module)
        count += 1
    return count


def unpack_linears(model: nn.Module) -> None:
    """Back to `F.linear` for every layer `pack_linears` routed."""
    for module in model.modules():
        if is_packed(module):
            del module.forward
