"""Grader for vit, torch track: the output shapes of the submodules whose shapes the contract fixes
(first: they say where a sequence goes wrong); then `forward` and `forward_features`, their outputs
and the gradients of the image and of every parameter for a random upstream. When an output
differs, the message also says which submodule's output first parts from the reference's, and a
failure is diagnosed as one of the classic bugs of bugs.py."""
import pytest

from interviewkit.grader import check_module, check_traced_shapes, sibling

shared = sibling(__file__, "cases")
bugs = sibling(__file__, "bugs")
SYMBOL = "VisionTransformer"


@pytest.mark.parametrize("case", shared.shape_cases(), ids=str)
def test_intermediate_shapes(grading, case):
    with bugs.mlp_width(grading, SYMBOL, case):
        check_traced_shapes(grading, SYMBOL, case.data, case.oracle, init=case.init, method="forward_features",
                            expected=shared.contract_shapes(case))


@pytest.mark.parametrize("case", shared.vit_cases(), ids=str)
def test_forward(grading, case):
    with bugs.mlp_width(grading, SYMBOL, case):
        check_module(grading, SYMBOL, case.data, case.oracle, init=case.init, method="forward",
                     locate=shared.submodules_in_order(case, "forward"),
                     diagnoses=bugs.torch_diagnoses(case, "forward"))


@pytest.mark.parametrize("case", shared.feature_cases(), ids=str)
def test_forward_features(grading, case):
    """Every token after the final norm, and the gradients of the image and of every parameter but the
    head's (which forward_features does not use)."""
    with bugs.mlp_width(grading, SYMBOL, case):
        check_module(grading, SYMBOL, case.data, case.oracle, init=case.init, method="forward_features",
                     locate=shared.submodules_in_order(case, "forward_features"),
                     diagnoses=bugs.torch_diagnoses(case, "forward_features"))
