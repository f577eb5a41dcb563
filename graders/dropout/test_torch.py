"""Grader for dropout, torch track: with a seeded generator, the very mask of
torch.rand(x.shape, generator=generator, dtype=x.dtype) >= p for every p (0, 0.1, 0.5, 1) in training
and eval, float32 and float64, 0-d, empty and one-element inputs, the generator left as the
reference leaves it (drawn once, only in training with 0 < p < 1), and the gradient of x; with
torch's global generator, every entry 0 or x / (1 - p) and the kept share near 1 - p."""
import pytest

from interviewkit.grader import check_function, sibling

shared = sibling(__file__, "cases")


@pytest.mark.parametrize("case", shared.torch_cases(), ids=str)
def test_dropout(grading, case):
    check_function(grading, "dropout", case, shared.torch_reference(case), compare=shared.draw_for_draw,
                   diagnoses=shared.torch_diagnoses(case))


@pytest.mark.parametrize("case", shared.global_cases(), ids=str)
def test_dropout_on_the_global_generator(grading, case):
    # A random mask is not the reference's: its gradient cannot be compared, only its output.
    check_function(grading, "dropout", case, shared.global_reference, grad=not shared.drawn(case),
                   compare=shared.by_distribution(case))
