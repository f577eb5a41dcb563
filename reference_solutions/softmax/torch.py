import torch


def softmax(x: torch.Tensor, dim: int = -1) -> torch.Tensor:
    # Softmax is unchanged by a per-slice constant: subtracting the maximum keeps exp() <= 1.
    shifted = x - x.amax(dim=dim, keepdim=True)
    exponentials = torch.exp(shifted)
    return exponentials / exponentials.sum(dim=dim, keepdim=True)
