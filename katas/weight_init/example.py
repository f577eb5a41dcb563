"""The statement's example, for `kit run weight_init`: the fans and the gain (the initialisers draw at
random, each solution in its own way, so a run shows no draws: `kit grade` holds them to their law)."""


def example(track: str) -> list[dict]:
    import math

    import torch

    return [{"call": "fan_in_and_fan_out", "args": {"tensor": torch.zeros(128, 512)}},  # a linear layer
            {"call": "fan_in_and_fan_out", "args": {"tensor": torch.zeros(16, 8, 3, 3)}},  # a 3x3 convolution
            {"call": "calculate_gain", "args": {"nonlinearity": "leaky_relu", "param": math.sqrt(5)}}]
