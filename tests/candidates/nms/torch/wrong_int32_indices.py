"""Classic bug: the indices come back as int32; nms returns int64, as torchvision's does."""
# expect-fail: nms[two_overlapping_boxes] nms[random_boxes] nms[no_boxes]
# hint: the-result
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
    keep = []
    while order.numel() > 0:
        best, rest = order[0], order[1:]
        keep.append(int(best))
        iou = box_iou(boxes[best:best + 1], boxes[rest])[0]
        order = rest[~(iou > iou_threshold)]
    return torch.tensor(keep, dtype=torch.int32, device=boxes.device)
