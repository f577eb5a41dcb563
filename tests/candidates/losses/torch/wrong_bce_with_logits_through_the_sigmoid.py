"""Wrong: log(sigmoid(x)): sigmoid(±1e4) is 0 or 1, and log 0 = -inf."""
# expect-fail: binary_cross_entropy_with_logits[logits_up_to_1e4_*]
# hint: binary-logs-without-infinity
import torch


def _reduce(losses: torch.Tensor, reduction: str) -> torch.Tensor:
    if reduction == "none":
        return losses
    if reduction == "sum":
        return losses.sum()
    return losses.mean()  # over every element, not over the batch


def mse_loss(input, target, reduction="mean"):
    return _reduce((input - target) ** 2, reduction)


def l1_loss(input, target, reduction="mean"):
    return _reduce((input - target).abs(), reduction)


def smooth_l1_loss(input, target, reduction="mean", beta=1.0):
    d = (input - target).abs()
    return _reduce(torch.where(d < beta, 0.5 * d * d / beta, d - 0.5 * beta), reduction)


def huber_loss(input, target, reduction="mean", delta=1.0):
    d = (input - target).abs()
    return _reduce(torch.where(d <= delta, 0.5 * d * d, delta * (d - 0.5 * delta)), reduction)


def binary_cross_entropy(input, target, reduction="mean"):
    log_p = torch.log(input).clamp(min=-100)  # log(0) = -inf, clamped as PyTorch does
    log_not_p = torch.log(1 - input).clamp(min=-100)
    return _reduce(-(target * log_p + (1 - target) * log_not_p), reduction)


def binary_cross_entropy_with_logits(input, target, reduction="mean"):
    # -log sigmoid(x) = softplus(-x) = max(-x, 0) + log1p(exp(-|x|)): no exp of a large number
    p = torch.sigmoid(input)
    losses = -(target * torch.log(p) + (1 - target) * torch.log(1 - p))
    return _reduce(losses, reduction)


def kl_div(input, target, reduction="mean"):
    losses = torch.xlogy(target, target) - target * input  # xlogy: 0 * log 0 is 0
    if reduction == "batchmean":
        return losses.sum() / input.shape[0]
    return _reduce(losses, reduction)
