import torch


def cross_entropy(logits: torch.Tensor, targets: torch.Tensor, reduction: str = "mean",
                  ignore_index: int = -100, label_smoothing: float = 0.0) -> torch.Tensor:
    # log softmax = x - logsumexp(x), the row's maximum subtracted first so that exp() <= 1.
    shifted = logits - logits.amax(dim=1, keepdim=True)
    log_probs = shifted - shifted.exp().sum(dim=1, keepdim=True).log()
    kept = targets != ignore_index
    # An ignored target may be no class at all (-100): gather class 0 there, then zero the row.
    target_log_probs = log_probs.gather(1, torch.where(kept, targets, 0).unsqueeze(1)).squeeze(1)
    # Smoothing mixes the one-hot target with the uniform distribution over all C classes.
    losses = -(1 - label_smoothing) * target_log_probs - label_smoothing * log_probs.mean(dim=1)
    losses = torch.where(kept, losses, 0.0)
    if reduction == "none":
        return losses
    if reduction == "sum":
        return losses.sum()
    return losses.sum() / kept.sum()  # the kept rows only; 0 / 0 = NaN when every row is ignored
