"""Right: each hypothesis keeps the log-probabilities of its tokens, and its score is their
exactly rounded sum (math.fsum), not a running total; the survivors by an explicit sort key."""
import math

import torch


def beam_search(step_fn, bos_id, eos_id, beam_size, max_len, length_penalty=1.0):
    beam = [([bos_id], [])]                     # (tokens, log-probability of each generated token)
    finished = []
    for _ in range(max_len):
        log_probs = step_fn(torch.tensor([tokens for tokens, _ in beam]))
        vocabulary = log_probs.shape[1]
        extensions = []
        for parent, (tokens, terms) in enumerate(beam):
            for token in range(vocabulary):
                new_terms = terms + [log_probs[parent, token].item()]
                extensions.append((-math.fsum(new_terms), parent * vocabulary + token, tokens + [token], new_terms))
        extensions.sort(key=lambda extension: extension[:2])
        beam = []
        for _, _, tokens, terms in extensions[:beam_size]:
            (finished if tokens[-1] == eos_id else beam).append((tokens, terms))
        if not beam:
            break
    finished += beam
    scored = [(tokens, math.fsum(terms) / len(terms) ** length_penalty) for tokens, terms in finished]
    return sorted(scored, key=lambda hypothesis: -hypothesis[1])[:beam_size]
