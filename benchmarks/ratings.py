"""Thumbs as a new user gives them: do eight ratings make the next answers shorter, with no training run?

The scenario of issue 15, through the same path as `personalign generate --user U` (memory store,
`feedback.personalize`, the shipped PersRM, PAD's learned-weight terms):

1. before: a cold-start user asks held-out prompts (greedy; no preference → the base model answers);
2. the user asks 4 other prompts twice each (sampled, temperature 0.9: two different answers), rates
   the shorter answer 5 and the longer 1 (thumbs up / down), in the order the answers came; the
   store keeps each rating with its comparison (`memory.ratings`), `feedback.update_user` folds them
   into the learned weights (timed);
3. after: the same held-out prompts again, greedy, for
   * "after": what `personalign generate --user` now does: the implicit preferences the ratings
     inferred (Wilson rule) as preference text, plus the learned weights as PAD terms;
   * "weights only": the learned-weight PAD terms alone (no preference text);
   * "opposite user": the full path for a user who rated the *longer* answer 5 (a control: the
     ratings, not PAD itself, must set the direction).

Target: after ≥ 15 % fewer words than before (mean over the held-out answers). Quality from the same
run: on-topic = MiniLM cosine of question and answer; degenerate = `benchmarks/faithfulness.py`'s check
(under 3 words, other language, > 30 % repeated trigrams, a loop to the cap); EOS = share ending by EOS.

    python benchmarks/ratings.py --threads 2                      # 4 rated prompts, 12 held out, 128 tokens
    python benchmarks/ratings.py --tiny                           # quick check (2 held out, 32 tokens)
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_NO_ADVISORY_WARNINGS", "1")

import torch  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from faithfulness import degenerate_reason  # noqa: E402

from personalign.decoding import Engine  # noqa: E402
from personalign.eval.prompts import eval_prompts, spread  # noqa: E402
from personalign.feedback import reward_terms, update_user  # noqa: E402
from personalign.feedback.personalize import personalize  # noqa: E402
from personalign.memory import MemoryStore  # noqa: E402
from personalign.models import load  # noqa: E402
from personalign.models.embeddings import Embedder  # noqa: E402
from personalign.rewards.persrm import resolve_reward_model  # noqa: E402

TARGET_SHORTER = 0.15


def words(text: str) -> int:
    return len(text.split())


def answer(engine, store, user, prompts, max_new_tokens, weights_only=False, **sampling):
    """Answers as `personalign generate --user` gives them (greedy unless sampling is given)."""
    chosen = [personalize(store, user, p) for p in prompts]
    prefs = [None if weights_only else c.preference for c in chosen]
    terms = reward_terms([c.learned_weights for c in chosen], preference=prefs,
                         preference_weight=engine.default_weight)
    strategy = "pad" if terms else "base"
    result = engine.generate(prompts, preference=prefs if any(prefs) else None, terms=terms, strategy=strategy,
                             max_new_tokens=max_new_tokens, **sampling)
    return {"strategy": strategy, "preferences": prefs, "texts": result.texts,
            "finish": [o.finish_reason for o in result.outputs], "seconds": round(result.seconds, 1)}


def rate(engine, store, user, prompts, max_new_tokens, shorter_up, seed):
    """Two sampled answers per prompt, recorded as interactions; the shorter rated 5 and the longer 1
    (reversed for the opposite user). Returns what was rated."""
    rows = [p for p in prompts for _ in range(2)]
    got = answer(engine, store, user, rows, max_new_tokens, temperature=0.9, seed=seed)
    rated = []
    for i, prompt in enumerate(prompts):
        a, b = got["texts"][2 * i], got["texts"][2 * i + 1]
        a_shorter = (words(a), len(a)) <= (words(b), len(b))
        for text, is_shorter in ((a, a_shorter), (b, not a_shorter)):
            rating = 5 if is_shorter == shorter_up else 1
            iid = store.record_interaction(user, prompt, text, got["strategy"], {"temperature": 0.9})
            rec = store.add_feedback(user, iid, rating=rating)
            rated.append({"prompt": prompt, "words": words(text), "rating": rating,
                          "signals": {d: (None if v is None else round(v, 3)) for d, v in rec.signals.items()}})
    return rated


def quality(texts, finish, prompts, embedder) -> dict:
    q = embedder.embed(prompts)
    a = embedder.embed(texts)
    degenerate = [degenerate_reason(t, f) for t, f in zip(texts, finish)]
    return {"words_mean": statistics.fmean(words(t) for t in texts),
            "words_median": statistics.median(words(t) for t in texts),
            "on_topic": float(statistics.fmean(float(x @ y) for x, y in zip(q, a))),
            "degenerate": sum(d is not None for d in degenerate) / len(texts),
            "degenerate_reasons": [d for d in degenerate if d is not None],
            "eos": sum(f == "eos" for f in finish) / len(texts)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rated-prompts", type=int, default=4)
    ap.add_argument("--held-out", type=int, default=12)
    ap.add_argument("--max-new-tokens", type=int, default=128, help="as `personalign generate`'s default")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--no-opposite", action="store_true", help="skip the opposite-user control")
    ap.add_argument("--tiny", action="store_true", help="quick check: 2 rated prompts, 2 held out, 32 tokens")
    ap.add_argument("--json", default=None, help="write the whole run here")
    from personalign.models.loader import DEFAULT_MODEL
    ap.add_argument("--model", default=DEFAULT_MODEL)
    args = ap.parse_args(argv)
    if args.tiny:
        args.rated_prompts, args.held_out, args.max_new_tokens = 2, 2, 32
    torch.set_num_threads(args.threads)
    load_before = os.getloadavg()
    t_start = time.perf_counter()

    base = load(args.model, device="cpu", dtype="float32")
    engine = Engine(base, reward_model=resolve_reward_model(None, base))
    embedder = Embedder(num_threads=args.threads)
    pool, source = eval_prompts("auto")
    chosen = [p.text for p in spread(pool, args.rated_prompts + args.held_out)]
    rated_prompts = chosen[::max(1, len(chosen) // args.rated_prompts)][:args.rated_prompts]
    held_out = [p for p in chosen if p not in rated_prompts]
    work = Path(tempfile.mkdtemp(prefix="ratings-bench-"))
    store = MemoryStore(f"sqlite:///{work / 'memory.db'}", data_dir=work)
    print(f"prompts from {source}: {len(rated_prompts)} rated, {len(held_out)} held out; "
          f"max_new_tokens={args.max_new_tokens}; threads={args.threads}; load {load_before[0]:.2f}", flush=True)

    arms = {"before": answer(engine, store, "thumbs", held_out, args.max_new_tokens)}
    users = {"thumbs": True} if args.no_opposite else {"thumbs": True, "opposite": False}
    rated, updates = {}, {}
    for user, shorter_up in users.items():
        rated[user] = rate(engine, store, user, rated_prompts, args.max_new_tokens, shorter_up, args.seed)
        t0 = time.perf_counter()
        up = update_user(store, user)
        updates[user] = {"ms": round((time.perf_counter() - t0) * 1000, 1), "observations": up.new_observations,
                         "weights": {d: round(w, 3) for d, w in up.weights.items()},
                         "implicit": [f"{p.dimension}/{p.pole} ({p.confidence:.2f})"
                                      for p in store.list_preferences(user) if p.kind == "implicit"]}
        print(f"{user}: rated {[(r['words'], r['rating']) for r in rated[user]]}; {updates[user]}", flush=True)
    arms["after"] = answer(engine, store, "thumbs", held_out, args.max_new_tokens)
    arms["weights only"] = answer(engine, store, "thumbs", held_out, args.max_new_tokens, weights_only=True)
    if "opposite" in users:
        arms["opposite user"] = answer(engine, store, "opposite", held_out, args.max_new_tokens)

    report = {}
    for name, got in arms.items():
        report[name] = {**quality(got["texts"], got["finish"], held_out, embedder), "strategy": got["strategy"],
                        "preference": got["preferences"][0], "seconds": got["seconds"]}
    before = report["before"]["words_mean"]
    for r in report.values():
        r["change_vs_before"] = r["words_mean"] / before - 1 if before else None
    after = report["after"]["change_vs_before"]
    summary = {
        "model": args.model, "reward_model": "shipped PersRM", "threads": args.threads,
        "rated_prompts": rated_prompts, "held_out": held_out, "max_new_tokens": args.max_new_tokens,
        "rated": rated, "updates": updates, "arms": report,
        "target": {"shorter_by": TARGET_SHORTER, "after_change": after, "met": after is not None
                   and after <= -TARGET_SHORTER,
                   "weights_only_met": report["weights only"]["change_vs_before"] <= -TARGET_SHORTER},
        "load_average": {"start": load_before, "end": os.getloadavg()}, "cpu": os.cpu_count(),
        "total_seconds": round(time.perf_counter() - t_start, 1),
        "answers": {name: got["texts"] for name, got in arms.items()},
    }
    print(f"\n{'arm':<14} {'strategy':<8} {'words':>6} {'median':>6} {'vs before':>9} {'on-topic':>8} "
          f"{'degen.':>6} {'EOS':>5}")
    for name, r in report.items():
        print(f"{name:<14} {r['strategy']:<8} {r['words_mean']:6.1f} {r['words_median']:6.1f} "
              f"{r['change_vs_before']:+9.1%} {r['on_topic']:8.3f} {r['degenerate']:6.2f} {r['eos']:5.2f}")
    print(f"target: after ≥ {TARGET_SHORTER:.0%} shorter: {'met' if summary['target']['met'] else 'MISSED'} "
          f"({after:+.1%}); weights only: {report['weights only']['change_vs_before']:+.1%}; "
          f"load average {load_before[0]:.2f} → {os.getloadavg()[0]:.2f}; {summary['total_seconds']} s")
    if args.json:
        Path(args.json).write_text(json.dumps(summary, indent=1, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
