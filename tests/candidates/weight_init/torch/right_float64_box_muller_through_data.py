"""Right: every draw in float64 from uniforms of the generator (Box-Muller for the normal), written
through `tensor.data` (which records no autograd) in the tensor's own dtype."""
import math

import torch


def fan_in_and_fan_out(tensor: torch.Tensor) -> tuple[int, int]:
    out_features, in_features, *kernel = tensor.shape
    receptive_field = math.prod(kernel)
    return in_features * receptive_field, out_features * receptive_field


def calculate_gain(nonlinearity: str, param: float | None = None) -> float:
    match nonlinearity:
        case "linear" | "conv1d" | "conv2d" | "conv3d" | "sigmoid":
            return 1.0
        case "tanh":
            return 5 / 3
        case "relu":
            return math.sqrt(2)
        case "leaky_relu":
            return math.sqrt(2 / (1 + (0.01 if param is None else param) ** 2))
        case "selu":
            return 3 / 4
    raise ValueError(nonlinearity)


def uniforms(tensor, generator):
    return torch.rand(tensor.numel(), generator=generator, dtype=torch.float64, device=tensor.device)


def set_uniform(tensor, bound, generator):
    values = (2 * uniforms(tensor, generator) - 1) * bound
    tensor.data.copy_(values.view(tensor.shape).to(tensor.dtype))
    return tensor


def set_normal(tensor, std, generator):
    u1, u2 = 1 - uniforms(tensor, generator), uniforms(tensor, generator)
    z = torch.sqrt(-2 * torch.log(u1)) * torch.cos(2 * math.pi * u2)
    tensor.data.copy_((z * std).view(tensor.shape).to(tensor.dtype))
    return tensor


def xavier_uniform_(tensor: torch.Tensor, gain: float = 1.0, generator: torch.Generator | None = None) -> torch.Tensor:
    fans = sum(fan_in_and_fan_out(tensor))
    return set_uniform(tensor, gain * math.sqrt(3) * math.sqrt(2 / fans), generator)


def xavier_normal_(tensor: torch.Tensor, gain: float = 1.0, generator: torch.Generator | None = None) -> torch.Tensor:
    fans = sum(fan_in_and_fan_out(tensor))
    return set_normal(tensor, gain * math.sqrt(2 / fans), generator)


def kaiming_uniform_(tensor: torch.Tensor, a: float = 0, mode: str = "fan_in", nonlinearity: str = "leaky_relu",
                     generator: torch.Generator | None = None) -> torch.Tensor:
    fan = fan_in_and_fan_out(tensor)[0 if mode == "fan_in" else 1]
    return set_uniform(tensor, math.sqrt(3) * calculate_gain(nonlinearity, a) / math.sqrt(fan), generator)


def kaiming_normal_(tensor: torch.Tensor, a: float = 0, mode: str = "fan_in", nonlinearity: str = "leaky_relu",
                    generator: torch.Generator | None = None) -> torch.Tensor:
    fan = fan_in_and_fan_out(tensor)[0 if mode == "fan_in" else 1]
    return set_normal(tensor, calculate_gain(nonlinearity, a) / math.sqrt(fan), generator)
