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
