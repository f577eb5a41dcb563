import numpy as np


def box_iou(boxes1: np.ndarray, boxes2: np.ndarray) -> np.ndarray:
    area1 = (boxes1[:, 2] - boxes1[:, 0]) * (boxes1[:, 3] - boxes1[:, 1])
    area2 = (boxes2[:, 2] - boxes2[:, 0]) * (boxes2[:, 3] - boxes2[:, 1])
    # The intersection of every pair, (N, M, 2): the larger top-left, the smaller bottom-right.
    top_left = np.maximum(boxes1[:, None, :2], boxes2[None, :, :2])
    bottom_right = np.minimum(boxes1[:, None, 2:], boxes2[None, :, 2:])
    sides = np.clip(bottom_right - top_left, 0, None)  # each side apart: disjoint boxes overlap by 0
    inter = sides[..., 0] * sides[..., 1]
    return inter / (area1[:, None] + area2[None, :] - inter)


def nms(boxes: np.ndarray, scores: np.ndarray, iou_threshold: float) -> np.ndarray:
    order = np.argsort(-scores, kind="stable")  # highest score first; equal scores by index
    keep = []
    while order.size > 0:
        best, rest = order[0], order[1:]
        keep.append(best)
        iou = box_iou(boxes[best:best + 1], boxes[rest])[0]
        # Only a kept box suppresses. `not >` rather than `<=`: 0 / 0 (two empty boxes) is NaN.
        order = rest[~(iou > iou_threshold)]
    return np.array(keep, dtype=np.int64)
