"""Correct, another style: every score stacked into (k + 1, V) tensors, the test made in log space
(log u < log p - log q), all k uniforms drawn up front."""
import torch


def speculative_round(prefix, draft_fn, target_fn, k, generator):
    sequence = prefix.clone()
    log_q = []
    for _ in range(k):
        scores = draft_fn(sequence[None])[0]
        log_q.append(scores)
        token = torch.multinomial(scores.exp(), 1, generator=generator)
        sequence = torch.cat([sequence, token])
    t = prefix.numel()
    log_p = torch.stack([target_fn(sequence[None, :t + i])[0] for i in range(k + 1)])
    log_q = torch.stack(log_q)
    drafted = sequence[t:]
    uniforms = torch.rand(k, generator=generator, dtype=log_p.dtype)
    positions = torch.arange(k)
    accept = uniforms.log() < log_p[positions, drafted] - log_q[positions, drafted]
    rejected = (~accept).nonzero()
    if len(rejected) == 0:
        return torch.cat([drafted, torch.multinomial(log_p[k].exp(), 1, generator=generator)])
    i = int(rejected[0])
    residual = torch.clamp(log_p[i].exp() - log_q[i].exp(), min=0.0)
    return torch.cat([drafted[:i], torch.multinomial(residual, 1, generator=generator)])


def speculative_greedy_round(prefix, draft_fn, target_fn, k):
    sequence = prefix.clone()
    for _ in range(k):
        sequence = torch.cat([sequence, draft_fn(sequence[None]).argmax(dim=-1)])
    t = prefix.numel()
    best = torch.cat([target_fn(sequence[None, :t + i]).argmax(dim=-1) for i in range(k + 1)])
    drafted = sequence[t:]
    mismatch = (drafted != best[:k]).nonzero()
    m = int(mismatch[0]) if len(mismatch) else k
    return torch.cat([drafted[:m], best[m:m + 1]])
