"""The statement's example, for `kit run metrics`: the steps to run on your code and the
reference's."""


def example(track: str) -> list[dict]:
    import numpy as np

    labels = {"y_true": np.array([0, 1, 2, 2, 1, 0]), "y_pred": np.array([0, 2, 2, 3, 1, 1])}
    return [{"call": "roc_auc", "args": {"y_true": np.array([0, 0, 1, 1, 0, 1]),
                                         "scores": np.array([0.1, 0.4, 0.35, 0.8, 0.4, 0.4], dtype=np.float32)}},
            {"call": "confusion_matrix", "args": {**labels, "num_classes": 5}},
            {"call": "precision_recall_f1", "args": {**labels, "average": "macro"}},   # (0.5, 0.375, 0.41667)
            {"call": "precision_recall_f1", "args": {"y_true": np.array([1, 1, 1, 1, 0, 0, 0, 0]),
                                                     "y_pred": np.array([1, 0, 0, 0, 1, 0, 0, 0])}}]
