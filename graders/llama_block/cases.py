"""llama_block shapes, their cases and the float64 oracle.

`calls()` are single calls on a whole sequence (no past): check_module's output, cache and
gradients. `decodings()` split a sequence into chunks fed one after another, each call given the
cache the candidate's previous call returned; every call is held to one call on the whole sequence.

Weights: every projection ~N(0, 1/fan_in) (unit-scale features, scores of order 1, so that a key's
position, and so RoPE, visibly moves its weight), the two RMSNorm weights ~N(1, 0.5²) (a norm that
ignores its weight is far off)."""
from __future__ import annotations

import math
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn

from interviewkit.grader import Case, normal


@dataclass(frozen=True)
class Shape:
    """A block's construction and the sequence it runs on."""

    name: str
    batch: int
    tokens: int
    dim: int
    num_heads: int
    num_kv_heads: int
    hidden_dim: int
    dtype: str = "float32"
    rope_base: float | None = None  # None: the default, 10000.0
    eps: float | None = None  # None: the default, 1e-6
    scale: float = 1.0  # of x
    chunks: tuple[int, ...] = ()  # decoding: how many new tokens each call gets (they sum to `tokens`)
    empty_past: bool = False  # decoding: the first call gets a cache of T_past = 0 instead of None

    def __str__(self) -> str:
        return self.name

    @property
    def head_dim(self) -> int:
        return self.dim // self.num_heads

    def init(self) -> dict:
        init = {"dim": self.dim, "num_heads": self.num_heads, "num_kv_heads": self.num_kv_heads,
                "hidden_dim": self.hidden_dim}
        if self.rope_base is not None:
            init["rope_base"] = self.rope_base
        if self.eps is not None:
            init["eps"] = self.eps
        return init

    def case(self) -> Case:
        return Case(self.name, x=normal((self.batch, self.tokens, self.dim), scale=self.scale, dtype=self.dtype))

    def oracle(self) -> "ReferenceLlamaBlock":
        block = ReferenceLlamaBlock(**self.init())
        with torch.no_grad():
            for name, parameter in block.named_parameters():
                if name.endswith("layernorm.weight"):
                    parameter.normal_(1.0, 0.5)
                else:
                    parameter.normal_(0.0, 1.0 / math.sqrt(parameter.shape[1]))
        return block


def calls() -> list[Shape]:
    """One call on a whole sequence: the groupings (GQA, MQA, MHA) crossed with the dtype, the
    options crossed pairwise, and the shapes a misreading would confuse made equal."""
    return [
        Shape("four_query_heads_sharing_two_kv_heads", 2, 5, 32, 4, 2, 48),
        Shape("six_query_heads_sharing_three_kv_heads_in_float64", 2, 6, 48, 6, 3, 64, "float64"),
        Shape("multi_query_one_kv_head", 2, 6, 32, 4, 1, 48),
        Shape("multi_query_one_kv_head_in_float64", 3, 5, 24, 3, 1, 40, "float64"),
        Shape("multi_head_as_many_kv_heads_as_query_heads", 2, 5, 24, 3, 3, 32),
        Shape("multi_head_as_many_kv_heads_as_query_heads_in_float64", 2, 4, 32, 2, 2, 48, "float64"),
        Shape("sequence_as_long_as_a_head", 2, 8, 32, 4, 2, 48),
        Shape("batch_as_large_as_the_number_of_heads", 4, 5, 32, 4, 2, 48),
        # B == T == num_heads: x read as (T, B, D), or heads and time mixed up, keeps every shape.
        Shape("batch_sequence_and_heads_all_four", 4, 4, 32, 4, 2, 48),
        Shape("hidden_as_wide_as_the_model", 2, 5, 16, 4, 2, 16),
        Shape("heads_of_two_features", 2, 6, 8, 4, 2, 24),
        # 3 heads of 6 features in a model of width 20: q_proj is 20 -> 18 and o_proj 18 -> 20.
        Shape("model_width_not_a_multiple_of_the_heads", 2, 5, 20, 3, 1, 32),
        Shape("one_token", 3, 1, 32, 4, 2, 48),
        # Position 0 only: RoPE is the identity, and float64 holds the norms and the MLP to 1e-10.
        Shape("one_token_in_float64", 3, 1, 32, 4, 2, 48, "float64"),
        # eps = 0.5 against a mean square of about 1 (x, then the residual stream): eps decides much.
        Shape("large_eps", 2, 5, 32, 4, 2, 48, eps=0.5),
        # x ~ 1e-3: a mean square of 1e-6, as large as the default eps, which must sit under the root.
        Shape("tiny_activations_against_the_default_eps", 2, 5, 32, 4, 2, 48, scale=1e-3),
        # Base 100: the slowest frequencies turn visibly within a few positions.
        Shape("small_rope_base", 2, 7, 32, 4, 2, 48, rope_base=100.0),
        Shape("small_rope_base_and_large_eps_in_float64", 2, 6, 32, 4, 1, 48, "float64", rope_base=50.0, eps=0.25),
    ]


