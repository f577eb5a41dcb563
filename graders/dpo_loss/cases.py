"""dpo_loss cases and their float64 oracles: sequence_logps (the shifted, masked sum of token
log-probabilities) and TRL's sigmoid DPO loss with label smoothing and the detached rewards.

sequence_logps: logits[:, t] predicts labels[:, t + 1], scored where loss_mask[:, t + 1]. Shapes
where B == T (and T == V) let a misread dimension go unnoticed by broadcasting, and shapes where
they differ catch it; masks marking only the first or only the last token tell a mask shifted
with the labels from one left in place.

dpo_loss: beta and label_smoothing are covered pairwise (3 x 3 values, each pair in some case,
each value in float32 and float64); margins z of up to 1e4 either way, where -log(sigmoid(z))
and log1p(exp(-z)) overflow and the branches of a torch.where leak NaN into the gradient; and
margins just past 20 in float64, where F.softplus's default threshold returns its input and its
gradient 1 exactly, off by e^-20 where float64 sees it; and z = 0 exactly (the policy a copy of the
reference, DPO's first step), where clamp(min=0) + log1p(exp(-|z|)) has autograd's slope 1, not 1/2.
"""
from __future__ import annotations

import torch
import torch.nn.functional as F

from interviewkit.grader import (
    Case, CheckFailed, Diagnosis, about, expect_gradients, expect_outputs, expect_unmodified, failure, given,
    input_dtype, integers, mask, normal, reference_gradients,
)

POLICY = ("policy_chosen_logps", "policy_rejected_logps")
LOGPS = (*POLICY, "ref_chosen_logps", "ref_rejected_logps")
# Log-probabilities of chosen and rejected answers, the same under the policy and the reference.
CHOSEN, REJECTED = (-12.0, -40.5, -75.25), (-30.0, -33.0, -90.5)


def logps_case(name: str, batch: int, vocabulary: int, length: int, *, dtype: str = "float32",
               scale: float = 2.0, scored=None, condition: float = 1.0) -> Case:
    """Logits ~N(0, scale²), labels in [0, V), and a mask: random (70% True) unless `scored` gives it."""
    loss_mask = mask((batch, length)) if scored is None else given(tuple(map(tuple, scored)), dtype="bool")
    return Case(name, logits=normal((batch, length, vocabulary), scale=scale, dtype=dtype),
                labels=integers((batch, length), 0, vocabulary), loss_mask=loss_mask, condition=condition)


def only_at(batch: int, length: int, position: int) -> list[list[bool]]:
    return [[t == position % length for t in range(length)] for _ in range(batch)]


def sequence_logps_cases() -> list[Case]:
    return [
        logps_case("batch_equal_to_length", 3, 5, 3),
        logps_case("batch_different_from_length", 2, 7, 6),
        logps_case("length_equal_to_vocabulary", 2, 5, 5),
        logps_case("batch_length_and_vocabulary_all_equal", 4, 4, 4),
        logps_case("one_sequence", 1, 9, 6),
        logps_case("long_sequences", 2, 50, 64),
        logps_case("float64_logits", 3, 8, 5, dtype="float64"),
        # A prompt (not scored), the answer, then padding (not scored): the usual DPO batch.
        logps_case("prompt_answer_and_padding", 3, 11, 8, scored=[
            [False, False, False, True, True, True, False, False],
            [False, True, True, True, True, True, True, True],
            [False, False, False, False, False, True, True, False],
        ]),
        logps_case("prompt_answer_and_padding_in_float64", 2, 6, 7, dtype="float64", scored=[
            [False, False, True, True, True, False, False],
            [False, False, False, False, True, True, True],
        ]),
        logps_case("every_token_scored", 2, 6, 5, scored=[[True] * 5] * 2),
        # The first label has no logits before it: marking it alone scores nothing.
        logps_case("only_the_first_token_marked", 3, 6, 4, scored=only_at(3, 4, 0)),
        # The last label is predicted by the second-to-last logits: one term per sequence.
        logps_case("only_the_last_token_marked", 3, 6, 4, scored=only_at(3, 4, -1)),
        logps_case("nothing_marked", 2, 5, 4, scored=[[False] * 4] * 2),
        logps_case("single_token_sequences", 3, 5, 1),
        logps_case("two_token_sequences", 4, 3, 2),
        # exp(1000) overflows both dtypes: log(softmax(x)) turns into -inf, log_softmax does not.
        # A log-probability x - logsumexp(x) is exact only to about eps·|x| (float32: 4e-4 at
        # |x| ~ 3000, the softmax in the gradient as much relatively): the tolerance grows with it.
        logps_case("huge_logits", 2, 8, 5, scale=1e3, condition=100.0),
        logps_case("huge_logits_in_float64", 2, 8, 5, scale=1e4, dtype="float64"),
    ]


