"""LoRA deltas on chosen rows of one batch: base rows and adapter rows in one forward.

A PersRM trained with LoRA is the base's weights plus low-rank deltas, so decoding can run base rows and
PersRM rows in one batch and read the weights once. PEFT can mix rows (`adapter_names`), but pays for it
in every LoRA layer at every step: hooks registered and removed per call, row-index lists rebuilt from
the name list per layer, one sub-batch gather and scatter per adapter. On a CPU at batch 1 that cost is
as large as a second forward (issue #16).

Here the row groups are set once per forward (`RowLoRAModel.route`), and each adapted projection does

    y = base(x);   y[rows_g] += s_g · B_g (A_g x[rows_g])        for each adapter group g

where a contiguous block of rows (the usual case: rows are role-major) is a view, so nothing is copied.
Projections that read the same input (q/k/v, gate/up) share one `x[rows_g] · [A_q; A_k; A_v]ᵀ` per adapter
(`_SharedInput`): one small matmul for the group instead of one per projection. On CPU with packed linears
(`models.packed_linear`) the A's go further, into the base's matmul (`_Fold`): one oneDNN call by the packed
[W_q; W_k; W_v; A's] gives the group's outputs and x·A of every row, leaving the B matmuls.
The adapted model is a *shell* of the plain model (new module objects over the same Parameter tensors,
`models.shell`), holding references to the adapters' own A/B Parameters: no weight is copied (but for the
folded packed copy), and an adapter trained in place stays in sync. Plain LoRA only (no DoRA or other
variants, no LoRA bias): a model with those raises `UnsupportedAdapter` and callers keep PEFT's path.
"""
from __future__ import annotations

import weakref
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext

import torch
from torch import nn

from personalign.models.packed_linear import is_packed, pack, packed_matmul
from personalign.models.shell import shell_copy, unwrapped


class UnsupportedAdapter(ValueError):
    """An adapter this fused path does not compute (DoRA, LoRA bias, dropout in training, non-Linear)."""


Rows = slice | torch.Tensor  # a contiguous block, or a LongTensor of row indices


class CandidateRows:
    """Rows whose logits are read only at another row's top-k tokens (plus fixed extra ids).

    PAD compares the PersRM's logits with the reference's only over T = top-k(z_base) (plus EOS with the
    guard), so a PersRM row needs its LM head on those few tokens, not on the whole vocabulary: at batch 1
    the LM head is the largest matmul of a small model. `source[r]` is the row whose top-k gives row r its
    tokens (-1: row r gets full logits). Other entries of a candidate row are -inf.
    """

    def __init__(self, source: Sequence[int], top_k: int, extra_ids: Sequence[int] = (), device=None):
        full = [r for r, s in enumerate(source) if s < 0]
        cand = [r for r, s in enumerate(source) if s >= 0]
        if any(source[s] >= 0 for s in source if s >= 0):
            raise ValueError("a candidate row's source must itself get full logits")
        position = {row: i for i, row in enumerate(full)}
        # The rows whose top-k is taken, in batch order, and which of them each candidate row reads.
        self.sources = sorted({source[r] for r in cand})
        order = {row: i for i, row in enumerate(self.sources)}
        self.full_rows = torch.tensor(full, dtype=torch.long, device=device)
        self.cand_rows = torch.tensor(cand, dtype=torch.long, device=device)
        self.source_pos = torch.tensor([position[row] for row in self.sources], dtype=torch.long, device=device)
        self.cand_source = torch.tensor([order[source[r]] for r in cand], dtype=torch.long, device=device)
        self.top_k = top_k
        self.extra_ids = torch.tensor(list(extra_ids), dtype=torch.long, device=device)
        # Set by each forward: the source rows' top-k token ids [len(sources), k] (None after a prefill),
        # so PAD's step reuses them instead of ranking the same logits again.
        self.top: torch.Tensor | None = None


