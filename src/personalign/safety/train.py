"""Trains the semantic layer's classifier: ``python -m personalign.safety.train [--out PATH]``.

Reads ``data/labeled.jsonl`` (text, label ∈ {benign} ∪ families, lang), keeps the English-looking rows
the layer will score, normalizes them as the boundary does, embeds them with all-MiniLM-L6-v2 and
fits softmax regression (full-batch gradient descent, L2, benign vs. unsafe balanced, fixed seed: the output is
deterministic). The refusal threshold on P(benign) is the highest one whose 5-fold cross-validated
false-refusal rate on benign rows stays at or under `--max-false-refusal`; cross-validated figures
are printed. Writes ``data/semantic.npz``.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from personalign.models.linear import fit_softmax_regression, stratified_folds
from personalign.safety.boundary import normalize
from personalign.safety.lexicon import FAMILIES, english_like
from personalign.safety.semantic import _MIN_LATIN, WEIGHTS_PATH, Classifier, latin_share

LABELED_PATH = Path(__file__).parent / "data" / "labeled.jsonl"
CLASSES = ("benign",) + FAMILIES


def load_rows(path: Path = LABELED_PATH) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    unknown = {r["label"] for r in rows} - set(CLASSES)
    if unknown:
        raise ValueError(f"{path}: unknown labels {sorted(unknown)}")
    return [r for r in rows if latin_share(r["text"]) >= _MIN_LATIN and english_like(normalize(r["text"]))]


def fit(x: np.ndarray, y: np.ndarray, *, l2: float = 1e-3, steps: int = 1500,
        lr: float = 2.0) -> tuple[np.ndarray, np.ndarray]:
    """Softmax regression weights (classes × dim) and biases: weighted cross-entropy + L2."""
    k = len(CLASSES)
    counts = np.bincount(y, minlength=k).astype(np.float64)
    # benign carries half the weight and the families share the other half: balancing all seven
    # classes equally would make "unsafe" six times as likely a priori and push P(benign) down
    class_w = np.full(k, 0.5 / (k - 1))
    class_w[0] = 0.5
    return fit_softmax_regression(x, y, k, sample_weight=(class_w / np.maximum(counts, 1))[y], l2=l2, steps=steps,
                                  lr=lr)


def cross_validate(x: np.ndarray, y: np.ndarray, folds: int = 5, seed: int = 0) -> np.ndarray:
    """Out-of-fold P(benign) for every row (stratified folds)."""
    fold_of = stratified_folds(y, folds, seed)
    p_benign = np.empty(len(y))
    for f in range(folds):
        train, test = fold_of != f, fold_of == f
        w, b = fit(x[train], y[train])
        clf = Classifier(w, b, CLASSES, 0.5)
        p_benign[test] = clf.probabilities(x[test])[:, 0]
    return p_benign


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m personalign.safety.train", description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=LABELED_PATH)
    parser.add_argument("--out", type=Path, default=WEIGHTS_PATH)
    parser.add_argument("--max-false-refusal", type=float, default=0.01)
    args = parser.parse_args(argv)

    from personalign.models.embeddings import default_embedder

    rows = load_rows(args.data)
    x = default_embedder().embed([normalize(r["text"]) for r in rows]).astype(np.float64)
    y = np.array([CLASSES.index(r["label"]) for r in rows])
    p_benign = cross_validate(x, y)
    benign = y == 0
    threshold = 0.5
    for t in sorted(set(np.round(p_benign[benign], 4)) | {0.5}, reverse=True):
        if np.mean(p_benign[benign] < t) <= args.max_false_refusal:
            threshold = float(t)
            break
    refused = p_benign < threshold
    print(f"rows: {len(rows)} (benign {benign.sum()}, unsafe {(~benign).sum()}); "
          f"threshold on P(benign): {threshold:.4f}")
    print(f"5-fold CV: unsafe refused {refused[~benign].mean():.1%}, benign refused {refused[benign].mean():.1%}")
    for k, name in enumerate(CLASSES[1:], start=1):
        print(f"  {name:22s} {refused[y == k].mean():.1%} of {(y == k).sum()}")
    w, b = fit(x, y)
    Classifier(w, b, CLASSES, threshold).save(args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
