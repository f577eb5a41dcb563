"""Gradient buffers made once, in __init__, and added into on every call (as PyTorch's .grad is) but
never reset: a first call is exact, every later one returns the sum of all the gradients so far."""
# expect-fail: trains_on_xor[the_four_points] trains_on_xor[the_four_points_in_float32]
# hint: nothing-carried-between-steps
import numpy as np


class TwoLayerMLP:
    def __init__(self, W1: np.ndarray, b1: np.ndarray, W2: np.ndarray, b2: np.ndarray):
        self.W1, self.b1, self.W2, self.b2 = W1, b1, W2, b2
        self.grads = {name: np.zeros_like(value) for name, value in
                      (("W1", W1), ("b1", b1), ("W2", W2), ("b2", b2))}

    def forward(self, X: np.ndarray) -> np.ndarray:
        return np.maximum(X @ self.W1 + self.b1, 0) @ self.W2 + self.b2

    def loss_and_grads(self, X: np.ndarray, y: np.ndarray) -> tuple[float, dict]:
        n = X.shape[0]
        pre = X @ self.W1 + self.b1
        hidden = np.maximum(pre, 0)
        logits = hidden @ self.W2 + self.b2
        shifted = logits - logits.max(axis=1, keepdims=True)
        log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        loss = -log_probs[np.arange(n), y].mean()

        dlogits = np.exp(log_probs)
        dlogits[np.arange(n), y] -= 1
        dlogits /= n
        dpre = (dlogits @ self.W2.T) * (pre > 0)
        self.grads["W1"] += X.T @ dpre
        self.grads["b1"] += dpre.sum(axis=0)
        self.grads["W2"] += hidden.T @ dlogits
        self.grads["b2"] += dlogits.sum(axis=0)
        return float(loss), self.grads

    def sgd_step(self, grads: dict, lr: float) -> None:
        for name in ("W1", "b1", "W2", "b2"):
            getattr(self, name)[...] -= lr * grads[name]