class _Router:
    """What the forward in progress routes: adapter row groups, and rows with candidate-only logits."""

    def __init__(self) -> None:
        self.groups: list[tuple[str, Rows]] = []
        self.candidates: CandidateRows | None = None
        self.epoch = 0  # counts routes: what a projection group computed for one input stays within one
        self._flat: tuple[int, int, list] | None = None

    def set(self, groups: list[tuple[str, Rows]], candidates: CandidateRows | None) -> None:
        self.groups, self.candidates, self._flat = groups, candidates, None
        self.epoch += 1

    def flat_groups(self, per_row: int) -> list[tuple[str, Rows]]:
        """The groups as rows of the flattened [batch·positions, d] input (made once per forward)."""
        cached = self._flat
        if cached is not None and cached[0] == self.epoch and cached[1] == per_row:
            return cached[2]
        out: list[tuple[str, Rows]] = []
        for name, rows in self.groups:
            if isinstance(rows, slice):
                out.append((name, slice(rows.start * per_row, rows.stop * per_row)))
            elif per_row == 1:
                out.append((name, rows))
            else:
                out.append((name, (rows[:, None] * per_row + torch.arange(per_row, device=rows.device)).flatten()))
        self._flat = (self.epoch, per_row, out)
        return out


def _stamp(t: torch.Tensor) -> tuple:
    """What tells a tensor's current contents apart: storage, and in-place updates where tracked."""
    return (t.data_ptr(), 0 if t.is_inference() else t._version, t.dtype)


# Sibling projections that a decoder layer calls with one and the same input tensor.
SHARED_INPUTS = ({"q_proj", "k_proj", "v_proj"}, {"gate_proj", "up_proj"}, {"query", "key", "value"},
                 {"w1", "w3"})


class _SharedInput:
    """Projections that read the same input: per adapter, their A matrices as one [d, Σr] matrix.

    The first member called with an input computes x[rows] · A_catᵀ for the whole group; the others take
    their columns of it when called with that very tensor in the same forward (else they compute it
    afresh: correct for any caller). The concatenation is a copy, remade when an A is updated or moved.
    """

    def __init__(self, router: _Router) -> None:
        self.router = router
        self.members: list[RowLoRALinear] = []
        self._cat: dict[str, tuple] = {}
        self._input: tuple | None = None  # (x, epoch): whose products `_down` holds
        self._down: dict[str, torch.Tensor] = {}

    def _concat(self, name: str) -> tuple | None:
        members = [m for m in self.members if name in m.adapters]
        stamp = tuple(_stamp(m.adapters[name][0]) for m in members)
        cached = self._cat.get(name)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        weights = [m.adapters[name][0] for m in members]
        if len(members) < 2 or len({(w.dtype, w.device) for w in weights}) != 1:
            entry = None
        else:
            with torch.inference_mode(False), torch.no_grad():
                a_cat = torch.cat([w.detach() for w in weights], 0).t()
            offsets, start = {}, 0
            for m, w in zip(members, weights):
                offsets[id(m)] = slice(start, start + w.shape[0])
                start += w.shape[0]
            entry = (a_cat, offsets)
        self._cat[name] = (stamp, entry)
        return entry

    def down(self, layer: RowLoRALinear, name: str, x: torch.Tensor, xs: torch.Tensor) -> torch.Tensor | None:
        """`xs · A_layerᵀ` (xs = x's rows of this adapter) from the group's one product; None: not shared."""
        if self._input is None or self._input[0] is not x or self._input[1] != self.router.epoch:
            self._input, self._down = (x, self.router.epoch), {}
        hit = self._down.get(name)
        if hit is None:
            entry = self._concat(name)
            hit = self._down[name] = (torch.mm(xs.to(entry[0].dtype), entry[0]), entry[1]) if entry else False
        return hit[0][:, hit[1][id(layer)]] if hit else None


