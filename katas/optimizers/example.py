"""The statement's example, for `kit run optimizers`: the steps to run on your code and the reference's.
step() returns None: `kit run` then shows the arrays in `params`, updated in place; the statement
gives them: SGD [0.95, -1.9] then
[0.88, -1.81], RMSprop [0.9, -1.9] then [0.739112, -1.81]."""


def example(track: str) -> list[dict]:
    import numpy as np

    steps = []
    for name, options in (("SGD", {"lr": 0.1, "momentum": 0.9, "dampening": 0.5}),
                          ("RMSprop", {"lr": 0.01, "momentum": 0.9})):
        steps += [{"construct": name, "args": {"params": [np.array([1.0, -2.0])], **options}},
                  {"method": "step", "args": {"grads": [np.array([0.5, -1.0])]}},
                  {"method": "step", "args": {"grads": [np.array([0.5, 0.0])]}}]
    return steps
