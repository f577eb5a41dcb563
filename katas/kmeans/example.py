"""The statement's example, for `kit run kmeans`: the steps to run on your code and the reference's."""


def example(track: str) -> list[dict]:
    import numpy as np

    given = {"x": np.array([[9.0], [4.0], [5.0], [8.0], [1.0], [3.0]]), "k": 3,
             "init_centers": np.array([[4.0], [3.0], [1.0]])}
    return [{"call": "kmeans", "args": given},
            {"call": "kmeans", "args": {**given, "tol": 0.95}},
            {"call": "kmeans", "args": {**given, "max_iters": 1}}]
