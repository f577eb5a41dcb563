"""Correct: float64 inside, one example at a time, results cast back to the parameters' dtype."""
import numpy as np


class TwoLayerMLP:
    def __init__(self, W1, b1, W2, b2):
        self.W1, self.b1, self.W2, self.b2 = W1, b1, W2, b2

    def forward(self, X):
        h = np.maximum(0.0, X.astype(np.float64) @ self.W1 + self.b1)
        return (h @ self.W2 + self.b2).astype(X.dtype)

    def loss_and_grads(self, X, y):
        names = ("W1", "b1", "W2", "b2")
        params = {name: getattr(self, name).astype(np.float64) for name in names}
        grads = {name: np.zeros_like(value) for name, value in params.items()}
        total = 0.0
        n = len(X)
        for x, label in zip(X.astype(np.float64), y):
            pre = x @ params["W1"] + params["b1"]
            h = np.maximum(pre, 0.0)
            z = h @ params["W2"] + params["b2"]
            m = z.max()
            log_p = z - m - np.log(np.exp(z - m).sum())
            total -= log_p[label]
            dz = np.exp(log_p)
            dz[label] -= 1.0
            dpre = (params["W2"] @ dz) * (pre > 0)
            grads["W2"] += np.outer(h, dz) / n
            grads["b2"] += dz / n
            grads["W1"] += np.outer(x, dpre) / n
            grads["b1"] += dpre / n
        return total / n, {name: g.astype(self.W1.dtype) for name, g in grads.items()}

    def sgd_step(self, grads, lr):
        for name in ("W1", "b1", "W2", "b2"):
            param = getattr(self, name)
            param[...] = param - lr * grads[name]
