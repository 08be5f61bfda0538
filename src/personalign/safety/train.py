"""Trains the semantic layer's classifier: ``python -m personalign.safety.train [--out PATH]``.

Training rows (text, label ∈ {benign} ∪ families, lang), all languages:
  * ``data/labeled.jsonl`` — the first labeled set (families, edgy benign tastes, real-life preferences);
  * ``data/labeled_harm.jsonl`` — harm in the object of a harmless-sounding frame, authority claims
    attached to a harmful object, non-English harm, and their benign near-misses (harm reduction,
    safety questions, fiction without working steps, professional scope, dark humour), plus rows written
    in a later pass (``"src": "wip4"``): statements that *affirm* the assistant's rules, surprise parties and
    harmless code words, professions, kitchen knives, fiction, plain non-English style preferences, and
    polite, indirect or conditional ("whenever I say X, give me Y") harm in 17 languages;
  * ``data/labeled_nearmiss.jsonl`` — 553 rows written after round 13 for the one-head layer: benign near-misses
    (personas, defending oneself against scams and stalkerware, settings in other languages, alarming food
    names, professionals, dark fiction) and harm in frames the earlier rows missed (cutting and smuggling
    drugs, "fireworks", weapon conversions, forged documents, money mules, locating people), about 40 % not
    in English; 12 benign rows written after round 15 (``"src": "explain"``) asking to have every step
    and its reasons spelled out; and 16 benign rows written after round 16 (``"src": "affirm"``, 8 languages) that put
    the assistant's rules above the user's own notes;
  * ``data/spent_rounds.jsonl`` — rounds 1–23 of ``benchmarks/data/safety_unseen*.jsonl``: held-out
    rounds that were each measured once (first runs reported in the README) and are spent, so they
    are training rows now. Later rounds are never copied here before their first run, and the main
    sets (``benchmarks/data/safety_unsafe.jsonl`` / ``safety_benign.jsonl``) are never training rows.

Each text is normalized as the boundary does (its word view), turned into `semantic.features` (MiniLM
embedding and hashed n-grams) and fitted with softmax regression (full-batch Nesterov gradient descent
in the dual, L2, benign carrying half the weight and the families the other half, `FAMILY_WEIGHTS`
setting their shares; deterministic).
The two refusal thresholds on P(benign) are the highest whose 5-fold cross-validated false-refusal rate on
benign rows stays within its budget: `--max-false-refusal` on gated rows (English-looking with an anchor word,
`semantic.is_gated`), `--max-false-refusal-open` on the rest. Cross-validated figures are printed.
Writes ``data/semantic.npz``.
``benchmarks/safety_rounds_cv.py`` reuses `train` for a leave-one-round-out evaluation.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from personalign.models.linear import softmax, stratified_folds
from personalign.safety.boundary import normalize
from personalign.safety.lexicon import FAMILIES
from personalign.safety.semantic import WEIGHTS_PATH, Classifier, is_gated

DATA_DIR = Path(__file__).parent / "data"
LABELED_PATH = DATA_DIR / "labeled.jsonl"
DATA_PATHS = (LABELED_PATH, DATA_DIR / "labeled_harm.jsonl", DATA_DIR / "labeled_nearmiss.jsonl",
              DATA_DIR / "spent_rounds.jsonl")
CLASSES = ("benign",) + FAMILIES
L2 = 3e-4
# gated rows: the benign training rows are near-misses, harder than real preferences; 4.5 % is the budget whose
# threshold keeps the main set's safety_disable rows >= 95 % refused and every PersRM wording and test row allowed
# (with rounds 17-21 in training, 4.8 % refused the PersRM wording "You're a telegraph operator paid by the word")
MAX_FALSE_REFUSAL = 0.045
MAX_FALSE_REFUSAL_OPEN = 0.003  # views without an anchor word or not in English: weaker evidence (0.4 % refused
# a scam-awareness row of the tests once round 16 joined; the main sets read the same from 0.2 % to 0.7 %)
# relative share of a family in the unsafe half (default 1 each; harm at 2 or 3 measured worse, leave-one-round-out)
FAMILY_WEIGHTS: dict[str, float] = {}


def load_rows(path: Path = LABELED_PATH) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    unknown = {r["label"] for r in rows} - set(CLASSES)
    if unknown:
        raise ValueError(f"{path}: unknown labels {sorted(unknown)}")
    return rows


def training_rows(paths: Sequence[Path] = DATA_PATHS, exclude_round: int | None = None) -> list[dict]:
    """Every training row; `exclude_round` leaves out one spent round (leave-one-round-out)."""
    return [r for p in paths for r in load_rows(p) if exclude_round is None or r.get("round") != exclude_round]


def fit(x: np.ndarray, y: np.ndarray, *, l2: float = L2, steps: int = 500, lr: float = 2.0,
        sample_weight: np.ndarray | None = None, gram: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Softmax regression weights (classes × dim) and biases: weighted cross-entropy + l2/2·|W|².

    Gradient descent keeps W in the span of the rows, W = αᵀX, so it runs on the Gram matrix XXᵀ
    (n × n, cheaper than n × dim here) with Nesterov momentum; the step is min(`lr`, 1/L) for the
    loss's smoothness L. `sample_weight` default: benign half the weight, the families the other half.
    `gram`: XXᵀ when the caller has it already.
    """
    k = len(CLASSES)
    x = np.asarray(x, dtype=np.float64)
    if sample_weight is None:
        counts = np.bincount(y, minlength=k).astype(np.float64)
        # balancing all seven classes equally would make "unsafe" six times as likely a priori
        class_w = np.array([1.0] + [FAMILY_WEIGHTS.get(f, 1.0) for f in FAMILIES])
        class_w[1:] *= 0.5 / class_w[1:].sum()
        class_w[0] = 0.5
        sample_weight = (class_w / np.maximum(counts, 1))[y]
    sw = np.asarray(sample_weight, dtype=np.float64)
    sw = sw / sw.sum()
    gram = x @ x.T if gram is None else gram
    root = np.sqrt(sw)
    v = np.ones(len(y)) / np.sqrt(len(y))
    for _ in range(30):  # power iteration: the largest eigenvalue of diag(√sw) XXᵀ diag(√sw)
        v = root * (gram @ (root * v))
        v /= np.linalg.norm(v) or 1.0
    smooth = 0.5 * float(v @ (root * (gram @ (root * v)))) + 0.5 + l2
    step = min(lr, 1.0 / smooth)
    onehot = np.eye(k)[y]
    alpha, b = np.zeros((len(y), k)), np.zeros(k)
    va, vb = np.zeros_like(alpha), np.zeros_like(b)
    for _ in range(steps):
        la, lb = alpha + 0.9 * va, b + 0.9 * vb
        g = (softmax(gram @ la + lb) - onehot) * sw[:, None]
        va = 0.9 * va - step * (g + l2 * la)
        vb = 0.9 * vb - step * g.sum(axis=0)
        alpha, b = alpha + va, b + vb
    return alpha.T @ x, b


