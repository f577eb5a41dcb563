"""Classic bug: greedy decoding, the most likely token every time, instead of a draw."""
# expect-fail: sample[plain_softmax] sample[top_p_of_0_8_after_temperature_0_7] sample[every_option_together_in_float64]
# hint: draw-from-the-generator
import torch


def filter_logits(logits: torch.Tensor, temperature: float = 1.0, top_k: int = 0, top_p: float = 1.0) -> torch.Tensor:
    scores = logits / temperature  # a new tensor: the caller's logits stay as they were
    if top_k > 0:
        kth = scores.topk(min(top_k, scores.shape[-1]), dim=-1).values[..., -1:]
        scores = scores.masked_fill(scores < kth, float("-inf"))  # `<`: ties with the k-th stay
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
    return probabilities.argmax(dim=-1)
