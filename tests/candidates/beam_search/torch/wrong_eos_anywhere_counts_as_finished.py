"""Wrong: a prefix holding eos anywhere is finished: with eos == bos, every hypothesis ends at once."""
# expect-fail: designed_tables[eos_is_also_bos] random_models[eos_is_also_bos_*]
# hint: finished-hypotheses-leave
import torch


def beam_search(step_fn, bos_id, eos_id, beam_size, max_len, length_penalty=1.0):
    prefixes = torch.tensor([[bos_id]])                       # the live beam, best first
    scores = torch.zeros(1, dtype=torch.float64)              # their summed log-probabilities
    finished = []                                             # (tokens, summed log-prob), as they finish
    for _ in range(max_len):
        log_probs = step_fn(prefixes).to(scores)              # (n, V), on the scores' device and dtype
        vocabulary = log_probs.shape[1]
        total = (scores[:, None] + log_probs).flatten()
        # A stable sort: equal scores keep the flattened order, the lower index first.
        chosen = torch.sort(total, descending=True, stable=True).indices[:beam_size]
        prefixes = torch.cat([prefixes[chosen // vocabulary], (chosen % vocabulary)[:, None]], dim=1)
        scores = total[chosen]
        ended = (prefixes == eos_id).any(dim=1)
        finished += [(tokens.tolist(), score.item()) for tokens, score in zip(prefixes[ended], scores[ended])]
        prefixes, scores = prefixes[~ended], scores[~ended]
        if len(prefixes) == 0:
            break
    finished += [(tokens.tolist(), score.item()) for tokens, score in zip(prefixes, scores)]
    ranked = [(tokens, score / (len(tokens) - 1) ** length_penalty) for tokens, score in finished]
    # sorted is stable: equal final scores keep the order they finished in.
    return sorted(ranked, key=lambda hypothesis: hypothesis[1], reverse=True)[:beam_size]
