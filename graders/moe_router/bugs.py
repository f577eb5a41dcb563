"""Classic MoE-router bugs and the cause each is diagnosed as (katas/moe_router/hints.toml, [causes],
explains each; the proofs' `# hint:` lines prove where each leads).

Wrong numbers are variants of the reference (check_function's diagnoses). Two bugs raise on most
shapes (the router weight not transposed, top k over the tokens): a candidate that raises what such
a variant raises, on the same inputs, is that bug. Two give the right numbers by the wrong calls:
the grader runs the candidate again and reads how often, and on how many rows, each expert ran."""
from __future__ import annotations

from contextlib import contextmanager

import torch
import torch.nn.functional as F

from interviewkit.grader import CandidateError, CheckFailed, Diagnosis, sibling

shared = sibling(__file__, "cases")


def moe(x, router_weight, experts, top_k, bug: str = ""):
    """The reference (cases.py) with one bug switched on."""
    num_experts, tokens = router_weight.shape[0], x.shape[0]
    logits = x @ router_weight if bug == "router-weight-not-transposed" else F.linear(x, router_weight)
    probs = F.softmax(logits, dim=-1)
    top, chosen = torch.topk(probs, top_k, dim=0 if bug == "top-k-over-the-tokens" else -1)
    weights = top if bug == "weights-not-renormalised" else top / top.sum(dim=-1, keepdim=True)
    out = torch.zeros_like(x)
    for expert_id, expert in enumerate(experts):
        token, slot = torch.where(chosen == expert_id)
        if token.numel():
            out = out.index_add(0, token, expert(x[token]) * weights[token, slot, None])
    if bug in ("aux-fraction-from-probabilities", "aux-gradient-through-the-fraction"):
        routed = torch.zeros_like(probs).scatter(1, chosen, top)
        fraction = routed / routed.detach().clamp_min(1e-30) if bug == "aux-gradient-through-the-fraction" else routed
        fraction = fraction.sum(dim=0) / tokens
    else:  # a count: (token, slot) pairs per expert
        fraction = torch.bincount(chosen.flatten(), minlength=num_experts).to(x.dtype) / tokens
        fraction = fraction / top_k if bug == "aux-fraction-over-t-times-k" else fraction
    aux_loss = (fraction * probs.mean(dim=0)).sum() * (1 if bug == "aux-without-the-factor-e" else num_experts)
    return out, aux_loss


OUTPUT_BUGS = ("weights-not-renormalised", "aux-without-the-factor-e", "aux-fraction-over-t-times-k",
               "aux-fraction-from-probabilities", "aux-gradient-through-the-fraction", "router-weight-not-transposed",
               "top-k-over-the-tokens")
RAISING_BUGS = ("router-weight-not-transposed", "top-k-over-the-tokens")
DIAGNOSES = tuple(Diagnosis(bug, lambda x, router_weight, experts, top_k, bug=bug: moe(x, router_weight, experts,
                                                                                      top_k, bug))
                  for bug in OUTPUT_BUGS)


@contextmanager
def diagnosing(grading, case):
    """The check, a failure check_function's diagnoses cannot see given the cause of the bug it is."""
    try:
        yield
    except CandidateError as error:
        if not getattr(error, "cause", ""):
            error.cause = _raised_like(error, case, grading.seed_offset)
        raise
    except CheckFailed as error:
        if not getattr(error, "cause", ""):
            error.cause = _calls(grading, case)
        raise


def _raised_like(error, case, seed_offset) -> str:
    for bug in RAISING_BUGS:
        try:
            moe(**case.reference_inputs(seed_offset), bug=bug)
        except Exception as raised:  # noqa: BLE001 - what the bug raises, to hold the candidate's to
            # the exception's name and first line, not "raised": the message around them is translated
            if f"{type(raised).__name__}: {str(raised).splitlines()[0]}" in str(error):
                return bug
    return ""


def _calls(grading, case) -> str:
    """Each expert run once per (token, slot), or every expert on every token?"""
    inputs = grading.inputs(case)
    args, kwargs = grading.split_arguments("moe_forward", inputs)
    try:
        usage = grading.candidate.call("moe_forward", *args, **kwargs).usage
    except CandidateError:
        return ""
    reference = case.reference_inputs(grading.seed_offset)
    _, chosen, _ = shared.routing(reference["x"], reference["router_weight"], reference["top_k"])
    tokens = chosen.shape[0]
    for index in range(len(reference["experts"])):
        got = (usage.get(f"experts[{index}]") or {}).get("batches", [])
        want = int((chosen == index).sum())
        if len(got) > 1 and set(got) == {1}:
            return "experts-called-per-token"
        if got == [tokens] and want != tokens:
            return "every-expert-on-every-token"
    return ""
