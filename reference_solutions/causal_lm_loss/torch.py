import torch


def causal_lm_loss(logits: torch.Tensor, labels: torch.Tensor, ignore_index: int = -100) -> torch.Tensor:
    logits, targets = logits[:, :-1], labels[:, 1:]  # position t predicts the token at t + 1
    kept = targets != ignore_index
    # An ignored target may be any integer: gather a valid index there, then drop its term.
    picked = logits.gather(-1, targets.masked_fill(~kept, 0).unsqueeze(-1)).squeeze(-1)
    losses = torch.logsumexp(logits, dim=-1) - picked  # -log softmax(logits)[target], stable
    return torch.where(kept, losses, 0.0).sum() / kept.sum()  # one mean over every kept target
