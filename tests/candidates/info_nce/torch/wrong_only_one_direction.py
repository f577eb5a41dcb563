"""Classic bug: only a -> b, each image picking its caption; CLIP's loss also has each caption pick
its image (the columns), and the logits are not symmetric."""
# expect-fail: info_nce[random_pairs_at_*] info_nce[two_pairs] info_nce[random_pairs_in_float64]
# hint: rows-and-columns
import torch
import torch.nn.functional as F


def info_nce(a: torch.Tensor, b: torch.Tensor, temperature: float = 0.07) -> torch.Tensor:
    logits = F.normalize(a, dim=1) @ F.normalize(b, dim=1).T / temperature
    return (torch.logsumexp(logits, dim=1) - logits.diagonal()).mean()
