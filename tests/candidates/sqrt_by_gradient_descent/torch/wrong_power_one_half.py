# expect-fail: sqrt_gd[three_updates_only] sqrt_gd[a_loose_tolerance]
# hint: follow-the-rule
import torch


def sqrt_gd(a, lr=0.01, tol=1e-6, max_iters=1000):
    if (a < 0).any():
        raise ValueError("negative a")
    return a ** 0.5, torch.zeros(a.shape, dtype=torch.int64)