def decodings() -> list[Shape]:
    """Sequences fed in chunks, each call with the cache of the one before."""
    return [
        Shape("token_by_token_from_the_first", 2, 6, 32, 4, 2, 48, chunks=(1,) * 6),
        Shape("prompt_then_single_tokens", 3, 7, 32, 4, 1, 48, chunks=(4, 1, 1, 1)),
        Shape("prompt_then_single_tokens_in_float64", 2, 6, 48, 6, 2, 64, "float64", chunks=(3, 1, 1, 1)),
        # Several new tokens after a past: each sees the cache and the new tokens up to itself only.
        Shape("prompt_then_chunks_of_several_tokens", 2, 9, 24, 3, 3, 32, chunks=(3, 2, 1, 3)),
        Shape("multi_head_token_by_token_in_float64", 2, 5, 24, 3, 3, 32, "float64", chunks=(2, 1, 1, 1)),
        Shape("batch_as_large_as_the_number_of_heads_token_by_token", 4, 5, 32, 4, 2, 48, chunks=(2, 1, 1, 1)),
        # Positions up to 25: a cache offset read wrong turns the keys by many radians.
        Shape("long_prompt_then_single_tokens", 1, 26, 32, 4, 2, 48, chunks=(24, 1, 1)),
        Shape("small_rope_base_and_large_eps_token_by_token", 2, 5, 32, 4, 2, 48, rope_base=100.0, eps=0.5,
              chunks=(2, 1, 1, 1)),
        # Each option set alone, the other at its default (pairwise with the case above): base 100
        # after a prompt of five turns the slow frequencies visibly at every new position, and
        # eps = 0.5 weighs on both norms while chunks of several tokens follow an empty past.
        Shape("small_rope_base_prompt_then_single_tokens_in_float64", 2, 8, 32, 4, 1, 48, "float64", rope_base=100.0,
              chunks=(5, 1, 1, 1)),
        Shape("large_eps_from_an_empty_past_in_chunks_of_several_tokens", 2, 7, 24, 3, 3, 32, eps=0.5,
              empty_past=True, chunks=(3, 2, 2)),
        # T_past = 0 tensors behave as None: on a whole sequence, then on a prompt followed by tokens.
        Shape("empty_past_on_a_whole_sequence", 2, 5, 32, 4, 2, 48, empty_past=True, chunks=(5,)),
        Shape("empty_past_then_single_tokens_in_float64", 2, 5, 32, 4, 1, 48, "float64", empty_past=True,
              chunks=(3, 1, 1)),
    ]


class ReferenceRMSNorm(nn.Module):
    def __init__(self, dim: int, eps: float):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(dim, dtype=torch.float64))

    def forward(self, x):
        return F.rms_norm(x, (x.shape[-1],), self.weight, self.eps)


