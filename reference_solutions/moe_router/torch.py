import torch
from torch import nn


def moe_forward(x: torch.Tensor, router_weight: torch.Tensor, experts: list[nn.Module],
                top_k: int) -> tuple[torch.Tensor, torch.Tensor]:
    num_tokens, num_experts = x.shape[0], router_weight.shape[0]
    probs = torch.softmax(x @ router_weight.T, dim=-1)                      # (T, E)
    top_probs, chosen = probs.topk(top_k, dim=-1)                            # (T, k)
    weights = top_probs / top_probs.sum(dim=-1, keepdim=True)               # renormalised over the k
    out = torch.zeros_like(x)
    for expert_id, expert in enumerate(experts):
        tokens, slots = torch.where(chosen == expert_id)  # top-k ids are distinct: a token at most once
        if tokens.numel() == 0:
            continue                                      # an expert nobody chose does no work
        routed = weights[tokens, slots].unsqueeze(-1) * expert(x[tokens])
        out = out.index_add(0, tokens, routed)
    # f: the share of (token, slot) pairs each expert got, a count: no gradient flows through it.
    counts = torch.bincount(chosen.flatten(), minlength=num_experts)
    fraction = counts.to(x.dtype) / num_tokens
    aux_loss = num_experts * (fraction * probs.mean(dim=0)).sum()
    return out, aux_loss
