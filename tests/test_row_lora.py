"""The fused row-LoRA path (issue #16) computes what PEFT's mixed-batch path computes, rows and cache alike."""
import pytest
import torch

from personalign.decoding import Engine
from personalign.models import render_chat
from personalign.models.packed_linear import available, pack_linears
from personalign.models.row_lora import RowLoRAModel, UnsupportedAdapter, row_groups
from personalign.models.tiny import tiny_gpt2, tiny_llama
from personalign.rewards.persrm import PersRM

PROMPTS = ["What is the capital of France?", "hi there", "How do I bake bread?"]
PREFS = ["Keep it short and friendly.", "Answer in detail with examples.", "Be blunt."]
WIDE = 128  # hidden size at which r-16 A's add at most a quarter to every projection's columns (they fold)


def _need_packing():
    if not available(torch.float32):
        pytest.skip("this torch build has no oneDNN linear")


def _trained(base, seed=0) -> PersRM:
    persrm = PersRM.create(base)
    gen = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for p in persrm.lora_parameters():
            p.copy_(torch.randn(p.shape, generator=gen) * 0.2)
        persrm.model.value_head.weight.add_(torch.randn(persrm.model.value_head.weight.shape, generator=gen) * 0.1)
    return persrm


def _inputs(base, persrm, rows_are_rm):
    texts = iter(zip(PROMPTS * 2, PREFS * 2))
    rows = []
    for is_rm in rows_are_rm:
        prompt, pref = next(texts)
        rows.append(persrm.reward_input_ids(prompt, pref) if is_rm else render_chat(base.tokenizer, prompt))
    width = max(map(len, rows))
    ids = torch.full((len(rows), width), base.tokenizer.pad_token_id)
    mask = torch.zeros_like(ids)
    for i, r in enumerate(rows):
        ids[i, width - len(r):], mask[i, width - len(r):] = torch.tensor(r), 1
    return ids, mask, (mask.cumsum(-1) - 1).clamp(min=0)


def _run(persrm, flags, ids, mask, pos, fused: bool, steps=3):
    """Prefill plus `steps` cached decode steps; the logits of every step."""
    persrm.fused = fused
    flags = torch.tensor(flags)
    out = persrm.forward_mixed(flags, input_ids=ids, attention_mask=mask, position_ids=pos, use_cache=True)
    logits, position = [out.logits[:, -1]], mask.sum(-1, keepdim=True)
    for t in range(steps):
        mask = torch.cat([mask, torch.ones_like(mask[:, :1])], -1)
        tokens = torch.full((ids.shape[0], 1), 5 + 3 * t)
        out = persrm.forward_mixed(flags, input_ids=tokens, attention_mask=mask, position_ids=position,
                                   cache=out.cache, use_cache=True)
        logits.append(out.logits[:, -1])
        position = position + 1
    return torch.stack(logits)


@pytest.mark.parametrize("make", [tiny_llama, tiny_gpt2])
@pytest.mark.parametrize("flags", [[False, False, True, True], [True, False, True, False], [True, True]])
def test_fused_logits_equal_peft_mixed_path(tiny_tok, make, flags):
    base = make(tiny_tok, seed=4)
    persrm = _trained(base)
    ids, mask, pos = _inputs(base, persrm, flags)
    with torch.inference_mode():
        fused = _run(persrm, flags, ids, mask, pos, fused=True)
        assert persrm.fused_over() is not None  # the fused path really ran
        peft = _run(persrm, flags, ids, mask, pos, fused=False)
    torch.testing.assert_close(fused, peft, atol=1e-4, rtol=1e-4)
    # Rows differ by role: the PersRM rows really carry the adapter and the value head.
    rm, plain = [i for i, f in enumerate(flags) if f], [i for i, f in enumerate(flags) if not f]
    if plain:
        assert not torch.allclose(fused[:, rm[0]], fused[:, plain[0]])


def test_fused_leaves_base_and_peft_model_alone(tiny_tok):
    base = tiny_llama(tiny_tok, seed=4)
    persrm = _trained(base)
    ids, mask, pos = _inputs(base, persrm, [False, True])
    with torch.inference_mode():
        before = base.model(input_ids=ids, attention_mask=mask, position_ids=pos).logits
        rm_before = persrm.model(input_ids=ids, attention_mask=mask, position_ids=pos).logits
        _run(persrm, [False, True], ids, mask, pos, fused=True)
        torch.testing.assert_close(base.model(input_ids=ids, attention_mask=mask, position_ids=pos).logits, before)
        torch.testing.assert_close(persrm.model(input_ids=ids, attention_mask=mask, position_ids=pos).logits,
                                   rm_before)
    # The shell shares every tensor: no weight was copied.
    shared = {p.data_ptr() for p in base.model.parameters()}
    fused_params = {p.data_ptr() for p in persrm.fused_over().parameters()}
    assert fused_params <= shared | {p.data_ptr() for p in persrm.lora_parameters()}
    # An adapter changed in place (training) is what the fused path uses next.
    with torch.no_grad():
        for p in persrm.lora_parameters():
            p.mul_(2.0)
    with torch.inference_mode():
        torch.testing.assert_close(_run(persrm, [False, True], ids, mask, pos, fused=True),
                                   _run(persrm, [False, True], ids, mask, pos, fused=False), atol=1e-4, rtol=1e-4)


