"""Does the trained PersRM personalize? Held-out pair accuracy, then judged answers per dimension and pole.

Part 1 — pair accuracy of the PersRM's implicit reward (β·log π_R/π_ref, chosen vs rejected) on pairs
synthesized from the held-out prompts: once with the training wordings of each pole, once with wordings
never seen in training (benchmarks/data/pairs_heldout*.jsonl, made by `personalign data synth --split
heldout [--wordings heldout]`). Reported per dimension for single-dimension pairs, and for combinations.

Part 2 — generation on held-out prompts (greedy). For each dimension (length, expertise, tone) and each
pole the preference is the pole's first training wording; every strategy answers every prompt:
  base          the base model, preference not shown (one answer per prompt, compared with every pole)
  prompt        the preference in the system turn
  pad           training-free PAD (reward model = the base shown the preference), w = 1
  pad-trained   PAD with the trained PersRM, w = --weight
Each answer is scored by the dimension's transparent judge (words; Flesch-Kincaid grade; VADER), signed
toward the requested pole. Win rate vs base = share of prompts where the strategy's answer lies further
toward the pole than base's (ties count ½); shift = median signed score change vs base, in judge margins;
on-topic = mean MiniLM cosine of question and answer (style judges cannot see an answer drifting off topic).

Part 3 — training speed: tokens/s of one DPO step, the own loop vs TRL's DPOTrainer (benchmarks/train_speed.py).

    python benchmarks/personalization.py                       # shipped PersRM, 16 prompts, 96 tokens
    python benchmarks/personalization.py --persrm runs/persrm --prompts 8 --skip-speed
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_NO_ADVISORY_WARNINGS", "1")

import torch  # noqa: E402

from personalign.decoding import Engine  # noqa: E402
from personalign.dimensions import DIMENSIONS  # noqa: E402
from personalign.models import load  # noqa: E402
from personalign.models.embeddings import Embedder  # noqa: E402
from personalign.rewards.data import load_pairs  # noqa: E402
from personalign.rewards.persrm import PersRM, default_persrm_path  # noqa: E402
from personalign.rewards.preferences import wordings  # noqa: E402
from personalign.rewards.prompts import load_prompts  # noqa: E402
from personalign.rewards.train import score_pairs  # noqa: E402

HERE = Path(__file__).resolve().parent
PAIR_FILES = {"held-out prompts": HERE / "data" / "pairs_heldout.jsonl",
              "held-out prompts + wordings": HERE / "data" / "pairs_heldout_wordings.jsonl"}
STRATEGIES = ("prompt", "pad", "pad-trained")


def pair_accuracy(persrm: PersRM, files: dict[str, Path], max_length: int, limit: int | None) -> dict:
    out = {}
    for name, path in files.items():
        pairs = load_pairs(path)
        if limit:
            pairs = _balanced(pairs, limit)
        t0 = time.perf_counter()
        scores = score_pairs(persrm, pairs, max_length=max_length)
        labels = [p.dimension if p.dimension in DIMENSIONS else "combinations" for p in pairs]
        out[name] = {"file": str(path), "pairs": len(scores.scored), "skipped": len(scores.skipped),
                     "accuracy": scores.accuracy(), "seconds": time.perf_counter() - t0,
                     "by_dimension": scores.accuracy_by(labels)}
    return out


def _balanced(pairs, limit):
    """At most `limit` pairs per dimension label, spread over the file."""
    by: dict[str, list] = {}
    for p in pairs:
        by.setdefault(p.dimension or "", []).append(p)
    return [p for rows in by.values() for p in rows[:: max(1, len(rows) // limit)][:limit]]


def generate(engine: Engine, prompts: list[str], prefs: list[str] | None, strategy: str, args, weight=1.0,
             label: str = "") -> list[str]:
    texts = []
    t0 = time.perf_counter()
    for s in range(0, len(prompts), args.batch_size):
        chunk = prompts[s:s + args.batch_size]
        result = engine.generate(chunk, preference=prefs[s:s + len(chunk)] if prefs else None, strategy=strategy,
                                 weight=weight, max_new_tokens=args.max_new_tokens, top_k=args.top_k)
        texts += result.texts
        print(f"  {label:<12} {s + len(chunk):>4}/{len(prompts)} rows  {time.perf_counter() - t0:6.0f} s",
              file=sys.stderr, flush=True)
    return texts


def judged(args, base: Engine, trained: Engine, prompts: list[str]) -> dict:
    poles = [(d, p) for d, dim in DIMENSIONS.items() for p in dim.poles]
    rows = [(d, p, q) for d, p in poles for q in prompts]
    prefs = [wordings(d, p, "train")[0] for d, p, _ in rows]
    qs = [q for _, _, q in rows]
    timing = {}
    t0 = time.perf_counter()
    base_texts = dict(zip(prompts, generate(base, prompts, None, "base", args, label="base")))
    timing["base"] = time.perf_counter() - t0
    answers = {}
    for name in args.strategies:
        engine = trained if name == "pad-trained" else base
        strategy = "prompt" if name == "prompt" else "pad"
        weight = args.weight if name == "pad-trained" else 1.0
        t0 = time.perf_counter()
        answers[name] = generate(engine, qs, prefs, strategy, args, weight, label=name)
        timing[name] = time.perf_counter() - t0
    # How much answers stay on the question (MiniLM cosine of question and answer): style judges alone
    # cannot see an answer that drifts off topic to please a preference.
    embedder = Embedder()
    q_vec = dict(zip(prompts, embedder.embed(prompts)))
    base_rel = {q: float(q_vec[q] @ v) for q, v in zip(prompts, embedder.embed([base_texts[q] for q in prompts]))}
    relevance = {"base": sum(base_rel.values()) / len(base_rel)}
    for name in args.strategies:
        vecs = embedder.embed(answers[name])
        relevance[name] = sum(float(q_vec[q] @ v) for q, v in zip(qs, vecs)) / len(qs)
    table = {}
    for k, (d, p) in enumerate(poles):
        dim = DIMENSIONS[d]
        idx = range(k * len(prompts), (k + 1) * len(prompts))
        base_scores = [dim.pole_score(base_texts[qs[i]], p) for i in idx]
        entry = {"preference": prefs[idx[0]], "base": sum(base_scores) / len(base_scores)}
        for name in args.strategies:
            scores = [dim.pole_score(answers[name][i], p) for i in idx]
            wins = [1.0 if s > b else 0.5 if s == b else 0.0 for s, b in zip(scores, base_scores)]
            # Median, not mean: one run-on answer can have a readability grade of 60 and swamp a mean.
            entry[name] = {"score": sum(scores) / len(scores), "win_rate": sum(wins) / len(wins),
                           "shift": statistics.median(s - b for s, b in zip(scores, base_scores)) / dim.margin}
        table[f"{d}/{p}"] = entry
    examples = {f"{d}/{p}": {"question": prompts[0], "base": base_texts[prompts[0]],
                             **{n: answers[n][k * len(prompts)] for n in args.strategies}}
                for k, (d, p) in enumerate(poles)}
    return {"poles": table, "seconds": timing, "relevance": relevance, "examples": examples,
            "answers": {"base": base_texts, **{n: [{"pole": f"{d}/{p}", "question": q, "answer": a}
                                                   for (d, p, q), a in zip(rows, answers[n])]
                                               for n in args.strategies}}}


def by_dimension(poles: dict, strategies) -> dict:
    out = {}
    for d in DIMENSIONS:
        rows = [v for k, v in poles.items() if k.startswith(d + "/")]
        out[d] = {n: {"win_rate": sum(r[n]["win_rate"] for r in rows) / len(rows),
                      "shift": sum(r[n]["shift"] for r in rows) / len(rows)} for n in strategies}
    return out


def plot(poles: dict, strategies, path: Path, labels: dict | None = None) -> None:
    labels = labels or {}
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = list(poles)
    fig, ax = plt.subplots(figsize=(9, 3.8))
    width = 0.26
    for j, n in enumerate(strategies):
        ax.bar([i + (j - (len(strategies) - 1) / 2) * width for i in range(len(names))],
               [poles[k][n]["win_rate"] for k in names], width, label=labels.get(n, n))
    ax.axhline(0.5, color="grey", lw=0.8, ls="--")
    ax.axhline(0.7, color="green", lw=0.8, ls=":")
    ax.set_xticks(range(len(names)), names, rotation=20)
    ax.set_ylabel("win rate vs base (requested pole)")
    ax.set_ylim(0, 1)
    ax.legend(ncol=3, fontsize=8)
    ax.set_title("Personalization on held-out prompts (transparent judges, SmolLM2-135M)")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    from personalign.models.loader import DEFAULT_MODEL
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--persrm", default=None, help="PersRM directory (default: the one shipped in the package)")
    parser.add_argument("--weight", type=float, default=None, help="PAD weight with the trained PersRM "
                        "(default: the PersRM's recommended weight)")
    parser.add_argument("--prompts", type=int, default=16, help="prompts per pole")
    parser.add_argument("--split", default="heldout", choices=["heldout", "train"],
                        help="prompt split (train: for choosing the weight without touching held-out prompts)")
    parser.add_argument("--strategies", default=",".join(STRATEGIES), help="subset of " + ",".join(STRATEGIES))
    parser.add_argument("--max-new-tokens", type=int, default=96)
    parser.add_argument("--top-k", type=int, default=10)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--pairs-per-dimension", type=int, default=0, help="cap pair-accuracy pairs (0: all)")
    parser.add_argument("--max-length", type=int, default=512)
    parser.add_argument("--skip-pairs", action="store_true")
    parser.add_argument("--skip-generation", action="store_true")
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--out", default="runs/bench_personalization.json")
    parser.add_argument("--plot", default="docs/images/personalization.png")
    args = parser.parse_args()
    args.strategies = [s for s in args.strategies.split(",") if s]
    if not args.strategies or set(args.strategies) - set(STRATEGIES):
        parser.error(f"--strategies must name some of {','.join(STRATEGIES)}")
    if args.threads:
        torch.set_num_threads(args.threads)

    base_model = load(args.model)
    persrm = PersRM.from_pretrained(args.persrm or default_persrm_path(), base=base_model)
    if args.weight is None:
        args.weight = float(persrm.config.recommended_weight or 1.0)
    report = {"model": base_model.name, "persrm": str(args.persrm or default_persrm_path()), "weight": args.weight,
              "threads": torch.get_num_threads(), "torch": torch.__version__}

    if not args.skip_pairs:
        report["pair_accuracy"] = pair_accuracy(persrm, PAIR_FILES, args.max_length, args.pairs_per_dimension)
        for name, r in report["pair_accuracy"].items():
            print(f"pair accuracy, {name}: {r['accuracy']:.3f} on {r['pairs']} pairs ({r['seconds']:.0f} s)")
            for d, g in r["by_dimension"].items():
                print(f"    {d:<14}{g['accuracy']:.3f}  ({g['pairs']} pairs)")

    if not args.skip_generation:
        prompts = [p.prompt for p in load_prompts(args.split)]
        step = max(1, len(prompts) // args.prompts)
        prompts = prompts[::step][:args.prompts]
        report["generation"] = judged(args, Engine(base_model), Engine(base_model, reward_model=persrm), prompts)
        poles = report["generation"]["poles"]
        print(f"\njudged answers: {len(prompts)} {args.split} prompts per pole, greedy, "
              f"{args.max_new_tokens} new tokens, top-k {args.top_k}, pad-trained w = {args.weight}")
        print(f"{'pole':<20}{'base':>8}" + "".join(f"{n:>22}" for n in args.strategies))
        print(f"{'':<28}" + "".join(f"{'score  win   shift':>22}" for _ in args.strategies))
        for k, v in poles.items():
            print(f"{k:<20}{v['base']:>8.2f}" + "".join(
                f"{v[n]['score']:>10.2f}{v[n]['win_rate']:>6.2f}{v[n]['shift']:>+6.2f}" for n in args.strategies))
        dims = by_dimension(poles, args.strategies)
        report["generation"]["by_dimension"] = dims
        print("\nper dimension (mean of both poles): win rate vs base / shift in margins")
        for d, v in dims.items():
            print(f"  {d:<12}" + "  ".join(f"{n} {v[n]['win_rate']:.2f} / {v[n]['shift']:+.2f}"
                                             for n in args.strategies))
        if {"pad-trained", "prompt"} <= set(args.strategies):
            beats = sum(dims[d]["pad-trained"]["shift"] > dims[d]["prompt"]["shift"] for d in dims)
            print(f"pad-trained moves further than prompting in {beats} of {len(dims)} dimensions")
        print("on-topic (MiniLM cosine of question and answer): " + ", ".join(
            f"{k} {v:.3f}" for k, v in report["generation"]["relevance"].items()))
        print("generation seconds: " + ", ".join(f"{k} {v:.0f}" for k, v in report["generation"]["seconds"].items()))
        if args.plot:
            plot(poles, args.strategies, Path(args.plot),
                 {"pad": "pad, training-free (w = 1)", "pad-trained": f"pad, trained PersRM (w = {args.weight:g})"})
            print(f"plot: {args.plot}")

    if not args.skip_speed:
        sys.path.insert(0, str(HERE))
        import train_speed

        speed_args = argparse.Namespace(steps=3, batch_size=2, max_length=512, lora_r=16)
        pairs = train_speed.make_pairs(16)
        own = train_speed.bench_own(train_speed.build_model(args.model, "float32"), pairs, speed_args)
        trl = train_speed.bench_trl(train_speed.build_model(args.model, "float32"), pairs, speed_args,
                                    precompute=False)
        for r in (own, trl):
            r["tokens_per_second"] = r["tokens"] / (r["seconds_per_step"] * speed_args.steps)
            r["tokens_per_cpu_second"] = r["tokens"] / (r["cpu_seconds_per_step"] * speed_args.steps)
        report["train_speed"] = {"own": own, "trl": trl}
        print(f"\nDPO step, batch 2, LoRA r 16: own loop {own['tokens_per_second']:.0f} tokens/s "
              f"({own['tokens_per_cpu_second']:.0f}/CPU-s), TRL DPOTrainer {trl['tokens_per_second']:.0f} tokens/s "
              f"({trl['tokens_per_cpu_second']:.0f}/CPU-s): "
              f"{own['tokens_per_second'] / trl['tokens_per_second']:.2f}x")

    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"report: {args.out}")


if __name__ == "__main__":
    main()
