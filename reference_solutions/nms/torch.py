import torch


def box_iou(boxes1: torch.Tensor, boxes2: torch.Tensor) -> torch.Tensor:
    area1 = (boxes1[:, 2] - boxes1[:, 0]) * (boxes1[:, 3] - boxes1[:, 1])
    area2 = (boxes2[:, 2] - boxes2[:, 0]) * (boxes2[:, 3] - boxes2[:, 1])
    # The intersection of every pair, (N, M, 2): the larger top-left, the smaller bottom-right.
    top_left = torch.maximum(boxes1[:, None, :2], boxes2[None, :, :2])
    bottom_right = torch.minimum(boxes1[:, None, 2:], boxes2[None, :, 2:])
    sides = (bottom_right - top_left).clamp(min=0)  # each side apart: disjoint boxes overlap by 0
    inter = sides[..., 0] * sides[..., 1]
    return inter / (area1[:, None] + area2[None, :] - inter)


def nms(boxes: torch.Tensor, scores: torch.Tensor, iou_threshold: float) -> torch.Tensor:
    order = torch.argsort(scores, descending=True, stable=True)  # equal scores by index
    above = box_iou(boxes, boxes) > iou_threshold  # 0 / 0 (two empty boxes) is NaN: not above
    suppressed = torch.zeros(len(boxes), dtype=torch.bool, device=boxes.device)
    keep = []
    for i in order.tolist():
        if not suppressed[i]:  # only a kept box suppresses
            keep.append(i)
            suppressed |= above[i]
    return torch.tensor(keep, dtype=torch.int64, device=boxes.device)
