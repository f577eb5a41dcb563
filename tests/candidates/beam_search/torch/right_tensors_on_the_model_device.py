"""Right: tensors kept on step_fn's device; the survivors by a stable ascending argsort of the
negated scores, and the finished ranked by an explicit key (final score, step, eos before max_len,
beam position)."""
import torch


def beam_search(step_fn, bos_id, eos_id, beam_size, max_len, length_penalty=1.0):
    prefixes = torch.full((1, 1), bos_id, dtype=torch.long)
    scores = None
    finished = []            # (final score, step, 0 eos / 1 max_len, position, tokens)
    for step in range(1, max_len + 1):
        log_probs = step_fn(prefixes)
        prefixes = prefixes.to(log_probs.device)
        n, vocabulary = log_probs.shape
        total = log_probs if scores is None else log_probs + scores.unsqueeze(1)
        flat = total.reshape(-1)
        keep = torch.argsort(-flat, stable=True)[: min(beam_size, n * vocabulary)]
        parent, token = torch.div(keep, vocabulary, rounding_mode="floor"), keep % vocabulary
        prefixes = torch.cat((prefixes.index_select(0, parent), token.unsqueeze(1)), dim=1)
        scores = flat[keep]
        is_eos = token == eos_id
        for position in is_eos.nonzero().flatten().tolist():
            summed = scores[position].item()
            finished.append((summed / step ** length_penalty, step, 0, position, prefixes[position].tolist()))
        prefixes, scores = prefixes[~is_eos], scores[~is_eos]
        if prefixes.shape[0] == 0:
            break
    for position in range(prefixes.shape[0]):
        length = prefixes.shape[1] - 1
        finished.append((scores[position].item() / length ** length_penalty, max_len + 1, 1, position,
                         prefixes[position].tolist()))
    finished.sort(key=lambda f: (-f[0], f[1], f[2], f[3]))
    return [(tokens, final) for final, _, _, _, tokens in finished[:beam_size]]