class ReferenceAttention(nn.Module):
    """Grouped-query attention with rotate-half RoPE on q and k at positions T_past .. T_past + T - 1;
    the cache holds the keys after RoPE. Query head h reads kv head h // (num_heads // num_kv_heads)."""

    def __init__(self, dim: int, num_heads: int, num_kv_heads: int, rope_base: float):
        super().__init__()
        self.num_heads, self.num_kv_heads, self.rope_base = num_heads, num_kv_heads, rope_base
        self.head_dim = dim // num_heads
        linear = lambda fan_in, fan_out: nn.Linear(fan_in, fan_out, bias=False, dtype=torch.float64)
        self.q_proj = linear(dim, num_heads * self.head_dim)
        self.k_proj = linear(dim, num_kv_heads * self.head_dim)
        self.v_proj = linear(dim, num_kv_heads * self.head_dim)
        self.o_proj = linear(num_heads * self.head_dim, dim)

    def heads(self, x: torch.Tensor, count: int) -> torch.Tensor:
        return x.unflatten(-1, (count, self.head_dim)).transpose(1, 2)

    def rotate(self, x: torch.Tensor, positions: torch.Tensor) -> torch.Tensor:
        half = self.head_dim // 2
        inv_freq = self.rope_base ** (-2.0 * torch.arange(half, dtype=torch.float64) / self.head_dim)
        theta = positions[:, None] * inv_freq[None, :]
        cos, sin = torch.cos(theta).repeat(1, 2), torch.sin(theta).repeat(1, 2)
        return x * cos + torch.cat([-x[..., half:], x[..., :half]], dim=-1) * sin

    def forward(self, x, past_kv=None):
        new = x.shape[1]
        past = 0 if past_kv is None else past_kv[0].shape[2]
        positions = torch.arange(past, past + new, dtype=torch.float64)
        q = self.rotate(self.heads(self.q_proj(x), self.num_heads), positions)
        k = self.rotate(self.heads(self.k_proj(x), self.num_kv_heads), positions)
        v = self.heads(self.v_proj(x), self.num_kv_heads)
        if past_kv is not None:
            k, v = torch.cat([past_kv[0], k], dim=2), torch.cat([past_kv[1], v], dim=2)
        group = self.num_heads // self.num_kv_heads
        # Hugging Face's repeat_kv: expand each kv head `group` times, side by side.
        keys = k[:, :, None].expand(-1, -1, group, -1, -1).flatten(1, 2)
        values = v[:, :, None].expand(-1, -1, group, -1, -1).flatten(1, 2)
        total = k.shape[2]
        allowed = torch.ones(new, total, dtype=torch.bool).tril(total - new)
        scores = (q @ keys.transpose(-2, -1) / math.sqrt(self.head_dim)).masked_fill(~allowed, -math.inf)
        out = torch.softmax(scores, dim=-1) @ values
        return self.o_proj(out.transpose(1, 2).flatten(2)), (k, v)


class ReferenceMLP(nn.Module):
    def __init__(self, dim: int, hidden_dim: int):
        super().__init__()
        self.gate_proj = nn.Linear(dim, hidden_dim, bias=False, dtype=torch.float64)
        self.up_proj = nn.Linear(dim, hidden_dim, bias=False, dtype=torch.float64)
        self.down_proj = nn.Linear(hidden_dim, dim, bias=False, dtype=torch.float64)

    def forward(self, x):
        return self.down_proj(F.silu(self.gate_proj(x)) * self.up_proj(x))


class ReferenceLlamaBlock(nn.Module):
    """Hugging Face's LlamaDecoderLayer (no biases, rotate-half RoPE) in float64, with its names."""

    def __init__(self, dim: int, num_heads: int, num_kv_heads: int, hidden_dim: int, rope_base: float = 10000.0,
                 eps: float = 1e-6):
        super().__init__()
        self.input_layernorm = ReferenceRMSNorm(dim, eps)
        self.self_attn = ReferenceAttention(dim, num_heads, num_kv_heads, rope_base)
        self.post_attention_layernorm = ReferenceRMSNorm(dim, eps)
        self.mlp = ReferenceMLP(dim, hidden_dim)

    def forward(self, x, past_kv=None):
        attended, cache = self.self_attn(self.input_layernorm(x), past_kv)
        h = x + attended
        return h + self.mlp(self.post_attention_layernorm(h)), cache


@torch.no_grad()
def score_condition(oracle: ReferenceLlamaBlock, x: torch.Tensor) -> float:
    """max(1, s / 4), s the largest sum of |q_d|·|k_d| / sqrt(D) over a query head and a key of its kv
    head (projected, before RoPE): float32 rounds each score to a few eps of s, and the gradients of
    the projections, sums over every token of products through the softmax, carry that error."""
    attention = oracle.self_attn
    normed = oracle.input_layernorm(x)
    q = attention.heads(attention.q_proj(normed), attention.num_heads).abs()
    k = attention.heads(attention.k_proj(normed), attention.num_kv_heads).abs()
    k = k.repeat_interleave(attention.num_heads // attention.num_kv_heads, dim=1)
    s = float((q @ k.transpose(-2, -1)).amax()) / math.sqrt(attention.head_dim)
    return max(1.0, s / 4)


# The submodules in the order they run: a wrong output names the first whose output parts.
LOCATE = ("input_layernorm", "self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj", "self_attn.o_proj",
          "post_attention_layernorm", "mlp.gate_proj", "mlp.up_proj", "mlp.down_proj")
