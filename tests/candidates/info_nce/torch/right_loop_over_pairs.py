"""Right: one pair at a time, as a loop: each a[i] against every b, each b[i] against every a."""
import torch
import torch.nn.functional as F


def info_nce(a: torch.Tensor, b: torch.Tensor, temperature: float = 0.07) -> torch.Tensor:
    a, b = F.normalize(a, dim=1), F.normalize(b, dim=1)
    n = a.shape[0]
    total = a.new_zeros(())
    for i in range(n):
        a_scores = (b @ a[i]) / temperature  # a[i] against every b: b[i] is the positive
        b_scores = (a @ b[i]) / temperature  # b[i] against every a: a[i] is the positive
        total = total + (torch.logsumexp(a_scores, 0) - a_scores[i]) + (torch.logsumexp(b_scores, 0) - b_scores[i])
    return total / (2 * n)
