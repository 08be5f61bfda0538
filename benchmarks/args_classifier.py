"""ARGS with a sequence classifier on the embedded model: what the KV cache saves (speed only, not quality).

    .venv/bin/python benchmarks/args_classifier.py [--tokens 48] [--top-k 10] [--repeats 2] [--json FILE]

No sequence-classification reward model exists for SmolLM2's vocabulary here, so the reward model is
SmolLM2-135M itself as a LlamaForSequenceClassification: its backbone weights and a random `score` head
(seed 0). Its rewards mean nothing; its cost is that of a real 135M reward model. Methods, each generating
exactly --tokens tokens per prompt (EOS ignored: max_new_tokens with the guard's EOS candidate off):

  base           greedy decoding of the base
  args-implicit  ARGS with the PersRM's implicit reward (= PAD's forwards; here training-free)
  args-rm        ARGS with the classifier, KV-cached (k' candidate rows of 1 + |suffix| tokens per step)
  args-rm-nocache  the same classifier re-reading every candidate's whole chat each step (the path for a
                 classifier that cannot be cached), batch 1

Reported: tokens/s per method (median of the repeats, methods interleaved), and whether the cached and the
whole-chat paths chose the same tokens (they can differ only where re-tokenizing the decoded text differs).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import time

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import torch  # noqa: E402

from personalign.decoding import ClassifierReward, Engine  # noqa: E402
from personalign.models import load  # noqa: E402

PROMPTS = ["How do I make a good cup of tea?", "Why is the sky blue?", "What should I pack for a weekend hike?"]
PREFERENCE = "Answer in one short sentence."


def classifier_from(base):
    from transformers import LlamaForSequenceClassification

    config = base.model.config.__class__.from_dict({**base.model.config.to_dict(), "num_labels": 1})
    torch.manual_seed(0)
    model = LlamaForSequenceClassification(config)
    missing = model.model.load_state_dict(base.model.model.state_dict(), strict=False)
    assert not missing.missing_keys, missing
    return ClassifierReward(model.eval(), base.tokenizer, name="smollm2-135m+random-head")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tokens", type=int, default=48)
    parser.add_argument("--top-k", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--json", default=None)
    args = parser.parse_args()

    base = load()
    reward = classifier_from(base)
    plain, rm = Engine(base), Engine(base, args_reward=reward)
    nocache = Engine(base, args_reward=reward)
    settings = dict(max_new_tokens=args.tokens, top_k=args.top_k, weight=1.0, eos_candidate=False, min_p=0.1)

    def run(method):
        if method == "base":
            return plain.generate(PROMPTS, strategy="base", max_new_tokens=args.tokens)
        if method == "args-implicit":
            return plain.generate(PROMPTS, preference=PREFERENCE, strategy="args", **settings)
        if method == "args-rm":
            return rm.generate(PROMPTS, preference=PREFERENCE, strategy="args", **settings)
        cacheable = ClassifierReward.cacheable
        ClassifierReward.cacheable = lambda self, tokenizer: False
        try:  # batch 1, as the authors' release decodes
            outs = [nocache.generate(p, preference=PREFERENCE, strategy="args", **settings) for p in PROMPTS]
        finally:
            ClassifierReward.cacheable = cacheable
        return outs

    methods = ["base", "args-implicit", "args-rm", "args-rm-nocache"]
    times: dict[str, list[float]] = {m: [] for m in methods}
    tokens: dict[str, list] = {}
    for _ in range(args.repeats):
        for method in methods:
            t0 = time.perf_counter()
            result = run(method)
            times[method].append(time.perf_counter() - t0)
            outputs = [o for r in result for o in r.outputs] if isinstance(result, list) else result.outputs
            tokens[method] = [o.token_ids for o in outputs]
    report = {"tokens_per_prompt": args.tokens, "prompts": len(PROMPTS), "top_k": args.top_k,
              "torch_threads": torch.get_num_threads(), "methods": {}}
    for method in methods:
        n = sum(len(t) for t in tokens[method])
        seconds = statistics.median(times[method])
        report["methods"][method] = {"seconds": round(seconds, 2), "tokens": n, "tokens_per_s": round(n / seconds, 2)}
    report["cached_equals_whole_chat_tokens"] = tokens["args-rm"] == tokens["args-rm-nocache"]
    for method, row in report["methods"].items():
        print(f"{method:16s} {row['tokens']:4d} tokens  {row['seconds']:7.2f} s  {row['tokens_per_s']:7.2f} tok/s")
    print("cached path = whole-chat path, token for token:", report["cached_equals_whole_chat_tokens"])
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(report, f, indent=2)


if __name__ == "__main__":
    main()
