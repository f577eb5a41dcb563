# expect-fail: sqrt_gd[a_batch_of_very_different_scales] sqrt_gd[a_single_element]
# hint: scale-by-powers-of-four
"""Reference: √a for every element of a, by gradient descent with autograd, each element stopping on its own."""
import torch


def sqrt_gd(a: torch.Tensor, lr: float = 0.01, tol: float = 1e-6,
            max_iters: int = 1000) -> tuple[torch.Tensor, torch.Tensor]:
    if (a < 0).any():
        raise ValueError("every element of a must be >= 0: a negative number has no real square root")
    m, scale = a.detach().clone(), torch.ones_like(a)
    y = m.clone()
    iterations = torch.zeros(a.shape, dtype=torch.int64, device=a.device)
    for _ in range(max_iters):
        active = (y * y - m).abs() > tol * m
        if not active.any():
            break
        y = y.detach().requires_grad_()
        ((y * y - m) ** 2).sum().backward()
        with torch.no_grad():
            y = torch.where(active, y - lr * y.grad, y)
        iterations += active
    return (scale * y).detach(), iterations
