"""Correct, in another style: everything in float64 and cast back, suppressed boxes removed from a
Python list one kept box at a time."""
import numpy as np


def box_iou(boxes1, boxes2):
    a, b = boxes1.astype(np.float64), boxes2.astype(np.float64)
    inter_w = np.maximum(0.0, np.minimum(a[:, None, 2], b[None, :, 2]) - np.maximum(a[:, None, 0], b[None, :, 0]))
    inter_h = np.maximum(0.0, np.minimum(a[:, None, 3], b[None, :, 3]) - np.maximum(a[:, None, 1], b[None, :, 1]))
    inter = inter_w * inter_h
    area_a = np.prod(a[:, 2:] - a[:, :2], axis=1)
    area_b = np.prod(b[:, 2:] - b[:, :2], axis=1)
    return (inter / (area_a[:, None] + area_b[None, :] - inter)).astype(boxes1.dtype)


def nms(boxes, scores, iou_threshold):
    remaining = list(np.argsort(-scores.astype(np.float64), kind="mergesort"))
    keep = []
    while remaining:
        best = remaining.pop(0)
        keep.append(best)
        if remaining:
            with np.errstate(invalid="ignore"):
                iou = box_iou(boxes[[best]], boxes[remaining])[0]
            remaining = [i for i, value in zip(remaining, iou) if not value > iou_threshold]
    return np.asarray(keep, dtype=np.int64).reshape(-1)
