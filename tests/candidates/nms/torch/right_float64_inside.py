"""Correct, in another style: box_iou in float64 and cast back (autograd goes through the casts);
nms on the whole matrix with a mask of the boxes still in play."""
import torch


def box_iou(boxes1, boxes2):
    a, b = boxes1.double(), boxes2.double()
    lower = torch.maximum(a[:, None, :2], b[None, :, :2])
    upper = torch.minimum(a[:, None, 2:], b[None, :, 2:])
    inter = (upper - lower).clamp(min=0).prod(dim=-1)
    area_a = (a[:, 2:] - a[:, :2]).prod(dim=-1)
    area_b = (b[:, 2:] - b[:, :2]).prod(dim=-1)
    return (inter / (area_a[:, None] + area_b[None, :] - inter)).to(boxes1.dtype)


def nms(boxes, scores, iou_threshold):
    n = boxes.shape[0]
    order = torch.sort(-scores.double(), stable=True).indices  # ascending -score: equal scores by index
    above = box_iou(boxes, boxes) > iou_threshold
    alive = torch.ones(n, dtype=torch.bool, device=boxes.device)
    keep = torch.zeros(n, dtype=torch.int64, device=boxes.device)
    count = 0
    for i in order.tolist():
        if alive[i]:
            keep[count] = i
            count += 1
            alive &= ~above[i]
    return keep[:count]
