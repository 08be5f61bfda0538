"""Leave-one-round-out evaluation of the statement detector: the proxy for the next unseen round.

The spent rounds of the held-out extraction sets (`extract_train.SPENT_ROUNDS`, benchmarks/data/extraction_heldout
{,_r2,…}.jsonl) were each measured once, unseen, and reported; they are spent and may be used for development and
training. For each round k this script trains the detector exactly as `python -m personalign.memory.extract_train`
does (same rows, same fit, threshold chosen by 5-fold CV on the training rows), on the written sentences plus the
rows drawn from the *other* rounds (`extract_train.rows_from_messages`), and runs the full extractor (rules, clauses,
classifier) on every message of round k: recall and precision by message, per-kind rates and the misses.

The rules (candidates, past/hypothetical/third-party cues) are not retrained per fold: they were written by
people who have seen the spent rounds, so this proxy is honest for the learned head and optimistic for the rules.

    python benchmarks/extraction_cv.py [--written-only] [--shipped] [--show-misses] [--out runs/extraction_cv.json]
    python benchmarks/extraction_cv.py --write-rows   # then: python -m personalign.memory.extract_train

--written-only trains on the written sentences alone (the method before the rounds were spent);
--shipped evaluates the shipped weights on every round instead of training (not held out at all).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_NO_ADVISORY_WARNINGS", "1")

from personalign.memory.extract_train import SPENT_ROUNDS, round_file  # noqa: E402

DATA = Path(__file__).parent / "data"
ROUNDS = {f"r{k}": DATA / round_file(k) for k in SPENT_ROUNDS}


class CachedEmbedder:
    """The default embedder with every text embedded once per process (folds share most texts)."""

    def __init__(self):
        from personalign.models.embeddings import default_embedder

        self.inner = default_embedder()
        self.dim = self.inner.dim
        self.cache: dict[str, np.ndarray] = {}

    def embed(self, texts: list[str]) -> np.ndarray:
        todo = list(dict.fromkeys(t for t in texts if t not in self.cache))
        if todo:
            for t, v in zip(todo, np.asarray(self.inner.embed(todo), dtype=np.float32)):
                self.cache[t] = v
        return np.stack([self.cache[t] for t in texts]) if texts else np.zeros((0, self.dim), np.float32)


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def evaluate(messages: list[dict], embedder, classifier) -> dict:
    from personalign.memory.extract import extract_statements

    out = [dict(m, found=[s.text for s in extract_statements(m["text"], embedder, classifier)]) for m in messages]
    pos = [r for r in out if r["label"] == 1]
    neg = [r for r in out if r["label"] == 0]
    tp, fp = sum(bool(r["found"]) for r in pos), sum(bool(r["found"]) for r in neg)
    kinds: dict[str, list[bool]] = defaultdict(list)
    for r in out:
        kinds[f"{r['label']}:{r['kind']}"].append(bool(r["found"]))
    return {"messages": len(out), "tp": tp, "fp": fp, "pos": len(pos), "neg": len(neg),
            "recall": tp / len(pos), "precision": tp / (tp + fp) if tp + fp else 1.0,
            "by_kind": {k: {"n": len(v), "found": sum(v) / len(v)} for k, v in sorted(kinds.items())},
            "misses": [{"round_kind": r["kind"], "label": r["label"], "text": r["text"], "found": r["found"]}
                       for r in out if bool(r["found"]) != bool(r["label"])]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--written-only", action="store_true", help="train on the written sentences alone")
    parser.add_argument("--shipped", action="store_true", help="evaluate the shipped weights (no training)")
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--min-precision", type=float, default=None,
                        help="cross-validated precision the head's threshold must reach (default: extract_train's)")
    parser.add_argument("--write-rows", action="store_true",
                        help="write the rounds' rows to the package (memory/data/statements_rounds.jsonl) and stop")
    args = parser.parse_args(argv)
    if args.write_rows:
        from personalign.memory.extract_train import ROUNDS_PATH, rows_from_messages

        rows = [r for name, path in ROUNDS.items() for r in rows_from_messages(load(path), name)]
        ROUNDS_PATH.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        print(f"wrote {len(rows)} rows to {ROUNDS_PATH}")
        return 0
    import torch

    torch.set_num_threads(1)
    from personalign.memory.extract import load_classifier
    from personalign.memory.extract_train import DATA_PATHS, ROUNDS_PATH, load_rows, rows_from_messages, train

    embedder = CachedEmbedder()
    written = [r for path in DATA_PATHS if path != ROUNDS_PATH for r in load_rows(path)]
    rounds = {name: load(path) for name, path in ROUNDS.items()}
    derived = {name: rows_from_messages(msgs, name) for name, msgs in rounds.items()}
    results, t0 = {}, time.perf_counter()
    for name, msgs in rounds.items():
        if args.shipped:
            clf, rep = load_classifier(), None
        else:
            rows = written + ([] if args.written_only else [r for k, d in derived.items() if k != name for r in d])
            clf, rep = train(rows, embedder.embed, **({} if args.min_precision is None
                                                       else {"min_precision": args.min_precision}))
        res = evaluate(msgs, embedder, clf)
        res["training_rows"] = rep["rows"] if rep else None
        res["threshold"] = float(clf.threshold)
        results[name] = res
        print(f"{name}: {res['messages']} messages; recall {res['recall']:.3f} ({res['tp']}/{res['pos']}), "
              f"precision {res['precision']:.3f} ({res['fp']} false of {res['neg']}); threshold {clf.threshold:.3f}"
              + (f", {rep['rows']} training rows" if rep else ""), flush=True)
    tp = sum(r["tp"] for r in results.values())
    fp = sum(r["fp"] for r in results.values())
    pos = sum(r["pos"] for r in results.values())
    print(f"pooled: recall {tp / pos:.3f}, precision {tp / (tp + fp):.3f}; "
          f"mean over rounds: recall {np.mean([r['recall'] for r in results.values()]):.3f}, "
          f"precision {np.mean([r['precision'] for r in results.values()]):.3f}; "
          f"{time.perf_counter() - t0:.0f} s")
    kinds = sorted({k for r in results.values() for k in r["by_kind"]})
    print(f"{'kind':24s} " + " ".join(f"{n:>9s}" for n in results))
    for k in kinds:
        cells = [results[n]["by_kind"].get(k) for n in results]
        print(f"{k:24s} " + " ".join(f"{c['found']:>5.0%} /{c['n']:<3d}" if c else f"{'-':>9s}" for c in cells))
    if args.show_misses:
        for name, res in results.items():
            for m in res["misses"]:
                tag = "missed" if m["label"] else "false"
                print(f"  {name} [{tag} {m['round_kind']}] {m['text']!r} -> {m['found']}")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
