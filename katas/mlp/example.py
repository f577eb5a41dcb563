"""The statement's example, for `kit run mlp`: the steps to run on your code and the reference's; the
torch track ends with one train_step of your model, with plain SGD over its parameters."""


def example(track: str) -> list[dict]:
    import numpy as np

    def array(rows):
        return np.array(rows, dtype=np.float32)

    W1, b1, W2, b2 = array([[1, -1], [0, 1]]), array([0, 0]), array([[1, 0], [0, 1]]), array([0, 0])
    X, y = array([[1, 2]]), np.array([1])
    if track == "torch":
        import torch

        state = {"layers.0.weight": W1.T, "layers.0.bias": b1, "layers.1.weight": W2.T, "layers.1.bias": b2}
        return [{"construct": "MLP", "args": {"in_dim": 2, "hidden_dims": [2], "out_dim": 2}},
                {"method": "load_state_dict", "args": {"state_dict": {k: torch.tensor(v) for k, v in state.items()}}},
                {"method": "forward", "args": {"x": torch.from_numpy(X)}},
                {"call": "train_step", "args": {"model": {"instance": True},
                                                "optimizer": {"optimizer": "SGD", "options": {"lr": 0.1}},
                                                "x": torch.from_numpy(X), "y": torch.from_numpy(y)}},
                {"method": "forward", "args": {"x": torch.from_numpy(X)}}]
    grads = {"W1": array([[0.5, -0.5], [1, -1]]), "b1": array([0.5, -0.5]),
             "W2": array([[0.5, -0.5], [0.5, -0.5]]), "b2": array([0.5, -0.5])}  # the statement's
    return [{"construct": "TwoLayerMLP", "args": {"W1": W1, "b1": b1, "W2": W2, "b2": b2}},
            {"method": "loss_and_grads", "args": {"X": X, "y": y}},
            {"method": "sgd_step", "args": {"grads": grads, "lr": 0.1}},
            {"method": "forward", "args": {"X": X}}]
