"""The statement's example, for `kit run pca`: the steps to run on your code and the reference's.
The transforms are given the fit's results by value: mean (0, 1), the component (2, -1) / √5."""


def example(track: str) -> list[dict]:
    import numpy as np

    X = np.array([[2.0, 0.0], [0.0, 1.0], [-2.0, 2.0]], dtype=np.float32)
    mean = np.array([0.0, 1.0], dtype=np.float32)
    components = np.array([[2.0, -1.0]], dtype=np.float32) / np.float32(np.sqrt(5.0))
    Z = np.array([[1.0], [0.0], [-1.0]], dtype=np.float32) * np.float32(np.sqrt(5.0))
    return [{"call": "fit_pca", "args": {"X": X, "n_components": 1}},
            {"call": "pca_transform", "args": {"X": X, "mean": mean, "components": components}},
            {"call": "pca_inverse_transform", "args": {"Z": Z, "mean": mean, "components": components}}]
