"""Classic bug: the gradient of the summed losses, not of their mean (no 1/N): every step is N times too long."""
# expect-fail: fit_softmax_regression[default_hyper_parameters] fit_softmax_regression[one_epoch] fit_softmax_regression[as_many_samples_as_classes]
# hint: the-gradient-is-p-minus-y
import torch


def predict_proba(X, W, b):
    Z = X @ W + b
    E = torch.exp(Z - Z.max(dim=1, keepdim=True).values)
    return E / E.sum(dim=1, keepdim=True)


def predict(X, W, b):
    return torch.argmax(X @ W + b, dim=1)


def fit_softmax_regression(X, y, num_classes, lr=0.1, epochs=100, l2=0.0):
    n, d = X.shape
    Y = torch.nn.functional.one_hot(y, num_classes).to(X.dtype)
    W, b = X.new_zeros(d, num_classes), X.new_zeros(num_classes)
    W_history, b_history = [W], [b]
    for _ in range(epochs):
        R = predict_proba(X, W, b) - Y
        W, b = W - lr * (X.T @ R + l2 * W), b - lr * R.sum(dim=0)
        W_history.append(W)
        b_history.append(b)
    return torch.stack(W_history), torch.stack(b_history)
