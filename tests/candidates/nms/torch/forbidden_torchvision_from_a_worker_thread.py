"""Forbidden: imports torchvision from a worker thread, its name built at run time, so that neither
a reading of the source nor a check of the calling frame sees the candidate's file."""
from concurrent.futures import ThreadPoolExecutor

import torch


def _ops():
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(__import__, "torch" + "vision.ops".lower(), fromlist=["ops"]).result()


def box_iou(boxes1, boxes2):
    return _ops().box_iou(boxes1, boxes2)


def nms(boxes, scores, iou_threshold):
    return _ops().nms(boxes, scores, iou_threshold)
