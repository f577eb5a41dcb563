"""Classic bug: f's value is the count, but a straight-through trick lets the gradient of the routed
probabilities flow through it; the contract's f is a constant, the gradient flows through P only."""
# expect-fail: moe_forward[top_two_of_four_experts] moe_forward[top_one_of_four_experts] moe_forward[every_token_to_one_expert] moe_forward[every_expert_chosen_in_float64] moe_forward[a_single_token]
# hint: weights-and-the-loss
import torch
from torch import nn


def moe_forward(x, router_weight, experts, top_k):
    num_tokens, num_experts = x.shape[0], router_weight.shape[0]
    probs = torch.softmax(x @ router_weight.T, dim=-1)
    top_probs, chosen = probs.topk(top_k, dim=-1)
    weights = top_probs / top_probs.sum(dim=-1, keepdim=True)
    out = torch.zeros_like(x)
    for expert_id, expert in enumerate(experts):
        tokens, slots = torch.where(chosen == expert_id)
        if tokens.numel():
            out = out.index_add(0, tokens, weights[tokens, slots].unsqueeze(-1) * expert(x[tokens]))
    routed = torch.zeros_like(probs).scatter(1, chosen, top_probs)
    fraction = (routed / routed.detach().clamp_min(1e-30)).sum(dim=0) / num_tokens   # 1 per pair, in value
    return out, num_experts * (fraction * probs.mean(dim=0)).sum()
