"""The statement's example, for `kit run pooling`: the steps to run on your code and the reference's."""


def example(track: str) -> list[dict]:
    x = [[1.0, 3.0, 2.0, 0.0], [3.0, -1.0, 4.0, 4.0], [0.0, 5.0, 1.0, 2.0], [-2.0, 1.0, 6.0, -3.0]]
    if track == "torch":
        import torch

        x = torch.tensor(x).reshape(1, 1, 4, 4)
    else:
        import numpy as np

        x = np.array(x, dtype=np.float32).reshape(1, 1, 4, 4)
    steps = [{"call": "max_pool2d", "args": {"x": x, "kernel_size": 2}},                 # [[3, 4], [5, 6]]
             {"call": "avg_pool2d", "args": {"x": x, "kernel_size": 2}},                 # [[1.5, 2.5], [1, 1.5]]
             {"call": "avg_pool2d", "args": {"x": x, "kernel_size": 2, "padding": 1}}]   # 3 x 3, corners / 4
    if track == "numpy":   # tied maxima: the first in row-major order takes the whole gradient
        steps.insert(2, {"call": "max_pool2d_backward", "args": {"dout": np.ones((1, 1, 2, 2), dtype=np.float32),
                                                                 "x": x, "kernel_size": 2}})
    return steps
