"""Grader for attention, torch track: the function's output and the gradients of q, k and v; the
module's output and the gradients of every parameter, for a random upstream."""
import pytest
import torch

from interviewkit.grading import sibling
from interviewkit.grading.checks import (about, check_function, expect_gradients, expect_outputs, expect_unmodified,
                                         input_dtype, reference_gradients, upstream_for)

shared = sibling(__file__, "cases")


@pytest.mark.parametrize("case", shared.function_cases(), ids=str)
def test_scaled_dot_product_attention(grading, case):
    reference = case.reference_inputs(grading.seed_offset)
    check_function(grading, "scaled_dot_product_attention", case, shared.reference_attention,
                   condition=shared.function_condition, gradient_magnitude=shared.gradient_scale(**reference))


@pytest.mark.parametrize("case", shared.module_cases(bias_option=True), ids=str)
def test_multi_head_attention(grading, case):
    check_attention_module(grading, case)


def check_attention_module(grading, case) -> None:
    """check_module's steps, around two of its limits in this engine version: the module takes its
    dtype before the weights are loaded (check_module loads them first, so float64 weights are
    rounded through float32 parameters), and only the parameters' gradients are compared (Handle.call
    binds a module's arguments through inspect.signature(module), which is (*args, **kwargs), so no
    input becomes a leaf). The parameters' gradients cover the backward pass through the scores,
    the softmax and the values of every head. Use check_module itself once both are fixed."""
    call = f"MultiHeadAttention({', '.join(f'{k}={v!r}' for k, v in case.init().items())})"
    with about(case.data, grading, call):
        inputs = grading.inputs(case.data)
        dtype = input_dtype(inputs)
        oracle = shared.reference_module(case, grading.seed_offset)
        reference = case.data.reference_inputs(grading.seed_offset)
        condition = case.data.condition * shared.module_condition(oracle, **reference)
        attention = grading.candidate.construct("MultiHeadAttention", **case.init())
        attention.to(device=grading.device, dtype=getattr(torch, dtype))
        attention.load_state_dict({name: value.to(getattr(torch, dtype)) for name, value in oracle.state_dict().items()})
        expected = oracle(**reference)
        upstream = upstream_for(expected, case.data, grading.seed_offset)
        args, kwargs = grading.split_arguments("MultiHeadAttention.forward", inputs)
        result = attention.call("forward", *args, upstream=upstream, **kwargs)
        like = grading.expected(dtype)
        expect_unmodified(result)
        expect_outputs(result.output, expected, like, condition)
        gradients = reference_gradients(expected, dict(oracle.named_parameters()), upstream)
        # The key bias's gradient is zero (it shifts a whole row of scores), and so is the gradient
        # through a one-hot softmax; their rounding is on the scale of the module's largest gradient.
        largest = max(float(gradient.abs().amax()) for gradient in gradients.values())
        expect_gradients(result.gradients, gradients, like, condition, parameters=True, magnitude=largest)
