"""The statement's example, for `kit run softmax_regression`: the steps to run on your code and the reference's."""


def example(track: str) -> list[dict]:
    X = [[1.0, 2.0], [-1.0, 0.5], [2.0, -1.0], [0.0, 1.0]]
    huge = [[1000.0, 0.0, -1000.0], [-1000.0, -1000.0, -1000.0]]
    if track == "torch":
        import torch as lib

        array, floats = lib.tensor, lib.float32   # one float dtype for X, W and b
    else:
        import numpy as lib

        array, floats = lib.array, lib.float64    # W and b float64, as the fit returns them
    f32, eye, zeros = lib.float32, lib.eye(3, dtype=floats), lib.zeros(3, dtype=floats)
    return [{"call": "fit_softmax_regression", "args": {"X": array(X, dtype=f32), "y": array([0, 1, 2, 0]),
                                                        "num_classes": 3, "lr": 0.3, "epochs": 1}},
            # W_history[1] [[0.025, -0.125, 0.1], [0.1625, -0.025, -0.1375]], b_history[1] [0.05, -0.025, -0.025]
            {"call": "predict_proba", "args": {"X": array(huge, dtype=f32), "W": eye, "b": zeros}},  # no NaN
            {"call": "predict", "args": {"X": lib.zeros((2, 2), dtype=f32), "W": lib.zeros((2, 3), dtype=floats),
                                         "b": array([0.0, 1.0, 1.0], dtype=floats)}}]   # [1, 1]: ties to the lowest
