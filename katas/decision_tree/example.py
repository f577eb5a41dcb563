"""The statement's example, for `kit run decision_tree`: the steps to run on your code and the reference's."""


def example(track: str) -> list[dict]:
    import numpy as np

    X = np.array([[1, 5], [2, 6], [3, 1], [4, 2], [5, 7], [6, 8]], dtype=np.float64)
    y = np.array([0, 0, 1, 1, 2, 2])
    label = y.dtype.type  # leaves hold elements of y
    tree = {"feature": 0, "threshold": 2.5, "left": {"leaf": label(0)},      # what fit_tree(X, y) grows
            "right": {"feature": 0, "threshold": 4.5, "left": {"leaf": label(1)}, "right": {"leaf": label(2)}}}
    return [{"call": "fit_tree", "args": {"X": X, "y": y}},
            {"call": "predict_tree", "args": {"tree": tree, "X": np.array([[2.5, 9.0], [4.0, 3.0], [6.0, 7.5]])}}]
