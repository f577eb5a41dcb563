"""Forbidden: Hugging Face's own logits warpers, the kata in three lines."""
import torch
from transformers.generation.logits_process import TemperatureLogitsWarper, TopKLogitsWarper, TopPLogitsWarper


def filter_logits(logits, temperature=1.0, top_k=0, top_p=1.0):
    scores = logits.clone()
    for warper, on in ((TemperatureLogitsWarper(temperature), temperature != 1.0),
                       (TopKLogitsWarper(top_k), top_k != 0), (TopPLogitsWarper(top_p), top_p != 1.0)):
        scores = warper(None, scores) if on else scores
    return scores


def sample(logits, generator, temperature=1.0, top_k=0, top_p=1.0):
    probabilities = filter_logits(logits, temperature, top_k, top_p).softmax(dim=-1)
    return torch.multinomial(probabilities, 1, generator=generator).squeeze(-1)
