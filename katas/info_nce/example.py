"""The statement's example, for `kit run info_nce`: the steps to run on your code and the reference's."""


def example(track: str) -> list[dict]:
    import torch

    a = torch.tensor([[3.0, 4.0], [0.0, 2.0]])
    b = torch.tensor([[1.0, 0.0], [0.0, 5.0]])
    return [{"call": "info_nce", "args": {"a": a, "b": b, "temperature": 0.5}},   # 0.4541
            {"call": "info_nce", "args": {"a": a, "b": b}},                       # temperature 0.07: 0.7423
            {"call": "info_nce", "args": {"a": a, "b": b, "temperature": 1.0}},   # 0.5368
            {"call": "info_nce", "args": {"a": a[:1], "b": b[:1]}}]               # one pair: 0.0
