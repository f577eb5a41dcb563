"""Forbidden: Hugging Face's assisted generation, the kata by import."""
import torch
from transformers.generation.candidate_generator import _speculative_sampling


def speculative_round(prefix, draft_fn, target_fn, k, generator):
    raise NotImplementedError(_speculative_sampling)


def speculative_greedy_round(prefix, draft_fn, target_fn, k):
    return torch.zeros(1, dtype=torch.long)
