"""ViT cases and the float64 oracle (tests/test_vit_oracle.py proves it against nn.MultiheadAttention,
nn.TransformerEncoderLayer, an unfold-based patch embedding and a from-scratch NumPy forward).

A case is an image batch and the constructor's arguments; the oracle is built after check_module
seeds torch, and its weights, drawn here, are loaded into the candidate's module by name.

The known-wrong solutions (tests/candidates/vit/torch/wrong_*.py), one bug each:
- wrong_class_token_at_the_end: the class token appended after the patches, and read from there.
- wrong_class_token_missing: no class token in the sequence; the head classifies the mean token.
- wrong_class_token_detached: the class token enters the sequence detached: it gets no gradient.
- wrong_pos_embed_before_class_token: pos_embed[:, :N] added to the patches, the class token after.
- wrong_post_norm_blocks: x = norm1(x + attn(x)), x = norm2(x + mlp(x)), as in the original Transformer.
- wrong_tanh_gelu: the MLP uses the tanh approximation of GELU.
- wrong_qkv_split_heads_before_three: qkv viewed as (B, N, num_heads, 3, head_dim).
- wrong_scale_by_embed_dim: scores scaled by embed_dim ** -0.5 instead of head_dim ** -0.5.
- wrong_final_norm_forgotten: forward_features returns the last block's output without `norm`.
- wrong_head_on_mean_pooled_tokens: the head classifies the mean of the tokens, not the class token.
- wrong_patches_flattened_column_major: the patch grid read column by column.
- wrong_layer_norm_default_eps: nn.LayerNorm(E) with its default eps of 1e-5.
- wrong_mlp_hidden_four_times_embed_dim: the MLP's width hard-coded to 4 * embed_dim.
- wrong_attention_residual_missing: x = attn(norm1(x)), the skip connection dropped.
- wrong_heads_merged_without_transpose: (B, H, N, head_dim) reshaped straight to (B, N, E).
- wrong_attention_dropout_left_on: attention dropout p = 0.1 in a module graded in train() mode.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import torch
import torch.nn.functional as F
from torch import nn

from interviewkit.grader import Case, _, normal

DEFAULTS = {"img_size": 32, "patch_size": 8, "in_chans": 3, "num_classes": 10, "embed_dim": 64, "depth": 2,
            "num_heads": 4, "mlp_ratio": 4.0}
LAYER_NORM_EPS = 1e-6
# A ViT's gradients come back through every block's LayerNorm, softmax and GELU, and its parameter
# gradients sum over tokens whose terms partly cancel: float32 rounds them to about 1e-5 of their
# largest value, where one layer would round to a few 1e-6. Over 20 seeds, correct solutions use
# up to ~1.3 times the single-layer tolerance; four times it leaves them room, and the subtlest
# float32 bug (the tanh GELU) still misses it tenfold.
NETWORK_CONDITION = 4.0


@dataclass(frozen=True)
class VitCase:
    """An image batch, the constructor's arguments that differ from the defaults, and the scale of the
    embedding weights (patch projection, class token, position embedding) drawn for it."""

    data: Case
    init: dict = field(default_factory=dict)
    embedding_scale: float = 1.0

    def __str__(self) -> str:
        return self.data.name

    @property
    def config(self) -> dict:
        return {**DEFAULTS, **self.init}

    @property
    def num_patches(self) -> int:
        return (self.config["img_size"] // self.config["patch_size"]) ** 2

    @property
    def batch(self) -> int:
        return self.data.inputs["x"].shape[0]

    def oracle(self) -> "ReferenceVisionTransformer":
        """Built inside check_module, after it seeds torch: the weights follow the case's seed."""
        return draw_weights(ReferenceVisionTransformer(**self.config), self.embedding_scale)


def vit_case(name: str, batch: int = 2, dtype: str = "float32", embedding_scale: float = 1.0, **init) -> VitCase:
    config = {**DEFAULTS, **init}
    image = (batch, config["in_chans"], config["img_size"], config["img_size"])
    return VitCase(Case(name, condition=NETWORK_CONDITION, x=normal(image, dtype=dtype)), init, embedding_scale)