def test_pad_tokens_identical_fused_and_peft(tiny_tok):
    base = tiny_llama(tiny_tok, seed=7)
    persrm = _trained(base, seed=5)
    engine = Engine(base, reward_model=persrm)
    runs = {}
    for fused in (True, False):
        persrm.fused = fused
        result = engine.generate(PROMPTS, preference=PREFS, strategy="pad", weight=1.5, top_k=8, max_new_tokens=16)
        runs[fused] = [o.token_ids for o in result.outputs]
    assert runs[True] == runs[False]
    plain = engine.generate(PROMPTS, strategy="base", max_new_tokens=16)
    assert runs[True] != [o.token_ids for o in plain.outputs]


def test_row_groups_slices_where_contiguous():
    groups = row_groups([None, "a", "a", None, "b", None, "b"])
    assert groups[0] == ("a", slice(1, 3))
    assert groups[1][0] == "b" and groups[1][1].tolist() == [4, 6]
    assert row_groups([None, None]) == []


def test_unsupported_adapters_are_refused_and_persrm_falls_back(tiny_tok, monkeypatch):
    from peft import LoraConfig, get_peft_model

    import personalign.rewards.persrm as persrm_module
    from personalign.models.shell import quiet_peft, shell_copy

    base = tiny_llama(tiny_tok, seed=4)
    with quiet_peft():
        dora = get_peft_model(shell_copy(base.model), LoraConfig(r=4, target_modules="all-linear", use_dora=True))
    with pytest.raises(UnsupportedAdapter, match="DoRA"):
        RowLoRAModel(dora)

    def refuse(*args, **kwargs):
        raise UnsupportedAdapter("test")

    # A PersRM whose adapters the fused path cannot compute keeps PEFT's path and the same logits.
    persrm = _trained(base)
    monkeypatch.setattr(persrm_module, "fused_shell", refuse)
    ids, mask, pos = _inputs(base, persrm, [False, True])
    with torch.inference_mode():
        out = _run(persrm, [False, True], ids, mask, pos, fused=True)
        assert persrm.fused is False and persrm.fused_over() is None
        torch.testing.assert_close(out, _run(persrm, [False, True], ids, mask, pos, fused=False))


def test_candidate_rows_get_exact_logits_at_their_source_top_k(tiny_tok):
    from personalign.models.row_lora import CandidateRows

    base = tiny_llama(tiny_tok, seed=4)
    persrm = _trained(base)
    flags = [False, False, True, True]
    ids, mask, pos = _inputs(base, persrm, flags)
    spec = CandidateRows([-1, -1, 0, 1], top_k=5, extra_ids=[3])
    with torch.inference_mode():
        full = persrm.forward_mixed(torch.tensor(flags), input_ids=ids, attention_mask=mask, position_ids=pos,
                                    logits_to_keep=1).logits[:, -1]
        part = persrm.forward_mixed(torch.tensor(flags), input_ids=ids, attention_mask=mask, position_ids=pos,
                                    logits_to_keep=1, candidates=spec).logits[:, -1]
    torch.testing.assert_close(part[:2], full[:2])
    for row, source in ((2, 0), (3, 1)):
        tokens = torch.cat([full[source].topk(5).indices, torch.tensor([3])])
        torch.testing.assert_close(part[row, tokens], full[row, tokens], atol=1e-5, rtol=1e-5)
        others = torch.ones_like(part[row], dtype=torch.bool)
        others[tokens] = False
        assert torch.isinf(part[row, others]).all()
    with pytest.raises(ValueError, match="source"):
        CandidateRows([-1, 0, 1], top_k=2)


