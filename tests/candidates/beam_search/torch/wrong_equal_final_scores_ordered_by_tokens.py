"""Wrong: equal final scores broken by the tokens (the smaller list first, "for determinism"), not by
the earlier finish, then eos before max_len, each in beam order."""
# expect-fail: designed_tables[equal_eos_finishes_keep_beam_order_with_as_many_live_as_tokens] designed_tables[at_max_len_those_ending_in_eos_come_first]
# hint: final-scores-and-order
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
        chosen = torch.argsort(-total, stable=True)[:beam_size]
        prefixes = torch.cat([prefixes[chosen // vocabulary], (chosen % vocabulary)[:, None]], dim=1)
        scores = total[chosen]
        ended = prefixes[:, -1] == eos_id
        finished += [(tokens.tolist(), score.item()) for tokens, score in zip(prefixes[ended], scores[ended])]
        prefixes, scores = prefixes[~ended], scores[~ended]
        if len(prefixes) == 0:
            break
    finished += [(tokens.tolist(), score.item()) for tokens, score in zip(prefixes, scores)]
    ranked = [(tokens, score / (len(tokens) - 1) ** length_penalty) for tokens, score in finished]
    # Best first; a tie goes to the lexicographically smaller tokens.
    return sorted(ranked, key=lambda hypothesis: (-hypothesis[1], hypothesis[0]))[:beam_size]
