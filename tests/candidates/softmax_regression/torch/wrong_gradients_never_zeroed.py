"""Classic bug: autograd's gradients never zeroed between epochs: .backward() adds each epoch's gradient to the last."""
# expect-fail: fit_softmax_regression[default_hyper_parameters] fit_softmax_regression[two_epochs_with_a_large_step] fit_softmax_regression[float32_rows_with_l2]
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
    W_history, b_history = [W.detach().clone()], [b.detach().clone()]
    for _ in range(epochs):
        Z = X @ W + b
        log_p = Z - torch.logsumexp(Z, dim=1, keepdim=True)
        loss = -log_p[torch.arange(n), y].mean() + l2 / 2 * (W * W).sum()
        loss.backward()
        with torch.no_grad():
            W -= lr * W.grad
            b -= lr * b.grad
        W_history.append(W.detach().clone())
        b_history.append(b.detach().clone())
    return torch.stack(W_history), torch.stack(b_history)
