"""Classic bug: a detector's post-processing habit, at most 100 detections kept (max_det = 100);
nms returns every box it keeps, however many."""
# expect-fail: nms[more_than_a_hundred_boxes_kept]
# hint: the-result
import numpy as np

MAX_DETECTIONS = 100


def box_iou(boxes1, boxes2):
    x1, y1, x2, y2 = (column[:, None] for column in boxes1.T)
    u1, v1, u2, v2 = (column[None, :] for column in boxes2.T)
    width = (np.minimum(x2, u2) - np.maximum(x1, u1)).clip(min=0)
    height = (np.minimum(y2, v2) - np.maximum(y1, v1)).clip(min=0)
    inter = width * height
    union = (x2 - x1) * (y2 - y1) + (u2 - u1) * (v2 - v1) - inter
    return inter / union


def nms(boxes, scores, iou_threshold):
    n = len(boxes)
    order = np.lexsort((np.arange(n), -scores))  # by score descending, then by index
    with np.errstate(invalid="ignore"):
        above = box_iou(boxes, boxes) > iou_threshold
    alive = np.ones(n, dtype=bool)
    keep = np.zeros(n, dtype=np.int64)
    count = 0
    for i in order:
        if alive[i] and count < MAX_DETECTIONS:
            keep[count] = i
            count += 1
            alive &= ~above[i]
    return keep[:count]
