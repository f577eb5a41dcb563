# expect-fail: sqrt_gd[three_updates_only] sqrt_gd[a_loose_tolerance] sqrt_gd[two]
# hint: follow-the-rule
import math


def sqrt_gd(a, lr=0.01, tol=1e-6, max_iters=1000):
    if a < 0:
        raise ValueError("negative a")
    return math.sqrt(a), 0  # a closed form: not the iterate the rule reaches
