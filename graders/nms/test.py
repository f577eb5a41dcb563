"""Grader for nms, both tracks: box_iou's values against torchvision's formula in float64 (and in the
torch track its gradients with respect to both sets of boxes, for a random upstream gradient); nms's
kept indices, exactly, against torchvision's CPU kernel (equal scores: lower index first; int64, on
the input's device)."""
import pytest

from interviewkit.grader import check_efficiency, check_function, sibling

shared = sibling(__file__, "cases")


@pytest.mark.parametrize("case", shared.box_iou_cases(), ids=str)
def test_box_iou(grading, case):
    check_function(grading, "box_iou", case, shared.reference_box_iou, diagnoses=shared.BOX_IOU_DIAGNOSES)


# Shared edges, identical and zero-area boxes sit on the kinks of max, min and the clamp at 0,
# where correct solutions may legitimately take different one-sided derivatives: values only.
@pytest.mark.parametrize("case", shared.box_iou_edge_cases(), ids=str)
def test_box_iou_edge_cases(grading, case):
    check_function(grading, "box_iou", case, shared.reference_box_iou, grad=False)


# An empty result has no value to hold to a tolerance: its kind, shape, dtype and device are the
# whole of it, and no gradient flows through it.
@pytest.mark.parametrize("case", shared.box_iou_empty_cases(), ids=str)
def test_box_iou_of_no_boxes(grading, case):
    check_function(grading, "box_iou", case, shared.reference_box_iou, grad=False)


@pytest.mark.parametrize("case", shared.nms_cases(), ids=str)
def test_nms(grading, case):
    check_function(grading, "nms", case, shared.reference_nms, grad=False, compare=shared.expect_kept,
                   diagnoses=shared.NMS_DIAGNOSES)


def test_efficiency(grading):
    check_efficiency(grading, "nms", shared.TIMING_CASE, shared.reference_nms, compare=shared.expect_kept)
