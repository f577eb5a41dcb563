def scaled(a):
    """(m, s) with a = m·s², m in [1, 4) or 0."""
    if a >= 4:
        m, s = scaled(a / 4)
        return m, 2 * s
    if 0 < a < 1:
        m, s = scaled(a * 4)
        return m, s / 2
    return float(a), 1.0


def sqrt_gd(a, lr=0.01, tol=1e-6, max_iters=1000):
    if a < 0:
        raise ValueError("negative a")
    m, s = scaled(a)
    y, k = m, 0
    while k < max_iters and not abs(y * y - m) <= tol * m:
        grad = 2 * (y * y - m) * 2 * y
        y -= lr * grad
        k += 1
    return s * y, k
