"""nms cases and float64 oracles, shared by both tracks: `box_iou(boxes1, boxes2)` and
`nms(boxes, scores, iou_threshold)`, boxes (N, 4) as (x1, y1, x2, y2).

The oracles follow torchvision line by line (torchvision/ops/boxes.py: box_iou, _box_inter_union;
csrc/ops/cpu/nms_kernel.cpp: a stable descending sort, then each box in turn, unless already
suppressed, is kept and suppresses every later box whose IoU with it is > the threshold).
tests/test_nms_reference.py proves them on hand-worked boxes and proves the cases below.

nms cases are built so that its exact comparison cannot hinge on rounding: float32 boxes lie on a
grid of binary fractions, so every width, area, intersection and union is exact in float32, and
every threshold is a binary fraction (0, 0.25, 0.5, 0.75, 1). An IoU then equals the threshold
exactly or differs from it by far more than float32 rounding, whatever formula computes it.
Only the float64 cases leave the grid, one of them on purpose.

Known-wrong solutions (tests/candidates/nms/<track>/wrong_*.py), one bug each:
  wrong_area_plus_one                        areas and overlaps with the old "+1 pixel" (x2 - x1 + 1)
  wrong_intersection_clamped_after_multiplying  max(0, w * h): two negative overlaps make a positive area
  wrong_union_is_the_sum_of_areas            union = area1 + area2, the intersection counted twice
  wrong_greater_or_equal                     suppresses at IoU == threshold (>= instead of >)
  wrong_not_sorted_by_score                  visits the boxes in input order, not by decreasing score
  wrong_suppressed_boxes_also_suppress       drops a box that overlaps any higher-scoring box, kept or not
  wrong_kept_in_input_order                  right boxes, returned in index order instead of score order
  wrong_empty_input_crashes                  no boxes crash it (numpy: order[0] taken first; torch: torch.stack([]))
  wrong_empty_result_is_float                np.array([]) / torch.tensor([]): an empty result is float
  wrong_int32_indices                        indices as int32
  wrong_ties_higher_index_first              argsort ascending then reversed: equal scores go last index first
  wrong_unstable_sort                        argsort without a stable sort: equal scores in no defined order
  wrong_iou_in_float32                       nms casts float64 boxes to float32 and loses a near-threshold IoU
  wrong_keeps_where_iou_at_most_threshold    keeps IoU <= t instead of dropping IoU > t: NaN (two zero-area boxes) drops
  wrong_suppressed_scores_zeroed             "zero the suppressed scores, loop while max > 0": fails on scores <= 0
  wrong_box_iou_detached (torch)             box_iou computed outside autograd (.tolist()): no gradient
  wrong_box_iou_from_nested_lists (numpy)    np.array of nested lists: no boxes give shape (0,), not (0, M)
  wrong_capped_at_a_hundred_detections       keeps at most 100 boxes, as a detector's max_det: the rest are lost
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from interviewkit.grader import (Case, CheckFailed, Diagnosis, Expected, Recipe, _, expect_equal, failure, given,
                                 integers, ngettext, uniform)

THRESHOLDS = (0.0, 0.25, 0.5, 0.75, 1.0)


def _shape(count: int) -> str:
    return f"({count}, 2)"


@dataclass(frozen=True)
class random_boxes(Recipe):
    """`count` boxes: top-left corners uniform in [0, span)², sides uniform in [smallest, largest]."""

    count: int
    span: float
    smallest: float
    largest: float
    dtype: str = "float32"

    def draw(self, rng):
        corners = rng.uniform(0, self.span, (self.count, 2))
        return np.concatenate([corners, corners + rng.uniform(self.smallest, self.largest, (self.count, 2))], axis=1)

    def lines(self, name):
        corners = f"{name}_corners"
        sides = f"rng.uniform({self.smallest!r}, {self.largest!r}, {_shape(self.count)})"
        return [f"{corners} = rng.uniform(0, {self.span!r}, {_shape(self.count)})",
                f"{name} = np.concatenate([{corners}, {corners} + {sides}], axis=1).astype(np.{self.dtype})"]

    def describe(self):
        return _("{dtype} {shape} boxes, corners in [0, {span})², sides in [{smallest}, {largest}]").format(
            dtype=self.dtype, shape=f"({self.count}, 4)", span=f"{self.span:g}", smallest=f"{self.smallest:g}",
            largest=f"{self.largest:g}")


@dataclass(frozen=True)
class grid_boxes(Recipe):
    """`count` boxes on a grid of `step`: corners at 0..span-1 steps, sides of smallest..largest steps."""

    count: int
    span: int
    smallest: int
    largest: int
    step: float = 0.25
    dtype: str = "float32"

    def draw(self, rng):
        corners = rng.integers(0, self.span, (self.count, 2)) * self.step
        sides = rng.integers(self.smallest, self.largest + 1, (self.count, 2)) * self.step
        return np.concatenate([corners, corners + sides], axis=1)

    def lines(self, name):
        corners = f"{name}_corners"
        sides = f"rng.integers({self.smallest}, {self.largest + 1}, {_shape(self.count)}) * {self.step!r}"
        return [f"{corners} = rng.integers(0, {self.span}, {_shape(self.count)}) * {self.step!r}",
                f"{name} = np.concatenate([{corners}, {corners} + {sides}], axis=1).astype(np.{self.dtype})"]

    def describe(self):
        return _("{dtype} {shape} boxes on a grid of {step}, corners in [0, {span}), sides {smallest} to "
                 "{largest}").format(dtype=self.dtype, shape=f"({self.count}, 4)", step=f"{self.step:g}",
                                     span=f"{self.span * self.step:g}", smallest=f"{self.smallest * self.step:g}",
                                     largest=f"{self.largest * self.step:g}")


@dataclass(frozen=True)
class clustered_boxes(Recipe):
    """Detections around a few objects, on a grid of `step`: `objects` boxes (corners at 0..span-1
    steps, sides of smallest..largest steps), and `count` boxes, each one of them (drawn at random)
    with every coordinate moved by up to `jitter` steps. smallest > 2 * jitter keeps x1 < x2."""

    count: int
    objects: int
    span: int
    smallest: int
    largest: int
    jitter: int
    step: float = 1.0
    dtype: str = "float32"

    def __post_init__(self):
        assert self.smallest > 2 * self.jitter, "a jittered box must keep a positive size"

    def draw(self, rng):
        corners = rng.integers(0, self.span, (self.objects, 2))
        sides = rng.integers(self.smallest, self.largest + 1, (self.objects, 2))
        objects = np.concatenate([corners, corners + sides], 1)
        which = rng.integers(0, self.objects, self.count)
        return (objects[which] + rng.integers(-self.jitter, self.jitter + 1, (self.count, 4))) * self.step

    def lines(self, name):
        corners, objects = f"{name}_corners", f"{name}_objects"
        sides = f"rng.integers({self.smallest}, {self.largest + 1}, ({self.objects}, 2))"
        jitter = f"rng.integers({-self.jitter}, {self.jitter + 1}, ({self.count}, 4))"
        return [f"{corners} = rng.integers(0, {self.span}, ({self.objects}, 2))",
                f"{objects} = np.concatenate([{corners}, {corners} + {sides}], 1)",
                f"{name} = {objects}[rng.integers(0, {self.objects}, {self.count})] + {jitter}",
                f"{name} = ({name} * {self.step!r}).astype(np.{self.dtype})"]

    def describe(self):
        return _("{dtype} {shape} boxes around {objects} objects on a grid of {step}, moved by up to {jitter}").format(
            dtype=self.dtype, shape=f"({self.count}, 4)", objects=self.objects, step=f"{self.step:g}",
            jitter=f"{self.jitter * self.step:g}")


@dataclass(frozen=True)
class no_boxes(Recipe):
    """An empty (0, 4) set of boxes. Draws nothing."""

    dtype: str = "float32"

    def draw(self, rng):
        return np.zeros((0, 4))

    def code(self):
        return "np.zeros((0, 4))"

    def describe(self):
        return _("{dtype} (0, 4): no boxes").format(dtype=self.dtype)


@dataclass(frozen=True)
class no_scores(Recipe):
    dtype: str = "float32"

    def draw(self, rng):
        return np.zeros((0,))

    def code(self):
        return "np.zeros((0,))"

    def describe(self):
        return _("{dtype} (0,): no scores").format(dtype=self.dtype)


def boxes(*rows, dtype="float32") -> given:
    return given(tuple(tuple(float(v) for v in row) for row in rows), dtype=dtype)


def scores(*values, dtype="float32") -> given:
    return given(tuple(float(v) for v in values), dtype=dtype)


# ---------------------------------------------------------------------------------------------
# box_iou

def box_iou_cases() -> list[Case]:
    """Boxes in general position (no two coordinates equal, no box of zero area): box_iou is
    differentiable there, and the torch track grades its gradients."""
    return [
        Case("random_boxes", boxes1=random_boxes(6, 10.0, 1.0, 5.0), boxes2=random_boxes(5, 10.0, 1.0, 5.0)),
        Case("heavily_overlapping_boxes", boxes1=random_boxes(5, 2.0, 3.0, 6.0),
             boxes2=random_boxes(6, 2.0, 3.0, 6.0)),
        # Pairs apart along both axes have two negative overlaps, whose product is positive.
        Case("mostly_disjoint_boxes", boxes1=random_boxes(7, 30.0, 1.0, 4.0), boxes2=random_boxes(8, 30.0, 1.0, 4.0)),
        Case("one_box_against_many", boxes1=random_boxes(1, 4.0, 2.0, 6.0), boxes2=random_boxes(9, 8.0, 1.0, 4.0)),
        Case("many_boxes_against_one", boxes1=random_boxes(9, 8.0, 1.0, 4.0), boxes2=random_boxes(1, 4.0, 2.0, 6.0)),
        # Four boxes in each set: (4, N) coordinates read as (N, 4) rows (`x1, y1, x2, y2 = boxes`)
        # fit the shapes here and raise nowhere else.
        Case("four_boxes_against_four_boxes", boxes1=random_boxes(4, 10.0, 1.0, 5.0),
             boxes2=random_boxes(4, 10.0, 1.0, 5.0)),
        Case("boxes_of_very_different_sizes", boxes1=random_boxes(6, 10.0, 0.1, 0.6),
             boxes2=random_boxes(5, 6.0, 4.0, 12.0)),
        # Each box of boxes2 lies strictly inside the box of boxes1 on its row, no edge shared.
        Case("nested_boxes",
             boxes1=boxes((0, 0, 8, 6), (10, 10, 14.5, 13), (-3, 2, 5, 9.5)),
             boxes2=boxes((1.5, 2.25, 5.25, 4.5), (11, 10.5, 12.75, 12), (-2.5, 3, 4.5, 8.75), (0.5, 0.75, 7.5, 5.5))),
        Case("pixel_coordinates", boxes1=random_boxes(6, 600.0, 20.0, 200.0),
             boxes2=random_boxes(7, 600.0, 20.0, 200.0)),
        Case("float64_boxes", boxes1=random_boxes(6, 10.0, 1.0, 5.0, dtype="float64"),
             boxes2=random_boxes(7, 10.0, 1.0, 5.0, dtype="float64")),
    ]


def box_iou_edge_cases() -> list[Case]:
    """Shared edges, identical and zero-area boxes: IoU has kinks here (torch grades the values
    only). No case pairs two zero-area boxes: their IoU is 0 / 0 (NaN in torchvision)."""
    return [
        # Boxes that touch along an edge or at a corner share no area: IoU 0. One real overlap.
        Case("touching_boxes",
             boxes1=boxes((0, 0, 2, 2), (3, 3, 5, 4)),
             boxes2=boxes((2, 0, 4, 2), (2, 2, 3, 3), (0, 2, 2, 3), (5, 3, 6, 4), (1, 1, 3, 3))),
        Case("identical_boxes",
             boxes1=boxes((0, 0, 4, 3), (1, 1, 2, 5), (2.5, 0.5, 6, 2)),
             boxes2=boxes((1, 1, 2, 5), (0, 0, 4, 3), (2.5, 0.5, 6, 2), (0, 0, 4, 2))),
        # Zero width, zero height, a single point: area 0, IoU 0 with every box of positive area,
        # also with a box that contains them.
        Case("zero_area_boxes",
             boxes1=boxes((2, 2, 2, 6), (0, 3, 8, 3), (1, 1, 1, 1), (0, 0, 4, 4)),
             boxes2=boxes((0, 0, 8, 8), (1, 2, 3, 5), (5, 5, 6, 6))),
        Case("zero_area_boxes_in_the_second_set",
             boxes1=boxes((0, 0, 8, 8), (1, 2, 3, 5)),
             boxes2=boxes((2, 2, 2, 6), (0, 3, 8, 3), (1, 1, 1, 1), (3, 3, 7, 6))),
        # Random boxes on a coarse grid share coordinates everywhere.
        Case("grid_boxes_sharing_edges", boxes1=grid_boxes(8, 8, 1, 6, step=1.0),
             boxes2=grid_boxes(9, 8, 1, 6, step=1.0)),
        Case("a_set_against_itself",
             boxes1=boxes((0, 0, 4, 4), (2, 0, 6, 4), (4, 0, 8, 4), (0, 0, 4, 2), (1, 1, 3, 3)),
             boxes2=boxes((0, 0, 4, 4), (2, 0, 6, 4), (4, 0, 8, 4), (0, 0, 4, 2), (1, 1, 3, 3))),
    ]


def box_iou_empty_cases() -> list[Case]:
    return [
        Case("no_boxes_in_the_first_set", boxes1=no_boxes(), boxes2=random_boxes(3, 10.0, 1.0, 5.0)),
        Case("no_boxes_in_the_second_set", boxes1=random_boxes(4, 10.0, 1.0, 5.0), boxes2=no_boxes()),
        Case("no_boxes_at_all", boxes1=no_boxes(dtype="float64"), boxes2=no_boxes(dtype="float64")),
    ]


def reference_box_iou(boxes1: torch.Tensor, boxes2: torch.Tensor) -> torch.Tensor:
    """torchvision.ops.box_iou: (N, M) IoU, no +1, each side of the intersection clamped at 0."""
    area1 = (boxes1[:, 2] - boxes1[:, 0]) * (boxes1[:, 3] - boxes1[:, 1])
    area2 = (boxes2[:, 2] - boxes2[:, 0]) * (boxes2[:, 3] - boxes2[:, 1])
    top_left = torch.max(boxes1[:, None, :2], boxes2[:, :2])
    bottom_right = torch.min(boxes1[:, None, 2:], boxes2[:, 2:])
    sides = (bottom_right - top_left).clamp(min=0)
    inter = sides[:, :, 0] * sides[:, :, 1]
    union = area1[:, None] + area2 - inter
    return inter / union


# ---------------------------------------------------------------------------------------------
# nms

def nms_case(name: str, boxes_recipe, scores_recipe, iou_threshold: float) -> Case:
    return Case(name, boxes=boxes_recipe, scores=scores_recipe, iou_threshold=iou_threshold)


# A larger case, for timing only (its correctness is what the cases above prove): two thousand
# detections around sixty objects, as a detector's raw output.
TIMING_CASE = Case("two_thousand_detections", boxes=clustered_boxes(2000, 60, 400, 12, 40, 4),
                   scores=uniform((2000,), 0.0, 1.0), iou_threshold=0.5)


def nms_cases() -> list[Case]:
    # Four boxes of the statement's example: A; B overlaps A (IoU 1/3); C touches A's edge and
    # overlaps B (IoU 1/3); D is the lower half of A (IoU 1/2 with A).
    example = boxes((0, 0, 4, 4), (2, 0, 6, 4), (4, 0, 8, 4), (0, 0, 4, 2))
    return [
        nms_case("two_overlapping_boxes", boxes((0, 0, 10, 10), (1, 1, 11, 11)), scores(0.9, 0.8), 0.5),
        nms_case("lower_scoring_box_first_in_the_input", boxes((1, 1, 11, 11), (0, 0, 10, 10)),
                 scores(0.8, 0.9), 0.5),
        nms_case("single_box", boxes((1, 2, 3, 4)), scores(0.3), 0.5),
        nms_case("no_boxes", no_boxes(), no_scores(), 0.5),
        # Disjoint boxes, all kept: the result lists them by decreasing score, not by index.
        nms_case("kept_boxes_in_decreasing_score_order",
                 boxes((0, 0, 1, 1), (2, 0, 3, 1), (4, 0, 5, 1), (6, 0, 7, 1), (8, 0, 9, 1)),
                 scores(0.2, 0.9, 0.5, 0.7, 0.1), 0.5),
        # Scores are any real numbers (logits, say): 0 and negative scores rank like the others.
        nms_case("scores_of_zero_and_below",
                 boxes((0, 0, 2, 2), (3, 0, 5, 2), (6, 0, 8, 2), (9, 0, 11, 2), (0.5, 0, 2.5, 2)),
                 scores(0.5, 0.0, -0.3, 0.2, -1.0), 0.5),
        # B is suppressed by A; C overlaps only B, which was not kept: C stays.
        nms_case("a_suppressed_box_suppresses_nothing", example, scores(0.9, 0.8, 0.7, 0.6), 0.25),
        nms_case("example_at_threshold_half", example, scores(0.9, 0.8, 0.7, 0.6), 0.5),
        # IoU exactly 0.5 (2 / 4) stays at threshold 0.5; IoU 0.6 (3 / 5) goes.
        nms_case("iou_equal_to_the_threshold_is_kept",
                 boxes((0, 0, 3, 1), (1, 0, 4, 1), (10, 0, 14, 1), (11, 0, 15, 1)),
                 scores(0.9, 0.8, 0.7, 0.6), 0.5),
        # Threshold 0: any shared area suppresses, an edge or a corner does not (IoU 0 is not > 0).
        nms_case("threshold_zero_spares_touching_boxes",
                 boxes((0, 0, 2, 2), (2, 0, 4, 2), (0, 2, 2, 4), (1, 1, 3, 3), (4, 2, 6, 4), (1.75, 1.75, 6, 6)),
                 scores(0.9, 0.8, 0.7, 0.6, 0.5, 0.4), 0.0),
        # Threshold 1: nothing has IoU > 1, not even identical boxes (IoU exactly 1).
        nms_case("threshold_one_keeps_identical_boxes",
                 boxes((0, 0, 4, 4), (0, 0, 4, 4), (1, 1, 3, 3), (0, 0, 4, 4), (5, 5, 6, 7)),
                 scores(0.5, 0.9, 0.7, 0.6, 0.8), 1.0),
        nms_case("identical_boxes",
                 boxes((0, 0, 4, 4), (5, 5, 9, 8), (0, 0, 4, 4), (5, 5, 9, 8), (0, 0, 4, 4)),
                 scores(0.6, 0.7, 0.9, 0.75, 0.3), 0.5),
        # inner (IoU 1/4 with outer) and middle (IoU 36/64 with outer, 16/36 with inner).
        nms_case("nested_boxes", boxes((0, 0, 8, 8), (2, 2, 6, 6), (1, 1, 7, 7), (3, 3, 5, 5)),
                 scores(0.8, 0.9, 0.7, 0.6), 0.5),
        # Zero width, zero height, a point, and two copies of a zero-area box (IoU 0 / 0, NaN in
        # torchvision): at threshold 0 they neither suppress nor get suppressed.
        nms_case("zero_area_boxes_are_never_suppressed",
                 boxes((0, 0, 4, 4), (2, 1, 2, 3), (0, 2, 4, 2), (1, 1, 1, 1), (2, 1, 2, 3), (3, 3, 5, 5)),
                 scores(0.9, 0.8, 0.7, 0.6, 0.5, 0.4), 0.0),
        # Equal scores go in index order: 1 before 3, 0 before 2 (which 0 then suppresses).
        nms_case("equal_scores_lower_index_first",
                 boxes((0, 0, 4, 4), (10, 0, 14, 4), (1, 0, 5, 4), (20, 0, 24, 4)),
                 scores(0.5, 0.7, 0.5, 0.7), 0.5),
        nms_case("all_scores_equal", grid_boxes(20, 24, 4, 20), integers((20,), 1, 2, dtype="float32"), 0.25),
        nms_case("many_equal_scores", clustered_boxes(40, 6, 40, 12, 30, 5, step=0.25),
                 integers((40,), 0, 4, dtype="float32"), 0.5),
        nms_case("random_boxes", grid_boxes(30, 24, 12, 40), uniform((30,), 0.0, 1.0), 0.5),
        nms_case("detections_around_a_few_objects", clustered_boxes(30, 6, 48, 12, 40, 4, step=0.25),
                 uniform((30,), 0.0, 1.0), 0.5),
        nms_case("crowded_boxes", grid_boxes(40, 16, 8, 24), uniform((40,), 0.0, 1.0), 0.25),
        nms_case("crowded_boxes_at_threshold_three_quarters", clustered_boxes(40, 4, 40, 16, 40, 3, step=0.25),
                 uniform((40,), 0.0, 1.0), 0.75),
        nms_case("random_boxes_at_threshold_zero", grid_boxes(30, 64, 4, 24), uniform((30,), 0.0, 1.0), 0.0),
        nms_case("random_boxes_at_threshold_one", grid_boxes(30, 6, 4, 6), uniform((30,), 0.0, 1.0), 1.0),
        nms_case("scores_below_zero", clustered_boxes(30, 5, 48, 12, 40, 4, step=0.25),
                 uniform((30,), -2.0, 1.0), 0.5),
        nms_case("pixel_coordinates", clustered_boxes(50, 8, 600, 30, 200, 12), uniform((50,), 0.0, 1.0), 0.5),
        nms_case("two_hundred_boxes", clustered_boxes(200, 20, 160, 16, 64, 6, step=0.5),
                 uniform((200,), 0.0, 1.0), 0.5),
        # Detections of 150 objects spread wide: about 160 boxes are kept, and a result capped at a
        # detector's usual 100 detections loses the last of them.
        nms_case("more_than_a_hundred_boxes_kept", clustered_boxes(300, 150, 2000, 12, 40, 4),
                 uniform((300,), 0.0, 1.0), 0.5),
        nms_case("float64_boxes", random_boxes(40, 4.0, 4.0, 8.0, dtype="float64"),
                 uniform((40,), 0.0, 1.0, dtype="float64"), 0.5),
        # IoU 0.5 + 2.5e-9 for the first pair (suppressed), 0.5 - 2.5e-9 for the second (kept);
        # in float32 the coordinates round to the grid and both IoUs become exactly 0.5.
        nms_case("float64_iou_just_above_the_threshold",
                 boxes((0, 0, 3, 1), (1 - 1e-8, 0, 4, 1), (10, 0, 13, 1), (11 + 1e-8, 0, 14, 1), dtype="float64"),
                 scores(0.9, 0.8, 0.7, 0.6, dtype="float64"), 0.5),
    ]


def reference_nms(boxes: torch.Tensor, scores: torch.Tensor, iou_threshold: float, *,
                  suppresses=torch.gt) -> torch.Tensor:
    """torchvision's CPU nms kernel: a stable descending sort (equal scores: lower index first),
    then every box not yet suppressed is kept and suppresses the later boxes with IoU > threshold."""
    if boxes.numel() == 0:
        return torch.empty(0, dtype=torch.int64)
    above = suppresses(reference_box_iou(boxes, boxes), iou_threshold).tolist()  # NaN (0 / 0) is not greater
    order = torch.sort(scores, descending=True, stable=True).indices.tolist()
    suppressed = [False] * len(order)
    keep = []
    for position, i in enumerate(order):
        if suppressed[i]:
            continue
        keep.append(i)
        for j in order[position + 1:]:
            if not suppressed[j] and above[i][j]:
                suppressed[j] = True
    return torch.tensor(keep, dtype=torch.int64)


def _as_list(indices):
    values = indices.tolist() if hasattr(indices, "tolist") else indices
    return values if isinstance(values, list) else None


def _listing(values: list, start: int, width: int = 16) -> str:
    shown = ", ".join(str(v) for v in values[start:start + width])
    listing = f"[{'…, ' if start else ''}{shown}{', …' if start + width < len(values) else ''}]"
    return _("{values} ({count} kept)").format(values=listing, count=len(values))


def expect_kept(actual, expected: torch.Tensor, like: Expected, condition: float = 1.0) -> None:
    """The kept indices, exactly: int64, in the reference's order (check_function's `compare`)."""
    like = Expected(like.library, "int64", like.device)
    dtype = str(getattr(actual, "dtype", "")).removeprefix("torch.")
    if isinstance(actual, (np.ndarray, torch.Tensor)) and dtype != "int64":
        raise failure(_("the kept indices have dtype {dtype}, expected int64 (as torchvision's nms returns): build "
                        "them with dtype=np.int64 / torch.int64, also when none is kept").format(dtype=dtype),
                      "result-dtype")
    try:
        expect_equal(actual, expected, like, _("kept indices"))
    except CheckFailed:
        got, want = _as_list(actual), expected.tolist()
        if got is None or any(isinstance(v, list) for v in got):
            raise
        first = next((p for p, (a, b) in enumerate(zip(got, want)) if a != b), min(len(got), len(want)))
        if len(got) == len(want):
            wrong = sum(a != b for a, b in zip(got, want))
            summary = _("kept indices differ at {wrong} of {total} positions, the first at position {first}: "
                        "expected box {expected}, got box {got}").format(wrong=wrong, total=len(want), first=first,
                                                                         expected=want[first], got=got[first])
        else:
            summary = ngettext("kept {count} box, expected {expected}; the first difference is at position {first}",
                               "kept {count} boxes, expected {expected}; the first difference is at position {first}",
                               len(got)).format(count=len(got), expected=len(want), first=first)
        start = max(0, first - 4)
        raise CheckFailed(summary + "\n" + _("  expected {values}").format(values=_listing(want, start)) + "\n"
                          + _("  got      {values}").format(values=_listing(got, start))) from None


# Classic bugs as variants of the references (check_function's `diagnoses`): a failure that matches
# one is named by its cause, which `kit hint` follows (katas/nms/hints.toml, [causes]).
def _box_iou_variant(boxes1, boxes2, plus_one=0.0, clamp_after=False, union_sum=False):
    area1 = (boxes1[:, 2] - boxes1[:, 0] + plus_one) * (boxes1[:, 3] - boxes1[:, 1] + plus_one)
    area2 = (boxes2[:, 2] - boxes2[:, 0] + plus_one) * (boxes2[:, 3] - boxes2[:, 1] + plus_one)
    sides = torch.min(boxes1[:, None, 2:], boxes2[:, 2:]) - torch.max(boxes1[:, None, :2], boxes2[:, :2]) + plus_one
    inter = (sides[:, :, 0] * sides[:, :, 1]).clamp(min=0) if clamp_after else sides.clamp(min=0).prod(-1)
    return inter / (area1[:, None] + area2 if union_sum else area1[:, None] + area2 - inter)


BOX_IOU_DIAGNOSES = (
    Diagnosis("area-plus-one", lambda boxes1, boxes2: _box_iou_variant(boxes1, boxes2, plus_one=1.0)),
    Diagnosis("intersection-clamped-after-multiplying",
              lambda boxes1, boxes2: _box_iou_variant(boxes1, boxes2, clamp_after=True)),
    Diagnosis("union-counts-the-intersection-twice",
              lambda boxes1, boxes2: _box_iou_variant(boxes1, boxes2, union_sum=True)),
)
NMS_DIAGNOSES = (
    Diagnosis("suppresses-at-equal-iou", lambda boxes, scores, iou_threshold:
              reference_nms(boxes, scores, iou_threshold, suppresses=torch.ge)),
    Diagnosis("capped-at-a-hundred-detections", lambda boxes, scores, iou_threshold:
              reference_nms(boxes, scores, iou_threshold)[:100]),
)