def sequence_logps_reference(logits, labels, loss_mask):
    logps = F.log_softmax(logits[:, :-1], dim=-1).gather(-1, labels[:, 1:, None])[..., 0]
    return torch.where(loss_mask[:, 1:], logps, torch.zeros_like(logps)).sum(dim=-1)


def expect_logps(actual, expected, like, condition) -> None:
    """expect_outputs; a -inf where the reference is finite is the log of a probability that rounded
    to 0: log(softmax(x)) in two steps."""
    try:
        expect_outputs(actual, expected, like, condition)
    except CheckFailed as error:
        got = actual.detach().cpu() if isinstance(actual, torch.Tensor) else None
        if got is not None and got.shape == expected.shape and (torch.isneginf(got) & expected.isfinite()).any():
            raise failure(str(error), "log-of-softmax") from None
        raise


def _logps_bug(bug: str):
    def logps(logits, labels, loss_mask):
        if bug == "no-shift":
            scored, kept = F.log_softmax(logits, dim=-1).gather(-1, labels[..., None])[..., 0], loss_mask
        else:
            scored = F.log_softmax(logits[:, :-1], dim=-1).gather(-1, labels[:, 1:, None])[..., 0]
            kept = loss_mask[:, :-1] if bug == "mask-not-shifted" else loss_mask[:, 1:]
        total = torch.where(kept, scored, torch.zeros_like(scored)).sum(dim=-1)
        return total / kept.sum(dim=-1).clamp(min=1) if bug == "mean-instead-of-sum" else total
    return logps


# sequence_logps's classic bugs (tests/candidates/dpo_loss/torch/wrong_*.py), each a cause id of
# katas/dpo_loss/hints.toml [causes]; "log-of-softmax" is told by expect_logps.
LOGPS_DIAGNOSES = tuple(Diagnosis(bug, _logps_bug(bug)) for bug in ("no-shift", "mask-not-shifted",
                                                                    "mean-instead-of-sum"))


def logps_inputs(batch: int, dtype: str) -> dict:
    """Sequence log-probabilities around -60 (±5 each): log-ratio margins of about ±10."""
    return {name: normal((batch,), scale=5.0, shift=-60.0, dtype=dtype) for name in LOGPS}


def with_margins(margins: list[float], dtype: str) -> dict:
    """Inputs whose log-ratio margin (pc - pr) - (rc - rr) is each of `margins`: integers that
    float32 holds exactly, and so do their differences, so that z is as exact in either dtype."""
    chosen = [-20.0 + min(m, 0.0) for m in margins]
    rejected = [-20.0 - max(m, 0.0) for m in margins]
    reference = [-35.0] * len(margins)
    return {"policy_chosen_logps": given(tuple(chosen), dtype), "policy_rejected_logps": given(tuple(rejected), dtype),
            "ref_chosen_logps": given(tuple(reference), dtype), "ref_rejected_logps": given(tuple(reference), dtype)}


def extreme(beta: float) -> list[float]:
    """Margins that make z = beta * margin run from -1e4 to 1e4 through 0 (where the loss is log 2)."""
    return [float(round(z / beta)) for z in (-1e4, -1e3, -120.0, -30.0, 0.0, 30.0, 120.0, 1e3, 1e4)]


def options(beta, label_smoothing) -> dict:
    """Keyword options, leaving out the ones at their default so that the defaults are graded."""
    chosen = {"beta": beta, "label_smoothing": label_smoothing}
    return {name: value for name, value in chosen.items() if value is not None}


