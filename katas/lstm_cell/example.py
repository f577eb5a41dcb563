"""The statement's example, for `kit run lstm_cell`: the steps to run on your code and the reference's
(numpy: then the backward, from each side's own cache)."""


def example(track: str) -> list[dict]:
    x, h, c = [[1.0, -1.0]], [[0.5]], [[2.0]]                  # I = 2, H = 1
    w_ih = [[0.5, 1.0, -1.0, 2.0], [0.0, 0.5, 1.0, -1.0]]      # numpy layout (I, 4H), gates i, f, g, o
    w_hh = [[1.0, 0.0, 0.5, 1.0]]
    b = [0.0, 1.0, 0.0, 0.0]                                    # z = [[1.0, 1.5, -1.75, 3.5]]
    if track == "torch":
        import torch

        return [{"call": "lstm_cell", "args": {"x": torch.tensor(x), "h": torch.tensor(h), "c": torch.tensor(c),
                                               "weight_ih": torch.tensor(w_ih).T.contiguous(),   # torch's (4H, I)
                                               "weight_hh": torch.tensor(w_hh).T.contiguous(),
                                               "bias_ih": torch.tensor(b)}}]      # h_new 0.71675, c_new 0.94695
    import numpy as np

    arrays = {"x": x, "h": h, "c": c, "w_ih": w_ih, "w_hh": w_hh, "b": b}
    return [{"call": "lstm_cell_forward", "args": {name: np.array(value, dtype=np.float32)
                                                   for name, value in arrays.items()}, "output": [0, 1]},
            {"call": "lstm_cell_backward", "args": {"dh_new": np.ones((1, 1), dtype=np.float32),
                                                    "dc_new": np.zeros((1, 1), dtype=np.float32),
                                                    "cache": {"result_of": 0, "item": 2}}}]
