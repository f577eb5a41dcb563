"""Classic bug: normalised along dim 0, each feature over the batch, not each embedding."""
# expect-fail: info_nce[random_pairs_*] info_nce[as_many_pairs_as_dimensions]
# hint: normalise-then-divide
import torch
import torch.nn.functional as F


def info_nce(a: torch.Tensor, b: torch.Tensor, temperature: float = 0.07) -> torch.Tensor:
    logits = F.normalize(a, dim=0) @ F.normalize(b, dim=0).T / temperature
    positives = logits.diagonal()
    a_to_b = torch.logsumexp(logits, dim=1) - positives
    b_to_a = torch.logsumexp(logits, dim=0) - positives
    return (a_to_b.mean() + b_to_a.mean()) / 2
