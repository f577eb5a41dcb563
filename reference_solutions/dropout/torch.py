import torch


def dropout(x: torch.Tensor, p: float = 0.5, training: bool = True,
            generator: torch.Generator | None = None) -> torch.Tensor:
    if not training or p == 0:
        return x
    if p == 1:
        # x * 0, not zeros_like(x): the output stays part of the graph (its gradient is 0).
        return x * 0
    # torch.rand(x.shape), not rand_like(x): rand_like follows x's memory layout.
    keep = torch.rand(x.shape, generator=generator, dtype=x.dtype, device=x.device) >= p
    return x * keep / (1 - p)
