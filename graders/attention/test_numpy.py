"""Grader for attention, numpy track: the function on every shape and mask; the class with weights
the grader draws and sets on the instance before each forward."""
import numpy as np
import pytest

from interviewkit.grader import (
    CheckFailed, about, check_efficiency, check_function, expect_outputs, expect_unmodified, input_dtype,
    sibling,
)

shared = sibling(__file__, "cases")
SYMBOL = "MultiHeadAttention"


@pytest.mark.parametrize("case", shared.function_cases(), ids=str)
def test_scaled_dot_product_attention(grading, case):
    check_function(grading, "scaled_dot_product_attention", case, shared.reference_attention,
                   condition=shared.function_condition)


def construction(case, seed_offset: int) -> str:
    """The lines a report shows to rebuild the instance, before the call to forward."""
    lines = [f"attention = {SYMBOL}(embed_dim={case.embed_dim}, num_heads={case.num_heads})",
             f"rng = np.random.default_rng({case.weight_seed(seed_offset)})"]
    for name, recipe in case.weight_recipes().items():
        lines.extend(recipe.lines(f"attention.{name}"))
    return "\n".join(lines + ["attention.forward"])


@pytest.mark.parametrize("case", shared.module_cases(bias_option=False), ids=str)
def test_multi_head_attention(grading, case):
    with about(case.data, grading, construction(case, grading.seed_offset)):
        inputs = grading.inputs(case.data)
        weights = case.weights(grading.seed_offset)
        oracle = shared.reference_module(case, grading.seed_offset)
        reference = case.data.reference_inputs(grading.seed_offset)
        condition = case.data.condition * shared.module_condition(oracle, **reference)
        expected = oracle(**reference)
        attention = grading.candidate.construct(SYMBOL, **case.init())
        attention.set(**weights)
        args, kwargs = grading.split_arguments(f"{SYMBOL}.forward", inputs)
        result = attention.call("forward", *args, **kwargs)
        expect_unmodified(result)
        expect_outputs(result.output, expected, grading.expected(input_dtype(inputs)), condition)


def test_a_new_instance_has_the_weights_of_the_contract(grading):
    embed_dim, num_heads = 12, 3
    attention = grading.candidate.construct(SYMBOL, embed_dim=embed_dim, num_heads=num_heads)
    shapes = {**{f"w_{s}": (embed_dim, embed_dim) for s in "qkvo"}, **{f"b_{s}": (embed_dim,) for s in "qkvo"}}
    for name, shape in shapes.items():
        value = attention.get(name)
        if np.shape(value) != shape:
            raise CheckFailed(f"{SYMBOL}(embed_dim={embed_dim}, num_heads={num_heads}).{name} has shape "
                              f"{np.shape(value)}, expected {shape}: forward must read the weights from these "
                              "attributes, which the grader sets before every call")


def test_efficiency(grading):
    check_efficiency(grading, "scaled_dot_product_attention", shared.TIMING_CASE)
