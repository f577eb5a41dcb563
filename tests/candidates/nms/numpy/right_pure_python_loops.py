"""Correct, in another style: plain Python loops over pairs, IoU in Python floats (float64), and
Python's sort, which is stable (equal scores keep their index order)."""
import numpy as np


def _iou(a, b) -> float:
    width = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    height = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = width * height
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else float("nan")


def box_iou(boxes1, boxes2):
    out = np.zeros((len(boxes1), len(boxes2)), dtype=boxes1.dtype)
    first, second = boxes1.tolist(), boxes2.tolist()
    for i, a in enumerate(first):
        for j, b in enumerate(second):
            out[i, j] = _iou(a, b)
    return out


def nms(boxes, scores, iou_threshold):
    rows = boxes.tolist()
    order = sorted(range(len(rows)), key=lambda i: -scores[i])
    keep = []
    for i in order:
        if all(not _iou(rows[k], rows[i]) > iou_threshold for k in keep):
            keep.append(i)
    return np.array(keep, dtype=np.int64)
