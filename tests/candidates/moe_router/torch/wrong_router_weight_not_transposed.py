"""Classic bug: the logits as x @ router_weight, forgetting that nn.Linear's weight is (out, in):
it runs only where D == E, and then routes by the wrong matrix."""
# expect-fail: moe_forward[as_many_experts_as_features] moe_forward[tokens_features_and_experts_all_four] moe_forward[top_two_of_four_experts]
# hint: route-then-group
import torch
from torch import nn


def moe_forward(x, router_weight, experts, top_k):
    num_tokens, num_experts = x.shape[0], router_weight.shape[0]
    probs = torch.softmax(x @ router_weight, dim=-1)
    top_probs, chosen = probs.topk(top_k, dim=-1)
    weights = top_probs / top_probs.sum(dim=-1, keepdim=True)
    out = torch.zeros_like(x)
    for expert_id, expert in enumerate(experts):
        tokens, slots = torch.where(chosen == expert_id)
        if tokens.numel():
            out = out.index_add(0, tokens, weights[tokens, slots].unsqueeze(-1) * expert(x[tokens]))
    fraction = torch.bincount(chosen.flatten(), minlength=num_experts).to(x.dtype) / num_tokens
    return out, num_experts * (fraction * probs.mean(dim=0)).sum()
