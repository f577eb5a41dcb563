"""Classic bug: marks suppressed boxes by setting their score to 0 and loops while the best score
is positive; boxes whose own score is 0 or negative are never visited."""
# expect-fail: nms[scores_of_zero_and_below]
# hint: only-kept-boxes-suppress
import torch


def box_iou(boxes1, boxes2):
    area1 = (boxes1[:, 2] - boxes1[:, 0]) * (boxes1[:, 3] - boxes1[:, 1])
    area2 = (boxes2[:, 2] - boxes2[:, 0]) * (boxes2[:, 3] - boxes2[:, 1])
    top_left = torch.maximum(boxes1[:, None, :2], boxes2[None, :, :2])
    bottom_right = torch.minimum(boxes1[:, None, 2:], boxes2[None, :, 2:])
    sides = (bottom_right - top_left).clamp(min=0)
    inter = sides[..., 0] * sides[..., 1]
    return inter / (area1[:, None] + area2[None, :] - inter)


def nms(boxes, scores, iou_threshold):
    scores = scores.clone()
    keep = []
    while scores.numel() and scores.max() > 0:
        best = int(torch.argmax(scores))  # the first of equal maxima: the lower index
        keep.append(best)
        iou = box_iou(boxes[best:best + 1], boxes)[0]
        scores[iou > iou_threshold] = 0
        scores[best] = 0
    return torch.tensor(keep, dtype=torch.int64, device=boxes.device)
