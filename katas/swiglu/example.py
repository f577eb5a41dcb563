"""The statement's example, for `kit run swiglu`: the steps to run on your code and the
reference's; NumPy's backward runs from each side's own cache."""


def example(track: str) -> list[dict]:
    x = [[1.0, 2.0]]
    w_gate = [[1.0, 0.0], [0.0, -1.0]]   # g = [[1, -2]]
    w_up = [[1.0, 1.0], [1.0, 0.0]]      # u = [[3, 1]]
    w_down = [[1.0, 1.0], [1.0, -1.0]]   # out = [[1.9548, 2.4316]]
    if track == "torch":
        import torch

        return [{"construct": "SwiGLU", "args": {"dim": 2, "hidden_dim": 2}},
                {"method": "forward", "args": {"x": torch.tensor(x)}},
                {"method": "forward", "args": {"x": torch.tensor([[1000.0, -1000.0], [-100.0, 0.0]])}}]
    import numpy as np

    def f32(rows):
        return np.array(rows, dtype=np.float32)
    return [{"call": "swiglu_forward", "args": {"x": f32(x), "w_gate": f32(w_gate), "w_up": f32(w_up),
                                                "w_down": f32(w_down)}, "output": 0},
            {"call": "swiglu_backward", "args": {"dout": f32([[1.0] * len(w_down[0])] * len(x)),
                                                 "cache": {"result_of": 0, "item": 1}}}]
