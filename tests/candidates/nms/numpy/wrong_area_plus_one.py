"""Classic bug: the old pixel convention of Faster R-CNN's py_cpu_nms, width = x2 - x1 + 1, in the
areas and in the overlap. Coordinates here are real numbers: a box from 0 to 4 is 4 wide."""
# expect-fail: box_iou[random_boxes] box_iou[nested_boxes] box_iou_edge_cases[identical_boxes] nms[random_boxes]
# hint: draw-the-overlap
import numpy as np


def box_iou(boxes1, boxes2):
    area1 = (boxes1[:, 2] - boxes1[:, 0] + 1) * (boxes1[:, 3] - boxes1[:, 1] + 1)
    area2 = (boxes2[:, 2] - boxes2[:, 0] + 1) * (boxes2[:, 3] - boxes2[:, 1] + 1)
    top_left = np.maximum(boxes1[:, None, :2], boxes2[None, :, :2])
    bottom_right = np.minimum(boxes1[:, None, 2:], boxes2[None, :, 2:])
    sides = np.clip(bottom_right - top_left + 1, 0, None)
    inter = sides[..., 0] * sides[..., 1]
    return inter / (area1[:, None] + area2[None, :] - inter)


def nms(boxes, scores, iou_threshold):
    order = np.argsort(-scores, kind="stable")
    keep = []
    while order.size > 0:
        best, rest = order[0], order[1:]
        keep.append(best)
        iou = box_iou(boxes[best:best + 1], boxes[rest])[0]
        order = rest[~(iou > iou_threshold)]
    return np.array(keep, dtype=np.int64)
