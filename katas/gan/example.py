"""For `kit run gan`: the MLP both networks are made of, with the reference's weights loaded into
yours. The training steps are left out: they take two of your modules and an optimizer over one,
which the steps of a run cannot pass."""


def example(track: str) -> list[dict]:
    import torch

    return [{"construct": "MLP", "args": {"in_dim": 1, "hidden_dim": 4, "out_dim": 1}},   # the statement's G and D
            {"method": "forward", "args": {"x": torch.tensor([[-1.0], [0.0], [1.5], [2.0]])}}]
