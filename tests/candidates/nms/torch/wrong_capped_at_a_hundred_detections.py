"""Classic bug: a detector's post-processing habit, at most 100 detections kept (max_det = 100);
nms returns every box it keeps, however many."""
# expect-fail: nms[more_than_a_hundred_boxes_kept]
# hint: the-result
import torch

MAX_DETECTIONS = 100


def box_iou(boxes1, boxes2):
    x1, y1, x2, y2 = (c[:, None] for c in boxes1.unbind(1))
    u1, v1, u2, v2 = (c[None, :] for c in boxes2.unbind(1))
    width = (torch.min(x2, u2) - torch.max(x1, u1)).clamp_min(0)
    height = (torch.min(y2, v2) - torch.max(y1, v1)).clamp_min(0)
    inter = width * height
    return inter / ((x2 - x1) * (y2 - y1) + (u2 - u1) * (v2 - v1) - inter)


def nms(boxes, scores, iou_threshold):
    _, order = torch.sort(scores, descending=True, stable=True)
    keep = []
    while order.numel() > 0 and len(keep) < MAX_DETECTIONS:
        best, rest = order[0], order[1:]
        keep.append(best)
        iou = box_iou(boxes[best].unsqueeze(0), boxes[rest]).squeeze(0)
        order = rest[~(iou > iou_threshold)]
    if not keep:
        return torch.empty(0, dtype=torch.long, device=boxes.device)
    return torch.stack(keep)
