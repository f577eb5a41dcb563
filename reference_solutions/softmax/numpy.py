import numpy as np


def softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    # Softmax is unchanged by a per-slice constant: subtracting the maximum keeps exp() <= 1.
    shifted = x - x.max(axis=axis, keepdims=True)
    exponentials = np.exp(shifted)
    return exponentials / exponentials.sum(axis=axis, keepdims=True)
