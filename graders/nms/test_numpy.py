"""Grader for nms, numpy track: box_iou's values against torchvision's formula in float64, and
nms's kept indices, exactly, against torchvision's CPU kernel (equal scores: lower index first)."""
import pytest

from interviewkit.grader import check_efficiency, check_function, sibling

shared = sibling(__file__, "cases")


@pytest.mark.parametrize("case", shared.box_iou_cases(), ids=str)
def test_box_iou(grading, case):
    check_function(grading, "box_iou", case, shared.reference_box_iou)


@pytest.mark.parametrize("case", shared.box_iou_edge_cases(), ids=str)
def test_box_iou_edge_cases(grading, case):
    check_function(grading, "box_iou", case, shared.reference_box_iou)


@pytest.mark.parametrize("case", shared.box_iou_empty_cases(), ids=str)
def test_box_iou_of_no_boxes(grading, case):
    shared.check_empty_box_iou(grading, case)


@pytest.mark.parametrize("case", shared.nms_cases(), ids=str)
def test_nms(grading, case):
    shared.check_nms(grading, case)


def test_efficiency(grading):
    check_efficiency(grading, "nms", shared.TIMING_CASE)
