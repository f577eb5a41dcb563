"""Grader for flash_attention, both tracks: softmax(q kᵀ / sqrt(D)) v against float64 attention on
every shape, block size and causal option (in the torch track also the gradients of q, k and v
through autograd, for a random upstream: the backward's memory is not graded), and on a long
sequence, that no intermediate of the forward has L·S elements."""
import pytest

from interviewkit.grader import check_function, check_memory, sibling, track

shared = sibling(__file__, "cases")
TRACK = track()


@pytest.mark.parametrize("case", shared.cases(), ids=str)
def test_flash_attention(grading, case):
    reference = case.reference_inputs(grading.seed_offset)
    magnitude = shared.gradient_scale(**reference) if TRACK == "torch" else None
    check_function(grading, "flash_attention", case, shared.reference, condition=shared.condition,
                   gradient_magnitude=magnitude, diagnoses=shared.DIAGNOSES)


@pytest.mark.parametrize("case", shared.memory_cases(TRACK), ids=str)
def test_no_score_matrix(grading, case):
    length = shared.MEMORY_LENGTH
    check_memory(grading, "flash_attention", case, elements=length * length, what=f"L·S = {length}²")
