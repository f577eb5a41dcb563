"""The statement's example, for `kit run adam`: the steps to run on your code and the reference's.
step() returns None: `kit run` then shows the arrays in `params`, updated in place; the statement
gives them: Adam [0.9, -1.9] then
[0.8, -1.832994], AdamW [0.89, -1.88] then [0.7811, -1.794194]."""


def example(track: str) -> list[dict]:
    import numpy as np

    steps = []
    for name, options in (("Adam", {}), ("AdamW", {"weight_decay": 0.1})):
        steps += [{"construct": name, "args": {"params": [np.array([1.0, -2.0])], "lr": 0.1, **options}},
                  {"method": "step", "args": {"grads": [np.array([0.5, -1.0])]}},
                  {"method": "step", "args": {"grads": [np.array([0.5, 0.0])]}}]
    return steps
