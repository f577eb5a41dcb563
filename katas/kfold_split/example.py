"""The statement's example, for `kit run kfold_split`: the steps to run on your code and the
reference's (the shuffled split draws from a seeded generator, the same on both sides)."""


def example(track: str) -> list[dict]:
    import numpy as np

    from interviewkit.grader import numpy_generator

    y = np.array([1, 1, 0, 1, 0, 1, 0, 1, 0])   # label 1 first: it is class 0
    return [{"call": "kfold_split", "args": {"n_samples": 7, "n_splits": 3}},
            {"call": "kfold_split", "args": {"n_samples": 7, "n_splits": 3, "shuffle": True,
                                             "rng": numpy_generator(0)}},   # permutation [2, 4, 3, 6, 5, 0, 1]
            {"call": "stratified_kfold_split", "args": {"y": y, "n_splits": 3}}]
