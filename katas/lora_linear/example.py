"""The statement's example, for `kit run lora_linear`: the steps to run on your code and the reference's."""


def example(track: str) -> list[dict]:
    import torch

    from interviewkit.grader import linear

    identity = torch.tensor([[1.0, 0.0], [0.0, 1.0]])
    state = {"base.weight": identity, "lora_A": torch.tensor([[1.0, 1.0]]), "lora_B": torch.tensor([[1.0], [0.0]])}
    x = torch.tensor([[3.0, 4.0]])
    return [{"construct": "LoRALinear", "args": {"base": linear(identity), "r": 1, "alpha": 2.0}},
            {"method": "load_state_dict", "args": {"state_dict": state}},
            {"method": "forward", "args": {"x": x}},
            {"method": "merge"},
            {"method": "forward", "args": {"x": x}}]
