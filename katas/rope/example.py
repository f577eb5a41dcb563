"""The statement's example, for `kit run rope`: the steps to run on your code and the reference's."""


def example(track: str) -> list[dict]:
    import numpy as np

    x = np.array([[1, 2, 3, 4]] * 3, dtype=np.float32)  # S = 3, D = 4: pairs (0, 2) and (1, 3)
    unit = np.array([[1, 0, 0, 0]] * 3, dtype=np.float32)  # channel 0's partner is channel 2
    positions = np.array([5, 5, 0])
    if track == "torch":
        import torch

        x, unit, positions = torch.from_numpy(x), torch.from_numpy(unit), torch.from_numpy(positions)
    return [{"call": "apply_rope", "args": {"x": x}},
            {"call": "apply_rope", "args": {"x": x, "positions": positions}},
            {"call": "apply_rope", "args": {"x": unit}}]
