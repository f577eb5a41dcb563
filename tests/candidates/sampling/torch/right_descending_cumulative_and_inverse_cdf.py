"""Correct, another style: top-k through kthvalue, top-p on a descending cumulative sum (an entry
goes when the more likely entries before it already hold top_p of the mass), and sampling by the
inverse of the cumulative distribution, one uniform per row from the generator."""
import torch


def filter_logits(logits, temperature=1.0, top_k=0, top_p=1.0):
    scores = logits.clone()
    if temperature != 1.0:
        scores = scores / temperature
    vocabulary = scores.shape[-1]
    if top_k:
        kth = torch.kthvalue(scores, vocabulary - min(top_k, vocabulary) + 1, dim=-1, keepdim=True).values
        scores[scores < kth] = float("-inf")
    if top_p != 1.0:
        descending, order = scores.sort(dim=-1, descending=True)
        probabilities = descending.softmax(dim=-1)
        before = probabilities.cumsum(dim=-1) - probabilities  # the mass of the more likely entries
        drop = before >= top_p
        drop[..., 0] = False
        scores[torch.zeros_like(drop).scatter(-1, order, drop)] = float("-inf")
    return scores


def sample(logits, generator, temperature=1.0, top_k=0, top_p=1.0):
    probabilities = filter_logits(logits, temperature, top_k, top_p).double().softmax(dim=-1)
    cumulative = probabilities.cumsum(dim=-1)
    u = torch.rand((logits.shape[0], 1), generator=generator, dtype=torch.float64, device=logits.device)
    tokens = torch.searchsorted(cumulative, u * cumulative[:, -1:], right=True).squeeze(-1)
    # A removed token has the cumulative of its neighbour: right=True never lands on it.
    return tokens.clamp(max=logits.shape[-1] - 1)
