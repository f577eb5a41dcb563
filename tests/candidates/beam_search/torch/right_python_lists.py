"""Right: plain Python lists, with heapq.nlargest (equivalent to a stable sort, best first) picking
the survivors by (score, -flattened index)."""
import heapq

import torch


def beam_search(step_fn, bos_id, eos_id, beam_size, max_len, length_penalty=1.0):
    beam = [([bos_id], 0.0)]
    done = []
    for step in range(max_len):
        rows = step_fn(torch.tensor([tokens for tokens, _ in beam], dtype=torch.long)).tolist()
        candidates = []
        for parent, (tokens, score) in enumerate(beam):
            for token, log_prob in enumerate(rows[parent]):
                candidates.append((score + log_prob, -(parent * len(rows[parent]) + token), tokens + [token]))
        best = heapq.nlargest(beam_size, candidates, key=lambda c: (c[0], c[1]))
        beam = []
        for score, _, tokens in best:
            if tokens[-1] == eos_id:
                done.append((tokens, score))
            else:
                beam.append((tokens, score))
        if not beam:
            break
    done.extend(beam)
    results = []
    for position, (tokens, score) in enumerate(done):
        length = len(tokens) - 1
        results.append((score / length ** length_penalty, position, tokens))
    results.sort(key=lambda r: (-r[0], r[1]))
    return [(tokens, final) for final, _, tokens in results[:beam_size]]
