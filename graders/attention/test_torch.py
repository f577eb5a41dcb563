"""Grader for attention, torch track: the function's output and the gradients of q, k and v; the
module's output and the gradients of its inputs and of every parameter, for a random upstream."""
import pytest

from interviewkit.grader import check_efficiency, check_function, check_module, sibling

shared = sibling(__file__, "cases")


@pytest.mark.parametrize("case", shared.function_cases(), ids=str)
def test_scaled_dot_product_attention(grading, case):
    reference = case.reference_inputs(grading.seed_offset)
    check_function(grading, "scaled_dot_product_attention", case, shared.reference_attention,
                   condition=shared.function_condition, gradient_magnitude=shared.gradient_scale(**reference),
                   diagnoses=shared.DIAGNOSES)


@pytest.mark.parametrize("case", shared.module_cases(bias_option=True), ids=str)
def test_multi_head_attention(grading, case):
    # The key bias's gradient is zero (it shifts a whole row of scores), and so is the gradient
    # through a one-hot softmax: their rounding is on the scale of the largest gradient.
    check_module(grading, "MultiHeadAttention", case.data, lambda: shared.reference_module(case, grading.seed_offset),
                 init=case.init(), condition=shared.module_condition, shared_gradient_scale=True)


def test_efficiency(grading):
    check_efficiency(grading, "scaled_dot_product_attention", shared.TIMING_CASE, shared.reference_attention,
                     condition=shared.function_condition)
