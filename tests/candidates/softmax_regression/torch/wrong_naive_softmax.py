"""Classic bug: the naive softmax exp(z) / sum(exp(z)): exp overflows past 88 in float32 and 709 in float64 (inf / inf is NaN), and a row of very negative logits gives 0 / 0."""
# expect-fail: predict_proba[logits_of_plus_and_minus_1000] predict_proba[logits_of_minus_1000_through_the_bias] fit_softmax_regression[logits_that_overflow_a_naive_exp]
# hint: a-softmax-that-never-overflows
import torch


def predict_proba(X, W, b):
    E = torch.exp(X @ W + b)
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
        W, b = W - lr * (X.T @ R / n + l2 * W), b - lr * R.mean(dim=0)
        W_history.append(W)
        b_history.append(b)
    return torch.stack(W_history), torch.stack(b_history)
