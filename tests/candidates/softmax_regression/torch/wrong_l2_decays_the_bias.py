"""Classic bug: the L2 penalty on the bias too, (l2 / 2)(||W||² + ||b||²) (the loss penalises W only)."""
# expect-fail: fit_softmax_regression[l2_does_not_decay_the_bias] fit_softmax_regression[strong_l2_with_a_large_step] fit_softmax_regression[float32_rows_with_l2]
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
        loss = -log_p[torch.arange(n), y].mean() + l2 / 2 * ((W * W).sum() + (b * b).sum())
        loss.backward()
        with torch.no_grad():
            W -= lr * W.grad
            b -= lr * b.grad
            W.grad.zero_()
            b.grad.zero_()
        W_history.append(W.detach().clone())
        b_history.append(b.detach().clone())
    return torch.stack(W_history), torch.stack(b_history)
