"""Grader for weight_init (torch track): the fans and the gains exactly as torch.nn.init computes
them; each init by the distribution of the values it leaves (DKW, a false-fail rate below 1e-6 per
check), filling the very tensor it was given, in place and without recording autograd; and every
draw taken from its generator (the same seed twice fills the same values, another seed others)."""
import math

import pytest
import torch

from interviewkit.grader import (
    CandidateError, CheckFailed, _, about, check_function, expect_distributed, expect_form, failure, sibling,
)

shared = sibling(__file__, "cases")


def expect_fans(actual, expected, like, condition):
    if not (isinstance(actual, tuple) and len(actual) == 2
            and all(isinstance(n, int) and not isinstance(n, bool) for n in actual)):
        raise CheckFailed(_("expected a tuple of two ints (fan_in, fan_out), got {got}: return (int(fan_in), "
                            "int(fan_out))").format(got=repr(actual)))
    if actual != tuple(expected):
        raise CheckFailed(_("(fan_in, fan_out) = {got}, expected {expected}: fan_in is the size of dimension 1 and "
                            "fan_out of dimension 0, each times the product of the kernel's sizes").format(
                              got=actual, expected=tuple(expected)))


def expect_gain(actual, expected, like, condition):
    if not isinstance(actual, (int, float)) or isinstance(actual, bool):
        raise CheckFailed(_("expected a Python float, got a {type}: return float(...)").format(type=type(actual).__name__))
    if abs(actual - expected) > 1e-12 * abs(expected):
        raise CheckFailed(_("gain {got}, expected {expected}").format(got=repr(actual), expected=repr(expected)))


@pytest.mark.parametrize("case", shared.fan_cases(), ids=str)
def test_fan_in_and_fan_out(grading, case):
    check_function(grading, "fan_in_and_fan_out", case, torch.nn.init._calculate_fan_in_and_fan_out,
                   grad=False, compare=expect_fans)


@pytest.mark.parametrize("case", shared.gain_cases(), ids=str)
def test_calculate_gain(grading, case):
    check_function(grading, "calculate_gain", case, torch.nn.init.calculate_gain, grad=False,
                   compare=expect_gain)


def cdf_of(kind: str, scale: float):
    if kind == "uniform":
        return lambda x: ((x + scale) / (2 * scale)).clip(0.0, 1.0)
    return lambda x: 0.5 * (1 + torch.special.erf(torch.from_numpy(x) / (scale * math.sqrt(2))).numpy())


def initialise(grading, symbol: str, case):
    """One call of `symbol` on a tensor that requires grad (an nn.Parameter's situation): the values it
    returned, checked to be the tensor given, filled in place, its dtype kept, no autograd recorded."""
    inputs = grading.inputs(case)
    shape = tuple(inputs["tensor"].shape)
    args, kwargs = grading.split_arguments(symbol, inputs)
    upstream = case.upstream(shape, grading.seed_offset)
    try:
        result = grading.candidate.call(symbol, *args, upstream=upstream, **kwargs)
    except CandidateError as error:
        raise _raised_like(error) from None
    dtype = str(inputs["tensor"].dtype).removeprefix("torch.")
    expect_form(result.output, shape, grading.expected(dtype), "output")
    if "tensor" not in result.modified_inputs:
        raise failure(_("`tensor` was left unchanged: fill it in place (tensor.uniform_(...), tensor.normal_(...) or "
                        "tensor.copy_(...) under torch.no_grad()) and return it"), "not-filled-in-place")
    gradient = result.gradients.inputs.get("tensor") if result.gradients else None
    if gradient is None or not torch.equal(gradient.cpu().double(), upstream.to(gradient.dtype).double()):
        raise failure(_("the tensor returned is not the tensor given: return `tensor` itself, filled in place, not a "
                        "copy or a new tensor"), "returns-a-copy")
    return result.output


def _raised_like(error: CandidateError) -> CandidateError:
    """The candidate's exception, named "in-place-op-recorded-by-autograd" when it is the one an in-place
    fill of a tensor that requires grad raises outside torch.no_grad()."""
    try:
        torch.empty(2, requires_grad=True).uniform_()
    except RuntimeError as raised:
        # the exception's name and first line, not "raised": the message around them is translated
        if f"RuntimeError: {str(raised).splitlines()[0]}" in str(error):
            error.cause = "in-place-op-recorded-by-autograd"
    return error


def check_init(grading, symbol: str, case):
    with about(case, grading, symbol):
        values = initialise(grading, symbol, case)
        kind, scale = shared.law(symbol, case)
        described = f"U(-{scale:.4g}, {scale:.4g})" if kind == "uniform" else f"N(0, {scale:.4g}²)"
        samples = values.cpu().double().numpy()
        try:
            expect_distributed(samples, cdf_of(kind, scale), _("values"), described)
        except CheckFailed as error:
            error.cause = getattr(error, "cause", "") or next(
                (bug for bug in shared.LAW_BUGS if _drawn_as(samples, symbol, case, bug)), "")
            raise


def _drawn_as(samples, symbol: str, case, bug: str) -> bool:
    """Whether the values follow the law of a classic bug (that law differing from the right one)."""
    kind, scale = shared.law(symbol, case, bug)
    if (kind, scale) == shared.law(symbol, case):
        return False
    try:
        expect_distributed(samples, cdf_of(kind, scale), "values", bug)
    except CheckFailed:
        return False
    return True


@pytest.mark.parametrize("case", shared.xavier_cases(), ids=str)
def test_xavier_uniform(grading, case):
    check_init(grading, "xavier_uniform_", case)


@pytest.mark.parametrize("case", shared.xavier_cases(), ids=str)
def test_xavier_normal(grading, case):
    check_init(grading, "xavier_normal_", case)


@pytest.mark.parametrize("case", shared.kaiming_cases(), ids=str)
def test_kaiming_uniform(grading, case):
    check_init(grading, "kaiming_uniform_", case)


@pytest.mark.parametrize("case", shared.kaiming_cases(), ids=str)
def test_kaiming_normal(grading, case):
    check_init(grading, "kaiming_normal_", case)


@pytest.mark.parametrize("case", shared.usage_cases(), ids=str)
def test_init_draws_only_from_its_generator(grading, case):
    symbol = shared.USAGE[case.name][0]
    seed = case.inputs["generator"].spec["seed"]
    with about(case, grading, symbol):
        first, again = initialise(grading, symbol, case), initialise(grading, symbol, case)
        other = initialise(grading, symbol, shared.reseeded(case, seed + 1000))
        if not torch.equal(first, again):
            raise failure(_("two calls with generators of the same seed filled different values: every draw must come "
                            "from `generator` (tensor.uniform_(-b, b, generator=generator)), never from torch's "
                            "global random state"), "draws-not-from-the-generator")
        if torch.equal(first, other):
            raise failure(_("generators of different seeds filled the very same values: draw from `generator`, not "
                            "from a fixed seed"), "draws-not-from-the-generator")
