# expect-fail: sqrt_gd[huge] sqrt_gd[tiny]
# hint: scale-by-powers-of-four
def sqrt_gd(a: float, lr: float = 0.01, tol: float = 1e-6, max_iters: int = 1000) -> tuple[float, int]:
    if a < 0:
        raise ValueError(f"a must be >= 0, got {a}: a negative number has no real square root")
    m, scale = float(a), 1.0
    y = m
    for step in range(max_iters):
        residual = y * y - m
        if abs(residual) <= tol * m:
            return scale * y, step
        y = y - lr * 4 * y * residual  # d/dy (y² − m)² = 4y(y² − m)
    return scale * y, max_iters
