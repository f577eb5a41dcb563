"""Classic bug: marks suppressed boxes by setting their score to 0 and loops while the best score
is positive; boxes whose own score is 0 or negative are never visited."""
# expect-fail: nms[scores_of_zero_and_below]
# hint: only-kept-boxes-suppress
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
    scores = scores.copy()
    keep = []
    while len(scores) and scores.max() > 0:
        best = int(np.argmax(scores))  # the first of equal maxima: the lower index
        keep.append(best)
        iou = box_iou(boxes[best:best + 1], boxes)[0]
        scores[iou > iou_threshold] = 0
        scores[best] = 0
    return np.array(keep, dtype=np.int64)
