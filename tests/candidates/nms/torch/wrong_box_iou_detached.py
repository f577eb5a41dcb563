"""Classic bug: box_iou computed outside autograd (Python floats from .tolist(), then a new tensor):
the values are right, the gradients of boxes1 and boxes2 are missing."""
# expect-fail: box_iou[random_boxes] box_iou[nested_boxes]
# hint: draw-the-overlap
import torch


def box_iou(boxes1, boxes2):
    out = torch.zeros(boxes1.shape[0], boxes2.shape[0], dtype=boxes1.dtype, device=boxes1.device)
    for i, (x1, y1, x2, y2) in enumerate(boxes1.tolist()):
        for j, (u1, v1, u2, v2) in enumerate(boxes2.tolist()):
            inter = max(0.0, min(x2, u2) - max(x1, u1)) * max(0.0, min(y2, v2) - max(y1, v1))
            union = (x2 - x1) * (y2 - y1) + (u2 - u1) * (v2 - v1) - inter
            out[i, j] = inter / union if union > 0 else float("nan")
    return out


def nms(boxes, scores, iou_threshold):
    order = torch.argsort(scores, descending=True, stable=True)
    keep = []
    while order.numel() > 0:
        best, rest = order[0], order[1:]
        keep.append(int(best))
        iou = box_iou(boxes[best:best + 1], boxes[rest])[0]
        order = rest[~(iou > iou_threshold)]
    return torch.tensor(keep, dtype=torch.int64, device=boxes.device)
