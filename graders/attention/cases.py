"""Attention cases and the float64 oracles, shared by both tracks.

`function_cases()` feed `scaled_dot_product_attention(q, k, v, mask=None)`. `module_cases()` feed
`MultiHeadAttention(...).forward(query, key, value, mask=None)`; their weights are drawn here, in
the NumPy layout (`x @ w`), so that both tracks and the oracle use the same numbers."""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

from interviewkit.grader import Case, Diagnosis, Recipe, causal_mask, mask, normal

WEIGHT_SEED_SALT = 4099
BIAS_SCALE = 0.5


def attention_inputs(q, k, v, dtype="float32", scale=1.0, shift=0.0) -> dict:
    """Queries and keys ~N(±shift, scale²), values ~N(0, 1)."""
    return {"q": normal(q, scale=scale, shift=shift, dtype=dtype),
            "k": normal(k, scale=scale, shift=-shift if shift else 0.0, dtype=dtype),
            "v": normal(v, dtype=dtype)}


def function_cases() -> list[Case]:
    batched = attention_inputs((2, 3, 4, 8), (2, 3, 6, 8), (2, 3, 6, 8))
    return [
        Case("self_attention", **attention_inputs((2, 5, 8), (2, 5, 8), (2, 5, 8))),
        Case("more_keys_and_narrower_values", **attention_inputs((2, 3, 8), (2, 7, 8), (2, 7, 5))),
        Case("unbatched", **attention_inputs((5, 8), (6, 8), (6, 8))),
        Case("four_dims_with_a_full_mask", **attention_inputs((2, 3, 5, 4), (2, 3, 6, 4), (2, 3, 6, 5)),
             mask=mask((2, 3, 5, 6))),
        Case("mask_shared_by_every_batch", **batched, mask=mask((4, 6))),
        # As many queries as batches: a (L, S) mask read as a (B, S) key-padding mask fits the shapes.
        Case("mask_shared_by_every_batch_with_as_many_queries_as_batches",
             **attention_inputs((3, 2, 3, 8), (3, 2, 5, 8), (3, 2, 5, 8)), mask=mask((3, 5))),
        Case("mask_per_batch_shared_by_heads", **batched, mask=mask((2, 1, 4, 6))),
        Case("key_padding_mask", **batched, mask=mask((2, 1, 1, 6), keep=0.5)),
        Case("causal_mask", **attention_inputs((1, 6, 8), (1, 6, 8), (1, 6, 8)), mask=causal_mask(6)),
        # Most rows keep one or two keys: the output is (nearly) those keys' values.
        Case("sparse_mask", **attention_inputs((2, 5, 8), (2, 7, 8), (2, 7, 6)), mask=mask((2, 5, 7), keep=0.15)),
        # Scores of a few hundred: exp overflows float32 unless each row's maximum is subtracted first.
        Case("large_scores", **attention_inputs((2, 6, 16), (2, 6, 16), (2, 6, 16), scale=10.0)),
        # Scores of a few hundred, a third of the keys masked: the maximum must be the row's maximum
        # over the keys it may attend. Taken over every key, it can exceed the allowed ones by over
        # 100, and exp of every allowed key underflows to 0: 0 / 0.
        Case("large_scores_with_a_mask", **attention_inputs((2, 8, 16), (2, 8, 16), (2, 8, 16), scale=12.0),
             mask=mask((2, 8, 8), keep=0.35)),
        # Every score near -150: without the maximum, exp underflows float32 to 0, and 0 / 0 is NaN.
        Case("very_negative_scores", **attention_inputs((2, 5, 16), (2, 7, 16), (2, 7, 16), shift=6.0)),
        # Scores in the thousands overflow exp even in float64.
        Case("large_scores_float64", **attention_inputs((2, 5, 16), (2, 5, 16), (2, 5, 16), "float64", scale=30.0)),
        Case("float64_inputs", **attention_inputs((2, 4, 8), (2, 6, 8), (2, 6, 5), "float64"),
             mask=mask((2, 4, 6))),
    ]


@dataclass(frozen=True)
class ModuleCase:
    """The inputs of `forward`, the module's shape, and the scale of the weights drawn for it."""

    data: Case
    num_heads: int
    bias: bool = True
    score_scale: float = 1.0  # the query and key projections have weights ~N(0, score_scale² / E)

    def __str__(self) -> str:
        return self.data.name

    @property
    def embed_dim(self) -> int:
        return self.data.inputs["query"].shape[-1]

    @property
    def dtype(self) -> str:
        return self.data.inputs["query"].dtype

    def init(self) -> dict:
        init = {"embed_dim": self.embed_dim, "num_heads": self.num_heads}
        return init if self.bias else {**init, "bias": False}

    def weight_seed(self, seed_offset: int) -> int:
        return self.data.seed + seed_offset + WEIGHT_SEED_SALT

    def weight_recipes(self) -> dict[str, Recipe]:
        """Projections that keep unit-scale features (the query and key ones times `score_scale`)."""
        size = self.embed_dim
        scales = {"w_q": self.score_scale, "w_k": self.score_scale, "w_v": 1.0, "w_o": 1.0}
        recipes = {name: normal((size, size), scale=scale / math.sqrt(size), dtype=self.dtype)
                   for name, scale in scales.items()}
        recipes.update({name: normal((size,), scale=BIAS_SCALE, dtype=self.dtype)
                        for name in ("b_q", "b_k", "b_v", "b_o")})
        return recipes

    def weights(self, seed_offset: int) -> dict[str, np.ndarray]:
        """The weights in the NumPy layout (used as `x @ w`), in the inputs' dtype."""
        rng = np.random.default_rng(self.weight_seed(seed_offset))
        return {name: recipe.build(rng) for name, recipe in self.weight_recipes().items()}