def test_fp32_adapters_on_a_bf16_base_match_peft_and_follow_an_update(tiny_tok):
    from personalign.models import LoadedModel

    plain = tiny_llama(tiny_tok, seed=4)
    base = LoadedModel(model=plain.model.to(torch.bfloat16), tokenizer=tiny_tok, name="tiny-bf16")
    persrm = _trained(base)
    with torch.no_grad():  # PEFT's default beside a half-precision base: adapters in fp32
        for p in persrm.lora_parameters():
            p.data = p.data.float()
    ids, mask, pos = _inputs(base, persrm, [False, True])
    with torch.inference_mode():
        fused = _run(persrm, [False, True], ids, mask, pos, fused=True)
        peft = _run(persrm, [False, True], ids, mask, pos, fused=False)

    def close_in_bf16(ours, peft):
        # Both compute the delta in the adapters' fp32 and add it to a bf16 output.
        torch.testing.assert_close(ours.float(), peft.float(), atol=0.02, rtol=0.02)

    close_in_bf16(fused, peft)
    with torch.no_grad():
        for p in persrm.lora_parameters():
            p.mul_(3.0)
    with torch.inference_mode():
        changed = _run(persrm, [False, True], ids, mask, pos, fused=True)
        close_in_bf16(changed, _run(persrm, [False, True], ids, mask, pos, fused=False))
    assert not torch.allclose(changed[:, 1].float(), fused[:, 1].float(), atol=0.1)


def test_user_adapters_and_persrm_rows_share_one_fused_forward(multi_user_base):
    """Issue #16 item 3: users' adapters and the PersRM's rows in one batch, each row what it would be alone."""
    base, persrm = multi_user_base
    engine = Engine(base, reward_model=persrm)
    names = ["alice", "bob", None]
    seen = []
    original = persrm.forward_mixed

    def spy(rows, **kwargs):
        seen.append((rows.tolist(), kwargs.get("base_adapters")))
        return original(rows, **kwargs)

    persrm.forward_mixed = spy
    try:
        mixed = engine.generate(PROMPTS, preference=PREFS, strategy="pad", adapters=names, weight=1.0, top_k=8,
                                max_new_tokens=12)
    finally:
        del persrm.forward_mixed
    assert seen[0] == ([False] * 3 + [True] * 3, names * 2)  # one forward: users' rows, then PersRM rows
    for prompt, pref, name, out in zip(PROMPTS, PREFS, names, mixed.outputs):
        # Reference: the user's adapter active on the whole PEFT model (PEFT's path), the PersRM alone.
        if name is None:
            with base.model.disable_adapter():
                alone = engine.generate(prompt, preference=pref, strategy="pad", weight=1.0, top_k=8,
                                        max_new_tokens=12)
        else:
            base.model.set_adapter(name)
            alone = engine.generate(prompt, preference=pref, strategy="pad", weight=1.0, top_k=8, max_new_tokens=12)
        assert out.token_ids == alone.outputs[0].token_ids, name
    assert mixed.outputs[0].token_ids != mixed.outputs[1].token_ids


@pytest.fixture(params=["plain", "packed"])
def multi_user_base(tiny_tok, request):
    from peft import LoraConfig, get_peft_model

    from personalign.models import LoadedModel
    from personalign.models.shell import quiet_peft, shell_copy

    if request.param == "plain":
        plain = tiny_llama(tiny_tok, seed=0)
    else:  # packed linears, wide enough that the PersRM's and both users' A's fold into the base's matmuls
        _need_packing()
        plain = tiny_llama(tiny_tok, seed=0, hidden_size=WIDE)
        pack_linears(plain.model)
    persrm = _trained(plain, seed=2)
    config = LoraConfig(r=4, lora_alpha=8, target_modules=["q_proj", "v_proj"], init_lora_weights=False)
    with quiet_peft():
        model = get_peft_model(shell_copy(plain.model), config, adapter_name="alice")
    model.add_adapter("bob", config)
    gen = torch.Generator().manual_seed(9)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if "lora_B" in name:
                p.copy_(torch.randn(p.shape, generator=gen) * 0.5)
    model.eval()
    return LoadedModel(model=model, tokenizer=tiny_tok, name="tiny-users"), persrm


def test_projections_reading_one_input_share_one_down_matmul(tiny_tok, monkeypatch):
    """q/k/v and gate/up compute x·A for their adapter once per group; the logits are those of one matmul each."""
    from personalign.models.row_lora import RowLoRALinear

    base = tiny_llama(tiny_tok, seed=4)
    persrm = _trained(base)
    shell = persrm.fused_over()
    layers = [m for m in shell.modules() if isinstance(m, RowLoRALinear)]
    groups = {id(m.shared): m.shared for m in layers if m.shared is not None}
    n_layers = base.model.config.num_hidden_layers
    assert sorted(len(g.members) for g in groups.values()) == [2] * n_layers + [3] * n_layers
    ids, mask, pos = _inputs(base, persrm, [False, True])
    calls = []
    real_mm = torch.mm

    def counting_mm(*args, **kwargs):
        calls.append(1)
        return real_mm(*args, **kwargs)

    def run():
        calls.clear()
        with monkeypatch.context() as patch:
            patch.setattr(torch, "mm", counting_mm)
            out = _run(persrm, [False, True], ids, mask, pos, fused=True, steps=1)
        return out, len(calls)

    with torch.inference_mode():
        shared, shared_calls = run()
        for m in layers:
            m.shared = None
        alone, alone_calls = run()
    # Per layer and forward: one x·A for q/k/v, one for gate/up, one each for o and down (B: addmm in place).
    assert shared_calls == 2 * 4 * n_layers and alone_calls == 2 * 7 * n_layers
    torch.testing.assert_close(shared, alone, atol=1e-5, rtol=1e-5)


