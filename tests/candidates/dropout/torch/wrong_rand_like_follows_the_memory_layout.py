"""Classic slip: the mask drawn with torch.rand_like(x), which fills x's memory in order: on a
transposed (non-contiguous) x, entry (i, j) gets another draw than torch.rand(x.shape) gives it."""
# expect-fail: dropout[a_transposed_input_draws_in_its_shape_not_its_layout]
# hint: the-exact-draw
import torch


def dropout(x, p=0.5, training=True, generator=None):
    if not training or p == 0:
        return x
    if p == 1:
        return x * 0
    keep = torch.rand_like(x, generator=generator) >= p
    return x * keep / (1 - p)