def module_cases(bias_option: bool) -> list[ModuleCase]:
    def data(name, batch, queries, keys, embed_dim, attend=None, dtype="float32"):
        inputs = {"query": normal((batch, queries, embed_dim), dtype=dtype),
                  "key": normal((batch, keys, embed_dim), dtype=dtype),
                  "value": normal((batch, keys, embed_dim), dtype=dtype)}
        return Case(name, **inputs) if attend is None else Case(name, **inputs, mask=attend)

    cases = [
        ModuleCase(data("two_heads", 2, 5, 5, 8), num_heads=2),
        ModuleCase(data("one_head", 2, 5, 5, 8), num_heads=1),
        ModuleCase(data("four_heads_attending_to_a_longer_memory", 2, 4, 7, 16), num_heads=4),
        ModuleCase(data("batch_of_one_with_a_single_query", 1, 1, 6, 12), num_heads=3),
        ModuleCase(data("mask_shared_by_batch_and_heads", 2, 4, 6, 8, mask((4, 6))), num_heads=2),
        # L == B: a (L, S) mask read as a (B, S) key-padding mask fits the shapes and must still fail.
        ModuleCase(data("mask_shared_by_batch_and_heads_with_as_many_queries_as_batches", 3, 3, 5, 8, mask((3, 5))),
                   num_heads=2),
        ModuleCase(data("mask_per_batch_shared_by_heads", 2, 4, 6, 8, mask((2, 1, 4, 6))), num_heads=2),
        ModuleCase(data("mask_per_head", 2, 4, 6, 8, mask((2, 2, 4, 6))), num_heads=2),
        # Three dimensions broadcast as (H, L, S), not as (B, L, S) nor nn.MultiheadAttention's (B·H, L, S).
        ModuleCase(data("mask_per_head_shared_by_the_batch", 3, 4, 6, 8, mask((2, 4, 6))), num_heads=2),
        # B == H: a (H, L, S) mask read as (B, L, S) fits the shapes and must still fail.
        ModuleCase(data("mask_per_head_with_as_many_heads_as_batches", 2, 4, 6, 8, mask((2, 4, 6))), num_heads=2),
        ModuleCase(data("causal_mask", 2, 6, 6, 8, causal_mask(6)), num_heads=2),
        # Scores of a few hundred: exp overflows float32 unless each row's maximum is subtracted first.
        ModuleCase(data("large_scores", 2, 5, 5, 16), num_heads=2, score_scale=10.0),
        # The same with a third of the keys masked: the maximum is over the keys a query may attend.
        ModuleCase(data("large_scores_with_a_mask", 2, 8, 8, 16, mask((2, 2, 8, 8), keep=0.35)), num_heads=2,
                   score_scale=12.0),
        # Heads of width 6: a scale of 1/sqrt(6) rounded through float32 shows in float64.
        ModuleCase(data("run_in_float64", 2, 4, 6, 12, mask((2, 1, 4, 6)), dtype="float64"), num_heads=2),
    ]
    if bias_option:
        cases.append(ModuleCase(data("without_bias", 2, 5, 6, 8), num_heads=2, bias=False))
    return cases


def reference_attention(q, k, v, mask=None):
    """F.scaled_dot_product_attention's semantics (tests/test_attention_oracle.py proves it), written
    out: once the guard has wrapped the library's kernel, these few lines are the faster oracle."""
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    if mask is not None:
        scores = scores.masked_fill(~mask, -math.inf)
    return torch.softmax(scores, dim=-1) @ v


# --- diagnoses: classic bugs of the function a failing output is recognised as
# (katas/attention/hints.toml [causes] explains each) ---------------------------------------------

def _unscaled(q, k, v, mask=None):
    return reference_attention(q * math.sqrt(q.shape[-1]), k, v, mask)


def _softmax_over_the_queries(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    if mask is not None:
        scores = scores.masked_fill(~mask, -math.inf)
    return torch.softmax(scores, dim=-2) @ v


def _maximum_over_masked_keys(q, k, v, mask=None):
    """The row maximum taken over every key, masked ones too, then the masked exponentials zeroed:
    in float32, as the cases that catch it are, since the 0 / 0 it gives is float32's underflow."""
    scores = (q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])).float()
    e = torch.exp(scores - scores.amax(dim=-1, keepdim=True))
    if mask is not None:
        e = e * mask
    return (e / e.sum(dim=-1, keepdim=True)).double() @ v


