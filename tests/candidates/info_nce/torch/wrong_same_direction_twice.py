"""Classic bug: the second direction's log-sum-exp over the rows again (dim=1 where the columns,
dim=0, were meant): the average of a -> b with itself."""
# expect-fail: info_nce[random_pairs_*] info_nce[as_many_pairs_as_dimensions]
# hint: rows-and-columns
import torch
import torch.nn.functional as F


def info_nce(a: torch.Tensor, b: torch.Tensor, temperature: float = 0.07) -> torch.Tensor:
    logits = F.normalize(a, dim=1) @ F.normalize(b, dim=1).T / temperature
    positives = logits.diagonal()
    a_to_b = torch.logsumexp(logits, dim=1) - positives
    b_to_a = torch.logsumexp(logits.T.T, dim=1) - positives
    return (a_to_b.mean() + b_to_a.mean()) / 2
