"""The statement's example, for `kit run nms`: the steps to run on your code and the reference's."""


def example(track: str) -> list[dict]:
    boxes = [[0.0, 0.0, 4.0, 4.0],    # 0: A
             [2.0, 0.0, 6.0, 4.0],    # 1: B, IoU 1/3 with A
             [4.0, 0.0, 8.0, 4.0],    # 2: C, touches A, IoU 1/3 with B
             [0.0, 0.0, 4.0, 2.0]]    # 3: D, the lower half of A: IoU 0.5
    scores = [0.9, 0.8, 0.7, 0.6]
    if track == "torch":
        import torch

        array = torch.tensor
    else:
        import numpy as np

        def array(rows):
            return np.array(rows, dtype=np.float32)
    return [{"call": "box_iou", "args": {"boxes1": array(boxes[:1]), "boxes2": array(boxes)}},
            {"call": "nms", "args": {"boxes": array(boxes), "scores": array(scores), "iou_threshold": 0.3}},   # [0, 2]
            {"call": "nms", "args": {"boxes": array(boxes), "scores": array(scores), "iou_threshold": 0.5}}]   # all
