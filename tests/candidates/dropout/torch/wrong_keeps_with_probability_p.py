"""Wrong: keeps the entries whose draw is below p, so it drops with probability 1 - p."""
# expect-fail: dropout[p_of_a_tenth_in_training_in_float32] dropout[p_of_a_half_in_training_in_float64] dropout_on_the_global_generator[global_generator_p_of_a_tenth_in_float64]
# hint: which-side-is-kept
import torch


def dropout(x, p=0.5, training=True, generator=None):
    if not training or p == 0:
        return x
    if p == 1:
        return x * 0
    keep = torch.rand(x.shape, generator=generator, dtype=x.dtype, device=x.device) < p
    return x * keep / (1 - p)
