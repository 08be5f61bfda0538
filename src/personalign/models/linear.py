"""Softmax regression on fixed sentence embeddings: the small trainable heads of the rule layers.

The safety boundary's semantic layer and the memory's statement detector both put a linear head
on all-MiniLM-L6-v2 embeddings. Full-batch gradient descent from zeros with per-row weights and
L2: deterministic, dependency-free, and a few hundred rows train in well under a second.
"""
from __future__ import annotations

import numpy as np


def softmax(logits: np.ndarray) -> np.ndarray:
    """Row-wise softmax, stable for large logits."""
    z = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def fit_softmax_regression(x: np.ndarray, y: np.ndarray, n_classes: int, *, sample_weight: np.ndarray | None = None,
                           l2: float = 1e-3, steps: int = 1500, lr: float = 2.0) -> tuple[np.ndarray, np.ndarray]:
    """Weights (classes × dim) and biases minimizing weighted cross-entropy + l2/2·|W|².

    `sample_weight` is normalized to sum to 1 (None: every row alike), so `lr` and `l2` do not depend
    on the number of rows.
    """
    n, dim = x.shape
    sw = np.ones(n) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
    sw = sw / sw.sum()
    onehot = np.eye(n_classes)[y]
    w = np.zeros((n_classes, dim))
    b = np.zeros(n_classes)
    for _ in range(steps):
        g = (softmax(x @ w.T + b) - onehot) * sw[:, None]
        w -= lr * (g.T @ x + l2 * w)
        b -= lr * g.sum(axis=0)
    return w, b


def stratified_folds(y: np.ndarray, folds: int, seed: int = 0) -> np.ndarray:
    """The fold index of every row, each class spread evenly over the folds."""
    rng = np.random.default_rng(seed)
    fold_of = np.empty(len(y), dtype=int)
    for label in np.unique(y):
        idx = rng.permutation(np.flatnonzero(y == label))
        fold_of[idx] = np.arange(len(idx)) % folds
    return fold_of
