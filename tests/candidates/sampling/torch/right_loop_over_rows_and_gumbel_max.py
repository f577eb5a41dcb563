"""Correct, another style: one row at a time in plain Python lists of indices (each distinct row once
when sampling), and sampling by the Gumbel-max trick (argmax of scores plus Gumbel noise drawn from
the generator)."""
import torch


def filter_row(row, temperature, top_k, top_p):
    row = row / temperature
    kept = list(range(row.shape[0]))
    if top_k > 0 and top_k < len(kept):
        kth = sorted(row.tolist(), reverse=True)[top_k - 1]
        kept = [i for i in kept if row[i] >= kth]
    if top_p < 1.0:
        probabilities = torch.softmax(row[kept], dim=0)
        order = sorted(range(len(kept)), key=lambda i: probabilities[i].item())  # ascending
        total, survivors = 0.0, []
        for position, i in enumerate(order):
            total += probabilities[i].item()
            if total > 1 - top_p or position == len(order) - 1:
                survivors.append(kept[i])
        kept = survivors
    out = torch.full_like(row, float("-inf"))
    out[kept] = row[kept]
    return out


def filter_logits(logits, temperature=1.0, top_k=0, top_p=1.0):
    return torch.stack([filter_row(row, temperature, top_k, top_p) for row in logits])


def sample(logits, generator, temperature=1.0, top_k=0, top_p=1.0):
    distinct, which = torch.unique(logits, dim=0, return_inverse=True)
    scores = filter_logits(distinct, temperature, top_k, top_p).double()[which]
    u = torch.rand(scores.shape, generator=generator, dtype=torch.float64, device=scores.device)
    gumbel = -torch.log(-torch.log(u.clamp_min(1e-300)))
    return (scores + gumbel).argmax(dim=-1)
