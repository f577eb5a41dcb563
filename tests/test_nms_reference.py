"""The nms grader's oracles, proved on hand-worked boxes (there is no torchvision here to compare
with) and by the properties that define greedy NMS; and its cases, proved to do what their names
promise and to have outcomes that no float32 rounding can change."""
from __future__ import annotations

import math

import numpy as np
import pytest
import torch

from interviewkit.catalog import content_root
from interviewkit.grader import sibling

cases = sibling(str(content_root() / "graders" / "nms" / "test.py"), "cases")
SEEDS = range(20)
NMS_CASES = {case.name: case for case in cases.nms_cases()}


def t(rows) -> torch.Tensor:
    return torch.tensor(rows, dtype=torch.float64)


# -- box_iou, by hand ----------------------------------------------------------------------------

def test_box_iou_of_the_statement_example():
    boxes = t([[0, 0, 4, 4], [2, 0, 6, 4], [4, 0, 8, 4], [0, 0, 4, 2]])
    iou = cases.reference_box_iou(boxes, boxes)
    assert iou[0].tolist() == [1.0, 1 / 3, 0.0, 0.5]
    assert iou[1].tolist() == [1 / 3, 1.0, 1 / 3, 0.2]  # B and D: 2 x 2 = 4 over 16 + 8 - 4
    assert torch.equal(iou, iou.T)


def test_box_iou_has_no_plus_one_and_clamps_each_side():
    # 4 x 4 boxes overlapping on 3 x 2: 6 / (16 + 16 - 6). With "+1" it would be 12 / 38.
    assert cases.reference_box_iou(t([[0, 0, 4, 4]]), t([[1, 2, 5, 6]])).item() == 6 / 26
    # Apart along both axes: the sides -1 and -2 would multiply into +2 without the clamp.
    assert cases.reference_box_iou(t([[0, 0, 1, 1]]), t([[2, 3, 4, 5]])).item() == 0.0
    # Apart along x only, overlapping along y.
    assert cases.reference_box_iou(t([[0, 0, 1, 4]]), t([[2, 1, 3, 3]])).item() == 0.0


def test_box_iou_of_nested_touching_and_zero_area_boxes():
    outer = t([[0, 0, 8, 8]])
    assert cases.reference_box_iou(outer, t([[2, 2, 6, 6]])).item() == 16 / 64
    assert cases.reference_box_iou(outer, t([[8, 0, 9, 8], [8, 8, 9, 9]])).tolist() == [[0.0, 0.0]]
    zero_area = t([[2, 2, 2, 6], [0, 3, 8, 3], [1, 1, 1, 1]])
    assert cases.reference_box_iou(zero_area, outer).tolist() == [[0.0], [0.0], [0.0]]
    # Two zero-area boxes: 0 / 0, NaN as in torchvision; graded cases never pair them.
    assert math.isnan(cases.reference_box_iou(zero_area[:1], zero_area[:1]).item())


def test_box_iou_of_empty_sets():
    assert cases.reference_box_iou(t([[0, 0, 1, 1]]), torch.zeros(0, 4, dtype=torch.float64)).shape == (1, 0)
    assert cases.reference_box_iou(torch.zeros(0, 4, dtype=torch.float64), t([[0, 0, 1, 1]])).shape == (0, 1)


# -- nms, by hand --------------------------------------------------------------------------------

HAND_WORKED = {
    "two_overlapping_boxes": [0],  # IoU 81 / 119
    "lower_scoring_box_first_in_the_input": [1],
    "single_box": [0],
    "no_boxes": [],
    "kept_boxes_in_decreasing_score_order": [1, 3, 2, 0, 4],
    "scores_of_zero_and_below": [0, 3, 1, 2],  # 4 overlaps 0 by 1.5 x 2: IoU 3 / 5
    "a_suppressed_box_suppresses_nothing": [0, 2],  # B (1/3) and D (1/2) go; C overlaps only B
    "example_at_threshold_half": [0, 1, 2, 3],  # D's IoU with A is exactly 0.5
    "iou_equal_to_the_threshold_is_kept": [0, 1, 2],  # 0.5 stays, 0.6 goes
    # 3 overlaps 0 (IoU 1 / 7) and goes; 5 overlaps 0, 1, 2 and 4 and goes; 1, 2 and 4 only touch.
    "threshold_zero_spares_touching_boxes": [0, 1, 2, 4],
    "threshold_one_keeps_identical_boxes": [1, 4, 2, 3, 0],
    "identical_boxes": [2, 3],
    "nested_boxes": [1, 0, 3],  # 2 has IoU 36/64 with 0; 3 has 4/16 with 1 and 4/64 with 0
    "zero_area_boxes_are_never_suppressed": [0, 1, 2, 3, 4],  # 5 overlaps 0 by 1 x 1: IoU 1 / 19
    "equal_scores_lower_index_first": [1, 3, 0],
    "float64_iou_just_above_the_threshold": [0, 2, 3],
}


