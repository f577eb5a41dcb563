"""Grader for sampling (torch track): filter_logits exactly as Hugging Face's temperature, top-k and
top-p warpers (the same kept scores, the same -inf positions, the input untouched); sample by the
frequencies of thousands of draws, a removed token never drawn, and its randomness taken from its
generator only (the same seed twice draws the same tokens, another seed others)."""
import numpy as np
import pytest
import torch

from interviewkit.grader import (
    CheckFailed, Expected, _, about, check_function, expect_form, expect_frequencies, failure, sibling,
)

shared = sibling(__file__, "cases")


def expect_exactly(actual, expected, like, condition):
    """The same -inf positions and, everywhere else, the very same scores (no tolerance)."""
    expect_form(actual, tuple(expected.shape), like, "output")
    got, want = actual.detach().cpu(), expected.detach().cpu()
    for where, story in ((torch.isneginf(got) & ~torch.isneginf(want),
                          _("output[{row}, {column}] = {got} is removed (-inf), the reference keeps it; {count} such "
                            "entries. Row {row} expected {expected}")),
                         (~torch.isneginf(got) & torch.isneginf(want),
                          _("output[{row}, {column}] = {got} is kept, the reference removes it (-inf); {count} such "
                            "entries. Row {row} expected {expected}"))):
        if where.any():
            row, column = (int(i) for i in where.nonzero()[0])
            raise CheckFailed(story.format(row=row, column=column, got=got[row, column].item(), count=int(where.sum()),
                                           expected=want[row].tolist()))
    kept = ~torch.isneginf(want)
    differs = kept & (got != want)
    if differs.any():
        row, column = (int(i) for i in differs.nonzero()[0])
        raise CheckFailed(_("output[{row}, {column}] = {got}, expected {expected} (logits / temperature, exactly); "
                            "{count} kept entries differ").format(row=row, column=column, got=repr(got[row, column].item()),
                                                                  expected=repr(want[row, column].item()),
                                                                  count=int(differs.sum())))


def expect_sampled(actual, expected, like, condition):
    """Token ids (B,), int64, counted per distinct row of probabilities and held to them."""
    expect_form(actual, (expected.shape[0],), Expected(like.library, "int64", like.device), _("tokens"))
    tokens = actual.cpu().numpy()
    if ((tokens < 0) | (tokens >= expected.shape[1])).any():
        raise CheckFailed(_("tokens: ids must lie in [0, {vocabulary}); got {low} to {high}").format(
            vocabulary=expected.shape[1], low=tokens.min(), high=tokens.max()))
    rows, which = np.unique(expected.detach().numpy(), axis=0, return_inverse=True)
    counts = np.zeros(rows.shape)
    np.add.at(counts, (which.ravel(), tokens), 1)
    expect_frequencies(counts, rows, _("tokens drawn (category = (distinct row, token))"))


@pytest.mark.parametrize("case", shared.filter_cases(), ids=str)
def test_filter_logits(grading, case):
    check_function(grading, "filter_logits", case, shared.hugging_face_filter(case), grad=False,
                   compare=expect_exactly, diagnoses=shared.filter_diagnoses(case))


@pytest.mark.parametrize("case", shared.sample_cases(), ids=str)
def test_sample(grading, case):
    check_function(grading, "sample", case, shared.sampling_distribution(case), grad=False,
                   compare=expect_sampled, same_usage=False, diagnoses=shared.sample_diagnoses(case))


def draw(grading, case):
    """One call of sample on the case's inputs: its tokens, checked for their form."""
    inputs = grading.inputs(case)
    args, kwargs = grading.split_arguments("sample", inputs)
    tokens = grading.candidate.call("sample", *args, **kwargs).output
    expect_form(tokens, (inputs["logits"].shape[0],), Expected("torch", "int64", grading.device), _("tokens"))
    return tokens


@pytest.mark.parametrize("case", shared.usage_cases(), ids=str)
def test_sample_draws_only_from_its_generator(grading, case):
    seed = case.inputs["generator"].spec["seed"]
    with about(case, grading, "sample"):
        first, again = draw(grading, case), draw(grading, case)
        other = draw(grading, shared.reseeded(case, seed + 1000))
        if not torch.equal(first, again):
            raise failure(_("two calls with generators of the same seed drew different tokens: the draws must come "
                            "from `generator` only (torch.multinomial(..., generator=generator)), never from torch's "
                            "global random state"), "global-random-state")
        if torch.equal(first, other):
            raise failure(_("generators of different seeds drew the very same tokens: the draws must come from "
                            "`generator` (pass generator=generator), not from a fixed seed or no randomness"),
                          "generator-ignored")
