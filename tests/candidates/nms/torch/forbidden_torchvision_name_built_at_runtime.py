"""Forbidden: hides the module's name from a reading of the source (built at run time) and goes
through builtins.__import__."""
import builtins

import torch


def _vision():
    name = "".join(reversed("noisivhcrot"))
    return builtins.__import__(name + ".ops", fromlist=["ops"])


def box_iou(boxes1, boxes2):
    return _vision().box_iou(boxes1, boxes2)


def nms(boxes, scores, iou_threshold):
    return _vision().nms(boxes, scores, iou_threshold)