class _Fold:
    """Projections that read one input, on CPU: one oneDNN matmul by the packed [W_1; …; W_n; A's of every adapter].

    With the base's linears packed (`models.packed_linear`), a step's time at small batch is mostly calls, not
    arithmetic: the x·A of every adapter then rides in the base's own matmul (x·Aᵀ for every row, of which
    the routed rows are read), and q/k/v (gate/up) become one call, so what remains per projection is the
    B matmul added to its rows. Members' outputs are column views of the one product. The packed copy is
    made on first use and remade when a W, bias, A or B is updated or moved; it is one more copy of the
    adapted layers' weights. Used only where it computes what the unfolded path does (every member a
    packed linear, its A's and B's in the base's dtype on CPU, no gradient wanted), and only while the A's
    of all adapters, which every row multiplies whether routed or not, add at most a quarter to the base's
    columns: a server holding many users' adapters keeps the unfolded path.
    """

    def __init__(self, router: _Router, members: list[RowLoRALinear]) -> None:
        self.router, self.members = router, members
        # Every tensor the product and the B's read, each once (one adapter may sit under two names). The
        # shell's adapters are fixed when it is built; their tensors' contents are what `_plan` stamps.
        found: dict[int, torch.Tensor] = {}
        for m in members:
            found[id(m.base_layer.weight)] = m.base_layer.weight
            if m.base_layer.bias is not None:
                found[id(m.base_layer.bias)] = m.base_layer.bias
            for a, b, _ in m.adapters.values():
                found[id(a)], found[id(b)] = a, b
        self.tensors = list(found.values())
        self._plan: tuple | None = None  # (stamp, plan or None)
        self._input: tuple | None = None  # (x, epoch): whose outputs `_outputs` holds
        self._outputs: dict[int, torch.Tensor] = {}

    def plan(self) -> tuple | None:
        """(packed [Σout + Σr, in], bias, dtype, {id(member): base columns}, {adapter: [(base columns,
        A columns, Bᵀ, scale) per member]}); None where folding does not apply."""
        stamp = tuple(_stamp(t) for t in self.tensors)
        if self._plan is not None and self._plan[0] == stamp:
            return self._plan[1]
        weights, biases, base_cols, start = [], [], {}, 0
        for m in self.members:
            w, bias = m.base_layer.weight, m.base_layer.bias
            base_cols[id(m)] = slice(start, start + w.shape[0])
            weights.append(w.detach())
            biases.append(bias.detach() if bias is not None else w.new_zeros(w.shape[0]))
            start += w.shape[0]
        out_cols, a_cols, per_adapter = start, {}, {}
        for m in self.members:
            for name, (a, b, scale) in m.adapters.items():
                if id(a) not in a_cols:
                    a_cols[id(a)] = slice(start, start + a.shape[0])
                    weights.append(a.detach())
                    start += a.shape[0]
                per_adapter.setdefault(name, []).append((base_cols[id(m)], a_cols[id(a)], b.detach().t(), scale))
        plan = None
        kinds = {(t.dtype, t.device.type) for t in self.tensors}
        if (start - out_cols) * 4 <= out_cols and len(kinds) == 1 and next(iter(kinds))[1] == "cpu":
            with torch.inference_mode(False), torch.no_grad():
                packed = pack(torch.cat(weights, 0))
                bias = None
                if any(m.base_layer.bias is not None for m in self.members):
                    bias = torch.cat(biases + [weights[0].new_zeros(start - out_cols)])
            plan = (packed, bias, weights[0].dtype, base_cols, per_adapter)
        self._plan = (stamp, plan)
        return plan

    def output(self, layer: RowLoRALinear, x: torch.Tensor) -> torch.Tensor | None:
        """`layer`'s output for `x`, adapter rows included, from the group's one product; None: not folded."""
        if self._input is None or self._input[0] is not x or self._input[1] != self.router.epoch:
            if x.device.type != "cpu" or (torch.is_grad_enabled()
                                          and (x.requires_grad or any(t.requires_grad for t in self.tensors))):
                return None
            plan = self.plan()
            if plan is None or plan[2] != x.dtype:
                return None
            self._outputs, self._input = self._compute(x, plan), (x, self.router.epoch)
        out = self._outputs.pop(id(layer), None)
        if out is None:  # called twice with one input: compute again rather than hand out one tensor twice
            self._input = None
            return self.output(layer, x)
        if not self._outputs:
            self._input = None  # nothing held past the group's last member
        return out

    def _compute(self, x: torch.Tensor, plan: tuple) -> dict[int, torch.Tensor]:
        packed, bias, _, base_cols, per_adapter = plan
        y = packed_matmul(x.reshape(-1, x.shape[-1]), packed, bias)
        for name, flat in self.router.flat_groups(x.shape[1] if x.dim() == 3 else 1):
            todo = per_adapter.get(name)
            if todo is None:
                continue
            if isinstance(flat, slice):
                rows = y[flat]
                for cols, a_cols, b_t, scale in todo:
                    rows[:, cols].addmm_(rows[:, a_cols], b_t, alpha=scale)
            else:
                rows = y.index_select(0, flat)
                for cols, a_cols, b_t, scale in todo:
                    y[:, cols].index_add_(0, flat, torch.mm(rows[:, a_cols], b_t), alpha=scale)
        # Column views of the product: callers view them per head and concatenate them into the KV cache
        # (measured no slower than a contiguous copy: cat 17 µs a call either way).
        shape = x.shape[:-1]
        return {key: y[:, cols].view(*shape, cols.stop - cols.start) for key, cols in base_cols.items()}


