"""Wrong: KL(input || target): the model's distribution weighs the log-ratio, the reverse of PyTorch's KL(target || input)."""
# expect-fail: kl_div[batchmean_of_rows] kl_div[sum_of_rows] kl_div[none_of_tokens]
# hint: kl-direction-and-zeros
import numpy as np


def _reduce(losses: np.ndarray, reduction: str) -> np.ndarray:
    if reduction == "none":
        return losses
    if reduction == "sum":
        return losses.sum()
    return losses.mean()  # over every element, not over the batch


def mse_loss(input, target, reduction="mean"):
    return _reduce((input - target) ** 2, reduction)


def l1_loss(input, target, reduction="mean"):
    return _reduce(np.abs(input - target), reduction)


def smooth_l1_loss(input, target, reduction="mean", beta=1.0):
    d = np.abs(input - target)
    return _reduce(np.where(d < beta, 0.5 * d * d / beta, d - 0.5 * beta), reduction)


def huber_loss(input, target, reduction="mean", delta=1.0):
    d = np.abs(input - target)
    return _reduce(np.where(d <= delta, 0.5 * d * d, delta * (d - 0.5 * delta)), reduction)


def binary_cross_entropy(input, target, reduction="mean"):
    with np.errstate(divide="ignore"):  # log(0) = -inf, clamped to -100 as PyTorch does
        log_p = np.maximum(np.log(input), -100)
        log_not_p = np.maximum(np.log(1 - input), -100)
    return _reduce(-(target * log_p + (1 - target) * log_not_p), reduction)


def binary_cross_entropy_with_logits(input, target, reduction="mean"):
    # -log sigmoid(x) = softplus(-x) = max(-x, 0) + log1p(exp(-|x|)): no exp of a large number
    losses = (1 - target) * input + np.maximum(-input, 0) + np.log1p(np.exp(-np.abs(input)))
    return _reduce(losses, reduction)


def kl_div(input, target, reduction="mean"):
    losses = np.exp(input) * (input - np.log(target))
    if reduction == "batchmean":
        return losses.sum() / input.shape[0]
    return _reduce(losses, reduction)
