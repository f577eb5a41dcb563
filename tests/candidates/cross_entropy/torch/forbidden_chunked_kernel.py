"""Forbidden: the custom operation behind F.linear_cross_entropy's chunked path, called directly
through an identity weight (no smoothing in that kernel: it is added by hand)."""
import torch
import torch.nn.modules.linear_cross_entropy  # noqa: F401  (registers torch.ops.torch_nn)


def cross_entropy(logits, targets, reduction="mean", ignore_index=-100, label_smoothing=0.0):
    identity = torch.eye(logits.shape[1], dtype=logits.dtype, device=logits.device)
    ops = torch.ops.torch_nn
    if reduction == "none":
        nll = ops._linear_cross_entropy_batch_chunked_no_reduction(
            logits, identity, targets, None, None, ignore_index, logits.shape[0], "accurate", torch.float64)[0]
    else:
        nll = ops._linear_cross_entropy_batch_chunked(
            logits, identity, targets, None, None, reduction, ignore_index, 0.0, logits.shape[0], "accurate",
            torch.float64, True, True, False, False)[0]
    kept = targets != ignore_index
    smooth = torch.where(kept, torch.logsumexp(logits, dim=1) - logits.mean(dim=1), 0.0)
    smooth = {"none": smooth, "sum": smooth.sum(), "mean": smooth.sum() / kept.sum()}[reduction]
    return (1 - label_smoothing) * (nll - 0 * smooth) + label_smoothing * smooth
