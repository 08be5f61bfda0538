"""ARGS with a sequence classifier as its reward (issue 17, item 3): the KV-cached path and the whole-chat path
against slow references that score every candidate's full sequence from scratch; w = 0 is base greedy."""
import pytest
import torch

from personalign.decoding import ClassifierReward, Engine
from personalign.models import render_chat, render_messages

PROMPTS = ["What is the capital of France?", "hi", "How do I bake bread?"]
PREF = "Answer in one short sentence."
UNGUARDED = {"min_p": 0.0, "eos_candidate": False, "no_repeat_ngram": 0}


@pytest.fixture(scope="module")
def classifier(tiny_tok):
    """A tiny Llama sequence classifier over the tiny tokenizer (one label)."""
    from transformers import LlamaConfig, LlamaForSequenceClassification

    torch.manual_seed(3)
    config = LlamaConfig(vocab_size=len(tiny_tok), hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                         num_attention_heads=4, num_key_value_heads=2, num_labels=1, pad_token_id=None,
                         max_position_embeddings=512)
    model = LlamaForSequenceClassification(config).eval()
    with torch.no_grad():
        model.score.weight.mul_(20.0)  # rewards spread widely enough to overrule the base's preferences
    return model


def _rm(model, seq: list[int]) -> float:
    """The classifier's own forward on one unpadded sequence (pad id unset: it reads the last token)."""
    saved, model.config.pad_token_id = model.config.pad_token_id, None
    try:
        with torch.inference_mode():
            return float(model(input_ids=torch.tensor([seq])).logits[0, 0])
    finally:
        model.config.pad_token_id = saved


def _args_reference(base, model, tok, prompt, pref, weight, top_k, steps, eos, text=False):
    """ARGS without any cache: every step re-encodes the base's prefix and scores each top-k candidate's whole
    chat with the classifier — as the base's token ids, or (text=True) re-rendered from the decoded answer."""
    open_chat = render_messages(tok, [{"role": "system", "content": pref}, {"role": "user", "content": prompt}],
                                add_generation_prompt=True)

    def chat(answer_ids):
        if text:
            answer = tok.decode(answer_ids, skip_special_tokens=True)
            return render_messages(tok, [{"role": "system", "content": pref}, {"role": "user", "content": prompt},
                                         {"role": "assistant", "content": answer}], add_generation_prompt=False)
        closed = render_messages(tok, [{"role": "system", "content": pref}, {"role": "user", "content": prompt},
                                       {"role": "assistant", "content": ""}], add_generation_prompt=False)
        assert closed[:len(open_chat)] == open_chat
        return open_chat + answer_ids + closed[len(open_chat):]

    ctx, out, reward = render_chat(tok, prompt), [], None
    with torch.inference_mode():
        for _ in range(steps):
            z = base.model(input_ids=torch.tensor([ctx + out])).logits[0, -1].float()
            logp = z.log_softmax(-1)
            cands = z.topk(top_k).indices.tolist()
            rewards = [_rm(model, chat(out + ([] if a == eos else [a]))) for a in cands]
            scores = [float(logp[a]) + weight * r for a, r in zip(cands, rewards)]
            best = max(range(len(cands)), key=scores.__getitem__)
            out.append(cands[best])
            reward = weight * rewards[best]
            if cands[best] == eos:
                break
    return out, reward


@pytest.mark.parametrize("cached", [True, False])
def test_args_classifier_equals_a_reference_that_scores_every_full_sequence(tiny_base, tiny_tok, classifier,
                                                                            monkeypatch, cached):
    reward = ClassifierReward(classifier, tiny_tok)
    assert reward.cacheable(tiny_tok)
    if not cached:
        monkeypatch.setattr(ClassifierReward, "cacheable", lambda self, tokenizer: False)
    engine = Engine(tiny_base, args_reward=reward)
    result = engine.generate(PROMPTS, preference=PREF, strategy="args", weight=0.5, top_k=5, max_new_tokens=10,
                             **UNGUARDED)
    assert result.extras["kv_cached"] is cached and result.extras["reward_model"] == reward.name
    base = Engine(tiny_base).generate(PROMPTS, strategy="base", max_new_tokens=10)
    for prompt, out in zip(PROMPTS, result.outputs):
        ref, ref_reward = _args_reference(tiny_base, classifier, tiny_tok, prompt, PREF, 0.5, 5, 10,
                                          tiny_tok.eos_token_id, text=not cached)
        assert out.token_ids == ref
        assert out.reward == pytest.approx(ref_reward, abs=1e-3)
    assert [o.token_ids for o in result.outputs] != [o.token_ids for o in base.outputs]  # the reward steers


