"""db1 summed over the hidden units instead of the examples: right shape only when N == H."""
# expect-fail: loss_and_grads[small_batch] loss_and_grads[batch_as_large_as_the_hidden_layer]
# hint: backprop-shapes
import numpy as np


class TwoLayerMLP:
    def __init__(self, W1: np.ndarray, b1: np.ndarray, W2: np.ndarray, b2: np.ndarray):
        # The caller's arrays themselves: sgd_step updates them in place.
        self.W1, self.b1, self.W2, self.b2 = W1, b1, W2, b2

    def forward(self, X: np.ndarray) -> np.ndarray:
        return np.maximum(X @ self.W1 + self.b1, 0) @ self.W2 + self.b2

    def loss_and_grads(self, X: np.ndarray, y: np.ndarray) -> tuple[float, dict]:
        n = X.shape[0]
        pre = X @ self.W1 + self.b1
        hidden = np.maximum(pre, 0)
        logits = hidden @ self.W2 + self.b2
        # Shift by the row maximum: exp never overflows, and log(sum) >= 0 never sees log(0).
        shifted = logits - logits.max(axis=1, keepdims=True)
        log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        loss = -log_probs[np.arange(n), y].mean()

        dlogits = np.exp(log_probs)
        dlogits[np.arange(n), y] -= 1
        dlogits /= n
        dhidden = dlogits @ self.W2.T
        dpre = dhidden * (pre > 0)  # ReLU'(0) = 0
        grads = {"W1": X.T @ dpre, "b1": dpre.sum(axis=1), "W2": hidden.T @ dlogits, "b2": dlogits.sum(axis=0)}
        return float(loss), grads

    def sgd_step(self, grads: dict, lr: float) -> None:
        for name in ("W1", "b1", "W2", "b2"):
            getattr(self, name)[...] -= lr * grads[name]
