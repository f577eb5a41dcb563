"""The statement's example, for `kit run naive_bayes`: the steps to run on your code and the reference's."""


def example(track: str) -> list[dict]:
    import numpy as np

    X = np.array([[0.0], [2.0], [10.0], [12.0]], dtype=np.float32)
    y = np.array([4, 4, 7, 7])
    model = {"classes": np.array([4, 7]), "priors": np.array([0.5, 0.5], dtype=np.float32),   # what the fit gives
             "means": np.array([[1.0], [11.0]], dtype=np.float32),
             "variances": np.array([[1.0], [1.0]], dtype=np.float32)}
    return [{"call": "fit_gaussian_nb", "args": {"X": X, "y": y, "var_smoothing": 0.0}},
            {"call": "predict_log_proba", "args": {"X": np.array([[1000.0]], dtype=np.float32), **model}},
            # [[-9940., 0.]]: both jll near -5e5, yet finite
            {"call": "predict", "args": {"X": np.array([[5.0], [6.0]], dtype=np.float32), **model}}]
            # [4, 4]: x = 6 is as far from both, the first class wins
