"""The statement's example, for `kit run rms_norm`: the steps to run on your code and the reference's."""


def example(track: str) -> list[dict]:
    x = [[3.0, 4.0, 0.0, 0.0], [1.0, 1.0, 1.0, 1.0], [-2.0, 2.0, -2.0, 2.0], [1e-4, -1e-4, 1e-4, -1e-4]]
    weight = [1.0, 1.0, 2.0, 2.0]
    if track == "torch":
        import torch

        # eps None, float32's: the last row is ±0.2782; eps 1e-6 makes it ±0.0995
        return [{"call": "rms_norm", "args": {"x": torch.tensor(x), "normalized_shape": 4}},
                {"call": "rms_norm", "args": {"x": torch.tensor(x), "normalized_shape": 4, "eps": 1e-6}},
                {"call": "rms_norm", "args": {"x": torch.tensor(x), "normalized_shape": 4,
                                              "weight": torch.tensor(weight)}},
                {"call": "rms_norm", "args": {"x": torch.tensor(x[:3]), "normalized_shape": (3, 4)}}]  # one sample
    import numpy as np

    x, ones, eps32 = np.array(x, dtype=np.float32), np.ones(4, dtype=np.float32), float(np.finfo(np.float32).eps)
    return [{"call": "rms_norm", "args": {"x": x, "weight": ones, "eps": eps32}},   # last row ±0.2782: eps decides
            {"call": "rms_norm", "args": {"x": x, "weight": ones}},                 # eps 1e-6: last row ±0.0995
            {"call": "rms_norm", "args": {"x": x, "weight": np.array(weight, dtype=np.float32), "eps": eps32}}]
