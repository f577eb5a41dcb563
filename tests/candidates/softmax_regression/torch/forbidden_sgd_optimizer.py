"""Forbidden: torch.optim.SGD takes the step (the update is the kata; param groups keep the bias undecayed)."""
import torch


def predict_proba(X, W, b):
    Z = X @ W + b
    E = torch.exp(Z - Z.max(dim=1, keepdim=True).values)
    return E / E.sum(dim=1, keepdim=True)


def predict(X, W, b):
    return torch.argmax(X @ W + b, dim=1)


def fit_softmax_regression(X, y, num_classes, lr=0.1, epochs=100, l2=0.0):
    n, d = X.shape
    W = X.new_zeros(d, num_classes, requires_grad=True)
    b = X.new_zeros(num_classes, requires_grad=True)
    optimizer = torch.optim.SGD([{"params": [W], "weight_decay": l2}, {"params": [b]}], lr=lr)
    W_history, b_history = [W.detach().clone()], [b.detach().clone()]
    for _ in range(epochs):
        optimizer.zero_grad()
        Z = X @ W + b
        log_p = Z - torch.logsumexp(Z, dim=1, keepdim=True)
        (-log_p[torch.arange(n), y].mean()).backward()
        optimizer.step()
        W_history.append(W.detach().clone())
        b_history.append(b.detach().clone())
    return torch.stack(W_history), torch.stack(b_history)
