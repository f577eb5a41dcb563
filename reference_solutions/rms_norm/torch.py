import torch


def rms_norm(x: torch.Tensor, normalized_shape, weight: torch.Tensor | None = None,
             eps: float | None = None) -> torch.Tensor:
    if isinstance(normalized_shape, int):
        normalized_shape = (normalized_shape,)
    if eps is None:
        eps = torch.finfo(x.dtype).eps  # as F.rms_norm: the input's own precision, not a constant
    dims = tuple(range(-len(normalized_shape), 0))  # the trailing dimensions, one sample's features
    mean_square = (x * x).mean(dim=dims, keepdim=True)
    out = x * torch.rsqrt(mean_square + eps)
    if weight is not None:
        out = out * weight
    return out
