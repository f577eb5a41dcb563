"""Classic bug: f divided by T·k, the share of all slots, where Mixtral's load_balancing_loss_func
sums each slot's share (divides by T): the loss is k times too small."""
# expect-fail: moe_forward[top_two_*] moe_forward[top_three_of_five_experts] moe_forward[every_expert_chosen*] moe_forward[one_expert_in_every_token_s_top_two] moe_forward[a_single_token]
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
    fraction = torch.bincount(chosen.flatten(), minlength=num_experts).to(x.dtype) / (num_tokens * top_k)
    return out, num_experts * (fraction * probs.mean(dim=0)).sum()
