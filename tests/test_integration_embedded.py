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
