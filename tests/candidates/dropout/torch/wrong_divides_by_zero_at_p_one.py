"""Wrong: no case for p == 1: the mask is all False and x * 0 / 0 is NaN."""
# expect-fail: dropout[p_of_one_in_training_in_float32] dropout[p_of_one_in_training_in_float64] dropout_on_the_global_generator[global_generator_p_of_one]
# hint: when-to-draw
import torch


def dropout(x, p=0.5, training=True, generator=None):
    if not training or p == 0:
        return x
    keep = torch.rand(x.shape, generator=generator, dtype=x.dtype, device=x.device) >= p
    return x * keep / (1 - p)
