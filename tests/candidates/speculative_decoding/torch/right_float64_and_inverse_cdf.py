"""Correct, another style: probabilities in float64, every draw by inverse CDF from one uniform,
plain Python lists and loops."""
import torch


def draw(probabilities, generator):
    cdf = probabilities.double().cumsum(0)
    u = torch.rand(1, generator=generator, dtype=torch.float64) * cdf[-1]
    return torch.searchsorted(cdf, u, right=True).clamp(max=len(cdf) - 1)


def speculative_round(prefix, draft_fn, target_fn, k, generator):
    tokens = prefix.tolist()
    t = len(tokens)
    qs = []
    for _ in range(k):
        q = draft_fn(torch.tensor([tokens]))[0].double().exp()
        qs.append(q)
        tokens.append(int(draw(q, generator)))
    ps = [target_fn(torch.tensor([tokens[:t + i]]))[0].double().exp() for i in range(k + 1)]
    out = []
    for i in range(k):
        x = tokens[t + i]
        if torch.rand(1, generator=generator, dtype=torch.float64).item() < min(1.0, (ps[i][x] / qs[i][x]).item()):
            out.append(x)
            continue
        out.append(int(draw(torch.clamp(ps[i] - qs[i], min=0), generator)))
        return torch.tensor(out)
    out.append(int(draw(ps[k], generator)))
    return torch.tensor(out)


def speculative_greedy_round(prefix, draft_fn, target_fn, k):
    tokens = prefix.tolist()
    t = len(tokens)
    for _ in range(k):
        tokens.append(int(torch.argmax(draft_fn(torch.tensor([tokens]))[0])))
    choices = [int(torch.argmax(target_fn(torch.tensor([tokens[:t + i]]))[0])) for i in range(k + 1)]
    out = []
    for i in range(k + 1):
        out.append(choices[i])
        if i == k or tokens[t + i] != choices[i]:
            return torch.tensor(out)
