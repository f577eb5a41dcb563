"""The statement's example, for `kit run layer_norm`: the steps to run on your code and the reference's."""


def example(track: str) -> list[dict]:
    rows = [[1.0, 2.0, 3.0, 4.0], [2.0, 2.0, 2.0, 2.0], [-10.0, 0.0, 10.0, 20.0]]
    weight, bias = [1.0, 1.0, 2.0, 2.0], [0.0, 0.0, 0.0, 1.0]
    if track == "torch":
        import torch

        x = torch.tensor(rows)
        return [{"call": "layer_norm", "args": {"x": x, "normalized_shape": 4}},
                {"call": "layer_norm", "args": {"x": x, "normalized_shape": 4, "weight": torch.tensor(weight),
                                                "bias": torch.tensor(bias)}},
                {"call": "layer_norm", "args": {"x": x, "normalized_shape": (3, 4)}}]
    import numpy as np

    x = np.array(rows, dtype=np.float32)
    return [{"call": "layer_norm", "args": {"x": x, "gamma": np.ones(4, dtype=np.float32),
                                            "beta": np.zeros(4, dtype=np.float32)}},
            {"call": "layer_norm", "args": {"x": x, "gamma": np.array(weight, dtype=np.float32),
                                            "beta": np.array(bias, dtype=np.float32)}}]
