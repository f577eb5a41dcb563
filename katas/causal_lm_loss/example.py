"""The statement's example, for `kit run causal_lm_loss`: the steps to run on your code and the reference's."""


def example(track: str) -> list[dict]:
    import torch

    logits = torch.tensor([[[2.0, 0.0, 0.0], [0.0, 1.0, 0.0], [5.0, 5.0, 5.0]],
                           [[9.0, 9.0, 9.0], [0.0, 0.0, 0.0], [1.0, 2.0, 3.0]]])
    labels = torch.tensor([[1, 0, 1], [2, -100, 2]])
    return [{"call": "causal_lm_loss", "args": {"logits": logits, "labels": labels}},
            {"call": "causal_lm_loss", "args": {"logits": logits * 1e4, "labels": labels}}]
