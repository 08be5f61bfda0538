"""Trains the statement detector: ``python -m personalign.memory.extract_train [--out PATH]``.

Reads ``data/statements.jsonl`` (text, label 1 = a lasting preference or circumstance of the writer,
0 = anything else, kind), embeds every row (cleaned as `extract` cleans a clause) with all-MiniLM-L6-v2,
appends the clause's shape features (`extract.shape_features`: a moment or a lasting time, past or
change-of-state verbs, where the writer stands in the clause) and fits two-class softmax regression with
balanced classes (deterministic). The threshold on P(statement) is the lowest one
whose 5-fold cross-validated precision on the rows the rules pass reaches `--min-precision`; the
cross-validated figures are printed. Writes ``data/statements.npz``.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from personalign.memory.extract import (
    RULES_DECIDE,
    WEIGHTS_PATH,
    StatementClassifier,
    candidate,
    classifier_input,
    clean_clause,
)
from personalign.models.linear import fit_softmax_regression, stratified_folds

DATA_PATH = Path(__file__).parent / "data" / "statements.jsonl"


def load_rows(path: Path = DATA_PATH) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    bad = [r for r in rows if r.get("label") not in (0, 1) or not r.get("text")]
    if bad:
        raise ValueError(f"{path}: rows need text and label 0/1: {bad[:3]}")
    return rows


def fit(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    counts = np.bincount(y, minlength=2).astype(np.float64)
    return fit_softmax_regression(x, y, 2, sample_weight=(0.5 / np.maximum(counts, 1))[y], l2=1e-3)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m personalign.memory.extract_train",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA_PATH)
    parser.add_argument("--out", type=Path, default=WEIGHTS_PATH)
    parser.add_argument("--min-precision", type=float, default=0.935)
    args = parser.parse_args(argv)

    from personalign.models.embeddings import default_embedder

    rows = load_rows(args.data)
    texts = [clean_clause(r["text"]) for r in rows]  # as extract_statements will see them
    x = classifier_input(default_embedder().embed(texts), texts)
    y = np.array([r["label"] for r in rows])
    fold_of = stratified_folds(y, 5)
    p = np.empty(len(y))
    for f in range(5):
        w, b = fit(x[fold_of != f], y[fold_of != f])
        p[fold_of == f] = StatementClassifier(w, b, 0.5).probability(x[fold_of == f])
    # Precision counts only the rows the rules let through: the classifier never sees the others.
    kinds = [candidate(r["text"]) for r in rows]
    passes = np.array([k is not None for k in kinds])
    style = np.array([k in RULES_DECIDE for k in kinds])  # kept on the rules, whatever the classifier says
    threshold = 0.5
    for t in sorted(set(np.round(p[passes], 4)) | {0.5}):
        kept = style | (passes & (p >= t))
        if kept.any() and (y[kept] == 1).mean() >= args.min_precision:
            threshold = float(t)
            break
    kept = style | (passes & (p >= threshold))
    print(f"rows: {len(rows)} ({y.sum()} statements); rules pass {passes[y == 1].mean():.1%} of statements, "
          f"{passes[y == 0].mean():.1%} of the rest")
    print(f"threshold {threshold:.4f}; 5-fold CV with the rules: recall {kept[y == 1].mean():.1%}, "
          f"precision {(y[kept] == 1).mean():.1%}")
    for kind in sorted({r.get("kind", "") for r in rows}):
        idx = np.array([r.get("kind", "") == kind for r in rows])
        print(f"  {kind:14s} label {int(y[idx][0])}  kept {kept[idx].mean():.0%} of {idx.sum()}")
    w, b = fit(x, y)
    StatementClassifier(w, b, threshold).save(args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