@pytest.mark.parametrize("name", HAND_WORKED)
def test_nms_oracle_on_hand_worked_boxes(name):
    kept = cases.reference_nms(**NMS_CASES[name].reference_inputs())
    assert kept.dtype == torch.int64 and kept.shape == (len(HAND_WORKED[name]),)
    assert kept.tolist() == HAND_WORKED[name]


def test_the_nms_example_of_the_statement():
    boxes = t([[0, 0, 4, 4], [2, 0, 6, 4], [4, 0, 8, 4], [0, 0, 4, 2]])
    assert cases.reference_nms(boxes, t([0.9, 0.8, 0.7, 0.6]), 0.3).tolist() == [0, 2]
    assert cases.reference_nms(boxes, t([0.9, 0.8, 0.7, 0.6]), 0.5).tolist() == [0, 1, 2, 3]
    assert cases.reference_nms(boxes, t([0.7, 0.9, 0.6, 0.8]), 0.3).tolist() == [1, 3]


# -- nms, by the properties that define it --------------------------------------------------------

def precedes(scores: list, a: int, b: int) -> bool:
    """a comes before b in the stable descending order."""
    return scores[a] > scores[b] or (scores[a] == scores[b] and a < b)


@pytest.mark.parametrize("name", [name for name in NMS_CASES if name not in HAND_WORKED])
def test_nms_oracle_keeps_exactly_the_greedy_set(name):
    """Kept boxes come in visiting order, no kept box overlaps an earlier kept one by more than the
    threshold, and every dropped box overlaps an earlier kept one by more: only the greedy set
    has all three."""
    for seed in SEEDS:
        inputs = NMS_CASES[name].reference_inputs(seed)
        boxes, scores, threshold = inputs["boxes"], inputs["scores"], inputs["iou_threshold"]
        kept = cases.reference_nms(boxes, scores, threshold).tolist()
        above = (cases.reference_box_iou(boxes, boxes) > threshold).tolist()
        values = scores.tolist()
        assert all(precedes(values, a, b) for a, b in zip(kept, kept[1:])), seed
        for position, b in enumerate(kept):
            assert not any(above[a][b] for a in kept[:position]), seed
        for b in set(range(len(boxes))) - set(kept):
            assert any(precedes(values, a, b) and above[a][b] for a in kept), seed


# -- the cases -----------------------------------------------------------------------------------

def float32_nms(boxes: torch.Tensor, scores: torch.Tensor, iou_threshold: float, promote: bool) -> list[int]:
    """NMS with every IoU computed in float32 and compared in float32 (as `iou > t` does with a
    float32 tensor) or promoted to float64 (as torchvision's kernel does with its double t)."""
    boxes32 = boxes.to(torch.float32)
    iou = cases.reference_box_iou(boxes32, boxes32)
    above = (iou.double() > iou_threshold if promote else iou > iou_threshold).tolist()
    order = torch.sort(scores, descending=True, stable=True).indices.tolist()
    suppressed, keep = [False] * len(order), []
    for i in order:
        if not suppressed[i]:
            keep.append(i)
            suppressed = [s or a for s, a in zip(suppressed, above[i])]
    return keep


@pytest.mark.parametrize("name", [name for name in NMS_CASES if "float64" not in name])
def test_float32_nms_cases_cannot_hinge_on_rounding(name):
    for seed in SEEDS:
        inputs = NMS_CASES[name].reference_inputs(seed)
        assert inputs["iou_threshold"] in cases.THRESHOLDS
        expected = cases.reference_nms(**inputs).tolist()
        assert float32_nms(**inputs, promote=False) == expected, seed
        assert float32_nms(**inputs, promote=True) == expected, seed


