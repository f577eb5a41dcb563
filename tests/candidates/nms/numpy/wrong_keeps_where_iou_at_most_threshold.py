"""Classic bug: keeps the rest where IoU <= threshold (as py_cpu_nms does) instead of dropping where
IoU > threshold: two identical zero-area boxes have IoU 0 / 0 = NaN, and NaN <= t is False, so
the second one is dropped; torchvision keeps it (NaN > t is False too)."""
# expect-fail: nms[zero_area_boxes_are_never_suppressed]
# hint: strictly-greater
import numpy as np


def box_iou(boxes1, boxes2):
    area1 = (boxes1[:, 2] - boxes1[:, 0]) * (boxes1[:, 3] - boxes1[:, 1])
    area2 = (boxes2[:, 2] - boxes2[:, 0]) * (boxes2[:, 3] - boxes2[:, 1])
    top_left = np.maximum(boxes1[:, None, :2], boxes2[None, :, :2])
    bottom_right = np.minimum(boxes1[:, None, 2:], boxes2[None, :, 2:])
    sides = np.clip(bottom_right - top_left, 0, None)
    inter = sides[..., 0] * sides[..., 1]
    return inter / (area1[:, None] + area2[None, :] - inter)


def nms(boxes, scores, iou_threshold):
    order = np.argsort(-scores, kind="stable")
    keep = []
    while order.size > 0:
        best, rest = order[0], order[1:]
        keep.append(best)
        iou = box_iou(boxes[best:best + 1], boxes[rest])[0]
        order = rest[iou <= iou_threshold]
    return np.array(keep, dtype=np.int64)
