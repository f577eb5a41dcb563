"""Classic inefficiency: the module keeps the tokens it has seen and projects the whole prefix again at
every step, ignoring the cache's values: the outputs are right, the work per token grows with the context."""
# expect-fail: decoding_with_the_cache[token_by_token_from_the_first] decoding_with_the_cache[prompt_then_single_tokens]
# hint: the-cache-and-the-offset-mask
import math

import torch
from torch import nn


class GroupedQueryAttention(nn.Module):
    def __init__(self, embed_dim, num_heads, num_kv_heads, bias=False):
        super().__init__()
        assert embed_dim % num_heads == 0 and num_heads % num_kv_heads == 0
        self.num_heads, self.num_kv_heads = num_heads, num_kv_heads
        self.head_dim = embed_dim // num_heads
        self.q_proj = nn.Linear(embed_dim, embed_dim, bias=bias)
        self.k_proj = nn.Linear(embed_dim, num_kv_heads * self.head_dim, bias=bias)
        self.v_proj = nn.Linear(embed_dim, num_kv_heads * self.head_dim, bias=bias)
        self.out_proj = nn.Linear(embed_dim, embed_dim, bias=bias)

    def forward(self, x, past_kv=None):
        batch, new, _ = x.shape
        # (B, T, heads * D) -> (B, heads, T, D)
        q = self.q_proj(x).view(batch, new, self.num_heads, self.head_dim).transpose(1, 2)
        # Keeps every token seen so far and projects them all again: O(S) projections per step.
        self.seen = x if past_kv is None or past_kv[0].shape[2] == 0 else torch.cat([self.seen, x], dim=1)
        k = self.k_proj(self.seen).view(batch, -1, self.num_kv_heads, self.head_dim).transpose(1, 2)
        v = self.v_proj(self.seen).view(batch, -1, self.num_kv_heads, self.head_dim).transpose(1, 2)
        # Query heads h*G .. h*G + G-1 share kv head h (Hugging Face's repeat_kv).
        group = self.num_heads // self.num_kv_heads
        keys = k.repeat_interleave(group, dim=1)
        values = v.repeat_interleave(group, dim=1)
        scores = q @ keys.transpose(-2, -1) / math.sqrt(self.head_dim)  # (B, H, T, T_past + T)
        past = k.shape[2] - new
        # New token t sits at position past + t: it sees every cached key and the new ones up to itself.
        allowed = torch.ones(new, past + new, dtype=torch.bool, device=x.device).tril(diagonal=past)
        scores = scores.masked_fill(~allowed, float("-inf"))
        out = torch.softmax(scores, dim=-1) @ values  # (B, H, T, D)
        return self.out_proj(out.transpose(1, 2).reshape(batch, new, -1)), (k, v)
