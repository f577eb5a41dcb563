"""The attention grader's oracles, proved against PyTorch's own attention (F.scaled_dot_product_attention,
nn.MultiheadAttention) and against plain NumPy float64 math; and its cases, proved to do what their
names promise."""
from __future__ import annotations

import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from torch import nn

from interviewkit.catalog import content_root
from interviewkit.grader import sibling

cases = sibling(str(content_root() / "graders" / "attention" / "test_torch.py"), "cases")
SEED_OFFSETS = (0, 1)
FUNCTION_CASES = cases.function_cases()
MODULE_CASES = cases.module_cases(bias_option=True)


def library_attention(oracle, query, key, value, mask=None):
    """nn.MultiheadAttention with the oracle's weights packed as it keeps them (q, k, v stacked)."""
    embed_dim, num_heads = query.shape[-1], oracle.num_heads
    bias = oracle.q_proj.bias is not None
    library = nn.MultiheadAttention(embed_dim, num_heads, bias=bias, batch_first=True, dtype=torch.float64)
    projections = (oracle.q_proj, oracle.k_proj, oracle.v_proj)
    with torch.no_grad():
        library.in_proj_weight.copy_(torch.cat([p.weight for p in projections]))
        library.out_proj.weight.copy_(oracle.out_proj.weight)
        if bias:
            library.in_proj_bias.copy_(torch.cat([p.bias for p in projections]))
            library.out_proj.bias.copy_(oracle.out_proj.bias)
    blocked = None
    if mask is not None:  # nn.MultiheadAttention's boolean attn_mask is True where attending is NOT allowed
        batch, length, source = query.shape[0], query.shape[1], key.shape[1]
        blocked = ~mask.expand(batch, num_heads, length, source).reshape(batch * num_heads, length, source)
    out, _ = library(query, key, value, attn_mask=blocked, need_weights=False)
    return out


def numpy_multi_head_attention(weights: dict, num_heads: int, query, key, value, mask=None) -> np.ndarray:
    """The contract's NumPy layout (x @ w + b) and head split, one head at a time, in float64."""
    w = {name: value.astype(np.float64) for name, value in weights.items()}
    q, k, v = query @ w["w_q"] + w["b_q"], key @ w["w_k"] + w["b_k"], value @ w["w_v"] + w["b_v"]
    width = q.shape[-1] // num_heads
    shape = (q.shape[0], num_heads, q.shape[1], k.shape[1])
    allowed = np.broadcast_to(np.ones((), bool) if mask is None else mask, shape)
    heads = []
    for h in range(num_heads):
        block = slice(h * width, (h + 1) * width)
        scores = q[..., block] @ k[..., block].transpose(0, 2, 1) / math.sqrt(width)
        scores = np.where(allowed[:, h], scores, -np.inf)
        probabilities = np.exp(scores - scores.max(axis=-1, keepdims=True))
        heads.append(probabilities / probabilities.sum(axis=-1, keepdims=True) @ v[..., block])
    return np.concatenate(heads, axis=-1) @ w["w_o"] + w["b_o"]


def projected_scores(oracle, query, key, **_) -> torch.Tensor:
    q, k = oracle.heads(oracle.q_proj(query)), oracle.heads(oracle.k_proj(key))
    return q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])


