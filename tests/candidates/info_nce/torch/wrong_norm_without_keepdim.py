"""Classic bug: the norms taken without keepdim, shape (N,): where N == D they broadcast along the
last dimension and divide a[i, j] by the norm of row j, with no error."""
# expect-fail: info_nce[as_many_pairs_as_dimensions*] info_nce[more_pairs_than_dimensions]
# hint: normalise-then-divide
import torch


def info_nce(a: torch.Tensor, b: torch.Tensor, temperature: float = 0.07) -> torch.Tensor:
    a = a / a.norm(dim=1).clamp_min(1e-12)
    b = b / b.norm(dim=1).clamp_min(1e-12)
    logits = a @ b.T / temperature
    positives = logits.diagonal()
    a_to_b = torch.logsumexp(logits, dim=1) - positives
    b_to_a = torch.logsumexp(logits, dim=0) - positives
    return (a_to_b.mean() + b_to_a.mean()) / 2