def vit_cases() -> list[VitCase]:
    # One block where the case is about something else: a block costs the grade time, not coverage.
    return [
        vit_case("default_configuration"),  # four heads of width 16
        vit_case("batch_of_one", batch=1),
        vit_case("image_48_patch_16", img_size=48, patch_size=16, embed_dim=32, depth=1),  # a 3 x 3 grid
        vit_case("grayscale_28_patch_7", img_size=28, patch_size=7, in_chans=1, embed_dim=32, depth=1),
        vit_case("one_block_with_one_head", depth=1, num_heads=1, embed_dim=32),
        vit_case("depth_three", depth=3, embed_dim=32),
        # int(32 * 2.3) = 73 hidden features, where round() gives 74 and a hard-coded 4 * E 128.
        vit_case("mlp_ratio_with_a_fraction", mlp_ratio=2.3, embed_dim=32, depth=1),
        vit_case("one_class", num_classes=1, depth=1),
        # Tokens whose features vary by ~0.01 on entering the first block: there LayerNorm's eps of
        # 1e-6 against 1e-5 changes the result by about 3%.
        vit_case("tokens_of_small_variance", embedding_scale=0.01),
        # Heads of width 12: a scale of 12 ** -0.5 rounded through float32 shows in float64, and so
        # do eps 1e-5 and the tanh GELU.
        vit_case("run_in_float64", dtype="float64", embed_dim=48, num_heads=4),
        *pairwise_cases(),
    ]


def pairwise_cases() -> list[VitCase]:
    """The constructor's options crossed pairwise. With default_configuration (every option at its
    default) and the last case (every option set), the five before it meet every pair of options set
    one without the other, both ways round: each option is set in two of the five, no two options in
    the same two. Graded for the traced shapes as well as for forward. Heads of 16 and 32 features:
    eight heads of 8 (E = 64, two blocks) took correct float32 solutions to 1.7 times the one-layer
    tolerance over 20 seeds, past the 1.3 that NETWORK_CONDITION is argued from."""
    return [
        vit_case("grayscale_images_of_16_pixels_in_32_features", img_size=16, in_chans=1, embed_dim=32),
        vit_case("one_block_on_24_pixel_images_for_three_classes", img_size=24, depth=1, num_classes=3),
        vit_case("three_heads_of_16_features_on_16_pixel_patches", patch_size=16, embed_dim=48, num_heads=3),
        # int(64 * 1.7) = 108 hidden features over 65 tokens, the grid read row by row 8 patches wide.
        vit_case("one_block_over_an_8_by_8_grid_with_an_mlp_ratio_of_1_7", patch_size=4, depth=1, mlp_ratio=1.7),
        vit_case("two_heads_on_two_channel_images_for_five_classes", in_chans=2, num_classes=5, num_heads=2,
                 mlp_ratio=2.0),
        vit_case("every_option_set_at_once_in_float64", dtype="float64", img_size=12, patch_size=4, in_chans=2,
                 num_classes=4, embed_dim=24, depth=1, num_heads=2, mlp_ratio=2.5),
    ]


def feature_cases() -> list[VitCase]:
    """forward_features is graded on fewer cases than forward: its steps are forward's, bar the head."""
    names = {"default_configuration", "tokens_of_small_variance", "run_in_float64"}
    return [case for case in vit_cases() if case.data.name in names]


def shape_cases() -> list[VitCase]:
    named = [case for case in vit_cases() if case.data.name in {"default_configuration", "image_48_patch_16"}]
    return named + pairwise_cases()


def contract_shapes(case: VitCase) -> dict[str, tuple[tuple, str]]:
    """The output shapes the contract fixes for the submodules of forward_features, and why."""
    config = case.config
    grid = config["img_size"] // config["patch_size"]
    batch, width = case.batch, config["embed_dim"]
    sequence = (batch, case.num_patches + 1, width)
    block = _("a block maps the sequence (B, N + 1, E), the class token followed by the N patches, to a sequence "
              "of the same shape")
    return {
        "patch_embed.proj": ((batch, width, grid, grid),
                             _("the convolution runs on the whole batch of images, one output pixel per patch")),
        **{f"blocks.{index}": (sequence, block) for index in range(config["depth"])},
        "norm": (sequence, _("the final norm applies to every token of the sequence (B, N + 1, E)")),
    }


def submodules_in_order(case: VitCase, method: str) -> tuple[str, ...]:
    """The submodules `method` runs, in order: where a wrong output is traced back to."""
    names = ["patch_embed.proj"]
    for index in range(case.config["depth"]):
        names += [f"blocks.{index}.{part}" for part in ("norm1", "attn", "norm2", "mlp")] + [f"blocks.{index}"]
    return tuple(names + ["norm"] + (["head"] if method == "forward" else []))


class ReferencePatchEmbed(nn.Module):
    def __init__(self, patch_size: int, in_chans: int, embed_dim: int):
        super().__init__()
        self.proj = nn.Conv2d(in_chans, embed_dim, patch_size, stride=patch_size, dtype=torch.float64)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        grid = self.proj(x)  # (B, E, H/P, W/P)
        return grid.flatten(2).transpose(1, 2)  # token r * (W/P) + c is the patch in row r, column c


