"""Wrong: drops a draw equal to p (`>` instead of `>=`): rare, but not the contract's mask."""
# expect-fail: dropout[a_draw_exactly_equal_to_p_is_kept] dropout[a_draw_exactly_equal_to_p_is_kept_in_float64]
# hint: which-side-is-kept
import torch


def dropout(x, p=0.5, training=True, generator=None):
    if not training or p == 0:
        return x
    if p == 1:
        return x * 0
    keep = torch.rand(x.shape, generator=generator, dtype=x.dtype, device=x.device) > p
    return x * keep / (1 - p)
