"""The statement's example, for `kit run softmax`: the steps to run on your code and the reference's."""


def example(track: str) -> list[dict]:
    rows = [[1.0, 2.0, 3.0], [1000.0, 1001.0, 1002.0]]
    if track == "torch":
        import torch

        return [{"call": "softmax", "args": {"x": torch.tensor(rows)}},
                {"call": "softmax", "args": {"x": torch.tensor(rows), "dim": 0}}]
    import numpy as np

    return [{"call": "softmax", "args": {"x": np.array(rows, dtype=np.float32)}},
            {"call": "softmax", "args": {"x": np.array(rows, dtype=np.float32), "axis": 0}}]
