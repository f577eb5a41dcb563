"""The statement's example, for `kit run logistic_regression`: the steps to run on your code and
the reference's."""


def example(track: str) -> list[dict]:
    import numpy as np

    X = np.array([[1.0, 2.0], [-1.0, 0.5], [2.0, -1.0], [0.0, 1.0]], dtype=np.float32)
    y = np.array([1, 0, 1, 1])
    logits = np.array([[0.0], [2.0], [-40.0], [-1000.0], [1000.0]], dtype=np.float32)
    return [{"call": "fit_logistic_regression", "args": {"X": X, "y": y, "epochs": 1}},   # ([0.05, 0.01875], 0.025)
            {"call": "fit_logistic_regression", "args": {"X": X, "y": y, "l2": 0.5}},
            {"call": "predict_proba", "args": {"X": logits, "w": np.array([1.0]), "b": 0.0}}]   # no overflow warning
