"""Classic bug: dense: every expert runs on all T tokens and the unchosen ones are masked to 0 —
the right numbers at E/k times the work, and experts run that no token chose."""
# expect-fail: moe_forward[an_expert_no_token_chooses*] moe_forward[top_one_of_four_experts] moe_forward[a_single_token*] moe_forward[every_token_to_one_expert] moe_forward[two_experts_no_token_chooses_top_one]
# hint: route-then-group
import torch
from torch import nn


def moe_forward(x, router_weight, experts, top_k):
    num_tokens, num_experts = x.shape[0], router_weight.shape[0]
    probs = torch.softmax(x @ router_weight.T, dim=-1)
    top_probs, chosen = probs.topk(top_k, dim=-1)
    weights = top_probs / top_probs.sum(dim=-1, keepdim=True)
    gates = torch.zeros_like(probs).scatter(1, chosen, weights)            # (T, E), 0 where not chosen
    every = torch.stack([expert(x) for expert in experts], dim=1)          # (T, E, D)
    out = (gates.unsqueeze(-1) * every).sum(dim=1)
    fraction = torch.bincount(chosen.flatten(), minlength=num_experts).to(x.dtype) / num_tokens
    return out, num_experts * (fraction * probs.mean(dim=0)).sum()
