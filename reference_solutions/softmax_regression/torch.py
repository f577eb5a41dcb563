import torch


def predict_proba(X: torch.Tensor, W: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    Z = X @ W + b
    # Shifting each row by its max changes no probability, and exp of values <= 0 never overflows.
    E = torch.exp(Z - Z.max(dim=1, keepdim=True).values)
    return E / E.sum(dim=1, keepdim=True)


def predict(X: torch.Tensor, W: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return torch.argmax(X @ W + b, dim=1)  # ties go to the lowest class index


def fit_softmax_regression(X: torch.Tensor, y: torch.Tensor, num_classes: int, lr: float = 0.1,
                           epochs: int = 100, l2: float = 0.0) -> tuple[torch.Tensor, torch.Tensor]:
    n, d = X.shape
    Y = torch.nn.functional.one_hot(y, num_classes).to(X.dtype)  # (N, C)
    W, b = X.new_zeros(d, num_classes), X.new_zeros(num_classes)
    W_history, b_history = [W], [b]
    for _ in range(epochs):
        R = predict_proba(X, W, b) - Y  # d CE_i / d logits_i, row by row
        grad_W = X.T @ R / n + l2 * W  # the mean over samples, then the penalty
        grad_b = R.mean(dim=0)  # the bias is not penalised
        W, b = W - lr * grad_W, b - lr * grad_b  # both from the same old (W, b); new tensors, not in place
        W_history.append(W)
        b_history.append(b)
    return torch.stack(W_history), torch.stack(b_history)
