"""Forbidden: hands every init to torch.nn.init itself."""
import torch
from torch.nn import init


def fan_in_and_fan_out(tensor: torch.Tensor) -> tuple[int, int]:
    return init._calculate_fan_in_and_fan_out(tensor)


def calculate_gain(nonlinearity: str, param: float | None = None) -> float:
    return init.calculate_gain(nonlinearity, param)


def xavier_uniform_(tensor: torch.Tensor, gain: float = 1.0, generator: torch.Generator | None = None) -> torch.Tensor:
    return torch.nn.init.xavier_uniform_(tensor, gain, generator)


def xavier_normal_(tensor: torch.Tensor, gain: float = 1.0, generator: torch.Generator | None = None) -> torch.Tensor:
    return torch.nn.init.xavier_normal_(tensor, gain, generator)


def kaiming_uniform_(tensor: torch.Tensor, a: float = 0, mode: str = "fan_in", nonlinearity: str = "leaky_relu",
                     generator: torch.Generator | None = None) -> torch.Tensor:
    return torch.nn.init.kaiming_uniform_(tensor, a, mode, nonlinearity, generator)


def kaiming_normal_(tensor: torch.Tensor, a: float = 0, mode: str = "fan_in", nonlinearity: str = "leaky_relu",
                    generator: torch.Generator | None = None) -> torch.Tensor:
    return torch.nn.init.kaiming_normal_(tensor, a, mode, nonlinearity, generator)