DIAGNOSES = (
    Diagnosis("scores-not-scaled", _unscaled),
    Diagnosis("softmax-over-the-queries", _softmax_over_the_queries),
    Diagnosis("maximum-over-masked-keys", _maximum_over_masked_keys),
)


class ReferenceMultiHeadAttention(nn.Module):
    """The contract's module in float64: head h takes features [h*E/H, (h+1)*E/H) of each projection."""

    def __init__(self, embed_dim: int, num_heads: int, bias: bool = True):
        super().__init__()
        self.num_heads = num_heads
        linear = lambda: nn.Linear(embed_dim, embed_dim, bias=bias, dtype=torch.float64)
        self.q_proj, self.k_proj, self.v_proj, self.out_proj = linear(), linear(), linear(), linear()

    def heads(self, x: torch.Tensor) -> torch.Tensor:
        return x.unflatten(-1, (self.num_heads, -1)).transpose(1, 2)

    def forward(self, query, key, value, mask=None):
        out = reference_attention(self.heads(self.q_proj(query)), self.heads(self.k_proj(key)),
                                  self.heads(self.v_proj(value)), mask)
        return self.out_proj(out.transpose(1, 2).flatten(2))

    @torch.no_grad()
    def load_numpy_weights(self, weights: dict[str, np.ndarray]) -> "ReferenceMultiHeadAttention":
        """Weights in the NumPy layout (`x @ w`); nn.Linear keeps their transpose."""
        for suffix, projection in zip("qkvo", (self.q_proj, self.k_proj, self.v_proj, self.out_proj)):
            projection.weight.copy_(torch.from_numpy(weights[f"w_{suffix}"].astype(np.float64)).T)
            if projection.bias is not None:
                projection.bias.copy_(torch.from_numpy(weights[f"b_{suffix}"].astype(np.float64)))
        return self


class ReferenceNumpyMultiHeadAttention:
    """The numpy contract's MultiHeadAttention in float64: the weights as attributes in the NumPy
    layout (used as `x @ w`), forward computed by ReferenceMultiHeadAttention."""

    WEIGHTS = ("w_q", "w_k", "w_v", "w_o", "b_q", "b_k", "b_v", "b_o")

    def __init__(self, module: ReferenceMultiHeadAttention):
        self.module = module
        for suffix, projection in zip("qkvo", (module.q_proj, module.k_proj, module.v_proj, module.out_proj)):
            setattr(self, f"w_{suffix}", projection.weight.detach().T)
            setattr(self, f"b_{suffix}", projection.bias.detach())

    def forward(self, query, key, value, mask=None):
        return self.module(query, key, value, mask)


def reference_module(case: ModuleCase, seed_offset: int) -> ReferenceMultiHeadAttention:
    module = ReferenceMultiHeadAttention(case.embed_dim, case.num_heads, case.bias)
    return module.load_numpy_weights(case.weights(seed_offset))


def score_bound(q_abs: torch.Tensor, k_abs: torch.Tensor) -> float:
    """The largest sum of |q_d|·|k_d| / sqrt(D) over a query and a key: float32 rounds each score
    to within a few eps times it, and the output's error follows the scores'."""
    return float((q_abs @ k_abs.transpose(-2, -1)).amax()) / math.sqrt(q_abs.shape[-1])


def function_condition(q, k, **_) -> float:
    return max(1.0, 0.1 * score_bound(q.abs(), k.abs()))


@torch.no_grad()
def module_condition(oracle: ReferenceMultiHeadAttention, query, key, **_) -> float:
    def magnitude(x, projection):
        bias = projection.bias.abs() if projection.bias is not None else 0.0
        return oracle.heads(x.abs() @ projection.weight.abs().T + bias)

    return max(1.0, 0.1 * score_bound(magnitude(query, oracle.q_proj), magnitude(key, oracle.k_proj)))


def gradient_scale(q, k, v, **_):
    """The natural scale of the gradients of q and k for an upstream g: |g vᵀ| · |q or k| / sqrt(D).
    Where the softmax is one-hot to working precision their true value is ~0, but rounding is not."""
    def magnitude(upstream) -> float:
        inputs = max(float(q.abs().amax()), float(k.abs().amax()))
        return float((upstream @ v.transpose(-2, -1)).abs().amax()) * inputs / math.sqrt(q.shape[-1])

    return magnitude


# A larger case, for timing only (its correctness is what the cases above prove).
TIMING_CASE = Case("many_queries_and_keys", q=normal((4, 4, 128, 32)), k=normal((4, 4, 128, 32)),
                   v=normal((4, 4, 128, 32)), mask=mask((128, 128)))
