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
import re
import sys
from pathlib import Path

import numpy as np

from personalign.memory.extract import (
    FIRST_PERSON,
    RULES_DECIDE,
    WEIGHTS_PATH,
    StatementClassifier,
    candidate,
    classifier_input,
    clauses,
    clean_clause,
)
from personalign.models.linear import fit_softmax_regression, stratified_folds

DATA_PATH = Path(__file__).parent / "data" / "statements.jsonl"
DATA_PATHS = (DATA_PATH,)
MIN_PRECISION = 0.935


def load_rows(path: Path = DATA_PATH) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    bad = [r for r in rows if r.get("label") not in (0, 1) or not r.get("text")]
    if bad:
        raise ValueError(f"{path}: rows need text and label 0/1: {bad[:3]}")
    return rows


_CONTENT = re.compile(r"[a-zà-ÿ0-9]{3,}")
_STOP = {"user", "the", "and", "for", "with", "has", "have", "who", "not", "does", "from", "that", "this", "are"}


def rows_from_messages(messages: list[dict], source: str) -> list[dict]:
    """Training rows from labelled chat messages (a spent held-out round: {"text", "label", "kind",
    "expected"}): the clauses the classifier would judge (`candidate` == FIRST_PERSON). Every such clause
    of a non-statement message is a negative; of a statement message, the one clause sharing most words
    with "expected" is the positive (ties: the first) and the others are left out, unlabelled."""
    rows = []
    for m in messages:
        cands = [t for _, _, t in clauses(m["text"]) if candidate(t) == FIRST_PERSON]
        if m["label"] == 0:
            rows += [{"text": t, "label": 0, "kind": m["kind"], "source": source} for t in cands]
        elif cands:
            want = {w[:5] for w in _CONTENT.findall((m.get("expected") or "").casefold())} - _STOP
            best = max(cands, key=lambda t, want=want: len(want & {w[:5] for w in _CONTENT.findall(t.casefold())}))
            rows.append({"text": best, "label": 1, "kind": m["kind"], "source": source})
    return rows


def fit(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    counts = np.bincount(y, minlength=2).astype(np.float64)
    return fit_softmax_regression(x, y, 2, sample_weight=(0.5 / np.maximum(counts, 1))[y], l2=1e-3)


def train(rows: list[dict], embed, min_precision: float = MIN_PRECISION, folds: int = 5
          ) -> tuple[StatementClassifier, dict]:
    """Fits the head on `rows` (`embed`: list of texts -> unit rows) and picks its threshold: the lowest one
    whose `folds`-fold cross-validated precision on the rows the rules pass reaches `min_precision`.
    Returns the classifier (fitted on every row) and the cross-validated figures."""
    texts = [clean_clause(r["text"]) for r in rows]  # as extract_statements will see them
    x = classifier_input(np.asarray(embed(texts), dtype=np.float64), texts)
    y = np.array([r["label"] for r in rows])
    fold_of = stratified_folds(y, folds)
    p = np.empty(len(y))
    for f in range(folds):
        w, b = fit(x[fold_of != f], y[fold_of != f])
        p[fold_of == f] = StatementClassifier(w, b, 0.5).probability(x[fold_of == f])
    # Precision counts only the rows the rules let through: the classifier never sees the others.
    kinds = [candidate(r["text"]) for r in rows]
    passes = np.array([k is not None for k in kinds])
    style = np.array([k in RULES_DECIDE for k in kinds])  # kept on the rules, whatever the classifier says
    threshold = 0.5
    for t in sorted(set(np.round(p[passes], 4)) | {0.5}):
        kept = style | (passes & (p >= t))
        if kept.any() and (y[kept] == 1).mean() >= min_precision:
            threshold = float(t)
            break
    kept = style | (passes & (p >= threshold))
    by_kind = {}
    for kind in sorted({r.get("kind", "") for r in rows}):
        idx = np.array([r.get("kind", "") == kind for r in rows])
        by_kind[kind] = {"label": int(y[idx][0]), "n": int(idx.sum()), "kept": float(kept[idx].mean())}
    report = {"rows": len(rows), "statements": int(y.sum()), "threshold": threshold,
              "rules_pass_statements": float(passes[y == 1].mean()), "rules_pass_others": float(passes[y == 0].mean()),
              "cv_recall": float(kept[y == 1].mean()), "cv_precision": float((y[kept] == 1).mean()),
              "by_kind": by_kind}
    w, b = fit(x, y)
    return StatementClassifier(w, b, threshold), report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m personalign.memory.extract_train",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, nargs="+", default=list(DATA_PATHS))
    parser.add_argument("--out", type=Path, default=WEIGHTS_PATH)
    parser.add_argument("--min-precision", type=float, default=MIN_PRECISION)
    args = parser.parse_args(argv)

    from personalign.models.embeddings import default_embedder

    rows = [r for path in args.data for r in load_rows(path)]
    clf, rep = train(rows, default_embedder().embed, args.min_precision)
    print(f"rows: {rep['rows']} ({rep['statements']} statements); rules pass {rep['rules_pass_statements']:.1%} of "
          f"statements, {rep['rules_pass_others']:.1%} of the rest")
    print(f"threshold {rep['threshold']:.4f}; 5-fold CV with the rules: recall {rep['cv_recall']:.1%}, "
          f"precision {rep['cv_precision']:.1%}")
    for kind, v in rep["by_kind"].items():
        print(f"  {kind:14s} label {v['label']}  kept {v['kept']:.0%} of {v['n']}")
    clf.save(args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
