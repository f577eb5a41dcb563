"""The statement's example, for `kit run linear_svm`: the steps to run on your code and the reference's."""


def example(track: str) -> list[dict]:
    import numpy as np

    X = np.array([[2.0, -1.0], [1.0, -2.0], [-1.0, 1.0], [0.0, -2.0]], dtype=np.float32)
    options = {"lr": 1.0, "epochs": 2, "l2": 0.5}
    return [{"call": "fit_linear_svm", "args": {"X": X, "y": np.array([1, -1, -1, 1]), **options}},
            # ws [[0, 0], [0.5, -0.5], [0.14644661, 0.03033009]], bs [0, 0, -0.1767767]
            {"call": "fit_linear_svm", "args": {"X": X, "y": np.array([1, 0, 0, 1]), **options}},  # the same
            {"call": "predict", "args": {"X": np.array([[0.0, 0.0], [1.0, -1.0], [-1.0, 0.0]], dtype=np.float32),
                                         "w": np.array([1.0, 1.0]), "b": 0.0}}]                   # [1, 1, -1]
