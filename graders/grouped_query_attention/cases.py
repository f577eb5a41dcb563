"""Grouped-query attention cases and the float64 oracle.

`calls()` are single calls on a whole sequence (no past): check_module's output, cache and
gradients. `decodings()` split a sequence into chunks fed one after another, each call given the
cache the candidate's previous call returned; every call is held to one call on the whole
sequence."""
from __future__ import annotations

import math
from dataclasses import dataclass

import torch
from torch import nn

from interviewkit.grader import Case, normal

# The default init gives nearly uniform attention; a sharper query projection makes every key's
# weight (and so every masking or head-pairing slip) show.
QUERY_GAIN = 4.0


@dataclass(frozen=True)
class Shape:
    """A module's construction and the sequence it runs on."""

    name: str
    batch: int
    tokens: int
    embed_dim: int
    num_heads: int
    num_kv_heads: int
    bias: bool = False
    dtype: str = "float32"
    chunks: tuple[int, ...] = ()  # decoding: how many new tokens each call gets (they sum to `tokens`)
    empty_past: bool = False  # decoding: the first call gets a cache of T_past = 0 instead of None

    def __str__(self) -> str:
        return self.name

    @property
    def head_dim(self) -> int:
        return self.embed_dim // self.num_heads

    def init(self) -> dict:
        init = {"embed_dim": self.embed_dim, "num_heads": self.num_heads, "num_kv_heads": self.num_kv_heads}
        return {**init, "bias": True} if self.bias else init

    def case(self) -> Case:
        return Case(self.name, x=normal((self.batch, self.tokens, self.embed_dim), dtype=self.dtype))

    def oracle(self) -> "ReferenceGroupedQueryAttention":
        module = ReferenceGroupedQueryAttention(self.embed_dim, self.num_heads, self.num_kv_heads, self.bias)
        with torch.no_grad():
            module.q_proj.weight.mul_(QUERY_GAIN)
        return module


def calls() -> list[Shape]:
    """One call on a whole sequence: the groupings (GQA, MQA, MHA) crossed with bias and dtype."""
    return [
        Shape("four_query_heads_sharing_two_kv_heads", 2, 5, 16, 4, 2),
        Shape("six_query_heads_sharing_three_kv_heads_with_bias_in_float64", 3, 6, 24, 6, 3, True, "float64"),
        Shape("six_query_heads_sharing_two_kv_heads_with_bias", 2, 5, 24, 6, 2, True),
        Shape("batch_as_large_as_the_number_of_heads", 4, 5, 16, 4, 2, True),
        Shape("multi_query_one_kv_head_with_bias", 2, 6, 24, 6, 1, True),
        Shape("multi_query_one_kv_head_in_float64", 3, 5, 16, 4, 1, False, "float64"),
        Shape("multi_head_as_many_kv_heads_as_query_heads", 2, 5, 12, 3, 3),
        Shape("multi_head_as_many_kv_heads_as_query_heads_with_bias_in_float64", 2, 4, 16, 2, 2, True, "float64"),
        Shape("sequence_as_long_as_a_head", 2, 8, 32, 4, 2),
        # B == T: x read as (T, B, E), nn.MultiheadAttention's default layout, keeps every shape.
        Shape("batch_as_large_as_the_sequence", 5, 5, 16, 4, 2, True),
        # T == H_kv: a cache returned as (B, T, H_kv, D) instead of (B, H_kv, T, D) keeps its shape.
        Shape("as_many_tokens_as_kv_heads", 2, 3, 24, 6, 3),
        Shape("one_token", 3, 1, 16, 4, 2, True),
    ]


def decodings() -> list[Shape]:
    """Sequences fed in chunks, each call with the cache of the one before."""
    return [
        Shape("token_by_token_from_the_first", 2, 6, 16, 4, 2, chunks=(1,) * 6),
        Shape("prompt_then_single_tokens", 3, 7, 24, 6, 3, True, chunks=(4, 1, 1, 1)),
        Shape("prompt_then_single_tokens_in_float64", 2, 6, 24, 6, 2, True, "float64", chunks=(3, 1, 1, 1)),
        # Several new tokens after a past: each sees the cache and the new tokens up to itself only.
        Shape("prompt_then_chunks_of_several_tokens", 2, 9, 16, 4, 2, chunks=(3, 2, 1, 3)),
        Shape("chunks_of_several_tokens_in_float64", 4, 7, 16, 4, 2, False, "float64", chunks=(2, 3, 2)),
        Shape("multi_query_token_by_token", 4, 5, 24, 6, 1, chunks=(2, 1, 1, 1)),
        Shape("multi_head_token_by_token_with_bias", 2, 5, 12, 3, 3, True, chunks=(1, 1, 2, 1)),
        Shape("batch_as_large_as_the_number_of_heads_token_by_token", 4, 5, 16, 4, 2, True, chunks=(2, 1, 1, 1)),
        # T_past = 0 tensors behave as None: on a whole sequence, then on a prompt followed by tokens.
        Shape("empty_past_on_a_whole_sequence", 2, 5, 16, 4, 2, True, empty_past=True, chunks=(5,)),
        Shape("empty_past_then_single_tokens_in_float64", 2, 5, 16, 4, 1, False, "float64", empty_past=True,
              chunks=(3, 1, 1)),
    ]


class ReferenceGroupedQueryAttention(nn.Module):
    """The contract's module in float64: query head h reads kv head h // (num_heads // num_kv_heads)."""

    def __init__(self, embed_dim: int, num_heads: int, num_kv_heads: int, bias: bool = False):
        super().__init__()
        self.num_heads, self.num_kv_heads = num_heads, num_kv_heads
        self.head_dim = embed_dim // num_heads
        width = num_kv_heads * self.head_dim
        self.q_proj = nn.Linear(embed_dim, embed_dim, bias=bias, dtype=torch.float64)
        self.k_proj = nn.Linear(embed_dim, width, bias=bias, dtype=torch.float64)
        self.v_proj = nn.Linear(embed_dim, width, bias=bias, dtype=torch.float64)
        self.out_proj = nn.Linear(embed_dim, embed_dim, bias=bias, dtype=torch.float64)

    def heads(self, x: torch.Tensor, count: int) -> torch.Tensor:
        return x.unflatten(-1, (count, self.head_dim)).transpose(1, 2)

    def forward(self, x, past_kv=None):
        q = self.heads(self.q_proj(x), self.num_heads)
        k, v = self.heads(self.k_proj(x), self.num_kv_heads), self.heads(self.v_proj(x), self.num_kv_heads)
        if past_kv is not None:
            k, v = torch.cat([past_kv[0], k], dim=2), torch.cat([past_kv[1], v], dim=2)
        group = self.num_heads // self.num_kv_heads
        # Hugging Face's repeat_kv: expand each kv head `group` times, side by side.
        keys = k[:, :, None].expand(-1, -1, group, -1, -1).flatten(1, 2)
        values = v[:, :, None].expand(-1, -1, group, -1, -1).flatten(1, 2)
        new, total = x.shape[1], k.shape[2]
        allowed = torch.ones(new, total, dtype=torch.bool).tril(total - new)
        scores = (q @ keys.transpose(-2, -1) / math.sqrt(self.head_dim)).masked_fill(~allowed, -math.inf)
        out = torch.softmax(scores, dim=-1) @ values
        return self.out_proj(out.transpose(1, 2).flatten(2)), (k, v)