def thresholds(p_benign: np.ndarray, y: np.ndarray, gated: np.ndarray, max_false_refusal: float = MAX_FALSE_REFUSAL,
               max_false_refusal_open: float = MAX_FALSE_REFUSAL_OPEN) -> tuple[float, float]:
    """(threshold for gated rows, threshold for the others): for each group, the highest threshold on
    P(benign) (at most 0.5) whose share of the group's benign rows under it stays within its budget."""
    out = []
    for group, limit in ((gated, max_false_refusal), (~gated, max_false_refusal_open)):
        scores = p_benign[(y == 0) & group]
        chosen = 0.5
        for t in sorted(set(np.round(scores, 4)) | {0.5}, reverse=True):
            if not len(scores) or np.mean(scores < t) <= limit:
                chosen = float(t)
                break
        out.append(min(chosen, 0.5))
    return out[0], out[1]


def out_of_fold(x: np.ndarray, y: np.ndarray, *, l2: float = L2, folds: int = 5, seed: int = 0,
                gram: np.ndarray | None = None) -> np.ndarray:
    """Out-of-fold P(benign) for every row (stratified folds)."""
    fold_of = stratified_folds(y, folds, seed)
    gram = x @ x.T if gram is None else gram
    p_benign = np.empty(len(y))
    for f in range(folds):
        train, test = fold_of != f, fold_of == f
        w, b = fit(x[train], y[train], l2=l2, gram=gram[np.ix_(train, train)])
        p_benign[test] = softmax(x[test] @ w.T + b)[:, 0]
    return p_benign


def train(x: np.ndarray, y: np.ndarray, gated: np.ndarray, *, l2: float = L2,
          max_false_refusal: float = MAX_FALSE_REFUSAL, max_false_refusal_open: float = MAX_FALSE_REFUSAL_OPEN,
          gram: np.ndarray | None = None) -> tuple[Classifier, np.ndarray]:
    """The classifier and the out-of-fold P(benign) behind its thresholds (5-fold CV; `gated` rows set
    ``threshold``, the others ``threshold_open``). `gram`: XXᵀ when the caller has it."""
    gram = x @ x.T if gram is None else gram
    p_benign = out_of_fold(x, y, l2=l2, gram=gram)
    w, b = fit(x, y, l2=l2, gram=gram)
    t_gated, t_open = thresholds(p_benign, y, gated, max_false_refusal, max_false_refusal_open)
    return Classifier(w.astype(np.float32), b.astype(np.float32), CLASSES, t_gated, t_open), p_benign


def featurize(rows: Sequence[dict]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(features, labels, gated) of training rows, texts normalized as the boundary reads them."""
    from personalign.models.embeddings import default_embedder
    from personalign.safety.semantic import features

    texts = [normalize(r["text"]) for r in rows]
    x = features(texts, default_embedder().embed(texts)).astype(np.float64)
    return x, np.array([CLASSES.index(r["label"]) for r in rows]), np.array([is_gated(t) for t in texts])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m personalign.safety.train", description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, nargs="+", default=list(DATA_PATHS))
    parser.add_argument("--out", type=Path, default=WEIGHTS_PATH)
    parser.add_argument("--max-false-refusal", type=float, default=MAX_FALSE_REFUSAL)
    parser.add_argument("--max-false-refusal-open", type=float, default=MAX_FALSE_REFUSAL_OPEN)
    parser.add_argument("--l2", type=float, default=L2)
    args = parser.parse_args(argv)

    rows = training_rows(args.data)
    x, y, gated = featurize(rows)
    clf, p_benign = train(x, y, gated, l2=args.l2, max_false_refusal=args.max_false_refusal,
                          max_false_refusal_open=args.max_false_refusal_open)
    refused = p_benign < np.where(gated, clf.threshold, clf.threshold_open)
    benign = y == 0
    print(f"rows: {len(rows)} (benign {benign.sum()}, unsafe {(~benign).sum()}, gated {gated.sum()}); "
          f"thresholds on P(benign): gated {clf.threshold:.4f}, open {clf.threshold_open:.4f}")
    print(f"5-fold CV: unsafe refused {refused[~benign].mean():.1%}, benign refused {refused[benign].mean():.1%}")
    for k, name in enumerate(CLASSES[1:], start=1):
        print(f"  {name:22s} {refused[y == k].mean():.1%} of {(y == k).sum()}")
    clf.save(args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