def dpo_cases() -> list[Case]:
    betas, smoothings = (None, 0.5, 3.0), (None, 0.1, 0.3)
    pairwise = []
    for i, beta in enumerate(betas):
        for j, smoothing in enumerate(smoothings):
            dtype = "float64" if (i + j) % 2 else "float32"
            name = (f"{'default_beta' if beta is None else f'beta_{beta:g}'}_"
                    f"{'without_smoothing' if smoothing is None else f'smoothing_{smoothing:g}'}"
                    f"{'_in_float64' if dtype == 'float64' else ''}").replace(".", "_")
            pairwise.append(Case(name, **logps_inputs(6 + i, dtype), **options(beta, smoothing)))
    return pairwise + [
        Case("one_pair", **logps_inputs(1, "float32"), beta=0.5, label_smoothing=0.1),
        # The first step of training: z = 0, every loss log 2 and every reward 0.
        Case("policy_equal_to_reference", **dict(zip(LOGPS, [given(CHOSEN), given(REJECTED)] * 2)),
             label_smoothing=0.2),
        Case("margins_up_to_1e4_either_way", **with_margins(extreme(0.1), "float32")),
        Case("margins_up_to_1e4_either_way_in_float64", **with_margins(extreme(0.1), "float64")),
        Case("margins_up_to_1e4_with_smoothing", **with_margins(extreme(2.0), "float32"),
             beta=2.0, label_smoothing=0.2),
        Case("margins_up_to_1e4_with_smoothing_in_float64", **with_margins(extreme(1.0), "float64"),
             beta=1.0, label_smoothing=0.1),
        Case("margins_just_past_softplus_threshold_in_float64",
             **with_margins([-230.0, -215.0, -205.0, 205.0, 215.0, 230.0], "float64"), label_smoothing=0.1),
    ]


def dpo_reference(policy_chosen_logps, policy_rejected_logps, ref_chosen_logps, ref_rejected_logps,
                  beta=0.1, label_smoothing=0.0, bug: str = ""):
    """TRL's sigmoid loss; with `bug`, that classic bug (DPO_BUGS)."""
    reference = ref_chosen_logps - ref_rejected_logps
    margin = (policy_chosen_logps - policy_rejected_logps) + (reference if bug == "reference-log-ratio-added"
                                                              else -reference)
    z = margin if bug == "beta-outside-the-sigmoid" else beta * margin
    kept, flipped = (label_smoothing, 1 - label_smoothing) if bug == "label-smoothing-swapped" else (
        1 - label_smoothing, label_smoothing)
    losses = -F.logsigmoid(z) * kept - F.logsigmoid(-z) * flipped
    if bug == "beta-outside-the-sigmoid":
        losses = beta * losses
    if bug == "robust-dpo":
        losses = (-F.logsigmoid(z) * kept + F.logsigmoid(-z) * flipped) / (1 - 2 * label_smoothing)
    sign = -1 if bug == "rewards-reference-minus-policy" else 1
    chosen_rewards = sign * beta * (policy_chosen_logps - ref_chosen_logps).detach()
    rejected_rewards = sign * beta * (policy_rejected_logps - ref_rejected_logps).detach()
    return losses, chosen_rewards, rejected_rewards


# dpo_loss's classic bugs of output, each a cause id of katas/dpo_loss/hints.toml [causes].
DPO_BUGS = ("beta-outside-the-sigmoid", "label-smoothing-swapped", "reference-log-ratio-added",
            "rewards-reference-minus-policy", "robust-dpo")


def check_dpo_loss(grading, case: Case) -> None:
    """The three outputs against the oracle's; the random upstream gradient flows back through the
    losses alone (None for the rewards: the seam fails a reward that carries a gradient), and the
    gradients of the policy log-probabilities are compared (the reference ones are constants)."""
    with about(case, grading, "dpo_loss"):
        inputs = grading.inputs(case)
        reference = case.reference_inputs(grading.seed_offset)
        policy = {name: reference[name].requires_grad_() for name in POLICY}
        expected = dpo_reference(**reference)
        upstream = case.upstream(tuple(expected[0].shape), grading.seed_offset)
        args, kwargs = grading.split_arguments("dpo_loss", inputs)
        result = grading.candidate.call("dpo_loss", *args, upstream=(upstream, None, None), **kwargs)
        like = grading.expected(input_dtype(inputs))
        expect_unmodified(result)
        try:
            expect_outputs(result.output, expected, like, case.condition)
        except CheckFailed as error:
            for bug in DPO_BUGS:
                try:
                    expect_outputs(result.output, dpo_reference(**case.reference_inputs(grading.seed_offset), bug=bug),
                                   like, case.condition)
                except CheckFailed:
                    continue
                raise failure(str(error), bug) from None
            raise
        expect_gradients(result.gradients, reference_gradients(expected[0], policy, upstream), like, case.condition)
