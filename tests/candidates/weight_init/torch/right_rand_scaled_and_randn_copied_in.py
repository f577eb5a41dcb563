"""Right: draws a fresh tensor with torch.rand / torch.randn from the generator, scales it, and
copies it into the weight under no_grad; fans with a loop, gains from a table."""
import math

import torch

ONE = ("linear", "conv1d", "conv2d", "conv3d", "sigmoid")


def fan_in_and_fan_out(tensor: torch.Tensor) -> tuple[int, int]:
    receptive_field = 1
    for size in tensor.shape[2:]:
        receptive_field *= size
    return tensor.size(1) * receptive_field, tensor.size(0) * receptive_field


def calculate_gain(nonlinearity: str, param: float | None = None) -> float:
    if nonlinearity == "leaky_relu":
        slope = 0.01 if param is None else float(param)
        return (2.0 / (1.0 + slope * slope)) ** 0.5
    gains = {"tanh": 5.0 / 3, "relu": 2.0 ** 0.5, "selu": 0.75, **{name: 1.0 for name in ONE}}
    return gains[nonlinearity]


def fill_uniform(tensor, bound, generator):
    drawn = torch.rand(tensor.shape, generator=generator, dtype=tensor.dtype, device=tensor.device)
    with torch.no_grad():
        tensor.copy_(drawn * (2 * bound) - bound)
    return tensor


def fill_normal(tensor, std, generator):
    drawn = torch.randn(tensor.shape, generator=generator, dtype=tensor.dtype, device=tensor.device)
    with torch.no_grad():
        tensor.copy_(drawn * std)
    return tensor


def xavier_uniform_(tensor: torch.Tensor, gain: float = 1.0, generator: torch.Generator | None = None) -> torch.Tensor:
    fan_in, fan_out = fan_in_and_fan_out(tensor)
    return fill_uniform(tensor, gain * (6 / (fan_in + fan_out)) ** 0.5, generator)


def xavier_normal_(tensor: torch.Tensor, gain: float = 1.0, generator: torch.Generator | None = None) -> torch.Tensor:
    fan_in, fan_out = fan_in_and_fan_out(tensor)
    return fill_normal(tensor, gain * (2 / (fan_in + fan_out)) ** 0.5, generator)


def _fan(tensor, mode):
    fan_in, fan_out = fan_in_and_fan_out(tensor)
    return {"fan_in": fan_in, "fan_out": fan_out}[mode]


def kaiming_uniform_(tensor: torch.Tensor, a: float = 0, mode: str = "fan_in", nonlinearity: str = "leaky_relu",
                     generator: torch.Generator | None = None) -> torch.Tensor:
    gain = calculate_gain(nonlinearity, a)
    return fill_uniform(tensor, gain * math.sqrt(3 / _fan(tensor, mode)), generator)


def kaiming_normal_(tensor: torch.Tensor, a: float = 0, mode: str = "fan_in", nonlinearity: str = "leaky_relu",
                    generator: torch.Generator | None = None) -> torch.Tensor:
    gain = calculate_gain(nonlinearity, a)
    return fill_normal(tensor, gain / math.sqrt(_fan(tensor, mode)), generator)
