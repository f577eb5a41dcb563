"""Classic bug: the mean of the one-hot product over all N * C entries, which divides by C too."""
# expect-fail: cross_entropy[mean_over_the_batch] cross_entropy[two_classes] cross_entropy[label_smoothing]
# hint: one-entry-per-row
import torch
import torch.nn.functional as F


def cross_entropy(logits, targets, reduction="mean", ignore_index=-100, label_smoothing=0.0):
    classes = logits.shape[1]
    log_probs = logits - torch.logsumexp(logits, dim=1, keepdim=True)
    kept = targets != ignore_index
    wanted = F.one_hot(torch.where(kept, targets, 0), classes) * (1 - label_smoothing) + label_smoothing / classes
    products = -(wanted * log_probs) * kept[:, None]
    if reduction == "none":
        return products.sum(dim=1)
    return products.sum() if reduction == "sum" else products.mean()
