"""The statement's example, for `kit run losses`: the steps to run on your code and the reference's."""


def example(track: str) -> list[dict]:
    import numpy as np

    def arrays(input, target):
        pair = [np.array(input, dtype=np.float32), np.array(target, dtype=np.float32)]
        if track == "torch":
            import torch

            pair = [torch.from_numpy(array) for array in pair]
        return dict(zip(("input", "target"), pair))

    x = arrays([0.5, 2.0, -3.0], [0.0, 0.0, 0.0])
    kl = arrays(np.log([[0.5, 0.5], [0.9, 0.1]]), [[1.0, 0.0], [0.5, 0.5]])
    calls = [("mse_loss", x, {"reduction": "none"}), ("l1_loss", x, {}),
             ("smooth_l1_loss", x, {"reduction": "none"}), ("smooth_l1_loss", x, {"reduction": "none", "beta": 2.0}),
             ("huber_loss", x, {"reduction": "none", "delta": 2.0}),
             ("binary_cross_entropy", arrays([0.9, 0.0, 1.0], [1.0, 0.0, 0.0]), {"reduction": "none"}),
             ("binary_cross_entropy_with_logits", arrays([2.0, -1e4, 1e4], [1.0, 1.0, 0.0]), {"reduction": "none"}),
             ("kl_div", kl, {"reduction": "none"}), ("kl_div", kl, {}), ("kl_div", kl, {"reduction": "batchmean"})]
    return [{"call": name, "args": {**pair, **options}} for name, pair, options in calls]
