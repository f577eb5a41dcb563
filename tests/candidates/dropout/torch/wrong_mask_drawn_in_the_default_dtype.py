"""Wrong: draws the mask in the default dtype (float32) whatever x's dtype: a float64 x gets other numbers."""
# expect-fail: dropout[p_of_a_tenth_in_training_in_float64] dropout[p_of_a_half_in_training_in_float64] dropout[three_dimensions_p_of_0_3]
# hint: the-exact-draw
import torch


def dropout(x, p=0.5, training=True, generator=None):
    if not training or p == 0:
        return x
    if p == 1:
        return x * 0
    keep = torch.rand(x.shape, generator=generator, device=x.device) >= p
    return x * keep / (1 - p)