def test_the_float64_case_is_lost_in_float32():
    inputs = NMS_CASES["float64_iou_just_above_the_threshold"].reference_inputs()
    assert float32_nms(**inputs, promote=False) != cases.reference_nms(**inputs).tolist()


@pytest.mark.parametrize("seed", SEEDS[:5])
@pytest.mark.parametrize("name", ["random_boxes", "detections_around_a_few_objects", "crowded_boxes",
                                  "crowded_boxes_at_threshold_three_quarters", "random_boxes_at_threshold_zero",
                                  "scores_below_zero", "pixel_coordinates", "two_hundred_boxes", "float64_boxes",
                                  "many_equal_scores", "all_scores_equal"])
def test_random_nms_cases_keep_some_boxes_and_drop_others(name, seed):
    inputs = NMS_CASES[name].reference_inputs(seed)
    kept = len(cases.reference_nms(**inputs))
    assert 1 < kept < len(inputs["boxes"]) * 0.8


def test_tie_cases_depend_on_the_order_of_equal_scores():
    for name in ("equal_scores_lower_index_first", "all_scores_equal", "many_equal_scores"):
        inputs = NMS_CASES[name].reference_inputs()
        count = len(inputs["boxes"])
        # Reversing the indices makes a stable sort put the higher index first among equal scores.
        flipped = {"boxes": inputs["boxes"].flip(0), "scores": inputs["scores"].flip(0)}
        reversed_ties = [count - 1 - i for i in cases.reference_nms(**flipped, iou_threshold=inputs["iou_threshold"])]
        assert reversed_ties != cases.reference_nms(**inputs).tolist(), name


def test_scores_below_zero_has_scores_below_zero():
    assert (NMS_CASES["scores_below_zero"].reference_inputs()["scores"] <= 0).any()


@pytest.mark.parametrize("case", cases.box_iou_cases(), ids=str)
def test_gradient_cases_are_in_general_position(case):
    """No shared coordinate and no side of an intersection exactly 0: max, min and the clamp are
    differentiable at every graded point. No box of zero area."""
    for seed in SEEDS:
        inputs = case.reference_inputs(seed)
        boxes1, boxes2 = inputs["boxes1"], inputs["boxes2"]
        for column in range(4):
            assert not (boxes1[:, None, column] == boxes2[None, :, column]).any(), seed
        assert ((boxes1[:, 2:] - boxes1[:, :2]) > 0).all() and ((boxes2[:, 2:] - boxes2[:, :2]) > 0).all(), seed
        sides = torch.min(boxes1[:, None, 2:], boxes2[:, 2:]) - torch.max(boxes1[:, None, :2], boxes2[:, :2])
        assert (sides != 0).all(), seed


@pytest.mark.parametrize("seed", SEEDS[:3])
@pytest.mark.parametrize("case", cases.box_iou_cases() + cases.box_iou_edge_cases() + cases.box_iou_empty_cases(),
                         ids=str)
def test_box_iou_cases_pair_no_two_zero_area_boxes(case, seed):
    assert torch.isfinite(cases.reference_box_iou(**case.reference_inputs(seed))).all()


def test_mostly_disjoint_boxes_has_pairs_apart_along_both_axes():
    inputs = cases.box_iou_cases()[2].reference_inputs()
    sides = torch.min(inputs["boxes1"][:, None, 2:], inputs["boxes2"][:, 2:]) - torch.max(
        inputs["boxes1"][:, None, :2], inputs["boxes2"][:, :2])
    assert ((sides < 0).all(-1)).sum() > 10


def test_recipes_print_the_code_that_rebuilds_them():
    for case in [*cases.box_iou_cases(), *cases.box_iou_edge_cases(), *cases.box_iou_empty_cases(),
                 *NMS_CASES.values()]:
        namespace = {"np": np}
        exec("\n".join(case.snippet("print", "numpy", 3).splitlines()[:-1]), namespace)
        for name, value in case.numpy_inputs(3).items():
            if isinstance(value, np.ndarray):
                assert namespace[name].dtype == value.dtype and np.array_equal(namespace[name], value), (case, name)
