"""The statement's example, for `kit run cross_entropy`: the steps to run on your code and the reference's."""


def example(track: str) -> list[dict]:
    logits = [[2.0, 1.0, 0.0], [0.0, 0.0, 0.0]]
    if track == "torch":
        import torch

        x, y = torch.tensor(logits), torch.tensor([0, 2])
        return [{"call": "cross_entropy", "args": {"logits": x, "targets": y, "reduction": "none"}},
                {"call": "cross_entropy", "args": {"logits": x, "targets": y}},
                {"call": "cross_entropy", "args": {"logits": x, "targets": torch.tensor([0, -100])}},
                {"call": "cross_entropy", "args": {"logits": x, "targets": y, "reduction": "none",
                                                   "label_smoothing": 0.1}}]
    import numpy as np

    x, y = np.array(logits, dtype=np.float32), np.array([0, 2])
    return [{"call": "cross_entropy", "args": {"logits": x, "targets": y, "reduction": "none"}},
            {"call": "cross_entropy", "args": {"logits": x, "targets": y}},
            {"call": "cross_entropy", "args": {"logits": x, "targets": y, "reduction": "sum"}}]
