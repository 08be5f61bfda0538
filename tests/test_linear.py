"""The linear heads' solvers: the dual (Gram) solver reaches the primal solver's minimizer."""
import numpy as np

from personalign.models.linear import fit_softmax_regression, fit_softmax_regression_dual, softmax, stratified_folds


def _problem(seed=0, n=40, dim=60, k=3):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, dim)) / np.sqrt(dim)
    y = rng.integers(0, k, size=n)
    return x, y, rng.uniform(0.5, 2.0, size=n)


def _loss(w, b, x, y, sw, l2):
    sw = sw / sw.sum()
    p = softmax(x @ w.T + b)
    return float(-(sw * np.log(p[np.arange(len(y)), y])).sum() + 0.5 * l2 * (w ** 2).sum())


def test_dual_solver_matches_the_primal_minimizer():
    x, y, sw = _problem()
    w_p, b_p = fit_softmax_regression(x, y, 3, sample_weight=sw, l2=1e-2, steps=20000, lr=2.0)
    w_d, b_d = fit_softmax_regression_dual(x, y, 3, sample_weight=sw, l2=1e-2, steps=3000)
    assert abs(_loss(w_d, b_d, x, y, sw, 1e-2) - _loss(w_p, b_p, x, y, sw, 1e-2)) < 1e-4
    assert np.allclose(softmax(x @ w_d.T + b_d), softmax(x @ w_p.T + b_p), atol=5e-3)


def test_dual_solver_accepts_a_precomputed_gram_and_is_deterministic():
    x, y, sw = _problem(seed=1)
    a = fit_softmax_regression_dual(x, y, 3, sample_weight=sw, steps=200)
    b = fit_softmax_regression_dual(x, y, 3, sample_weight=sw, steps=200, gram=x @ x.T)
    assert np.array_equal(a[0], b[0]) and np.array_equal(a[1], b[1])


def test_stratified_folds_spread_every_class():
    y = np.array([0] * 10 + [1] * 5)
    folds = stratified_folds(y, 5)
    for f in range(5):
        assert (y[folds == f] == 0).sum() == 2 and (y[folds == f] == 1).sum() == 1
