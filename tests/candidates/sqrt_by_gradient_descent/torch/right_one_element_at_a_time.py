import torch


def one(a, lr, tol, max_iters):
    m, s = a.clone(), torch.ones_like(a)
    while m >= 4:
        m, s = m / 4, s * 2
    while 0 < m < 1:
        m, s = m * 4, s / 2
    y = m.clone().requires_grad_()
    for k in range(max_iters):
        loss = (y * y - m) ** 2
        if ((y * y - m).abs() <= tol * m).item():
            return s * y.detach(), k
        loss.backward()
        with torch.no_grad():
            y -= lr * y.grad
        y.grad = None
    return s * y.detach(), max_iters


def sqrt_gd(a, lr=0.01, tol=1e-6, max_iters=1000):
    if (a < 0).any():
        raise ValueError("negative element in a")
    flat = a.reshape(-1)
    runs = [one(value, lr, tol, max_iters) for value in flat]
    x = torch.stack([x for x, _ in runs]) if runs else flat.clone()
    k = torch.tensor([k for _, k in runs], dtype=torch.int64, device=a.device)
    return x.reshape(a.shape), k.reshape(a.shape)
