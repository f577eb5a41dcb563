"""Grader for attention, numpy track: the function on every shape and mask; the class with weights
the grader draws and sets on the instance before each forward."""
import pytest

from interviewkit.grader import Case, Step, check_efficiency, check_function, check_steps, sibling

shared = sibling(__file__, "cases")
SYMBOL = "MultiHeadAttention"
WEIGHTS = shared.ReferenceNumpyMultiHeadAttention.WEIGHTS


@pytest.mark.parametrize("case", shared.function_cases(), ids=str)
def test_scaled_dot_product_attention(grading, case):
    check_function(grading, "scaled_dot_product_attention", case, shared.reference_attention,
                   condition=shared.function_condition, diagnoses=shared.DIAGNOSES)


def construction(case, seed_offset: int) -> str:
    """The lines a report shows to rebuild the instance, before the call to forward."""
    lines = [f"attention = {SYMBOL}(embed_dim={case.embed_dim}, num_heads={case.num_heads})",
             f"rng = np.random.default_rng({case.weight_seed(seed_offset)})"]
    for name, recipe in case.weight_recipes().items():
        lines.extend(recipe.lines(f"attention.{name}"))
    return "\n".join(lines + ["attention.forward"])


@pytest.mark.parametrize("case", shared.module_cases(bias_option=False), ids=str)
def test_multi_head_attention(grading, case):
    oracle = shared.reference_module(case, grading.seed_offset)
    condition = case.data.condition * shared.module_condition(oracle, **case.data.reference_inputs(grading.seed_offset))
    forward = Step("forward", "forward", case.data.numpy_inputs(grading.seed_offset))
    check_steps(grading, SYMBOL, case.data, shared.ReferenceNumpyMultiHeadAttention(oracle), [forward],
                init=case.init(), dtype=case.dtype, load=WEIGHTS, condition=condition,
                call=construction(case, grading.seed_offset))


def test_a_new_instance_has_the_weights_of_the_contract(grading):
    """w_q, w_k, w_v, w_o of shape (E, E) and b_q, b_k, b_v, b_o of shape (E,), whatever their values:
    forward must read the weights from these attributes, which the grader sets before every call."""
    case = Case("a_new_instance", embed_dim=12, num_heads=3)
    twin = shared.ReferenceNumpyMultiHeadAttention(shared.ReferenceMultiHeadAttention(12, 3))
    check_steps(grading, SYMBOL, case, twin, [], init=case.inputs, state=WEIGHTS, values=False)


def test_efficiency(grading):
    check_efficiency(grading, "scaled_dot_product_attention", shared.TIMING_CASE, shared.reference_attention,
                     condition=shared.function_condition)
