"""Classic bug: the intersection's area is clamped at 0 after multiplying its sides, so two boxes
apart along both axes (two negative sides) get a positive "intersection"."""
# expect-fail: box_iou[mostly_disjoint_boxes] box_iou[boxes_of_very_different_sizes]
# hint: draw-the-overlap
import numpy as np


def box_iou(boxes1, boxes2):
    area1 = (boxes1[:, 2] - boxes1[:, 0]) * (boxes1[:, 3] - boxes1[:, 1])
    area2 = (boxes2[:, 2] - boxes2[:, 0]) * (boxes2[:, 3] - boxes2[:, 1])
    top_left = np.maximum(boxes1[:, None, :2], boxes2[None, :, :2])
    bottom_right = np.minimum(boxes1[:, None, 2:], boxes2[None, :, 2:])
    sides = bottom_right - top_left
    inter = np.maximum(sides[..., 0] * sides[..., 1], 0)
    return inter / (area1[:, None] + area2[None, :] - inter)


def nms(boxes, scores, iou_threshold):
    order = np.argsort(-scores, kind="stable")
    keep = []
    while order.size > 0:
        best, rest = order[0], order[1:]
        keep.append(best)
        iou = box_iou(boxes[best:best + 1], boxes[rest])[0]
        order = rest[~(iou > iou_threshold)]
    return np.array(keep, dtype=np.int64)
