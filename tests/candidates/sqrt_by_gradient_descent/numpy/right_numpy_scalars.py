import numpy as np


def sqrt_gd(a, lr=0.01, tol=1e-6, max_iters=1000):
    if a < 0:
        raise ValueError("a must be non-negative")
    m, e = np.float64(a), 0
    while m >= 4:
        m, e = m / 4, e + 1
    while 0 < m < 1:
        m, e = m * 4, e - 1
    y = m
    for k in range(max_iters):
        r = y * y - m
        if np.abs(r) <= tol * m:
            return float(y * 2.0 ** e), k
        y = y - lr * 4 * y * r
    return float(y * 2.0 ** e), max_iters
