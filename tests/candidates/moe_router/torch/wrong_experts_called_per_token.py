"""Classic bug: one expert call per (token, slot): the right numbers, but T·k small calls where each
expert should run once on the batch of its tokens."""
# expect-fail: moe_forward[top_two_of_four_experts] moe_forward[every_expert_chosen] moe_forward[every_token_to_one_expert] moe_forward[mlp_experts_*] moe_forward[*_in_float64]
# hint: route-then-group
import torch
from torch import nn


def moe_forward(x, router_weight, experts, top_k):
    num_tokens, num_experts = x.shape[0], router_weight.shape[0]
    probs = torch.softmax(x @ router_weight.T, dim=-1)
    top_probs, chosen = probs.topk(top_k, dim=-1)
    weights = top_probs / top_probs.sum(dim=-1, keepdim=True)
    rows = []
    for t in range(num_tokens):
        row = 0
        for j in range(top_k):
            row = row + weights[t, j] * experts[int(chosen[t, j])](x[t:t + 1])[0]
        rows.append(row)
    out = torch.stack(rows)
    fraction = torch.bincount(chosen.flatten(), minlength=num_experts).to(x.dtype) / num_tokens
    return out, num_experts * (fraction * probs.mean(dim=0)).sum()
