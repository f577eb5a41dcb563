"""The statement's example, for `kit run knn`: the steps to run on your code and the reference's."""


def example(track: str) -> list[dict]:
    import numpy as np

    X_train = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0],
                        [3.0, 3.0], [4.0, 3.0], [3.0, 4.0]], dtype=np.float32)
    X_test = np.array([[0.2, 0.2], [3.5, 3.0], [2.0, 2.0]], dtype=np.float32)
    labels = np.array([2, 2, 5, 5, 2, 5])
    targets = np.array([1.0, 2.0, 3.0, 10.0, 20.0, 30.0], dtype=np.float32)
    data = {"X_train": X_train, "X_test": X_test}
    return [{"call": "knn_predict", "args": {**data, "y_train": labels, "k": 3}},   # [2, 5, 5]
            {"call": "knn_predict", "args": {**data, "y_train": labels, "k": 2}},   # ties: [2, 2, 2]
            {"call": "knn_predict", "args": {**data, "y_train": targets, "k": 2, "task": "regress"}}]
