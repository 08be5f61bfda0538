"""The KV cache passes under the installed transformers' own name: no deprecated `past_key_values` anywhere."""
import warnings

import pytest
import torch

from personalign.models.kv_cache import CACHE_ARG, cache_kwargs, given_cache, returned_cache
from personalign.models.tiny import tiny_llama
from personalign.rewards.dpo import answer_logps, build_batch
from personalign.rewards.persrm import PersRM, PersRMOutput


def test_helpers():
    assert cache_kwargs(None) == {}
    assert cache_kwargs("kv") == {CACHE_ARG: "kv"}
    assert given_cache(cache="a") == "a" and given_cache(past_key_values="b") == "b" and given_cache() is None
    with pytest.raises(TypeError, match="not both"):
        given_cache("a", "b")
    out = PersRMOutput(torch.zeros(1), "kv")
    assert out.cache == out.past_key_values == returned_cache(out) == "kv"


def _deprecations(record) -> list[str]:
    return [str(w.message) for w in record if "past_key_values" in str(w.message)]


def test_pad_with_persrm_and_dpo_pass_the_cache_under_the_current_name(tiny_tok):
    from personalign.decoding import Engine

    base = tiny_llama(tiny_tok, seed=3)
    persrm = PersRM.create(base)
    engine = Engine(base, reward_model=persrm)
    tok = base.tokenizer
    batch = build_batch([tok.encode("Hi there")], [tok.encode(" hello friend")], [tok.encode(" go away now")],
                        tok.pad_token_id)
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        engine.generate(["Hi", "How do I bake bread?"], preference="Be brief.", strategy="pad", weight=1.0,
                        top_k=5, max_new_tokens=6)
        shared = answer_logps(persrm.model, batch, share_context=True)
    assert _deprecations(record) == []
    # The cache really served the shared-context pass: it equals the full-rows pass.
    torch.testing.assert_close(shared, answer_logps(persrm.model, batch, share_context=False), atol=1e-5, rtol=1e-5)


def test_persrm_forward_takes_either_name(tiny_tok):
    base = tiny_llama(tiny_tok, seed=3)
    persrm = PersRM.create(base)
    ids = torch.tensor([[5, 7, 9]])
    with torch.no_grad():
        first = persrm.model(input_ids=ids, use_cache=True)
        new = persrm.model(input_ids=torch.tensor([[11]]), cache=first.cache, use_cache=True,
                           position_ids=torch.tensor([[3]]))
        full = persrm.model(input_ids=torch.tensor([[5, 7, 9, 11]]))
        torch.testing.assert_close(new.logits[:, -1], full.logits[:, -1], atol=1e-5, rtol=1e-5)
        again = persrm.model(input_ids=ids, use_cache=True)
        with warnings.catch_warnings(record=True):  # the old name still works (transformers may warn about it)
            old = persrm.model(input_ids=torch.tensor([[11]]), past_key_values=again.cache, use_cache=True,
                               position_ids=torch.tensor([[3]]))
        torch.testing.assert_close(old.logits, new.logits)
        with pytest.raises(TypeError, match="not both"):
            persrm.model(input_ids=ids, cache=first.cache, past_key_values=first.cache)
