"""Forbidden: torch's autograd for the sub-gradient (the numpy track may not import torch)."""
import numpy as np
import torch


def fit_linear_svm(X, y, lr=0.1, epochs=100, l2=0.01):
    X = torch.as_tensor(X, dtype=torch.float64)
    y = torch.where(torch.as_tensor(y) > 0, 1.0, -1.0).double()
    w = torch.zeros(X.shape[1], dtype=torch.float64, requires_grad=True)
    b = torch.zeros((), dtype=torch.float64, requires_grad=True)
    ws, bs = [w.detach().numpy().copy()], [0.0]
    for t in range(1, epochs + 1):
        loss = l2 / 2 * w @ w + torch.relu(1 - y * (X @ w + b)).mean()
        loss.backward()
        with torch.no_grad():
            w -= lr / t ** 0.5 * w.grad
            b -= lr / t ** 0.5 * b.grad
            w.grad.zero_()
            b.grad.zero_()
        ws.append(w.detach().numpy().copy())
        bs.append(float(b))
    return np.array(ws), np.array(bs)


def predict(X, w, b):
    return np.where(X @ w + b >= 0, 1, -1)
