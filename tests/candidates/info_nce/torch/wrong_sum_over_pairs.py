"""Classic bug: the losses summed over the N pairs, not averaged: N times too large (right for N = 1)."""
# expect-fail: info_nce[random_pairs_at_*] info_nce[two_pairs] info_nce[a_batch_of_64]
# hint: rows-and-columns
import torch
import torch.nn.functional as F


def info_nce(a: torch.Tensor, b: torch.Tensor, temperature: float = 0.07) -> torch.Tensor:
    logits = F.normalize(a, dim=1) @ F.normalize(b, dim=1).T / temperature
    positives = logits.diagonal()
    a_to_b = torch.logsumexp(logits, dim=1) - positives
    b_to_a = torch.logsumexp(logits, dim=0) - positives
    return (a_to_b.sum() + b_to_a.sum()) / 2
