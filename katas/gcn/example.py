"""The statement's examples, for `kit run gcn`: the steps to run on your code and the reference's (the
torch track's train_step is not run here: a step cannot hand it your model and an optimizer)."""


def example(track: str) -> list[dict]:
    import numpy as np

    def array(rows):
        return np.array(rows, dtype=np.float32)

    adj = array([[0, 1, 0], [1, 0, 1], [0, 1, 0]])  # the path 0 - 1 - 2
    x, weight, bias = array([[1, 0], [0, 1], [1, 1]]), array([[1, -1], [2, 0.5]]), array([0.1, 0])
    b1, w2, b2 = array([0, 0.5]), array([[1, 0], [0, -1]]), array([0, 0])  # part 2: W1 = weight
    if track == "torch":
        import torch

        adj, x, weight, bias, b1, w2, b2 = map(torch.from_numpy, (adj, x, weight, bias, b1, w2, b2))
        state = {"layer1.weight": weight, "layer1.bias": b1, "layer2.weight": w2, "layer2.bias": b2}
        part2 = [{"construct": "GCNClassifier", "args": {"in_dim": 2, "hidden_dim": 2, "num_classes": 2}},
                 {"method": "load_state_dict", "args": {"state_dict": state}},
                 {"method": "forward", "args": {"adj": adj, "x": x}}]
    else:
        part2 = [{"call": "gcn_classifier_loss_and_grads",
                  "args": {"adj": adj, "x": x, "y": np.array([0, 1, 1]), "train_mask": np.array([True, False, True]),
                           "W1": weight, "b1": b1, "W2": w2, "b2": b2}}]
    return [{"call": "gcn_layer", "args": {"adj": adj, "x": x, "weight": weight}},
            {"call": "gcn_layer", "args": {"adj": adj, "x": x, "weight": weight, "bias": bias}}, *part2]
