"""Right: the kept values chosen by torch.where, the scale computed in float64 and cast back."""
import torch


def dropout(x, p=0.5, training=True, generator=None):
    if not training or p == 0:
        return x.clone()
    if p == 1:
        return x * 0
    u = torch.rand(x.shape, generator=generator, dtype=x.dtype, device=x.device)
    scaled = (x.double() / (1.0 - p)).to(x.dtype)
    return torch.where(u >= p, scaled, torch.zeros_like(x))
