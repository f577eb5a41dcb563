"""Wrong: scales by 1 - p in eval, as non-inverted dropout does, on top of the inverted training scale."""
# expect-fail: dropout[p_of_a_half_in_eval_in_float32] dropout[default_p_in_eval] dropout_on_the_global_generator[global_generator_in_eval]
# hint: when-to-draw
import torch


def dropout(x, p=0.5, training=True, generator=None):
    if not training:
        return x * (1 - p)
    if p == 0:
        return x
    if p == 1:
        return x * 0
    keep = torch.rand(x.shape, generator=generator, dtype=x.dtype, device=x.device) >= p
    return x * keep / (1 - p)
