"""A two-class shortcut: with C = 2 the loss is softplus(x_other - x_target) = log(1 + exp(z)),
written unshifted; exp(z) overflows to inf once z passes ~89 (float32) or ~709 (float64), and the
gradient through it is NaN. Every other class count goes through torch.logsumexp, so only the
two-class stability cases can tell."""
# expect-fail: cross_entropy[huge_logits_two_classes] cross_entropy[huge_logits_two_classes_float64] cross_entropy[label_smoothing_with_huge_logits_two_classes]
# hint: never-the-log-of-a-softmax
import torch


def cross_entropy(logits, targets, reduction="mean", ignore_index=-100, label_smoothing=0.0):
    kept = targets != ignore_index
    safe = torch.where(kept, targets, 0)
    target_logits = logits.gather(1, safe[:, None])[:, 0]
    if logits.shape[1] == 2:
        other_logits = logits.gather(1, (1 - safe)[:, None])[:, 0]
        log_total = target_logits + torch.log(1 + torch.exp(other_logits - target_logits))
    else:
        log_total = torch.logsumexp(logits, dim=1)
    smooth = log_total - logits.mean(dim=1)
    losses = (1 - label_smoothing) * (log_total - target_logits) + label_smoothing * smooth
    losses = torch.where(kept, losses, torch.zeros_like(losses))
    if reduction == "none":
        return losses
    if reduction == "sum":
        return losses.sum()
    return losses.sum() / kept.sum()
