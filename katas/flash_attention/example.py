"""The statement's example, for `kit run flash_attention`: the steps to run on your code and the
reference's (B = H = 1, L = S = 3, D = 2, keys read two at a time)."""


def example(track: str) -> list[dict]:
    q = [[1.0, 0.0], [0.0, 2.0], [1.0, 1.0]]
    k = [[1.0, 0.0], [0.0, 1.0], [2.0, 2.0]]
    v = [[1.0, 0.0], [0.0, 1.0], [2.0, 2.0]]
    if track == "torch":
        import torch

        qkv = {name: torch.tensor([[value]]) for name, value in (("q", q), ("k", k), ("v", v))}
    else:
        import numpy as np

        qkv = {name: np.array([[value]], dtype=np.float32) for name, value in (("q", q), ("k", k), ("v", v))}
    return [{"call": "flash_attention", "args": {**qkv, "block_size": 2}},
            # [[1.4359, 1.2920], [1.5812, 1.7225], [1.7099, 1.7099]]
            {"call": "flash_attention", "args": {**qkv, "causal": True, "block_size": 2}}]
            # [[1, 0], [0.1956, 0.8044], [1.7099, 1.7099]]: row 0's second block entirely masked
