"""Classic ViT bugs: the float64 reference with one bug switched on, as a forward over the state dict,
and the cause each is diagnosed as (katas/vit/hints.toml, [causes], explains each; the proofs'
`# hint:` lines prove where each leads).

The numpy track hands them to check_function as diagnoses, the torch track to check_module (which
holds a float64 run of the candidate's module to them: a float32 run cannot tell eps 1e-5 from 1e-6
on most cases). A module that cannot take the case's weights is told apart by its shapes (`mlp_width`)."""
from __future__ import annotations

from contextlib import contextmanager

import torch
import torch.nn.functional as F

from interviewkit.grader import CandidateError, Diagnosis, sibling

shared = sibling(__file__, "cases")

# Where the two tracks' hints differ (torch's nn modules, NumPy's reshapes), so do the cause ids.
TORCH_BUGS = {
    "class-token-at-the-end": "class_at_end", "pos-embed-before-class-token": "pos_before_class",
    "patches-read-column-by-column": "column_major", "final-norm-forgotten": "no_final_norm",
    "head-on-mean-pooled-tokens": "mean_pooled", "attention-residual-missing": "no_attention_residual",
    "post-norm-blocks": "post_norm", "layer-norm-eps-1e-5": "eps_1e_5", "tanh-approximate-gelu": "tanh_gelu",
    "heads-split-before-q-k-v": "heads_before_qkv", "scores-scaled-by-embed-dim": "scale_by_embed_dim",
    "heads-merged-without-transpose": "merged_without_transpose",
}
NUMPY_BUGS = [
    ("class-token-not-first", "class_at_end"), ("class-token-not-first", "pos_before_class"),
    ("patch-pixels-misordered", "column_major"), ("patch-pixels-misordered", "channels_last"),
    ("final-norm-forgotten", "no_final_norm"), ("unbiased-variance", "unbiased"),
    ("eps-outside-the-square-root", "eps_outside"), ("gelu-without-erf", "tanh_gelu"),
    ("heads-split-before-q-k-v", "heads_before_qkv"), ("scores-scaled-by-embed-dim", "scale_by_embed_dim"),
    ("softmax-over-the-queries", "softmax_over_queries"),
    ("heads-merged-without-transpose", "merged_without_transpose"),
    ("proj-weight-not-transposed", "proj_not_transposed"),
]


def vit(p: dict, x: torch.Tensor, num_heads: int, method: str = "forward", bug: str = "") -> torch.Tensor:
    """The contract's ViT over a state dict `p`, in float64, with `bug` (a flag of the tables above) on."""
    p = {name: torch.as_tensor(value).double() for name, value in p.items()}
    x = torch.as_tensor(x).double()
    weight = p["patch_embed.proj.weight"]
    width, chans, patch, _ = weight.shape
    if bug == "channels_last":  # pixels flattened (P, P, C) against a weight laid out (C, P, P)
        weight = weight.reshape(width, patch, patch, chans).permute(0, 3, 1, 2)
    grid = F.conv2d(x, weight, p["patch_embed.proj.bias"], stride=patch)
    if bug == "column_major":
        grid = grid.transpose(2, 3)
    tokens = grid.flatten(2).transpose(1, 2)
    cls, pos = p["cls_token"].expand(len(x), -1, -1), p["pos_embed"]
    if bug == "class_at_end":
        tokens = torch.cat([tokens, cls], dim=1) + pos
    elif bug == "pos_before_class":
        tokens = torch.cat([cls, tokens + pos[:, :-1]], dim=1)
    else:
        tokens = torch.cat([cls, tokens], dim=1) + pos
    linear = lambda t, name: t @ p[name + ".weight"].T + p[name + ".bias"]
    norm = lambda t, name: _layer_norm(t, p[name + ".weight"], p[name + ".bias"], bug)
    depth = len({name.split(".")[1] for name in p if name.startswith("blocks.")})
    for index in range(depth):
        block = f"blocks.{index}."
        attention = lambda t: _attention(t, p, block + "attn.", num_heads, bug)
        gelu = "tanh" if bug == "tanh_gelu" else "none"
        mlp = lambda t: linear(F.gelu(linear(t, block + "mlp.fc1"), approximate=gelu), block + "mlp.fc2")
        if bug == "post_norm":
            tokens = norm(tokens + attention(tokens), block + "norm1")
            tokens = norm(tokens + mlp(tokens), block + "norm2")
            continue
        branch = attention(norm(tokens, block + "norm1"))
        tokens = branch if bug == "no_attention_residual" else tokens + branch
        tokens = tokens + mlp(norm(tokens, block + "norm2"))
    if bug != "no_final_norm":
        tokens = norm(tokens, "norm")
    if method == "forward_features":
        return tokens
    pooled = {"class_at_end": tokens[:, -1], "mean_pooled": tokens.mean(dim=1)}.get(bug, tokens[:, 0])
    return linear(pooled, "head")


