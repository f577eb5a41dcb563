"""The statement's example, for `kit run cnn`: the steps to run on your code and the reference's. Its
4x4 image and 3x3 kernel feed the whole network, one channel wide (padding 1, so that two max-pools
leave a 1x1 map); train_step is not run here: a step cannot hand it your model and an optimizer."""


def example(track: str) -> list[dict]:
    import numpy as np

    x = np.array([[[[1, 0, 2, 0], [0, 1, 0, 1], [1, 0, 1, 0], [0, 0, 0, 0]]]], dtype=np.float32)
    if track == "torch":
        import torch

        return [{"construct": "LeNet", "args": {"in_chans": 1, "num_classes": 3, "img_size": 4, "channels": (1, 1),
                                                "hidden": (2, 2), "kernel_size": 3, "padding": 1}},
                {"method": "forward", "args": {"x": torch.from_numpy(x)}}]
    params = {"conv1.weight": [[[[1, 0, 0], [0, 1, 0], [0, 0, -1]]]], "conv1.bias": [0],
              "conv2.weight": [[[[0, 0, 0], [0, 1, 0], [0, 0, 0.5]]]], "conv2.bias": [0.25],
              "fc1.weight": [[1], [-1]], "fc1.bias": [0, 0.5],
              "fc2.weight": [[1, 0.5], [0.5, -1]], "fc2.bias": [0, 0],
              "fc3.weight": [[1, 0], [0, 1], [-1, 1]], "fc3.bias": [0, 0, 0.25]}
    return [{"construct": "LeNet", "args": {"params": {name: np.array(value, dtype=np.float32)
                                                       for name, value in params.items()}, "padding": 1}},
            {"method": "forward", "args": {"x": x}},
            {"method": "backward", "args": {"dlogits": np.array([[1.0, 0.0, -1.0]], dtype=np.float32)}}]
