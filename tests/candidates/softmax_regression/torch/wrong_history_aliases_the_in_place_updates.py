"""Classic bug: W and b updated in place under no_grad and appended to the history without a copy: every entry is the same tensor, the final one."""
# expect-fail: fit_softmax_regression[default_hyper_parameters] fit_softmax_regression[one_epoch] fit_softmax_regression[two_epochs_with_a_large_step]
# hint: one-step-from-the-old-parameters-into-a-new-entry
import torch


def predict_proba(X, W, b):
    Z = X @ W + b
    E = torch.exp(Z - Z.max(dim=1, keepdim=True).values)
    return E / E.sum(dim=1, keepdim=True)


def predict(X, W, b):
    return torch.argmax(X @ W + b, dim=1)


def fit_softmax_regression(X, y, num_classes, lr=0.1, epochs=100, l2=0.0):
    n, d = X.shape
    W = X.new_zeros(d, num_classes).requires_grad_()
    b = X.new_zeros(num_classes).requires_grad_()
    W_history, b_history = [W.detach()], [b.detach()]
    for _ in range(epochs):
        Z = X @ W + b
        log_p = Z - torch.logsumexp(Z, dim=1, keepdim=True)
        loss = -log_p[torch.arange(n), y].mean() + l2 / 2 * (W * W).sum()
        loss.backward()
        with torch.no_grad():
            W -= lr * W.grad
            b -= lr * b.grad
            W.grad.zero_()
            b.grad.zero_()
        W_history.append(W.detach())
        b_history.append(b.detach())
    return torch.stack(W_history), torch.stack(b_history)
