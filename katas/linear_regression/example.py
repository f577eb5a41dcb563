"""The statement's example, for `kit run linear_regression`: the steps to run on your code and the
reference's. In float64, as the statement's arrays are (w is float64 whatever X's dtype)."""


def example(track: str) -> list[dict]:
    import numpy as np

    X = np.array([[1.0, 2.0], [2.0, 0.0], [3.0, 1.0], [4.0, 3.0]])
    y = np.array([3.0, 3.0, 5.0, 8.0])
    twin = np.column_stack([X[:, 0], X[:, 0]])  # a duplicated column: the minimum-norm w splits it
    return [{"call": "fit_linear_regression", "args": {"X": X, "y": y}},
            {"call": "fit_linear_regression", "args": {"X": X, "y": y, "l2": 1.0}},
            {"call": "fit_linear_regression", "args": {"X": X, "y": y, "fit_intercept": False}},
            {"call": "fit_linear_regression", "args": {"X": twin, "y": y}},
            {"call": "fit_linear_regression_gd", "args": {"X": X, "y": y, "lr": 0.01, "epochs": 1}},
            {"call": "fit_linear_regression_gd", "args": {"X": X, "y": y, "lr": 0.05, "epochs": 2000}}]
