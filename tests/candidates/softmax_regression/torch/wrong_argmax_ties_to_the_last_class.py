"""Classic bug: the top class taken as the last column of a stable sort: among tied logits, the highest index wins, not the lowest."""
# expect-fail: predict[zero_weights_tie_every_class_to_class_0] predict[equal_biases_tie_to_the_lower_class] predict[two_equal_columns_tie_to_the_lower_class]
# hint: a-softmax-that-never-overflows
import torch


def predict_proba(X, W, b):
    Z = X @ W + b
    E = torch.exp(Z - Z.max(dim=1, keepdim=True).values)
    return E / E.sum(dim=1, keepdim=True)


def predict(X, W, b):
    return torch.sort(X @ W + b, dim=1, stable=True).indices[:, -1]



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
