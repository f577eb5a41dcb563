"""Classic bug: top-p on a descending cumulative sum removes every entry whose own cumulative passes
top_p, the one that crosses it included: the kept mass falls short of top_p (off by one)."""
# expect-fail: filter_logits[top_p_of_0_9_alone] filter_logits[top_p_of_a_half_after_temperature_of_two_in_float64] sample[top_p_of_0_8_after_temperature_0_7]
# hint: top-p-boundary
import torch


def filter_logits(logits, temperature=1.0, top_k=0, top_p=1.0):
    scores = logits / temperature
    if top_k > 0:
        kth = scores.topk(min(top_k, scores.shape[-1]), dim=-1).values[..., -1:]
        scores = scores.masked_fill(scores < kth, float("-inf"))
    if top_p < 1.0:
        descending, order = scores.sort(dim=-1, descending=True)
        remove = descending.softmax(dim=-1).cumsum(dim=-1) > top_p
        remove[..., 0] = False
        scores = scores.masked_fill(remove.scatter(-1, order, remove), float("-inf"))
    return scores


def sample(logits, generator, temperature=1.0, top_k=0, top_p=1.0):
    probabilities = filter_logits(logits, temperature, top_k, top_p).softmax(dim=-1)
    return torch.multinomial(probabilities, 1, generator=generator).squeeze(-1)
