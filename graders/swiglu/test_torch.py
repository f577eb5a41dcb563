"""Grader for swiglu, torch track: the module loaded with the oracle's weights by name, with and
without bias (and by default without), on inputs of one to four dimensions, dim equal to hidden_dim
and not, float32 and float64, and pre-activations in the hundreds or thousands; its output and the
gradients of x and of every parameter for a random upstream gradient. A failure is
diagnosed as a classic bug (bugs.py)."""
import pytest

from interviewkit.grader import CandidateError, check_module, sibling

shared = sibling(__file__, "cases")


@pytest.mark.parametrize("case", shared.module_cases(), ids=str)
def test_swiglu(grading, case):
    oracle = lambda: shared.reference_module(case)
    try:
        check_module(grading, "SwiGLU", case.data, oracle, init=case.init(),
                     locate=("gate_proj", "up_proj", "down_proj"), diagnoses=shared.bugs.module_diagnoses())
    except CandidateError as error:  # weights it cannot load: biases where `bias` is False?
        if not getattr(error, "cause", "") and shared.bugs.biased(grading, case):
            error.cause = "bias-argument-ignored"
        raise
