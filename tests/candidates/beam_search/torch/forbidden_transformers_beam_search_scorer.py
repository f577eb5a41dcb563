"""Forbidden: Hugging Face's BeamSearchScorer does the bookkeeping (the kata refuses the transformers import)."""
import torch
from transformers.generation.beam_search import BeamSearchScorer


def beam_search(step_fn, bos_id, eos_id, beam_size, max_len, length_penalty=1.0):
    scorer = BeamSearchScorer(batch_size=1, num_beams=beam_size, device="cpu", length_penalty=length_penalty,
                              do_early_stopping=True, max_length=max_len + 1)
    prefixes = torch.tensor([[bos_id]])
    scores = torch.zeros(1, dtype=torch.float64)
    for _ in range(max_len):
        total = (scores[:, None] + step_fn(prefixes)).flatten()
        best = total.topk(min(2 * beam_size, total.numel()))
        out = scorer.process(prefixes, best.values[None], best.indices[None] % total.numel(),
                             best.indices[None] // total.numel(), eos_token_id=eos_id)
        prefixes = torch.cat([prefixes[out["next_beam_indices"]], out["next_beam_tokens"][:, None]], 1)
        scores = out["next_beam_scores"]
        if scorer.is_done:
            break
    return scorer.finalize(prefixes, scores, None, None, max_len + 1)
