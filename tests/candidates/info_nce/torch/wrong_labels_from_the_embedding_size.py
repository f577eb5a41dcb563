"""Classic bug: the targets built from the embedding size, arange(D), where the pairs number N: the
positives are right only where N == D."""
# expect-fail: info_nce[more_dimensions_than_pairs] info_nce[more_pairs_than_dimensions] info_nce[one_pair]
# hint: normalise-then-divide
import torch
import torch.nn.functional as F


def info_nce(a: torch.Tensor, b: torch.Tensor, temperature: float = 0.07) -> torch.Tensor:
    logits = F.normalize(a, dim=1) @ F.normalize(b, dim=1).T / temperature
    targets = torch.arange(a.shape[1])
    positives_a = logits[torch.arange(len(targets)), targets]
    positives_b = logits.T[torch.arange(len(targets)), targets]
    a_to_b = torch.logsumexp(logits, dim=1) - positives_a
    b_to_a = torch.logsumexp(logits, dim=0) - positives_b
    return (a_to_b.mean() + b_to_a.mean()) / 2
