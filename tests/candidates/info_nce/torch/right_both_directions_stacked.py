"""Right: both directions as one (2, N, N) stack of rows, the log-sum-exp by hand with each row's
maximum subtracted, and one mean over the 2N losses (the average of the two means)."""
import torch


def info_nce(a: torch.Tensor, b: torch.Tensor, temperature: float = 0.07) -> torch.Tensor:
    a = a / torch.linalg.vector_norm(a, dim=-1, keepdim=True).clamp_min(1e-12)
    b = b / torch.linalg.vector_norm(b, dim=-1, keepdim=True).clamp_min(1e-12)
    logits = (a @ b.T) / temperature
    rows = torch.stack([logits, logits.T])  # rows[0, i]: a[i] against every b; rows[1, j]: b[j] against every a
    peak = rows.max(dim=-1, keepdim=True).values.detach()  # any constant works: it cancels
    log_sum = torch.log(torch.exp(rows - peak).sum(dim=-1)) + peak.squeeze(-1)
    positives = torch.diagonal(logits)
    return (log_sum - positives).mean()
