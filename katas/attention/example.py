"""The statement's example, for `kit run attention`: the steps to run on your code and the
reference's, then a small multi-head layer (the reference's weights loaded into yours)."""


def example(track: str) -> list[dict]:
    q = [[1.0, 0.0], [0.0, 1.0]]                 # L = 2, D = 2
    k = [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]     # S = 3
    v = [[10.0], [20.0], [30.0]]                 # Dv = 1
    mask = [[True, True, False], [True, True, True]]
    x = [[[1.0, 0.0, 0.0, 1.0], [0.0, 1.0, 1.0, 0.0], [1.0, 1.0, 0.0, 0.0]]]  # (B, L, E) = (1, 3, 4)
    if track == "torch":
        import torch as lib

        array = lib.tensor
    else:
        import numpy as lib

        array = lib.array
    f32 = lib.float32
    steps = [{"call": "scaled_dot_product_attention", "args": {"q": array(q, dtype=f32), "k": array(k, dtype=f32),
                                                               "v": array(v, dtype=f32)}},
             {"call": "scaled_dot_product_attention", "args": {"q": array(q, dtype=f32), "k": array(k, dtype=f32),
                                                               "v": array(v, dtype=f32), "mask": array(mask)}}]
    if track == "torch":  # the numpy layer's weights are the grader's to set, which no step can do
        steps += [{"construct": "MultiHeadAttention", "args": {"embed_dim": 4, "num_heads": 2}},
                  {"method": "forward", "args": {"query": array(x, dtype=f32), "key": array(x, dtype=f32),
                                                 "value": array(x, dtype=f32)}}]
    return steps