class ReferenceAttention(nn.Module):
    def __init__(self, embed_dim: int, num_heads: int):
        super().__init__()
        self.num_heads = num_heads
        self.qkv = nn.Linear(embed_dim, 3 * embed_dim, dtype=torch.float64)
        self.proj = nn.Linear(embed_dim, embed_dim, dtype=torch.float64)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        batch, tokens, width = x.shape
        head_dim = width // self.num_heads
        # Features [0, E) are the queries, [E, 2E) the keys, [2E, 3E) the values; within each,
        # head h owns [h * head_dim, (h + 1) * head_dim).
        q, k, v = self.qkv(x).view(batch, tokens, 3, self.num_heads, head_dim).permute(2, 0, 3, 1, 4)
        scores = q @ k.transpose(-2, -1) * head_dim ** -0.5
        heads = torch.softmax(scores, dim=-1) @ v  # (B, H, N, head_dim)
        return self.proj(heads.transpose(1, 2).reshape(batch, tokens, width))


class ReferenceMlp(nn.Module):
    def __init__(self, embed_dim: int, hidden: int):
        super().__init__()
        self.fc1 = nn.Linear(embed_dim, hidden, dtype=torch.float64)
        self.fc2 = nn.Linear(hidden, embed_dim, dtype=torch.float64)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc2(F.gelu(self.fc1(x), approximate="none"))


class ReferenceBlock(nn.Module):
    def __init__(self, embed_dim: int, num_heads: int, mlp_ratio: float):
        super().__init__()
        self.norm1 = nn.LayerNorm(embed_dim, eps=LAYER_NORM_EPS, dtype=torch.float64)
        self.attn = ReferenceAttention(embed_dim, num_heads)
        self.norm2 = nn.LayerNorm(embed_dim, eps=LAYER_NORM_EPS, dtype=torch.float64)
        self.mlp = ReferenceMlp(embed_dim, int(embed_dim * mlp_ratio))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x + self.attn(self.norm1(x))
        return x + self.mlp(self.norm2(x))


class ReferenceVisionTransformer(nn.Module):
    """The contract's ViT in float64, with timm's parameter names."""

    def __init__(self, img_size=32, patch_size=8, in_chans=3, num_classes=10, embed_dim=64, depth=2,
                 num_heads=4, mlp_ratio=4.0):
        super().__init__()
        num_patches = (img_size // patch_size) ** 2
        self.patch_embed = ReferencePatchEmbed(patch_size, in_chans, embed_dim)
        self.cls_token = nn.Parameter(torch.zeros(1, 1, embed_dim, dtype=torch.float64))
        self.pos_embed = nn.Parameter(torch.zeros(1, num_patches + 1, embed_dim, dtype=torch.float64))
        self.blocks = nn.ModuleList(ReferenceBlock(embed_dim, num_heads, mlp_ratio) for _ in range(depth))
        self.norm = nn.LayerNorm(embed_dim, eps=LAYER_NORM_EPS, dtype=torch.float64)
        self.head = nn.Linear(embed_dim, num_classes, dtype=torch.float64)

    def tokens(self, x: torch.Tensor) -> torch.Tensor:
        """The sequence entering the first block: [class token; patches] + pos_embed, (B, N + 1, E)."""
        patches = self.patch_embed(x)
        return torch.cat([self.cls_token.expand(len(x), -1, -1), patches], dim=1) + self.pos_embed

    def forward_features(self, x: torch.Tensor) -> torch.Tensor:
        tokens = self.tokens(x)
        for block in self.blocks:
            tokens = block(tokens)
        return self.norm(tokens)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.forward_features(x)[:, 0])


@torch.no_grad()
def draw_weights(model: ReferenceVisionTransformer, embedding_scale: float = 1.0) -> ReferenceVisionTransformer:
    """Weights that keep every feature near unit scale, from torch's generator (seeded by the case).

    Linear maps ~N(0, 1/fan_in) give attention scores of unit spread and GELU inputs where erf and
    tanh differ; LayerNorm affines away from (1, 0) and biases away from 0 make each one count; the
    embedding's weights times `embedding_scale` set the spread of the tokens entering the first block."""
    for module in model.modules():
        if isinstance(module, (nn.Linear, nn.Conv2d)):
            fan_in = module.weight[0].numel()
            module.weight.normal_(0.0, 1.0 / math.sqrt(fan_in))
            module.bias.normal_(0.0, 0.2)
        elif isinstance(module, nn.LayerNorm):
            module.weight.normal_(1.0, 0.2)
            module.bias.normal_(0.0, 0.2)
    model.cls_token.normal_(0.0, 1.0)
    model.pos_embed.normal_(0.0, 0.5)
    for embedding in (model.patch_embed.proj.weight, model.patch_embed.proj.bias, model.cls_token, model.pos_embed):
        embedding.mul_(embedding_scale)
    return model