@pytest.mark.parametrize("seed_offset", SEED_OFFSETS)
@pytest.mark.parametrize("case", MODULE_CASES, ids=str)
def test_module_oracle_is_nn_multihead_attention(case, seed_offset):
    oracle = cases.reference_module(case, seed_offset)
    inputs = case.data.reference_inputs(seed_offset)
    leaves = [inputs[name].requires_grad_() for name in ("query", "key", "value")]
    ours, theirs = oracle(**inputs), library_attention(oracle, **inputs)
    torch.testing.assert_close(ours, theirs, rtol=1e-12, atol=1e-12)
    upstream = torch.randn(ours.shape, dtype=torch.float64, generator=torch.Generator().manual_seed(seed_offset))
    torch.testing.assert_close(torch.autograd.grad(ours, leaves, upstream),
                               torch.autograd.grad(theirs, leaves, upstream), rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("seed_offset", SEED_OFFSETS)
@pytest.mark.parametrize("case", [c for c in MODULE_CASES if c.bias], ids=str)
def test_module_oracle_reads_the_numpy_layout(case, seed_offset):
    inputs = case.data.reference_inputs(seed_offset)
    expected = numpy_multi_head_attention(case.weights(seed_offset), case.num_heads,
                                          **{name: value.numpy() for name, value in inputs.items()})
    torch.testing.assert_close(cases.reference_module(case, seed_offset)(**inputs).detach().numpy(), expected,
                               rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("seed_offset", SEED_OFFSETS)
@pytest.mark.parametrize("case", FUNCTION_CASES, ids=str)
def test_function_oracle_is_the_library_attention(case, seed_offset):
    inputs = case.reference_inputs(seed_offset)
    leaves = [inputs[name].requires_grad_() for name in ("q", "k", "v")]
    ours = cases.reference_attention(**inputs)
    theirs = F.scaled_dot_product_attention(inputs["q"], inputs["k"], inputs["v"], attn_mask=inputs.get("mask"))
    torch.testing.assert_close(ours, theirs, rtol=1e-10, atol=1e-12)
    upstream = torch.randn(ours.shape, dtype=torch.float64, generator=torch.Generator().manual_seed(seed_offset))
    torch.testing.assert_close(torch.autograd.grad(ours, leaves, upstream),
                               torch.autograd.grad(theirs, leaves, upstream), rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("seed_offset", SEED_OFFSETS)
def test_large_and_very_negative_score_cases_leave_the_range_of_exp(seed_offset):
    """exp overflows float32 above 88.7 and float64 above 709.8; it underflows float32 to 0 below -103.9."""
    function = {case.name: case.reference_inputs(seed_offset) for case in FUNCTION_CASES}
    scores = {name: inputs["q"] @ inputs["k"].transpose(-2, -1) / math.sqrt(inputs["q"].shape[-1])
              for name, inputs in function.items()}
    assert scores["large_scores"].amax() > 100
    assert scores["very_negative_scores"].amax() < -104
    assert scores["large_scores_float64"].amax() > 710
    large = next(case for case in MODULE_CASES if case.data.name == "large_scores")
    oracle = cases.reference_module(large, seed_offset)
    assert projected_scores(oracle, **large.data.reference_inputs(seed_offset)).amax() > 100


@pytest.mark.parametrize("seed_offset", SEED_OFFSETS)
@pytest.mark.parametrize("case", [c for c in MODULE_CASES if 1 < c.num_heads < c.embed_dim], ids=str)
def test_multi_head_cases_tell_contiguous_heads_from_strided_ones(case, seed_offset):
    """Head h taking features h, h+H, h+2H, ... (a (..., E/H, H) split) must give another answer."""
    oracle = cases.reference_module(case, seed_offset)
    inputs = case.data.reference_inputs(seed_offset)
    width = case.embed_dim // case.num_heads
    strided = torch.arange(case.embed_dim).reshape(width, case.num_heads).T.flatten()  # heads' features, in order
    permuted = cases.ReferenceMultiHeadAttention(case.embed_dim, case.num_heads, case.bias)
    with torch.no_grad():
        for name in ("q_proj", "k_proj", "v_proj"):
            source, target = getattr(oracle, name), getattr(permuted, name)
            target.weight.copy_(source.weight[strided])
            if case.bias:
                target.bias.copy_(source.bias[strided])
        permuted.out_proj.weight.copy_(oracle.out_proj.weight[:, strided])
        if case.bias:
            permuted.out_proj.bias.copy_(oracle.out_proj.bias)
    difference = (permuted(**inputs) - oracle(**inputs)).abs().amax()
    assert difference > 1e-3 * oracle(**inputs).abs().amax()
