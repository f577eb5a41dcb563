"""Classic bug: log(sum(exp(logits))) with nothing subtracted: at temperature 0.01 the logits of
aligned embeddings reach 100 and exp(100) overflows float32 (exp(1000) overflows float64)."""
# expect-fail: info_nce[nearly_parallel_*] info_nce[matched_pairs_at_temperature_0_01]
# hint: stable-log-sum-exp
import torch
import torch.nn.functional as F


def info_nce(a: torch.Tensor, b: torch.Tensor, temperature: float = 0.07) -> torch.Tensor:
    logits = F.normalize(a, dim=1) @ F.normalize(b, dim=1).T / temperature
    exp = torch.exp(logits)
    positives = logits.diagonal()
    a_to_b = torch.log(exp.sum(dim=1)) - positives
    b_to_a = torch.log(exp.sum(dim=0)) - positives
    return (a_to_b.mean() + b_to_a.mean()) / 2
