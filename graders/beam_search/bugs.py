"""beam_search's classic bugs (tests/candidates/beam_search/torch/wrong_*.py), each as the reference
with that one slip, for the grade to name the cause of a failure (diagnoses.py): `search(..., bug=)`
is the reference's tensor version with a switch per bug, and DIAGNOSES ties each to its cause id
(katas/beam_search/hints.toml [causes]). The order matters where two bugs could give the same
answer: the first that matches names the cause."""
from __future__ import annotations

from functools import partial

import torch

from interviewkit.grader import Diagnosis


def _survivors(total, beam_size: int, bug: str):
    if bug == "greedy-search":
        return torch.sort(total, descending=True, stable=True).indices[:1]
    if bug == "ties-to-the-higher-index":
        return torch.argsort(total, stable=True).flip(0)[:beam_size]
    if bug == "topk-for-the-survivors":
        return total.topk(beam_size).indices
    chosen = torch.sort(total, descending=True, stable=True).indices[:beam_size]
    return chosen.sort().values if bug == "survivors-in-flattened-order" else chosen


def _ranked(finished: list, eos_id: int, beam_size: int, length_penalty: float, bug: str) -> list:
    if bug == "no-length-penalty":
        ranked = finished
    else:
        generated = 0 if bug == "length-counts-bos" else 1
        ranked = [(tokens, score / (len(tokens) - generated) ** length_penalty) for tokens, score in finished]
    if bug == "eos-dropped":
        ranked = [(tokens[:-1] if tokens[-1] == eos_id else tokens, score) for tokens, score in ranked]
    if bug == "finished-not-ranked":
        return ranked[:beam_size]
    if bug == "ranked-ascending-then-reversed":
        return sorted(ranked, key=lambda hypothesis: hypothesis[1])[::-1][:beam_size]
    if bug == "ties-broken-by-tokens":
        return sorted(ranked, key=lambda hypothesis: (-hypothesis[1], hypothesis[0]))[:beam_size]
    ranked = sorted(ranked, key=lambda hypothesis: hypothesis[1], reverse=True)
    return ranked if bug == "every-finished-returned" else ranked[:beam_size]


def search(step_fn, bos_id, eos_id, beam_size, max_len, length_penalty=1.0, *, bug: str):
    prefixes = torch.tensor([[bos_id]])
    scores = torch.zeros(1, dtype=torch.float32 if bug == "scores-in-float32" else torch.float64)
    finished = []
    for _ in range(max_len - 1 if bug == "max-len-counts-bos" else max_len):
        log_probs = step_fn(prefixes).to(scores)
        vocabulary = log_probs.shape[1]
        total = (log_probs if bug == "scores-not-accumulated" else scores[:, None] + log_probs).flatten()
        width = beam_size - len(finished) if bug == "beam-shrinks-as-they-finish" else beam_size
        if bug == "finished-replaced":  # live extensions refill the beam up to beam_size
            order = torch.sort(total, descending=True, stable=True).indices
            ends = order % vocabulary == eos_id
            finished += [(prefixes[i // vocabulary].tolist() + [eos_id], total[i].item())
                         for i in order[:beam_size][ends[:beam_size]]]
            chosen = order[~ends][:beam_size]
        else:
            chosen = _survivors(total, width, bug)
        prefixes = torch.cat([prefixes[chosen // vocabulary], (chosen % vocabulary)[:, None]], dim=1)
        scores = total[chosen]
        ended = ((prefixes == eos_id).any(dim=1) if bug == "eos-anywhere-finishes"
                 else prefixes[:, -1] == eos_id)
        finished += [(tokens.tolist(), score.item()) for tokens, score in zip(prefixes[ended], scores[ended])]
        prefixes, scores = prefixes[~ended], scores[~ended]
        if len(prefixes) == 0:
            break
    finished += [(tokens.tolist(), score.item()) for tokens, score in zip(prefixes, scores)]
    return _ranked(finished, eos_id, beam_size, length_penalty, bug)


def _padded_with_eos(step_fn, bos_id, eos_id, beam_size, max_len, length_penalty=1.0):
    """Finished hypotheses stay in the beam, followed by eos at no cost (the padding trick)."""
    prefixes, scores = torch.tensor([[bos_id]]), torch.zeros(1, dtype=torch.float64)
    lengths, done = torch.zeros(1, dtype=torch.long), torch.zeros(1, dtype=torch.bool)
    for _ in range(max_len):
        log_probs = step_fn(prefixes).to(scores)
        vocabulary = log_probs.shape[1]
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


BUGS = (
    "greedy-search", "scores-not-accumulated", "survivors-in-flattened-order", "ties-to-the-higher-index",
    "topk-for-the-survivors", "scores-in-float32", "finished-replaced", "beam-shrinks-as-they-finish",
    "eos-anywhere-finishes", "eos-dropped", "max-len-counts-bos", "no-length-penalty", "length-counts-bos",
    "finished-not-ranked", "ranked-ascending-then-reversed", "ties-broken-by-tokens", "every-finished-returned",
)
DIAGNOSES = (*(Diagnosis(bug, partial(search, bug=bug)) for bug in BUGS),
             Diagnosis("finished-stay-in-the-beam", _padded_with_eos))
