"""Classic bug: builds the IoU matrix from nested lists; with no boxes in the first set the list is
empty and np.array([]) has shape (0,), not (0, M)."""
# expect-fail: box_iou_of_no_boxes[no_boxes_in_the_first_set]
# hint: the-result
import numpy as np


def _iou(a, b):
    inter = max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter)


def box_iou(boxes1, boxes2):
    return np.array([[_iou(a, b) for b in boxes2] for a in boxes1], dtype=boxes1.dtype)


def nms(boxes, scores, iou_threshold):
    order = np.argsort(-scores, kind="stable")
    keep = []
    while order.size > 0:
        best, rest = order[0], order[1:]
        keep.append(best)
        iou = np.array([_iou(boxes[best], boxes[j]) for j in rest])
        order = rest[~(iou > iou_threshold)]
    return np.array(keep, dtype=np.int64)
