"""The statement's example, for `kit run conv2d`: the steps to run on your code and the reference's."""


def example(track: str) -> list[dict]:
    import numpy as np

    x = np.arange(1.0, 10.0, dtype=np.float32).reshape(1, 1, 3, 3)
    weight = np.array([[[[1.0, 0.0], [0.0, -1.0]]]], dtype=np.float32)  # not flipped: -4 everywhere
    bias = np.array([0.5], dtype=np.float32)
    if track == "torch":
        import torch

        x, weight, bias = torch.from_numpy(x), torch.from_numpy(weight), torch.from_numpy(bias)
    return [{"call": "conv2d", "args": {"x": x, "weight": weight}},
            {"call": "conv2d", "args": {"x": x, "weight": weight, "bias": bias, "stride": 2, "padding": 1}}]
