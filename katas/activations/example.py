"""The statement's example, for `kit run activations`: the steps to run on your code and the reference's."""


def example(track: str) -> list[dict]:
    values = [-1000.0, -1.0, 0.0, 1.0, 1000.0]
    if track == "torch":
        import torch

        x = torch.tensor(values)
        return [{"call": "gelu", "args": {"x": x}},
                {"call": "gelu", "args": {"x": x, "approximate": "tanh"}},
                {"call": "silu", "args": {"x": x}}]
    import numpy as np

    x = np.array(values, dtype=np.float32)
    calls = [("sigmoid", {}), ("sigmoid_grad", {}), ("relu_grad", {}), ("leaky_relu", {"negative_slope": 0.2}),
             ("leaky_relu_grad", {}), ("tanh_grad", {}), ("gelu", {}), ("gelu", {"approximate": "tanh"}),
             ("gelu_grad", {}), ("silu", {}), ("silu_grad", {})]
    return [{"call": name, "args": {"x": x, **options}} for name, options in calls]
