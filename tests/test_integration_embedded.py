"""Integration on the real embedded SmolLM2-135M-Instruct (converted once, then cached)."""
import pytest

from personalign.decoding import Engine, pad_generate_nocache

pytestmark = pytest.mark.integration

PROMPT = "What is the capital of France?"
PREF = "Answer in one short sentence."


def test_embedded_model_loads_with_chat_template(embedded):
    assert embedded.model.config.model_type == "llama"
    assert embedded.tokenizer.chat_template
    assert embedded.tokenizer.eos_token == "<|im_end|>"


def test_pad_on_the_embedded_model_matches_the_nocache_reference(embedded):
    engine = Engine(embedded)
    result = engine.generate([PROMPT, "Name a fruit."], preference=PREF, strategy="pad", max_new_tokens=12)
    reference = pad_generate_nocache(embedded, embedded, PROMPT, PREF, max_new_tokens=12, eos_ids=engine.eos_ids)
    assert result.outputs[0].token_ids == reference
    assert "Paris" in result.outputs[0].text
    assert all(o.text.strip() for o in result.outputs)


def test_shipped_persrm_on_the_embedded_model(embedded):
    """The default PersRM loads on the embedded model's weights, PAD with it equals the no-cache
    reference, it steers, and its implicit reward orders held-out pairs mostly right."""
    from pathlib import Path

    from personalign.rewards.data import load_pairs
    from personalign.rewards.persrm import PersRM, resolve_reward_model
    from personalign.rewards.train import score_pairs

    persrm = resolve_reward_model(None, embedded)
    assert isinstance(persrm, PersRM) and persrm.config.recommended_weight
    engine = Engine(embedded, reward_model=persrm)
    assert engine.default_weight == persrm.config.recommended_weight
    short = "Answer in one short sentence."
    result = engine.generate([PROMPT], preference=short, strategy="pad", max_new_tokens=12)
    reference = pad_generate_nocache(embedded, persrm, PROMPT, short, weight=engine.default_weight,
                                     max_new_tokens=12, eos_ids=engine.eos_ids)
    assert result.outputs[0].token_ids == reference

    held = Path(__file__).resolve().parents[1] / "benchmarks" / "data" / "pairs_heldout.jsonl"
    # 8 held-out pairs per dimension. v2 scores 0.73 on all 378 held-out pairs (the backbone shown the
    # preference, i.e. before training: 0.53); v2 trades some style-pair accuracy for never preferring
    # drift or loops (model card), so the bar is "clearly above chance", not v1's 0.85.
    held_pairs = load_pairs(held)
    pairs = [p for d in ("length", "expertise", "tone") for p in [q for q in held_pairs if q.dimension == d][:8]]
    assert len(pairs) == 24
    assert score_pairs(persrm, pairs).accuracy() >= 0.65


def test_fused_persrm_path_equals_peft_on_the_embedded_model(embedded):
    """Issue #16: the fused row-LoRA PersRM forward gives PEFT's logits (fp32, atol 1e-4) and the same PAD tokens."""
    import torch

    from personalign.models import render_chat
    from personalign.models.batching import left_pad
    from personalign.rewards.persrm import resolve_reward_model

    persrm = resolve_reward_model(None, embedded)
    rows = [render_chat(embedded.tokenizer, PROMPT), persrm.reward_input_ids(PROMPT, PREF)]
    ids, mask, pos = left_pad(rows, embedded.tokenizer.pad_token_id, "cpu")
    flags = torch.tensor([False, True])
    logits = {}
    with torch.inference_mode():
        for fused in (True, False):
            persrm.fused = fused
            out = persrm.forward_mixed(flags, input_ids=ids, attention_mask=mask, position_ids=pos, use_cache=True,
                                       logits_to_keep=1)
            steps, m, p = [out.logits[:, -1]], mask, mask.sum(-1, keepdim=True)
            for token in (504, 3458):
                m = torch.cat([m, torch.ones_like(m[:, :1])], -1)
                out = persrm.forward_mixed(flags, input_ids=torch.full((2, 1), token), attention_mask=m,
                                           position_ids=p, cache=out.cache, use_cache=True)
                steps.append(out.logits[:, -1])
                p = p + 1
            logits[fused] = torch.stack(steps)
    # The CPU fold (A packed into the base matmul, 21e917c) re-blocks the fp32 sums: measured max difference
    # 1.03e-4 on 2 of 294,912 logits, both near zero; the PAD tokens below must still be identical.
    torch.testing.assert_close(logits[True], logits[False], atol=2e-4, rtol=1e-4)
    engine = Engine(embedded, reward_model=persrm)
    tokens = {}
    for fused in (True, False):
        persrm.fused = fused
        result = engine.generate([PROMPT, "How do I make tea?"], preference=[PREF, "Explain it like I'm five."],
                                 strategy="pad", max_new_tokens=24)
        tokens[fused] = [o.token_ids for o in result.outputs]
    persrm.fused = True
    assert tokens[True] == tokens[False]


def test_device_check_passes_on_cpu(capsys, monkeypatch):
    """benchmarks/device_check.py (what a GPU session runs) passes its own checks where CI can run it."""
    import importlib.util
    import sys
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "benchmarks" / "device_check.py"
    spec = importlib.util.spec_from_file_location("device_check", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(sys, "argv", ["device_check.py", "--device", "cpu", "--tokens", "6"])
    with pytest.raises(SystemExit) as done:
        module.main()
    lines = [line for line in capsys.readouterr().out.splitlines() if line[:4] in ("ok  ", "FAIL")]
    assert done.value.code == 0, lines
    assert [line.split(":")[0][5:] for line in lines] == ["fused-logits", "fused-tokens", "reference-guarded",
                                                           "reference-guard-off", "weight-0"]
