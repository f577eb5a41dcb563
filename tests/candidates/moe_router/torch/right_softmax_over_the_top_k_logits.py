"""Correct: the weights as a softmax over the k largest logits. exp(l_i) / sum over the k of exp(l_j)
is p_i / sum over the k of p_j (the full softmax's denominator cancels): the renormalised
probabilities exactly, and the same function of the logits, so the same gradients. The loss still
needs the full softmax for P."""
import torch
from torch import nn


def moe_forward(x: torch.Tensor, router_weight: torch.Tensor, experts: list[nn.Module],
                top_k: int) -> tuple[torch.Tensor, torch.Tensor]:
    logits = x @ router_weight.T
    top_logits, chosen = logits.topk(top_k, dim=-1)     # softmax is monotone: the same experts
    weights = torch.softmax(top_logits, dim=-1)
    out = torch.zeros_like(x)
    for expert_id, expert in enumerate(experts):
        tokens, slots = (chosen == expert_id).nonzero(as_tuple=True)
        if len(tokens):
            out = out.index_add(0, tokens, weights[tokens, slots, None] * expert(x[tokens]))
    num_experts = len(experts)
    fraction = nn.functional.one_hot(chosen, num_experts).sum(dim=(0, 1)).to(x.dtype) / x.shape[0]
    mean_probs = torch.softmax(logits, dim=-1).mean(dim=0)
    return out, num_experts * (fraction * mean_probs).sum()
