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


def fit_softmax_regression_dual(x: np.ndarray, y: np.ndarray, n_classes: int, *,
                                sample_weight: np.ndarray | None = None, l2: float = 1e-3, steps: int = 500,
                                lr: float = 2.0, gram: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The minimizer `fit_softmax_regression` finds, for rows with more features than there are rows.

    Gradient descent keeps W in the span of the rows, W = αᵀX, so it runs on the Gram matrix XXᵀ
    (n × n, cheaper than n × dim) with Nesterov momentum; the step is min(`lr`, 1/L) for the loss's
    smoothness L. `gram`: XXᵀ when the caller has it already (leave-one-out loops reuse one).
    """
    x = np.asarray(x, dtype=np.float64)
    sw = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
    sw = sw / sw.sum()
    gram = x @ x.T if gram is None else gram
    root = np.sqrt(sw)
    v = np.ones(len(y)) / np.sqrt(len(y))
    for _ in range(30):  # power iteration: the largest eigenvalue of diag(√sw) XXᵀ diag(√sw)
        v = root * (gram @ (root * v))
        v /= np.linalg.norm(v) or 1.0
    smooth = 0.5 * float(v @ (root * (gram @ (root * v)))) + 0.5 + l2
    step = min(lr, 1.0 / smooth)
    onehot = np.eye(n_classes)[y]
    alpha, b = np.zeros((len(y), n_classes)), np.zeros(n_classes)
    va, vb = np.zeros_like(alpha), np.zeros_like(b)
    for _ in range(steps):
        la, lb = alpha + 0.9 * va, b + 0.9 * vb
        g = (softmax(gram @ la + lb) - onehot) * sw[:, None]
        va = 0.9 * va - step * (g + l2 * la)
        vb = 0.9 * vb - step * g.sum(axis=0)
        alpha, b = alpha + va, b + vb
    return alpha.T @ x, b


def stratified_folds(y: np.ndarray, folds: int, seed: int = 0) -> np.ndarray:
    """The fold index of every row, each class spread evenly over the folds."""
    rng = np.random.default_rng(seed)
    fold_of = np.empty(len(y), dtype=int)
    for label in np.unique(y):
        idx = rng.permutation(np.flatnonzero(y == label))
        fold_of[idx] = np.arange(len(idx)) % folds
    return fold_of
