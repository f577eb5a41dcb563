"""Wrong: draws the mask before deciding it is not needed (eval, p == 0): right values, but the
generator has moved."""
# expect-fail: dropout[p_of_zero_in_training_in_float32] dropout[p_of_a_tenth_in_eval_in_float64] dropout[default_p_in_eval]
# hint: when-to-draw
import torch


def dropout(x, p=0.5, training=True, generator=None):
    if p == 1 and training:
        return x * 0
    keep = torch.rand(x.shape, generator=generator, dtype=x.dtype, device=x.device) >= p
    if not training or p == 0:
        return x
    return x * keep / (1 - p)
