"""Wrong: finished hypotheses are replaced by the next-best live extensions, so the beam keeps
beam_size live hypotheses (as Hugging Face's generate does; the contract keeps the beam short)."""
# expect-fail: designed_tables[a_finished_hypothesis_is_not_replaced] designed_tables[the_beam_keeps_its_size_after_a_hypothesis_finishes]
# hint: finished-hypotheses-leave
import torch


def beam_search(step_fn, bos_id, eos_id, beam_size, max_len, length_penalty=1.0):
    prefixes = torch.tensor([[bos_id]])
    scores = torch.zeros(1, dtype=torch.float64)
    finished = []
    for _ in range(max_len):
        log_probs = step_fn(prefixes).to(scores)
        vocabulary = log_probs.shape[1]
        total = (scores[:, None] + log_probs).flatten()
        ranked = torch.sort(total, descending=True, stable=True).indices
        ends = ranked % vocabulary == eos_id
        # eos among the beam_size best finishes; the live ones refill the beam up to beam_size.
        done = ranked[:beam_size][ends[:beam_size]]
        finished += [(prefixes[i // vocabulary].tolist() + [eos_id], total[i].item()) for i in done]
        chosen = ranked[~ends][:beam_size]
        prefixes = torch.cat([prefixes[chosen // vocabulary], (chosen % vocabulary)[:, None]], dim=1)
        scores = total[chosen]
        if len(prefixes) == 0:
            break
    finished += [(tokens.tolist(), score.item()) for tokens, score in zip(prefixes, scores)]
    ranked = [(tokens, score / (len(tokens) - 1) ** length_penalty) for tokens, score in finished]
    return sorted(ranked, key=lambda hypothesis: hypothesis[1], reverse=True)[:beam_size]