def test_args_classifier_with_zero_weight_is_base_greedy(tiny_base, tiny_tok, classifier):
    engine = Engine(tiny_base, args_reward=ClassifierReward(classifier, tiny_tok))
    args = engine.generate(PROMPTS, preference=PREF, strategy="args", weight=0.0, max_new_tokens=12, **UNGUARDED)
    base = engine.generate(PROMPTS, strategy="base", max_new_tokens=12)
    assert [o.token_ids for o in args.outputs] == [o.token_ids for o in base.outputs]


def test_args_classifier_batched_rows_equal_single_rows_with_the_guard(tiny_base, tiny_tok, classifier):
    """Rows of different lengths, several preferences, the guard (EOS candidate: the closed chat) and a row that
    stops early (a stop string only its answer holds): the cache is pruned, expanded and cut back row by row."""
    engine = Engine(tiny_base, args_reward=ClassifierReward(classifier, tiny_tok))
    prefs = [PREF, "Explain in detail.", "Be warm."]
    free = engine.generate(PROMPTS, preference=prefs, strategy="args", weight=2.0, max_new_tokens=16)
    others = free.texts[0] + free.texts[2]
    stop = next(c for c in free.texts[1][1:len(free.texts[1]) // 2] if c.strip() and c not in others)
    batched = engine.generate(PROMPTS, preference=prefs, strategy="args", weight=2.0, max_new_tokens=16, stop=[stop])
    assert [o.finish_reason for o in batched.outputs] == ["length", "stop", "length"]
    for prompt, pref, out in zip(PROMPTS, prefs, batched.outputs):
        single = engine.generate(prompt, preference=pref, strategy="args", weight=2.0, max_new_tokens=16,
                                 stop=[stop])
        assert out.token_ids == single.outputs[0].token_ids
        assert out.reward == pytest.approx(single.outputs[0].reward, abs=1e-3)


@pytest.fixture(scope="module")
def classifier_dir(tmp_path_factory, classifier, tiny_tok):
    path = tmp_path_factory.mktemp("rm") / "tiny-rm"
    classifier.save_pretrained(path)
    tiny_tok.save_pretrained(path)
    return path


def test_cli_generate_args_with_a_classifier_equals_the_engine(tiny_dir, classifier_dir, run_cli):
    import json

    from personalign.eval.judges import SequenceClassifierJudge
    from personalign.models import load

    code, out, err = run_cli(["generate", PROMPTS[0], "-p", PREF, "--strategy", "args", "--args-reward",
                              str(classifier_dir), "--weight", "0.5", "--top-k", "5", "--max-new-tokens", "8",
                              "--model", tiny_dir, "--json", "--device", "cpu"])
    assert code == 0, err
    payload = json.loads(out)
    engine = Engine(load(tiny_dir, device="cpu"), args_reward=SequenceClassifierJudge(classifier_dir).reward)
    expected = engine.generate(PROMPTS[0], preference=PREF, strategy="args", weight=0.5, top_k=5, max_new_tokens=8)
    assert payload["text"] == expected.texts[0]
    assert payload["reward"] == pytest.approx(expected.outputs[0].reward, abs=1e-4)
    for args, message in ((["--strategy", "pad", "--args-reward", str(classifier_dir)], "args strategy only"),
                          (["--strategy", "args", "--args-reward", str(classifier_dir.parent / "nothing")],
                           "no config.json")):
        code, _, err = run_cli(["generate", "hi", "-p", PREF, *args, "--model", tiny_dir, "--device", "cpu"])
        last = err.strip().splitlines()[-1]  # (after the progress bars of the models loaded above)
        assert code == 2 and last.startswith("error: ") and message in last and "Traceback" not in err, err


def test_eval_runs_args_with_a_classifier(tmp_path, tiny_dir, classifier_dir):
    from personalign.errors import ConfigError
    from personalign.eval import EvalConfig, run_eval

    cfg = EvalConfig(out=tmp_path / "run", model=tiny_dir, args_reward=str(classifier_dir), strategies=("args-rm",),
                     weights=(1.0,), users=2, prompts=1, safety_prompts=0, max_new_tokens=5, bootstrap=20,
                     progress=False, plots=False, pairwise_judge=None)
    entry = run_eval(cfg).summary["strategies"]["args-rm(w=1)"]
    assert entry["answers"] == 2 and entry["cost"]["forwards_per_token"].startswith("1 + k'")
    with pytest.raises(ConfigError, match="--args-reward"):
        EvalConfig(out=tmp_path / "x", model=tiny_dir, strategies=("args-rm",)).resolved()
