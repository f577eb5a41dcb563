"""Correct, in another style: relu for the clamp, einsum-free broadcasting with explicit expand,
and a Python-list greedy loop over a stable sort."""
import torch
import torch.nn.functional as F


def box_iou(boxes1, boxes2):
    n, m = boxes1.shape[0], boxes2.shape[0]
    a = boxes1[:, None, :].expand(n, m, 4)
    b = boxes2[None, :, :].expand(n, m, 4)
    w = F.relu(torch.min(a[..., 2], b[..., 2]) - torch.max(a[..., 0], b[..., 0]))
    h = F.relu(torch.min(a[..., 3], b[..., 3]) - torch.max(a[..., 1], b[..., 1]))
    inter = w * h
    area_a = (a[..., 2] - a[..., 0]) * (a[..., 3] - a[..., 1])
    area_b = (b[..., 2] - b[..., 0]) * (b[..., 3] - b[..., 1])
    return inter / (area_a + area_b - inter)


def nms(boxes, scores, iou_threshold):
    values = scores.tolist()
    order = sorted(range(len(values)), key=lambda i: -values[i])  # sorted() is stable
    above = (box_iou(boxes, boxes) > iou_threshold).tolist()
    keep = []
    for i in order:
        if not any(above[k][i] for k in keep):
            keep.append(i)
    return torch.tensor(keep, dtype=torch.int64, device=boxes.device)