def test_pad_step_reuses_the_top_k_the_fused_head_ranked(tiny_tok, monkeypatch):
    """The fused LM head ranks the base rows' logits for the PersRM rows; PAD's step takes that ranking."""
    import personalign.decoding.engine as engine_module

    base = tiny_llama(tiny_tok, seed=7)
    persrm = _trained(base, seed=5)
    seen = []
    original = engine_module.pad_step

    def spy(z_base, rewards, top_k, guard=None, history=None, top=None):
        if top is not None:
            seen.append(torch.equal(top, z_base.topk(top_k).indices))
        return original(z_base, rewards, top_k, guard, history, top)

    monkeypatch.setattr(engine_module, "pad_step", spy)
    for model in (persrm, base):  # the PersRM's rows, and training-free PAD's
        seen.clear()
        Engine(base, reward_model=model).generate(PROMPTS, preference=PREFS, strategy="pad", top_k=8,
                                                  max_new_tokens=6, eos_candidate=False)
        assert seen and all(seen)


def _count_calls(patch, owner, name) -> list:
    calls, real = [], getattr(owner, name)

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    patch.setattr(owner, name, counting)
    return calls


@pytest.mark.parametrize("flags", [[False, False, True, True], [True, False, True, False]])
def test_a_folded_into_the_packed_base_matmul_matches_peft_and_follows_updates(tiny_tok, monkeypatch, flags):
    """With packed linears, x·A rides in the base's one matmul per q/k/v, o, gate/up, down; same logits as PEFT."""
    import personalign.models.row_lora as row_lora

    _need_packing()
    base = tiny_llama(tiny_tok, seed=4, hidden_size=WIDE)
    pack_linears(base.model)
    persrm = _trained(base)
    n_layers = base.model.config.num_hidden_layers
    ids, mask, pos = _inputs(base, persrm, flags)

    def run(fused: bool):
        with monkeypatch.context() as patch:
            packed, mm = _count_calls(patch, row_lora, "packed_matmul"), _count_calls(patch, torch, "mm")
            out = _run(persrm, flags, ids, mask, pos, fused=fused, steps=1)
        return out, len(packed), len(mm)

    def check():
        with torch.inference_mode():
            (fused, packed, mm), (peft, *_) = run(True), run(False)
        torch.testing.assert_close(fused, peft, atol=1e-4, rtol=1e-4)
        # Prefill and one step: one packed product per group and layer; no x·A of its own. Rows that are
        # no block (index_add) still take B by one mm per projection.
        assert packed == 2 * 4 * n_layers
        assert mm == (0 if flags[-1] and flags[-2] else 2 * 7 * n_layers)
        return fused

    before = check()
    with torch.no_grad():  # a training step in place: the A's and a base weight
        for p in persrm.lora_parameters():
            p.mul_(1.5)
        base.model.model.layers[0].self_attn.q_proj.weight.mul_(0.5)
    after = check()
    assert not torch.allclose(after, before, atol=1e-3)
    # With a gradient wanted the shell keeps the unfolded path (training never reads a packed copy).
    with torch.enable_grad():
        for p in persrm.lora_parameters():
            p.requires_grad_(True)
        _, packed, _ = run(True)
    assert packed == 0


def test_pad_tokens_identical_folded_and_peft(tiny_tok, monkeypatch):
    import personalign.models.row_lora as row_lora

    _need_packing()
    base = tiny_llama(tiny_tok, seed=7, hidden_size=WIDE)
    pack_linears(base.model)
    persrm = _trained(base, seed=5)
    engine = Engine(base, reward_model=persrm)
    runs, folded = {}, _count_calls(monkeypatch, row_lora, "packed_matmul")
    for fused in (True, False):
        persrm.fused = fused
        result = engine.generate(PROMPTS, preference=PREFS, strategy="pad", weight=1.5, top_k=8, max_new_tokens=16)
        runs[fused] = [o.token_ids for o in result.outputs]
        assert bool(folded) == fused  # the fused run really folded, PEFT's did not
        folded.clear()
    assert runs[True] == runs[False]
