"""Leave-one-round-out evaluation of the safety boundary's learned layer on the spent unseen rounds.

The proxy for "the next unseen round": for each round k of ``benchmarks/data/safety_unseen*.jsonl``
(the rounds in ``safety/data/spent_rounds.jsonl``, each already measured once as a first run and reported, so
spent), the semantic layer is retrained on every training row except round k (``personalign.safety.train``:
``labeled.jsonl``, ``labeled_harm.jsonl``, ``labeled_nearmiss.jsonl`` and the other spent rounds, thresholds by
5-fold CV inside the training rows only) and the FULL boundary runs with that model on round k: the lexical and
intent layers first (`boundary.screen`), then the retrained classifier on the views they pass (`boundary.decide`).

Caveat, honestly: the lexicon and intent rules were revised after rounds 1–7's first runs (those rounds
were used to find gaps), so the full-boundary figures of rounds 1–7 flatter the rules; the rules were
revised after the first runs of rounds 8–11 too, not after rounds 12–14. The "learned alone" columns
(the retrained classifier on the text's word view, rules ignored) measure the learned layer's own
generalization on every round.
The main sets (safety_unsafe / safety_benign) are never training rows; they are scored here with each
fold's model (learned alone) and with the full boundary by ``benchmarks/safety.py``.

    python benchmarks/safety_rounds_cv.py                    # retrain per round (about 15 min, one core)
    python benchmarks/safety_rounds_cv.py --shipped          # the shipped weights on every round (not held out)
    python benchmarks/safety_rounds_cv.py --no-hash --gated-only --leave-out labeled_harm.jsonl \
        labeled_nearmiss.jsonl   # the first recipe: MiniLM only, English anchored views, no written extra rows
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_NO_ADVISORY_WARNINGS", "1")

import numpy as np  # noqa: E402

DATA = Path(__file__).parent / "data"


def _load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _embeddings(texts: list[str], embedder, cache: Path | None) -> np.ndarray:
    """MiniLM embeddings of `texts`, read from / added to the `cache` .npz when one is given."""
    known: dict[str, np.ndarray] = {}
    if cache is not None and cache.is_file():
        with np.load(cache, allow_pickle=False) as data:
            known = dict(zip((str(t) for t in data["texts"]), data["vectors"]))
    missing = [t for t in texts if t not in known]
    if missing:
        known.update(zip(missing, embedder.embed(missing)))
        if cache is not None:
            cache.parent.mkdir(parents=True, exist_ok=True)
            keys = sorted(known)
            np.savez(cache, texts=np.array(keys), vectors=np.stack([known[t] for t in keys]))
    return np.stack([known[t] for t in texts]) if texts else np.zeros((0, embedder.dim), dtype=np.float32)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shipped", action="store_true", help="score the shipped weights instead of retraining")
    parser.add_argument("--no-hash", action="store_true", help="MiniLM features only (hashed n-grams zeroed)")
    parser.add_argument("--gated-only", action="store_true", help="score English anchored views only")
    parser.add_argument("--leave-out", nargs="*", default=[], metavar="FILE",
                        help="training files of safety/data to leave out (e.g. labeled_nearmiss.jsonl)")
    parser.add_argument("--l2", type=float, default=None)
    parser.add_argument("--max-false-refusal", type=float, default=None)
    parser.add_argument("--max-false-refusal-open", type=float, default=None)
    parser.add_argument("--max-false-refusal-foreign", type=float, default=None)
    parser.add_argument("--rounds", type=int, nargs="*", help="rounds to leave out in turn (default: every spent one)")
    parser.add_argument("--out", type=Path, help="write the figures as JSON here")
    parser.add_argument("--cache", type=Path, help="embedding cache (.npz) to reuse between runs")
    args = parser.parse_args(argv)

    from personalign.models.embeddings import default_embedder
    from personalign.safety import boundary, lexicon, semantic, train
    from personalign.safety.semantic import EMBED_DIM, Classifier

    if not args.rounds:
        args.rounds = sorted({r["round"] for r in train.load_rows(train.DATA_DIR / "spent_rounds.jsonl")})
    started = time.perf_counter()
    l2 = train.L2 if args.l2 is None else args.l2
    max_fr = train.MAX_FALSE_REFUSAL if args.max_false_refusal is None else args.max_false_refusal
    max_fr_open = train.MAX_FALSE_REFUSAL_OPEN if args.max_false_refusal_open is None else args.max_false_refusal_open
    max_fr_foreign = (train.MAX_FALSE_REFUSAL_FOREIGN if args.max_false_refusal_foreign is None
                      else args.max_false_refusal_foreign)
    unknown = set(args.leave_out) - {p.name for p in train.DATA_PATHS}
    if unknown:
        raise SystemExit(f"error: not a training file: {', '.join(sorted(unknown))}")
    paths = [p for p in train.DATA_PATHS if p.name not in args.leave_out]
    rows = train.training_rows(paths)
    spent = [r for r in rows if "round" in r]
    main_sets = {"main unsafe": _load(DATA / "safety_unsafe.jsonl"),
                 "main benign": _load(DATA / "safety_benign.jsonl")}
    leaked = {r["text"] for rs in main_sets.values() for r in rs} & {r["text"] for r in rows}
    if leaked:
        raise SystemExit(f"error: {len(leaked)} main-set texts are training rows")

    # the boundary up to its learned layer, once per text; the classifier is what changes per round
    screened = {}
    for r in spent + [r for rs in main_sets.values() for r in rs]:
        if r["text"] not in screened:
            verdict, readable, gates = boundary.screen(r["text"])
            screened[r["text"]] = (verdict is not None, [v.text for v in readable], gates)
    word = {r["text"]: boundary.normalize(r["text"]) for rs in [rows] + list(main_sets.values()) for r in rs}
    texts = sorted({t for _, vs, _ in screened.values() for t in vs} | set(word.values()))
    emb = _embeddings(texts, default_embedder(), args.cache)
    feats = semantic.features(texts, emb).astype(np.float64)
    if args.no_hash:
        feats[:, EMBED_DIM:] = 0.0
    index = {t: i for i, t in enumerate(texts)}

    x = feats[[index[word[r["text"]]] for r in rows]]
    y = np.array([train.CLASSES.index(r["label"]) for r in rows])
    gates = np.array([int(semantic.gate(word[r["text"]], coded=lexicon.quoted(r["text"]))) for r in rows])
    rnd = np.array([r.get("round", 0) for r in rows])
    gram = x @ x.T

    def scored(clf: Classifier, text: str) -> tuple[bool, bool]:
        """(full boundary refuses, learned layer alone refuses the word view)."""
        rule, views, g = screened[text]
        if args.gated_only:
            views = [v for v, gg in zip(views, g) if gg == semantic.Gate.ENGLISH]
            g = [semantic.Gate.ENGLISH] * len(views)
        full = rule or (bool(views) and any(f is not None for f, _ in clf.decide(feats[[index[v] for v in views]], g)))
        w = word[text]
        alone_gate = semantic.gate(w, coded=lexicon.quoted(text))
        alone = ((alone_gate == semantic.Gate.ENGLISH or not args.gated_only)
                 and clf.decide(feats[[index[w]]], [alone_gate])[0][0] is not None)
        return full, alone

    result: dict = {"mode": "shipped" if args.shipped else "leave-one-round-out", "l2": l2,
                    "max_false_refusal": max_fr, "max_false_refusal_open": max_fr_open,
                    "max_false_refusal_foreign": max_fr_foreign, "no_hash": args.no_hash,
                    "gated_only": args.gated_only,
                    "left_out": args.leave_out, "rounds": {}, "main_sets_learned_alone": defaultdict(list)}
    pooled: dict[str, list] = defaultdict(list)
    print(f"{result['mode']}: {len(rows)} training rows ({len(spent)} from spent rounds), "
          f"{len(texts)} texts embedded in {time.perf_counter() - started:.0f} s")
    for k in args.rounds:
        if args.shipped:
            clf = semantic.load_classifier()
        else:
            keep = rnd != k
            clf, _ = train.train(x[keep], y[keep], gates[keep], l2=l2, max_false_refusal=max_fr,
                                 max_false_refusal_open=max_fr_open, max_false_refusal_foreign=max_fr_foreign,
                                 gram=gram[np.ix_(keep, keep)])
        if args.gated_only:
            clf = Classifier(clf.weights, clf.bias, clf.classes, clf.threshold, 0.0, 0.0)
        held = [r for r in spent if r["round"] == k]
        stats: dict[str, list] = defaultdict(list)
        for r in held:
            full, alone = scored(clf, r["text"])
            kind = "benign" if r["label"] == "benign" else "unsafe"
            stats[f"{kind} full"].append(full)
            stats[f"{kind} alone"].append(alone)
            if kind == "unsafe":
                stats[f"family {r['family']}"].append(full)
                stats[f"alone family {r['family']}"].append(alone)
            if r["lang"] != "en":
                stats[f"non-English {kind} full"].append(full)
                pooled[f"non-English {kind} full"].append(full)
            for key in (f"{kind} full", f"{kind} alone"):
                pooled[key].append(stats[key][-1])
            if kind == "unsafe":
                pooled[f"family {r['family']}"].append(full)
                pooled[f"alone family {r['family']}"].append(alone)
        for name, rs in main_sets.items():
            result["main_sets_learned_alone"][name].append(float(np.mean([scored(clf, r["text"])[1] for r in rs])))
        rates = {key: (float(np.mean(v)), len(v)) for key, v in sorted(stats.items())}
        result["rounds"][k] = {"thresholds": [clf.threshold, clf.threshold_open, clf.threshold_foreign], **rates}
        fam = " ".join(f"{key[7:11]} {v[0]:.0%}" for key, v in rates.items() if key.startswith("family "))
        print(f"round {k}: full unsafe {rates['unsafe full'][0]:6.1%} of {rates['unsafe full'][1]:3d}, "
              f"benign {rates['benign full'][0]:5.1%} of {rates['benign full'][1]:3d} | learned alone unsafe "
              f"{rates['unsafe alone'][0]:6.1%}, benign {rates['benign alone'][0]:5.1%} | harm alone "
              f"{rates['alone family harm'][0]:6.1%} | non-English full unsafe "
              f"{rates['non-English unsafe full'][0]:6.1%}, benign {rates['non-English benign full'][0]:5.1%} | "
              f"{fam} | "
              f"thresholds {clf.threshold:.3f}/{clf.threshold_foreign:.3f}/{clf.threshold_open:.3f}",
              flush=True)
    pooled_rates = {key: float(np.mean(v)) for key, v in sorted(pooled.items())}
    result["pooled"] = pooled_rates
    result["main_sets_learned_alone"] = {k: float(np.mean(v)) for k, v in result["main_sets_learned_alone"].items()}
    print(f"pooled over rounds {args.rounds}: full unsafe {pooled_rates['unsafe full']:.1%}, benign "
          f"{pooled_rates['benign full']:.1%} | learned alone unsafe {pooled_rates['unsafe alone']:.1%}, benign "
          f"{pooled_rates['benign alone']:.1%} | non-English full unsafe "
          f"{pooled_rates['non-English unsafe full']:.1%}, benign {pooled_rates['non-English benign full']:.1%}")
    print("pooled, unsafe refused per family (full / learned alone): " + ", ".join(
        f"{key[7:]} {v:.1%} / {pooled_rates['alone ' + key]:.1%}" for key, v in pooled_rates.items()
        if key.startswith("family ")))
    print("main sets, learned layer alone, mean over the fold models: " + ", ".join(
        f"{k} refused {v:.1%}" for k, v in result["main_sets_learned_alone"].items()))
    print(f"took {time.perf_counter() - started:.0f} s")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
