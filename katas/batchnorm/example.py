"""The statement's example, for `kit run batchnorm`: the steps to run on your code and the reference's.
The torch track's two samples of each channel lie side by side along W; the numpy track shows the
backward of a second batch of three rows instead (two rows normalize to ±1 whatever
they hold: their dx is 0)."""


def example(track: str) -> list[dict]:
    if track == "torch":
        import torch

        return [{"construct": "BatchNorm2d", "args": {"num_features": 2}},
                {"method": "forward", "args": {"x": torch.tensor([[[[1.0, 3.0]], [[10.0, 20.0]]]])}},
                {"method": "state_dict"},  # the running statistics, updated with the unbiased variance
                {"method": "eval"},
                {"method": "forward", "args": {"x": torch.tensor([[[[2.0]], [[15.0]]]])}}]
    import numpy as np

    first = np.array([[1.0, 10.0], [3.0, 20.0]], dtype=np.float32)
    second = np.array([[0.0, 10.0], [1.0, 20.0], [2.0, 60.0]], dtype=np.float32)
    return [{"construct": "BatchNorm", "args": {"num_features": 2}},
            {"method": "forward", "args": {"x": first}},
            {"method": "forward", "args": {"x": second}},
            {"method": "backward", "args": {"dout": np.eye(3, 2, dtype=np.float32)}}]