def _layer_norm(x, weight, bias, bug):
    eps = 1e-5 if bug == "eps_1e_5" else shared.LAYER_NORM_EPS
    centred = x - x.mean(dim=-1, keepdim=True)
    var = x.var(dim=-1, keepdim=True, correction=1 if bug == "unbiased" else 0)
    scale = torch.sqrt(var) + eps if bug == "eps_outside" else torch.sqrt(var + eps)
    return centred / scale * weight + bias


def _attention(x, p, name, heads, bug):
    batch, tokens, width = x.shape
    head_dim = width // heads
    qkv = x @ p[name + "qkv.weight"].T + p[name + "qkv.bias"]
    if bug == "heads_before_qkv":
        q, k, v = qkv.reshape(batch, tokens, heads, 3, head_dim).permute(3, 0, 2, 1, 4)
    else:
        q, k, v = qkv.reshape(batch, tokens, 3, heads, head_dim).permute(2, 0, 3, 1, 4)
    scale = (width if bug == "scale_by_embed_dim" else head_dim) ** -0.5
    weights = torch.softmax(q @ k.transpose(-2, -1) * scale, dim=-2 if bug == "softmax_over_queries" else -1)
    out = weights @ v
    out = out.reshape(batch, tokens, width) if bug == "merged_without_transpose" else \
        out.transpose(1, 2).reshape(batch, tokens, width)
    proj = p[name + "proj.weight"] if bug == "proj_not_transposed" else p[name + "proj.weight"].T
    return out @ proj + p[name + "proj.bias"]


def numpy_diagnoses(method: str) -> tuple[Diagnosis, ...]:
    def variant(flag):
        return lambda images, params, num_heads: vit(params, images, num_heads, method, flag)
    return tuple(Diagnosis(cause, variant(flag)) for cause, flag in NUMPY_BUGS)


def torch_diagnoses(case, method: str) -> tuple[Diagnosis, ...]:
    def variant(flag):
        return lambda oracle, x: vit(oracle.state_dict(), x, case.config["num_heads"], method, flag)
    return tuple(Diagnosis(cause, variant(flag)) for cause, flag in TORCH_BUGS.items())


@contextmanager
def mlp_width(grading, symbol, case):
    """A module that cannot take the case's weights, its failure given the cause when the MLP's
    width is not int(E * mlp_ratio)."""
    try:
        yield
    except CandidateError as error:
        if not getattr(error, "cause", "") and _mlp_width_wrong(grading, symbol, case):
            error.cause = "mlp-width-not-from-the-ratio"
        raise


def _mlp_width_wrong(grading, symbol, case) -> bool:
    try:
        shapes = grading.candidate.construct(symbol, **case.init).parameter_shapes()
    except CandidateError:
        return False
    fc1 = shapes.get("blocks.0.mlp.fc1.weight")
    return bool(fc1) and fc1[0] != int(case.config["embed_dim"] * case.config["mlp_ratio"])