class RowLoRALinear(nn.Module):
    """A projection whose output gets, for each routed group of rows, that group's adapter delta."""

    def __init__(self, base_layer: nn.Module, adapters: dict[str, tuple[torch.Tensor, torch.Tensor, float]],
                 router: _Router, shared: _SharedInput | None = None):
        super().__init__()
        self.base_layer = base_layer
        # Plain attributes, not submodules: the A/B Parameters belong to the adapter's own model.
        self.adapters = adapters
        self.router = router
        self.shared = shared
        self.fold: _Fold | None = None
        self._views: dict[str, tuple] = {}

    def _weights(self, name: str) -> tuple[torch.Tensor, torch.Tensor, float] | None:
        """(Aᵀ, Bᵀ, scale) as views of the adapter's own tensors (remade only if a tensor was moved)."""
        adapter = self.adapters.get(name)
        if adapter is None:
            return None
        a, b, scale = adapter
        key = (a.data_ptr(), b.data_ptr(), a.dtype, b.dtype)
        cached = self._views.get(name)
        if cached is None or cached[0] != key:
            cached = (key, (a.detach().t(), b.detach().t(), scale))
            self._views[name] = cached
        return cached[1]

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self.fold is not None:
            folded = self.fold.output(self, x)
            if folded is not None:
                return folded
        y = self.base_layer(x)
        if not self.router.groups:
            return y
        # 2-D views, so a group costs two small matmuls and no copy. The delta is computed in the adapter's
        # dtype, as PEFT does (fp32 adapters beside a bf16 base; small bf16 matmuls are also slow on CPUs).
        x2, y2 = x.reshape(-1, x.shape[-1]), y.view(-1, y.shape[-1])
        shared = self.shared
        for name, flat in self.router.flat_groups(x.shape[1] if x.dim() == 3 else 1):
            adapter = self._weights(name)
            if adapter is None:
                continue
            a_t, b_t, scale = adapter
            xs = x2[flat] if isinstance(flat, slice) else x2.index_select(0, flat)
            down = shared.down(self, name, x, xs) if shared is not None else None
            if down is None:
                down = torch.mm(xs.to(a_t.dtype), a_t)
            if isinstance(flat, slice):
                if down.dtype == y2.dtype:
                    y2[flat].addmm_(down, b_t, alpha=scale)
                else:
                    y2[flat].add_(torch.mm(down, b_t).to(y2.dtype), alpha=scale)
            else:
                y2.index_add_(0, flat, torch.mm(down, b_t).to(y2.dtype), alpha=scale)
        return y


