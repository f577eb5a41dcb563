"""Correct: the router and the loss in float64, cast back to x's dtype; the experts run on x's own
dtype (their weights are in it), each once on its tokens."""
import torch
from torch import nn


def moe_forward(x, router_weight, experts, top_k):
    num_tokens, num_experts = x.shape[0], router_weight.shape[0]
    probs = torch.softmax(x.double() @ router_weight.double().T, dim=-1)
    top_probs, chosen = probs.topk(top_k, dim=-1)
    weights = (top_probs / top_probs.sum(dim=-1, keepdim=True)).to(x.dtype)
    rows = []
    for expert_id in range(num_experts):
        routed = chosen == expert_id                               # (T, k), at most one True per row
        if routed.any():
            tokens = routed.any(dim=-1).nonzero().flatten()
            gate = (weights * routed).sum(dim=-1)[tokens, None]
            rows.append((tokens, gate * experts[expert_id](x[tokens])))
    out = torch.zeros_like(x)
    for tokens, values in rows:
        out = out.index_add(0, tokens, values)
    fraction = torch.stack([(chosen == i).sum() for i in range(num_experts)]).double() / num_tokens
    aux_loss = num_experts * (fraction * probs.mean(dim=0)).sum()
    return out, aux_loss.to(x.dtype)
