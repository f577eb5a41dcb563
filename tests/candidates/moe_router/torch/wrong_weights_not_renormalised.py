"""Classic bug: the k probabilities used as the weights without renormalising them over the k."""
# expect-fail: moe_forward[top_one_of_four_experts] moe_forward[top_two_*] moe_forward[a_single_token*] moe_forward[mlp_experts_top_one] moe_forward[top_one_in_float64]
# hint: weights-and-the-loss
import torch
from torch import nn


def moe_forward(x, router_weight, experts, top_k):
    num_tokens, num_experts = x.shape[0], router_weight.shape[0]
    probs = torch.softmax(x @ router_weight.T, dim=-1)
    weights, chosen = probs.topk(top_k, dim=-1)
    out = torch.zeros_like(x)
    for expert_id, expert in enumerate(experts):
        tokens, slots = torch.where(chosen == expert_id)
        if tokens.numel():
            out = out.index_add(0, tokens, weights[tokens, slots].unsqueeze(-1) * expert(x[tokens]))
    fraction = torch.bincount(chosen.flatten(), minlength=num_experts).to(x.dtype) / num_tokens
    return out, num_experts * (fraction * probs.mean(dim=0)).sum()