class CandidateHead(nn.Module):
    """The LM head, computing candidate rows' logits only at their candidates (`CandidateRows`)."""

    def __init__(self, head: nn.Linear, router: _Router):
        super().__init__()
        self.head, self.router = head, router

    @property
    def weight(self) -> torch.Tensor:
        return self.head.weight

    def forward(self, hidden: torch.Tensor) -> torch.Tensor:
        spec = self.router.candidates
        if spec is None or hidden.shape[1] != 1 or not len(spec.cand_rows):
            if spec is not None:
                spec.top = None
            return self.head(hidden)
        full = self.head(hidden.index_select(0, spec.full_rows))  # [F, 1, V]
        vocab = full.shape[-1]
        spec.top = full[:, 0].index_select(0, spec.source_pos).topk(min(spec.top_k, vocab), dim=-1).indices
        tokens = spec.top.index_select(0, spec.cand_source)
        if len(spec.extra_ids):
            tokens = torch.cat([tokens, spec.extra_ids.expand(len(tokens), -1)], -1)
        rows = hidden[:, 0].index_select(0, spec.cand_rows)  # [C, d]
        values = torch.bmm(self.head.weight[tokens], rows[:, :, None]).squeeze(-1)  # [C, K]
        if self.head.bias is not None:
            values = values + self.head.bias[tokens]
        out = full.new_full((hidden.shape[0], 1, vocab), float("-inf"))
        out.index_copy_(0, spec.full_rows, full)
        picked = out.new_full((len(tokens), vocab), float("-inf")).scatter_(-1, tokens, values.to(out.dtype))
        out.index_copy_(0, spec.cand_rows, picked[:, None])
        return out


def lora_modules(model: nn.Module) -> dict[str, nn.Module]:
    """PEFT LoRA layers of a (PEFT-wrapped or injected) model by their name in the plain model."""
    inner = unwrapped(model)
    return {name: module for name, module in inner.named_modules()
            if hasattr(module, "lora_A") and hasattr(module, "base_layer") and hasattr(module, "scaling")}


def _adapters_of(layer: nn.Module, rename: Mapping[str, str] | None) -> dict:
    found = {}
    for adapter in layer.lora_A.keys():
        key = rename.get(adapter) if rename is not None else adapter
        if key is None:
            continue
        if adapter in getattr(layer, "lora_variant", {}) or getattr(layer, "use_dora", {}).get(adapter, False):
            raise UnsupportedAdapter(f"adapter {adapter!r} is not plain LoRA (DoRA or another variant)")
        if getattr(layer, "lora_bias", {}).get(adapter, False):
            raise UnsupportedAdapter(f"adapter {adapter!r} has a LoRA bias")
        a, b = layer.lora_A[adapter], layer.lora_B[adapter]
        if not (isinstance(a, nn.Linear) and isinstance(b, nn.Linear)):
            raise UnsupportedAdapter(f"adapter {adapter!r} adapts a {type(layer.base_layer).__name__} "
                                     "(only projections are fused)")
        found[key] = (a.weight, b.weight, float(layer.scaling[adapter]))
    return found


