import torch


def sqrt_gd(a, lr=0.01, tol=1e-6, max_iters=1000):
    if (a < 0).any():
        raise ValueError("a must be non-negative")
    m, s = a.clone(), torch.ones_like(a)
    while True:
        big, small = m >= 4, (m > 0) & (m < 1)
        if not (big.any() or small.any()):
            break
        m = torch.where(big, m / 4, torch.where(small, m * 4, m))
        s = torch.where(big, s * 2, torch.where(small, s / 2, s))
    y = m.clone()
    counts = torch.zeros_like(a, dtype=torch.int64)
    for _ in range(max_iters):
        r = y * y - m
        active = r.abs() > tol * m
        if not active.any():
            break
        y = torch.where(active, y - lr * 4 * y * r, y)
        counts += active.long()
    return s * y, counts
