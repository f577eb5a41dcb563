import torch


def layer_norm(x: torch.Tensor, normalized_shape, weight: torch.Tensor | None = None,
               bias: torch.Tensor | None = None, eps: float = 1e-5) -> torch.Tensor:
    if isinstance(normalized_shape, int):
        normalized_shape = (normalized_shape,)
    dims = tuple(range(-len(normalized_shape), 0))  # the trailing dimensions, one sample's features
    mean = x.mean(dim=dims, keepdim=True)
    centred = x - mean
    # The biased variance, from the centred values: E[x²] - E[x]² would cancel catastrophically
    # when |mean| >> std.
    variance = (centred * centred).mean(dim=dims, keepdim=True)
    out = centred / torch.sqrt(variance + eps)
    if weight is not None:
        out = out * weight
    if bias is not None:
        out = out + bias
    return out
