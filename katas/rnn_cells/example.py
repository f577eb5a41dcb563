"""The statement's example, for `kit run rnn_cells`: one GRU step (I = H = 1), the steps to run on your
code and the reference's; torch then runs the same cell over two steps, numpy backpropagates the step
from each side's own cache."""


def example(track: str) -> list[dict]:
    x, h = [[1.0]], [[0.5]]
    w_ih, w_hh = [[1.0, -1.0, 2.0]], [[0.5, 1.0, -1.0]]    # gates r, z, n (numpy layout, (I, 3H))
    b_ih, b_hh = [0.0, 0.0, 0.0], [0.0, 0.0, 1.0]           # b_hh's n block sits inside r * gh_n
    if track == "torch":
        import torch

        weights = {"weight_ih": torch.tensor(w_ih).T.contiguous(), "weight_hh": torch.tensor(w_hh).T.contiguous(),
                   "bias_ih": torch.tensor(b_ih), "bias_hh": torch.tensor(b_hh)}   # torch's layout: (3H, I)
        return [{"call": "gru_cell", "args": {"x": torch.tensor(x), "h": torch.tensor(h), **weights}},  # 0.80084
                {"call": "gru_sequence", "args": {"xs": torch.tensor([x, [[-1.0]]]), "h0": torch.tensor(h),
                                                  **weights}}]
    import numpy as np

    arrays = {"xs": [x], "h0": h, "w_ih": w_ih, "w_hh": w_hh, "b_ih": b_ih, "b_hh": b_hh}
    return [{"call": "gru_forward", "args": {name: np.array(value, dtype=np.float32)
                                             for name, value in arrays.items()}, "output": [0, 1]},  # h_T [[0.80084]]
            {"call": "gru_backward", "args": {"douts": np.ones((1, 1, 1), dtype=np.float32),
                                              "dh_T": np.zeros((1, 1), dtype=np.float32),
                                              "cache": {"result_of": 0, "item": 2}}}]
