"""The statement's example, for `kit run moe_router`: the steps to run on your code and the reference's.
experts[i] is an nn.Linear(2, 2, bias=False) with weight (i + 1) * I, described for kit to build."""


def example(track: str) -> list[dict]:
    import torch

    from interviewkit.grader import linear

    args = {"x": torch.tensor([[2.0, 0.0], [0.0, 1.0], [1.0, 0.5]]),
            "router_weight": torch.tensor([[1.0, 0.0], [0.0, 1.0], [-1.0, -1.0]]),
            "experts": [linear((i + 1) * torch.eye(2)) for i in range(3)]}
    return [{"call": "moe_forward", "args": {**args, "top_k": top_k}} for top_k in (2, 1, 3)]
