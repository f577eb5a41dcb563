import torch
import torch.nn.functional as F


def info_nce(a: torch.Tensor, b: torch.Tensor, temperature: float = 0.07) -> torch.Tensor:
    a = F.normalize(a, dim=1)  # x / max(||x||, 1e-12): cosine similarities, and no 0 / 0 on a zero row
    b = F.normalize(b, dim=1)
    logits = a @ b.T / temperature  # (N, N): row i scores a[i] against every b, column j b[j] against every a
    positives = logits.diagonal()
    # logsumexp subtracts the maximum: at temperature 0.01 the logits reach 100 and exp(100)
    # overflows float32.
    a_to_b = torch.logsumexp(logits, dim=1) - positives  # each a picks its b among the N
    b_to_a = torch.logsumexp(logits, dim=0) - positives  # each b picks its a: the columns
    return (a_to_b.mean() + b_to_a.mean()) / 2
