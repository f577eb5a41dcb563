"""Correct, in another style: a loop over every (sequence, position), the log-sum-exp written out
with its maximum, summed in float64 and cast back at the end."""
import torch


def causal_lm_loss(logits, labels, ignore_index=-100):
    wide = logits.double()
    total, count = wide.new_zeros(()), 0
    for b in range(logits.shape[0]):
        for t in range(logits.shape[1] - 1):
            target = int(labels[b, t + 1])
            if target == ignore_index:
                continue
            row = wide[b, t]
            top = row.max()
            total = total + top + torch.log(torch.exp(row - top).sum()) - row[target]
            count += 1
    return (total / count).to(logits.dtype)
