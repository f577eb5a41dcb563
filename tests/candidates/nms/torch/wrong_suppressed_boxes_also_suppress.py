"""Classic bug: drops every box that overlaps any higher-scoring box, kept or not; a box that was
itself suppressed must suppress nothing."""
# expect-fail: nms[a_suppressed_box_suppresses_nothing] nms[detections_around_a_few_objects] nms[two_hundred_boxes]
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
    order = torch.argsort(scores, descending=True, stable=True)
    iou = box_iou(boxes[order], boxes[order])
    # The box at position p survives if no box before it in the order overlaps it too much.
    earlier = torch.tril(iou > iou_threshold, diagonal=-1)
    return order[~earlier.any(dim=1)]
