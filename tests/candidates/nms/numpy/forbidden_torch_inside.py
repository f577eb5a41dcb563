"""Forbidden: the numpy track is NumPy only; this computes the IoU matrix with torch."""
import numpy as np
import torch


def box_iou(boxes1, boxes2):
    a, b = torch.from_numpy(boxes1), torch.from_numpy(boxes2)
    inter = (torch.min(a[:, None, 2:], b[:, 2:]) - torch.max(a[:, None, :2], b[:, :2])).clamp(min=0).prod(-1)
    area_a, area_b = (a[:, 2:] - a[:, :2]).prod(-1), (b[:, 2:] - b[:, :2]).prod(-1)
    return (inter / (area_a[:, None] + area_b - inter)).numpy()


def nms(boxes, scores, iou_threshold):
    order = np.argsort(-scores, kind="stable")
    keep = []
    while order.size > 0:
        keep.append(order[0])
        order = order[1:][~(box_iou(boxes[order[:1]], boxes[order[1:]])[0] > iou_threshold)]
    return np.array(keep, dtype=np.int64)
