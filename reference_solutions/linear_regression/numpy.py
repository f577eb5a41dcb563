import numpy as np


def fit_linear_regression(X: np.ndarray, y: np.ndarray, l2: float = 0.0,
                          fit_intercept: bool = True) -> tuple[np.ndarray, float]:
    X, y = X.astype(np.float64), y.astype(np.float64)
    n, d = X.shape
    x_mean, y_mean = (X.mean(axis=0), y.mean()) if fit_intercept else (np.zeros(d), 0.0)
    A, t = X - x_mean, y - y_mean  # centred: the intercept drops out, unpenalised
    if l2 > 0:
        # Ridge is least squares on D extra rows sqrt(l2)·I with targets 0: no XᵀX, κ is not squared.
        A, t = np.vstack([A, np.sqrt(l2) * np.eye(d)]), np.concatenate([t, np.zeros(d)])
    w = np.linalg.lstsq(A, t, rcond=None)[0]  # SVD: the minimum-norm w where there are many
    return w, float(y_mean - x_mean @ w)


def fit_linear_regression_gd(X: np.ndarray, y: np.ndarray, lr: float = 0.01,
                             epochs: int = 100) -> tuple[np.ndarray, float]:
    n, d = X.shape
    w, b = np.zeros(d), 0.0  # float64 whatever X's dtype
    for _ in range(epochs):
        r = y - X @ w - b
        w, b = w - lr * (-2 / n) * (X.T @ r), b - lr * (-2 / n) * r.sum()  # both from the old (w, b)
    return w, float(b)
