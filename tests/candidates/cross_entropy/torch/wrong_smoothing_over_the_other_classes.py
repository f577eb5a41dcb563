"""Classic bug: label smoothing spread as eps / (C - 1) over the other classes only, where
PyTorch spreads eps / C over all C classes, the target included."""
# expect-fail: cross_entropy[label_smoothing] cross_entropy[label_smoothing_over_three_classes_float64] cross_entropy[full_label_smoothing]
# hint: smoothing-over-all-classes
import torch
import torch.nn.functional as F


def cross_entropy(logits, targets, reduction="mean", ignore_index=-100, label_smoothing=0.0):
    classes = logits.shape[1]
    log_probs = logits - torch.logsumexp(logits, dim=1, keepdim=True)
    kept = targets != ignore_index
    one_hot = F.one_hot(torch.where(kept, targets, 0), classes).to(logits.dtype)
    wanted = one_hot * (1 - label_smoothing) + (1 - one_hot) * label_smoothing / (classes - 1)
    losses = torch.where(kept, -(wanted * log_probs).sum(dim=1), 0.0)
    if reduction == "none":
        return losses
    return losses.sum() if reduction == "sum" else losses.sum() / kept.sum()
