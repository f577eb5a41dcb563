"""Classic encoder bugs: PyTorch's layer (cases.py's oracle) rewritten over its state dict with one bug
switched on, and the cause each is diagnosed as (katas/transformer_encoder/hints.toml, [causes],
explains each; the proofs' `# hint:` lines prove where each leads).

sinusoidal_positions takes them as check_function's diagnoses, the encoder layer as check_module's."""
from __future__ import annotations

import math

import torch
import torch.nn.functional as F

from interviewkit.grader import Diagnosis

LAYER_BUGS = ("attention-residual-missing", "norm-first-inverted", "heads-split-before-q-k-v",
              "scores-scaled-by-d-model", "padding-mask-inverted", "padded-queries-zeroed")


def _positions(base: float = 10000.0, cos_first: bool = False):
    def variant(length, dim):
        table = torch.empty(int(length), int(dim), dtype=torch.float64)
        for column in range(int(dim)):
            angle = torch.arange(int(length), dtype=torch.float64) / base ** (2 * (column // 2) / int(dim))
            table[:, column] = torch.sin(angle) if (column % 2 == 0) != cos_first else torch.cos(angle)
        return table
    return variant


POSITION_DIAGNOSES = (Diagnosis("positions-base-not-10000", _positions(base=1000.0)),
                      Diagnosis("cosine-on-even-columns", _positions(cos_first=True)))


def layer(oracle, src, mask=None, bug: str = ""):
    """nn.TransformerEncoderLayer's forward (ReLU, no dropout, batch first) over its state dict."""
    p, nhead, norm_first, eps = oracle.state_dict(), oracle.self_attn.num_heads, oracle.norm_first, oracle.norm1.eps
    batch, length, width = src.shape
    head_dim = width // nhead
    norm = lambda x, name: F.layer_norm(x, (width,), p[name + ".weight"], p[name + ".bias"], eps)
    linear = lambda x, name: x @ p[name + ".weight"].T + p[name + ".bias"]

    def attention(x):
        qkv = x @ p["self_attn.in_proj_weight"].T + p["self_attn.in_proj_bias"]
        if bug == "heads-split-before-q-k-v":
            q, k, v = qkv.view(batch, length, nhead, 3, head_dim).permute(3, 0, 2, 1, 4)
        else:
            q, k, v = qkv.view(batch, length, 3, nhead, head_dim).permute(2, 0, 3, 1, 4)
        scores = q @ k.transpose(-2, -1) / math.sqrt(width if bug == "scores-scaled-by-d-model" else head_dim)
        if mask is not None:
            hidden = ~mask if bug == "padding-mask-inverted" else mask
            scores = scores.masked_fill(hidden[:, None, None, :], -math.inf)
        out = (torch.softmax(scores, dim=-1) @ v).transpose(1, 2).reshape(batch, length, width)
        return linear(out, "self_attn.out_proj")

    feed_forward = lambda x: linear(torch.relu(linear(x, "linear1")), "linear2")
    if norm_first != (bug == "norm-first-inverted"):
        x = src + attention(norm(src, "norm1"))
        x = x + feed_forward(norm(x, "norm2"))
    else:
        x = norm(attention(src) if bug == "attention-residual-missing" else src + attention(src), "norm1")
        x = norm(x + feed_forward(x), "norm2")
    if bug == "padded-queries-zeroed" and mask is not None:
        x = x.masked_fill(mask[..., None], 0.0)
    return x


LAYER_DIAGNOSES = tuple(Diagnosis(bug, lambda oracle, src, src_key_padding_mask=None, bug=bug: layer(
    oracle, src, src_key_padding_mask, bug)) for bug in LAYER_BUGS)
