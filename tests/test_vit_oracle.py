"""The vit grader's float64 oracle, proved piece by piece against PyTorch's own layers and as a whole
against a from-scratch NumPy forward; and its cases, proved to do what their names promise."""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from torch import nn

from interviewkit.catalog import content_root
from interviewkit.grader import sibling

cases = sibling(str(content_root() / "graders" / "vit" / "test_torch.py"), "cases")
SEEDS = (0, 1)
CASES = {case.data.name: case for case in cases.vit_cases()}


def oracle_for(case, seed: int):
    torch.manual_seed(case.data.seed + seed)
    return case.oracle()


def first_tokens(case, seed: int) -> tuple:
    oracle = oracle_for(case, seed)
    return oracle, oracle.tokens(case.data.reference_inputs(seed)["x"])


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("num_heads", [1, 4, 8])
def test_attention_is_nn_multihead_attention_with_the_packed_weights(num_heads, seed):
    torch.manual_seed(seed)
    attention = cases.ReferenceAttention(32, num_heads)
    library = nn.MultiheadAttention(32, num_heads, batch_first=True, dtype=torch.float64)
    with torch.no_grad():  # qkv's rows are nn.MultiheadAttention's in_proj, q then k then v
        library.in_proj_weight.copy_(attention.qkv.weight)
        library.in_proj_bias.copy_(attention.qkv.bias)
        library.out_proj.weight.copy_(attention.proj.weight)
        library.out_proj.bias.copy_(attention.proj.bias)
    x = torch.randn(3, 17, 32, dtype=torch.float64, requires_grad=True)
    ours, (theirs, _) = attention(x), library(x, x, x, need_weights=False)
    torch.testing.assert_close(ours, theirs, rtol=1e-12, atol=1e-12)
    upstream = torch.randn_like(ours)
    torch.testing.assert_close(torch.autograd.grad(ours, x, upstream), torch.autograd.grad(theirs, x, upstream),
                               rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("name", ["default_configuration", "image_48_patch_16", "mlp_ratio_with_a_fraction"])
def test_block_is_a_pre_norm_transformer_encoder_layer(name, seed):
    """nn.TransformerEncoderLayer(norm_first=True, activation="gelu", eps 1e-6) is a ViT block."""
    case = CASES[name]
    oracle, tokens = first_tokens(case, seed)
    block, config = oracle.blocks[0], case.config
    layer = nn.TransformerEncoderLayer(config["embed_dim"], config["num_heads"], block.mlp.fc1.out_features,
                                       dropout=0.0, activation="gelu", layer_norm_eps=1e-6, batch_first=True,
                                       norm_first=True, dtype=torch.float64)
    mapping = {"self_attn.in_proj_weight": "attn.qkv.weight", "self_attn.in_proj_bias": "attn.qkv.bias",
               "self_attn.out_proj.weight": "attn.proj.weight", "self_attn.out_proj.bias": "attn.proj.bias",
               "linear1.weight": "mlp.fc1.weight", "linear1.bias": "mlp.fc1.bias",
               "linear2.weight": "mlp.fc2.weight", "linear2.bias": "mlp.fc2.bias",
               "norm1.weight": "norm1.weight", "norm1.bias": "norm1.bias",
               "norm2.weight": "norm2.weight", "norm2.bias": "norm2.bias"}
    ours = dict(block.state_dict())
    layer.load_state_dict({theirs: ours[mine] for theirs, mine in mapping.items()}, strict=True)
    torch.testing.assert_close(block(tokens), layer(tokens), rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("name", ["default_configuration", "image_48_patch_16", "grayscale_28_patch_7"])
def test_patch_embedding_is_unfold_times_the_kernel_row_by_row(name, seed):
    case = CASES[name]
    oracle = oracle_for(case, seed)
    x = case.data.reference_inputs(seed)["x"]
    proj, size = oracle.patch_embed.proj, case.config["patch_size"]
    columns = F.unfold(x, size, stride=size)  # (B, C*P*P, N), patches in row-major order
    expected = columns.transpose(1, 2) @ proj.weight.flatten(1).T + proj.bias
    torch.testing.assert_close(oracle.patch_embed(x), expected, rtol=1e-12, atol=1e-12)
    # Patch 1 is row 0, column 1 of the grid: pixels [0, P) x [P, 2P).
    patch = x[:, :, :size, size:2 * size].flatten(1) @ proj.weight.flatten(1).T + proj.bias
    torch.testing.assert_close(oracle.patch_embed(x)[:, 1], patch, rtol=1e-12, atol=1e-12)


def test_mlp_uses_the_exact_gelu():
    torch.manual_seed(0)
    mlp = cases.ReferenceMlp(8, 20)
    x = torch.randn(2, 5, 8, dtype=torch.float64) * 2
    hidden = mlp.fc1(x)
    exact = mlp.fc2(0.5 * hidden * (1 + torch.erf(hidden / math.sqrt(2))))
    torch.testing.assert_close(mlp(x), exact, rtol=1e-13, atol=1e-13)
    tanh = mlp.fc2(F.gelu(hidden, approximate="tanh"))
    assert (mlp(x) - tanh).abs().max() > 1e-5


def numpy_vit(state: dict, config: dict, image: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The contract's ViT from scratch in NumPy float64, with loops: (forward, forward_features)."""
    w = {name: value.detach().numpy() for name, value in state.items()}
    size, width, heads = config["patch_size"], config["embed_dim"], config["num_heads"]
    head_dim = width // heads
    grid = config["img_size"] // size

    def layer_norm(x, prefix):
        mean = x.mean(-1, keepdims=True)
        variance = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(variance + 1e-6) * w[prefix + ".weight"] + w[prefix + ".bias"]

    def linear(x, prefix):
        return x @ w[prefix + ".weight"].T + w[prefix + ".bias"]

    gelu = np.vectorize(lambda v: 0.5 * v * (1 + math.erf(v / math.sqrt(2))))
    outputs, features = [], []
    for picture in image:
        tokens = [w["cls_token"][0, 0]]
        for row in range(grid):
            for column in range(grid):
                pixels = picture[:, row * size:(row + 1) * size, column * size:(column + 1) * size]
                tokens.append(np.tensordot(w["patch_embed.proj.weight"], pixels, axes=3) + w["patch_embed.proj.bias"])
        x = np.stack(tokens) + w["pos_embed"][0]
        for index in range(config["depth"]):
            prefix = f"blocks.{index}"
            qkv = linear(layer_norm(x, prefix + ".norm1"), prefix + ".attn.qkv")
            merged = np.zeros_like(x)
            for h in range(heads):
                block = slice(h * head_dim, (h + 1) * head_dim)
                q, k, v = qkv[:, :width][:, block], qkv[:, width:2 * width][:, block], qkv[:, 2 * width:][:, block]
                scores = q @ k.T / math.sqrt(head_dim)
                weights = np.exp(scores - scores.max(-1, keepdims=True))
                merged[:, block] = weights / weights.sum(-1, keepdims=True) @ v
            x = x + linear(merged, prefix + ".attn.proj")
            hidden = gelu(linear(layer_norm(x, prefix + ".norm2"), prefix + ".mlp.fc1"))
            x = x + linear(hidden, prefix + ".mlp.fc2")
        x = layer_norm(x, "norm")
        features.append(x)
        outputs.append(linear(x[0], "head"))
    return np.stack(outputs), np.stack(features)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("config", [
    dict(img_size=4, patch_size=2, in_chans=2, num_classes=3, embed_dim=6, depth=2, num_heads=2, mlp_ratio=1.5),
    dict(img_size=6, patch_size=3, in_chans=1, num_classes=1, embed_dim=4, depth=1, num_heads=1, mlp_ratio=2.0),
], ids=["two_heads", "one_head"])
def test_whole_forward_matches_a_numpy_vit_on_tiny_sizes(config, seed):
    torch.manual_seed(seed)
    oracle = cases.draw_weights(cases.ReferenceVisionTransformer(**config))
    image = torch.randn(2, config["in_chans"], config["img_size"], config["img_size"], dtype=torch.float64)
    expected_out, expected_features = numpy_vit(oracle.state_dict(), config, image.numpy())
    np.testing.assert_allclose(oracle.forward_features(image).detach().numpy(), expected_features,
                               rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(oracle(image).detach().numpy(), expected_out, rtol=1e-12, atol=1e-12)


def test_the_parameters_carry_the_contracts_names_and_shapes():
    oracle = cases.ReferenceVisionTransformer()
    shapes = {name: tuple(value.shape) for name, value in oracle.state_dict().items()}
    assert shapes["patch_embed.proj.weight"] == (64, 3, 8, 8)
    assert shapes["cls_token"] == (1, 1, 64) and shapes["pos_embed"] == (1, 17, 64)
    assert shapes["blocks.1.attn.qkv.weight"] == (192, 64) and shapes["blocks.1.mlp.fc1.weight"] == (256, 64)
    assert shapes["head.weight"] == (10, 64)
    assert len(shapes) == 2 + 2 + 2 * 12 + 2 + 2  # patch_embed.proj, cls_token + pos_embed, blocks, norm, head
    assert all(module.eps == 1e-6 for module in oracle.modules() if isinstance(module, nn.LayerNorm))


@pytest.mark.parametrize("seed", SEEDS)
def test_small_variance_tokens_make_layer_norm_eps_count_in_float32(seed):
    """eps 1e-5 against 1e-6 must move the first norm's output far beyond float32's tolerance."""
    _, tokens = first_tokens(CASES["tokens_of_small_variance"], seed)
    variance = tokens.var(-1, unbiased=False)
    assert variance.max() < 1e-3
    difference = (F.layer_norm(tokens, tokens.shape[-1:], eps=1e-5) - F.layer_norm(tokens, tokens.shape[-1:], eps=1e-6))
    assert difference.abs().max() > 1e-3


@pytest.mark.parametrize("seed", SEEDS)
def test_mlp_ratio_with_a_fraction_tells_int_from_round(seed):
    case = CASES["mlp_ratio_with_a_fraction"]
    width, ratio = case.config["embed_dim"], case.config["mlp_ratio"]
    assert int(width * ratio) != round(width * ratio) and int(width * ratio) != 4 * width
    assert oracle_for(case, seed).blocks[0].mlp.fc1.out_features == int(width * ratio)


@pytest.mark.parametrize("seed", SEEDS)
def test_float64_case_has_a_scale_float32_cannot_hold(seed):
    case = CASES["run_in_float64"]
    head_dim = case.config["embed_dim"] // case.config["num_heads"]
    rounded = float(torch.tensor(head_dim ** -0.5, dtype=torch.float32))
    assert abs(rounded - head_dim ** -0.5) / head_dim ** -0.5 > 1e-9
    assert case.data.inputs["x"].dtype == "float64"


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("name", ["default_configuration", "image_48_patch_16", "one_block_with_one_head"])
def test_attention_scores_are_neither_flat_nor_one_hot(name, seed):
    """Weights far from uniform (so that a wrong scale or split shows) and far from one-hot (so that
    gradients flow through every key)."""
    oracle, tokens = first_tokens(CASES[name], seed)
    attention, heads = oracle.blocks[0].attn, CASES[name].config["num_heads"]
    q, k, _ = attention.qkv(oracle.blocks[0].norm1(tokens)).unflatten(-1, (3, heads, -1)).permute(2, 0, 3, 1, 4)
    weights = torch.softmax(q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1]), dim=-1)
    uniform = 1 / tokens.shape[1]
    assert weights.amax(-1).mean() > 2 * uniform
    assert weights.amax(-1).mean() < 0.9


# The grader's diagnosis: where a wrong forward first parts from the reference.

@pytest.mark.parametrize("candidate, where", [
    ("wrong_heads_merged_without_transpose", "first differ at `blocks.0.attn`"),
    ("wrong_tanh_gelu", "first differ at `blocks.0.mlp`"),
    ("wrong_attention_residual_missing", "first differ at `blocks.0.norm2`"),
    ("wrong_head_on_mean_pooled_tokens", "up to `norm` and first differ at `head`"),
    ("wrong_attention_dropout_left_on", "is dropout left on"),
])
def test_a_wrong_forward_is_told_which_submodule_first_differs(candidate, where):
    from interviewkit.catalog import Catalog
    from interviewkit.grading.run.session import run_grade

    path = Path(__file__).parent / "candidates" / "vit" / "torch" / f"{candidate}.py"
    check = "forward[default_configuration]"
    results = run_grade(Catalog().get("vit"), "torch", path, select=lambda name: name == check)
    [result] = [r for r in results if r.name == check]
    assert not result.passed and where in result.message, result.message
