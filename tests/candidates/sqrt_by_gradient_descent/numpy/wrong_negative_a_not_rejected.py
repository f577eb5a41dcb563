# expect-fail: sqrt_gd_rejects[a_negative_a_is_rejected]
# hint: follow-the-rule
def sqrt_gd(a: float, lr: float = 0.01, tol: float = 1e-6, max_iters: int = 1000) -> tuple[float, int]:
    m, scale = float(a), 1.0
    while m >= 4:  # powers of 4 move exactly: a = m·4^e, √a = √m·2^e
        m, scale = m / 4, scale * 2
    while 0 < m < 1:
        m, scale = m * 4, scale / 2
    y = m
    for step in range(max_iters):
        residual = y * y - m
        if abs(residual) <= tol * m:
            return scale * y, step
        y = y - lr * 4 * y * residual  # d/dy (y² − m)² = 4y(y² − m)
    return scale * y, max_iters