class RowLoRAModel(nn.Module):
    """A shell of `plain` in which LoRA adapters from `sources` apply to the rows each forward routes to them.

    `sources` maps a PEFT model (or an injected one) to how its adapters are named here: None keeps their
    own names, a dict renames them (adapters mapped to None are left out). `plain` may itself hold PEFT
    LoRA layers (a base model with per-user adapters): they become plain projections plus routed adapters.
    Call it like the causal LM, inside `route(...)`; rows routed to no adapter are the plain model.
    """

    def __init__(self, plain: nn.Module, sources: Sequence[tuple[nn.Module, Mapping[str, str] | None]] = ()):
        super().__init__()
        self.router = _Router()
        collected: dict[str, dict] = {}
        own = lora_modules(plain)
        for name, layer in own.items():
            collected.setdefault(name, {}).update(_adapters_of(layer, None))
        for model, rename in sources:
            for name, layer in lora_modules(model).items():
                collected.setdefault(name, {}).update(_adapters_of(layer, rename))
        shell = shell_copy(unwrapped(plain))
        groups: dict[tuple[str, int], _SharedInput] = {}
        folded: dict[int, list[RowLoRALinear]] = {}  # projections that read one input (or one alone)
        for name, adapters in collected.items():
            parent_name, _, child = name.rpartition(".")
            parent = shell.get_submodule(parent_name) if parent_name else shell
            current = getattr(parent, child)
            base_layer = current.base_layer if name in own else current
            shared = None
            for number, siblings in enumerate(SHARED_INPUTS):
                if child in siblings:
                    shared = groups.setdefault((parent_name, number), _SharedInput(self.router))
            layer = RowLoRALinear(base_layer, adapters, self.router, shared)
            if shared is not None:
                shared.members.append(layer)
            setattr(parent, child, layer)
            folded.setdefault(id(shared) if shared is not None else id(layer), []).append(layer)
        for members in folded.values():
            if all(type(m.base_layer) is nn.Linear and is_packed(m.base_layer) for m in members):
                fold = _Fold(self.router, members)
                for m in members:
                    m.fold = fold
        head = shell.get_output_embeddings() if hasattr(shell, "get_output_embeddings") else None
        if isinstance(head, nn.Linear) and hasattr(shell, "set_output_embeddings"):
            shell.set_output_embeddings(CandidateHead(head, self.router))
        self.model = shell
        self.adapter_names = sorted({key for adapters in collected.values() for key in adapters})

    @contextmanager
    def route(self, groups: Sequence[tuple[str, Rows]], candidates: CandidateRows | None = None) -> Iterator[None]:
        previous = self.router.groups, self.router.candidates
        self.router.set(list(groups), candidates)
        try:
            yield
        finally:
            self.router.set(*previous)

    def forward(self, **kwargs):
        return self.model(**kwargs)

    def get_output_embeddings(self) -> nn.Module:
        return self.model.get_output_embeddings()


def adapters_version(model: nn.Module) -> tuple:
    """What identifies the adapters a model holds now: names and tensor identities (a reload is a change).

    Read from one LoRA layer (every layer holds every adapter), found once and remembered.
    """
    layer = _first_layers.get(model)
    if layer is None or not hasattr(layer, "lora_A"):
        layer = next(iter(lora_modules(model).values()), None)
        if layer is None:
            return ()
        _first_layers[model] = layer
    return tuple(sorted((name, id(a.weight)) for name, a in layer.lora_A.items()))


_first_layers: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_shells: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def fused_shell(plain: nn.Module, sources: Sequence[tuple[nn.Module, Mapping[str, str] | None]] = (),
                on_build: Callable[[RowLoRAModel], None] | None = None,
                around_build: Callable[[], AbstractContextManager] | None = None) -> RowLoRAModel:
    """`RowLoRAModel(plain, sources)`, built once and rebuilt only when an adapter was added, dropped or reloaded.

    Servers load and drop per-user adapters between requests; building a shell walks the whole model, so
    it is cached per plain model and per set of sources. `on_build` runs once on each new shell;
    `around_build()` is a context entered only while a shell is built (e.g. to keep a hook from being copied).
    """
    key = (adapters_version(plain), tuple((id(m), adapters_version(m), tuple(sorted((r or {}).items())))
                                          for m, r in sources))
    per_plain = _shells.setdefault(plain, {})
    slot = tuple(id(m) for m, _ in sources)
    cached = per_plain.get(slot)
    if cached is not None and cached[0] == key:
        return cached[1]
    with around_build() if around_build is not None else nullcontext():
        shell = RowLoRAModel(plain, sources)
    if on_build is not None:
        on_build(shell)
    per_plain[slot] = (key, shell)
    return shell


def row_groups(names: Sequence[str | None], device: torch.device | str | None = None) -> list[tuple[str, Rows]]:
    """Each adapter's rows from a per-row list of adapter names (None: no adapter), as slices where contiguous."""
    groups: dict[str, list[int]] = {}
    for row, name in enumerate(names):
        if name is not None:
            groups.setdefault(name, []).append(row)
    out: list[tuple[str, Rows]] = []
    for name, rows in groups.items():
        if rows[-1] - rows[0] + 1 == len(rows):
            out.append((name, slice(rows[0], rows[-1] + 1)))
        else:
            out.append((name, torch.tensor(rows, dtype=torch.long, device=device)))
    return out
