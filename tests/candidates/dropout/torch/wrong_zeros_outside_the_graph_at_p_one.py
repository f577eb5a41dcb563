"""Wrong: at p == 1 builds the zeros under no_grad: right values, but x gets no gradient."""
# expect-fail: dropout[p_of_one_in_training_in_float32] dropout[p_of_one_in_training_in_float64] dropout_on_the_global_generator[global_generator_p_of_one]
# hint: when-to-draw
import torch


def dropout(x, p=0.5, training=True, generator=None):
    if not training or p == 0:
        return x
    if p == 1:
        with torch.no_grad():
            return x * 0
    keep = torch.rand(x.shape, generator=generator, dtype=x.dtype, device=x.device) >= p
    return x * keep / (1 - p)
