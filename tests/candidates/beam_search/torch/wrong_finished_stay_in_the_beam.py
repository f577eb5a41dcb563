"""Wrong: finished hypotheses stay in the beam, extended by eos at no cost (the padding trick),
instead of leaving it: they keep taking slots, and step_fn is still called on them."""
# expect-fail: designed_tables[a_finished_hypothesis_is_not_replaced] designed_tables[eos_is_also_bos]
# hint: finished-hypotheses-leave
import torch


def beam_search(step_fn, bos_id, eos_id, beam_size, max_len, length_penalty=1.0):
    prefixes = torch.tensor([[bos_id]])
    scores = torch.zeros(1, dtype=torch.float64)
    lengths = torch.zeros(1, dtype=torch.long)      # generated tokens up to and including eos
    done = torch.zeros(1, dtype=torch.bool)
    for _ in range(max_len):
        log_probs = step_fn(prefixes).to(scores)
        vocabulary = log_probs.shape[1]
        # A finished hypothesis can only be followed by eos, which costs nothing.
        log_probs[done] = float("-inf")
        log_probs[done, eos_id] = 0.0
        total = (scores[:, None] + log_probs).flatten()
        chosen = torch.sort(total, descending=True, stable=True).indices[:beam_size]
        parents, tokens = chosen // vocabulary, chosen % vocabulary
        prefixes = torch.cat([prefixes[parents], tokens[:, None]], dim=1)
        scores, lengths = total[chosen], lengths[parents] + ~done[parents]
        done = done[parents] | (tokens == eos_id)
        if done.all():
            break
    hypotheses = [(tokens[:length + 1].tolist(), score.item() / length.item() ** length_penalty)
                  for tokens, score, length in zip(prefixes, scores, lengths)]
    return sorted(hypotheses, key=lambda hypothesis: hypothesis[1], reverse=True)
