"""Wrong: draws from torch's global generator even when a generator is given."""
# expect-fail: dropout[p_of_a_tenth_in_training_in_float32] dropout[default_p_and_training_on_a_square_input] dropout[a_single_element]
# hint: the-exact-draw
import torch


def dropout(x, p=0.5, training=True, generator=None):
    if not training or p == 0:
        return x
    if p == 1:
        return x * 0
    keep = torch.rand(x.shape, dtype=x.dtype, device=x.device) >= p
    return x * keep / (1 - p)
