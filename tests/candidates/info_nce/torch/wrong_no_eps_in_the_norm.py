"""Classic bug: divided by the bare norm: a row of zeros gives 0 / 0 = NaN."""
# expect-fail: info_nce[a_zero_embedding_in_each_input]
# hint: normalise-then-divide
import torch


def info_nce(a: torch.Tensor, b: torch.Tensor, temperature: float = 0.07) -> torch.Tensor:
    a = a / a.norm(dim=1, keepdim=True)
    b = b / b.norm(dim=1, keepdim=True)
    logits = a @ b.T / temperature
    positives = logits.diagonal()
    a_to_b = torch.logsumexp(logits, dim=1) - positives
    b_to_a = torch.logsumexp(logits, dim=0) - positives
    return (a_to_b.mean() + b_to_a.mean()) / 2
