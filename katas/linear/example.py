"""The statement's example, for `kit run linear`: the forward pass with and without a bias, then the
backward pass of the first from its own cache (each side its own), compared on the gradients."""


def example(track: str) -> list[dict]:
    import numpy as np

    x = np.array([[1.0, 2.0, 0.0], [0.0, -1.0, 3.0]], dtype=np.float32)
    w = np.array([[1.0, 0.0], [2.0, -1.0], [0.0, 1.0]], dtype=np.float32)
    b = np.array([0.5, -0.5], dtype=np.float32)
    dout = np.array([[1.0, 0.0], [0.5, -1.0]], dtype=np.float32)
    return [{"call": "linear_forward", "args": {"x": x, "w": w, "b": b}, "output": 0},
            {"call": "linear_forward", "args": {"x": x, "w": w}, "output": 0},
            {"call": "linear_backward", "args": {"dout": dout, "cache": {"result_of": 0, "item": 1}}}]
