"""Correct, in another style: the labels shifted left and padded with ignore_index (as Hugging Face
transformers does), so every position's logits are used; flattened, with a one-hot made by
comparison instead of gather."""
import torch


def causal_lm_loss(logits, labels, ignore_index=-100):
    batch, length, vocab = logits.shape
    padding = labels.new_full((batch, 1), ignore_index)
    targets = torch.cat([labels[:, 1:], padding], dim=1).reshape(-1)
    flat = logits.reshape(-1, vocab)
    kept = targets != ignore_index
    one_hot = targets[:, None] == torch.arange(vocab, device=logits.device)[None, :]
    target_logits = (flat * one_hot).sum(dim=1)
    losses = torch.logsumexp(flat, dim=1) - target_logits
    return losses[kept].sum() / kept.sum()
