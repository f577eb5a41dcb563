"""Grader for losses, both tracks: seven losses against torch.nn.functional in float64, each with
PyTorch's reductions (kl_div's "mean" over every element and "batchmean" over the first
dimension), both dtypes, 1-D to 3-D and square shapes; beta and delta at and off their boundary;
binary cross-entropy's -100 clamp at inputs of exactly 0 and 1; logits of ±1e4; zero KL targets.
In the torch track the gradients of input and target too, except where the library's own is not
finite (those cases grade the loss only)."""
import warnings

import pytest
import torch.nn.functional as F

from interviewkit.grader import check_function, sibling

shared = sibling(__file__, "cases")


def kl_div(input, target, reduction="mean"):
    with warnings.catch_warnings():  # F.kl_div warns that "mean" is not the batch mean: we grade it
        warnings.simplefilter("ignore")
        return F.kl_div(input, target, reduction=reduction)


def check(grading, symbol, case, reference):
    check_function(grading, symbol, case, reference, diagnoses=shared.diagnoses(symbol, reference))


@pytest.mark.parametrize("case", shared.mse_cases(), ids=str)
def test_mse_loss(grading, case):
    check(grading, "mse_loss", case, F.mse_loss)


@pytest.mark.parametrize("case", shared.l1_cases(), ids=str)
def test_l1_loss(grading, case):
    check(grading, "l1_loss", case, F.l1_loss)


@pytest.mark.parametrize("case", shared.smooth_l1_cases(), ids=str)
def test_smooth_l1_loss(grading, case):
    check(grading, "smooth_l1_loss", case, F.smooth_l1_loss)


@pytest.mark.parametrize("case", shared.huber_cases(), ids=str)
def test_huber_loss(grading, case):
    check(grading, "huber_loss", case, F.huber_loss)


@pytest.mark.parametrize("case", shared.bce_cases(), ids=str)
def test_binary_cross_entropy(grading, case):
    check(grading, "binary_cross_entropy", case, F.binary_cross_entropy)


@pytest.mark.parametrize("case", shared.bce_edge_cases(), ids=str)
def test_binary_cross_entropy_of_certain_probabilities(grading, case):
    """The loss only: PyTorch's gradient there is ±1e12 (its backward's own eps), not a derivative."""
    check_function(grading, "binary_cross_entropy", case, F.binary_cross_entropy, grad=False)


@pytest.mark.parametrize("case", shared.bce_with_logits_cases(), ids=str)
def test_binary_cross_entropy_with_logits(grading, case):
    check(grading, "binary_cross_entropy_with_logits", case, F.binary_cross_entropy_with_logits)


@pytest.mark.parametrize("case", shared.kl_cases(), ids=str)
def test_kl_div(grading, case):
    check(grading, "kl_div", case, kl_div)


@pytest.mark.parametrize("case", shared.kl_zero_target_cases(), ids=str)
def test_kl_div_with_zero_targets(grading, case):
    """The loss only: the gradient of 0·log 0 with respect to the target is NaN in PyTorch too."""
    check_function(grading, "kl_div", case, kl_div, grad=False)
