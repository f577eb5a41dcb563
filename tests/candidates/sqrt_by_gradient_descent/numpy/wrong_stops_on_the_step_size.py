# expect-fail: sqrt_gd[two] sqrt_gd[a_tight_tolerance]
# hint: follow-the-rule
def sqrt_gd(a, lr=0.01, tol=1e-6, max_iters=1000):
    if a < 0:
        raise ValueError("negative a")
    m, scale = float(a), 1.0
    while m >= 4:
        m, scale = m / 4, scale * 2
    while 0 < m < 1:
        m, scale = m * 4, scale / 2
    y = m
    for step in range(max_iters):
        new = y - lr * 4 * y * (y * y - m)
        if abs(new - y) <= tol * m:  # stops on the step, not on the residual
            return scale * y, step
        y = new
    return scale * y, max_iters
