"""Classic bug: suppresses the right boxes but returns them in index order (a mask and nonzero),
not in decreasing score order."""
# expect-fail: nms[kept_boxes_in_decreasing_score_order] nms[random_boxes] nms[detections_around_a_few_objects]
# hint: visit-by-score
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
    kept = np.zeros(len(boxes), dtype=bool)
    while order.size > 0:
        best, rest = order[0], order[1:]
        kept[best] = True
        iou = box_iou(boxes[best:best + 1], boxes[rest])[0]
        order = rest[~(iou > iou_threshold)]
    return np.nonzero(kept)[0].astype(np.int64)
