"""Classic bug: top-k keeps exactly k entries by index, dropping the ties of the k-th."""
# expect-fail: filter_logits[ties_at_the_top_k_boundary_are_kept] filter_logits[ties_at_the_top_k_boundary_are_kept_in_float64] sample[ties_at_the_top_k_boundary_are_drawn_too]
# hint: top-k-ties
import torch


def filter_logits(logits: torch.Tensor, temperature: float = 1.0, top_k: int = 0, top_p: float = 1.0) -> torch.Tensor:
    scores = logits / temperature  # a new tensor: the caller's logits stay as they were
    if top_k > 0:
        keep = scores.topk(min(top_k, scores.shape[-1]), dim=-1).indices
        scores = torch.full_like(scores, float("-inf")).scatter(-1, keep, scores.gather(-1, keep))
    if top_p < 1.0:
        # Ascending: an entry goes when it and everything less likely add up to at most 1 - top_p.
        ascending, order = scores.sort(dim=-1)
        cumulative = ascending.softmax(dim=-1).cumsum(dim=-1)
        remove = cumulative <= 1 - top_p
        remove[..., -1] = False  # the largest entry always stays
        scores = scores.masked_fill(remove.scatter(-1, order, remove), float("-inf"))
    return scores


def sample(logits: torch.Tensor, generator: torch.Generator, temperature: float = 1.0, top_k: int = 0,
           top_p: float = 1.0) -> torch.Tensor:
    probabilities = filter_logits(logits, temperature, top_k, top_p).softmax(dim=-1)
    return torch.multinomial(probabilities, 1, generator=generator).squeeze(-1)
