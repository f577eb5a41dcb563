"""Classic bug: the similarities multiplied by the temperature, as if it were CLIP's logit scale
(1 / temperature): right only at temperature 1."""
# expect-fail: info_nce[random_pairs_at_*] info_nce[temperature_one_half] info_nce[random_pairs_in_float64]
# hint: normalise-then-divide
import torch
import torch.nn.functional as F


def info_nce(a: torch.Tensor, b: torch.Tensor, temperature: float = 0.07) -> torch.Tensor:
    logits = F.normalize(a, dim=1) @ F.normalize(b, dim=1).T * temperature
    positives = logits.diagonal()
    a_to_b = torch.logsumexp(logits, dim=1) - positives
    b_to_a = torch.logsumexp(logits, dim=0) - positives
    return (a_to_b.mean() + b_to_a.mean()) / 2
