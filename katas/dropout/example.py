"""The statement's example, for `kit run dropout`: the steps to run on your code and the reference's,
each side drawing from its own generator seeded alike."""


def example(track: str) -> list[dict]:
    from interviewkit.grader import numpy_generator, torch_generator

    x = [[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0]]
    if track == "torch":
        import torch

        return [{"call": "dropout", "args": {"x": torch.tensor(x), "p": 0.5, "training": True,
                                             "generator": torch_generator(0)}},        # [[0, 4, 0, 0], [0, 12, 0, 16]]
                {"call": "dropout", "args": {"x": torch.tensor(x), "p": 0.5, "training": False,
                                             "generator": torch_generator(0)}}]        # x itself
    import numpy as np

    mask = np.array([[True, False, False, False], [True, True, True, True]])   # what rng 0 keeps
    return [{"call": "dropout_forward", "args": {"x": np.array(x, dtype=np.float32), "p": 0.5, "training": True,
                                                 "rng": numpy_generator(0)}},
            {"call": "dropout_forward", "args": {"x": np.array(x, dtype=np.float32), "p": 0.5, "training": False,
                                                 "rng": numpy_generator(0)}},
            {"call": "dropout_backward", "args": {"dout": np.ones((2, 4), dtype=np.float32), "mask": mask, "p": 0.5}}]
