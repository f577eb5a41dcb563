"""Classic bug: the norms detached (as if they were constants): the right loss, but the gradient
keeps the radial part that normalising removes."""
# expect-fail: info_nce[random_pairs_at_*] info_nce[*_very_different_norms] info_nce[random_pairs_in_float64]
# hint: normalise-then-divide
import torch


def info_nce(a: torch.Tensor, b: torch.Tensor, temperature: float = 0.07) -> torch.Tensor:
    a = a / a.norm(dim=1, keepdim=True).clamp_min(1e-12).detach()
    b = b / b.norm(dim=1, keepdim=True).clamp_min(1e-12).detach()
    logits = a @ b.T / temperature
    positives = logits.diagonal()
    a_to_b = torch.logsumexp(logits, dim=1) - positives
    b_to_a = torch.logsumexp(logits, dim=0) - positives
    return (a_to_b.mean() + b_to_a.mean()) / 2
