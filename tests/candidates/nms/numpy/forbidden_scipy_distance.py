"""Forbidden: the numpy track may not import scipy, here reached through importlib inside a call."""
import importlib

import numpy as np


def box_iou(boxes1, boxes2):
    distance = importlib.import_module("scipy.spatial.distance")
    # Never gets this far: the import is refused.
    return 1 - distance.cdist(boxes1, boxes2, "jaccard").astype(boxes1.dtype)


def nms(boxes, scores, iou_threshold):
    return np.zeros(0, dtype=np.int64)
