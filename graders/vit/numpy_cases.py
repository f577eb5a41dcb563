"""ViT cases of the numpy track: images, the torch track's state dict as NumPy arrays, and num_heads;
the oracle is the torch track's float64 ReferenceVisionTransformer (cases.py) with those weights
loaded by name (load_state_dict(..., strict=True): the drawn dict is exactly the contract's).

The weights are drawn from the case's NumPy generator, after the images, as cases.draw_weights draws
torch's (linear maps ~N(0, 1/fan_in), LayerNorm affines ~N(1, 0.2²) and ~N(0, 0.2²), ...), so that a
failing case prints the NumPy lines that rebuild it; they come in the dtype of the images.

The known-wrong solutions (tests/candidates/vit/numpy/wrong_*.py), one bug each:
- wrong_qkv_split_heads_before_three: qkv reshaped as (B, T, num_heads, 3, head_dim).
- wrong_patches_flattened_column_major: the patch grid read column by column.
- wrong_patch_pixels_flattened_channels_last: each patch flattened (P, P, C), the weight (C, P, P).
- wrong_tanh_gelu: the MLP uses the tanh approximation of GELU.
- wrong_layer_norm_unbiased_variance: np.var(..., ddof=1).
- wrong_layer_norm_eps_outside_the_square_root: (x - mean) / (std + eps).
- wrong_class_token_at_the_end: [patches; cls], and the head reads the last token.
- wrong_scale_by_embed_dim: scores scaled by E ** -0.5 instead of head_dim ** -0.5.
- wrong_pos_embed_before_class_token: pos_embed[:, 1:] added to the patches, the class token bare.
- wrong_proj_weight_not_transposed: x @ W for the square attention projection, not x @ W.T.
- wrong_softmax_over_the_queries: the attention weights normalised over axis -2.
- wrong_final_norm_forgotten: vit_features returns the last block's output.
- wrong_heads_merged_without_transpose: (B, H, T, head_dim) reshaped straight to (B, T, E).
- wrong_softmax_without_subtracting_the_maximum: exp of the raw scores, NaN past 709.
- wrong_erf_by_a_polynomial_approximation: Abramowitz and Stegun's erf, 1.5e-7 off: float64 fails.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import torch

from interviewkit.grader import Case, Recipe, _, normal, sibling

shared = sibling(__file__, "cases")


@dataclass(frozen=True)
class state_dict(Recipe):
    """The torch track's state dict for `config` (cases.DEFAULTS overridden), as a dict of arrays."""

    config: tuple  # (name, value) pairs: a frozen dataclass holds no dict
    dtype: str = "float32"
    embedding_scale: float = 1.0
    attention_scale: float = 1.0  # on the qkv weights: the scores grow with its square

    def entries(self) -> list[tuple[str, tuple, float, float]]:
        """(name, shape, scale, shift) of every parameter, in state-dict order: ~N(shift, scale²)."""
        c = dict(self.config)
        width, chans, patch = c["embed_dim"], c["in_chans"], c["patch_size"]
        hidden, tokens = int(width * c["mlp_ratio"]), (c["img_size"] // patch) ** 2 + 1
        embedding = self.embedding_scale
        found = [("patch_embed.proj.weight", (width, chans, patch, patch), embedding / math.sqrt(chans * patch ** 2),
                  0.0),
                 ("patch_embed.proj.bias", (width,), 0.2 * embedding, 0.0),
                 ("cls_token", (1, 1, width), embedding, 0.0),
                 ("pos_embed", (1, tokens, width), 0.5 * embedding, 0.0)]
        norm = lambda name: [(f"{name}.weight", (width,), 0.2, 1.0), (f"{name}.bias", (width,), 0.2, 0.0)]
        linear = lambda name, fan_in, out, gain=1.0: [(f"{name}.weight", (out, fan_in), gain / math.sqrt(fan_in), 0.0),
                                                      (f"{name}.bias", (out,), 0.2, 0.0)]
        for i in range(c["depth"]):
            block = f"blocks.{i}."
            found += [*norm(block + "norm1"), *linear(block + "attn.qkv", width, 3 * width, self.attention_scale),
                      *linear(block + "attn.proj", width, width), *norm(block + "norm2"),
                      *linear(block + "mlp.fc1", width, hidden), *linear(block + "mlp.fc2", hidden, width)]
        return found + norm("norm") + linear("head", width, c["num_classes"])

    def draw(self, rng):
        return {name: rng.standard_normal(shape) * scale + shift for name, shape, scale, shift in self.entries()}

    def build(self, rng):
        return {name: value.astype(self.dtype) for name, value in self.draw(rng).items()}

    def lines(self, name):
        listed = ",\n    ".join(f"({key!r}, {shape}, {scale!r}, {shift!r})"
                                 for key, shape, scale, shift in self.entries())
        return [f"{name} = {{}}", f"for key, shape, scale, shift in [\n    {listed},\n]:",
                f"    {name}[key] = (rng.standard_normal(shape) * scale + shift).astype(np.{self.dtype})"]

    def describe(self):
        c = dict(self.config)
        spread = "" if self.embedding_scale == 1 else _(", embedding weights x{scale}").format(
            scale=f"{self.embedding_scale:g}")
        spread += "" if self.attention_scale == 1 else _(", qkv weights x{scale}").format(
            scale=f"{self.attention_scale:g}")
        return _("{dtype} state dict of a ViT with patch_size={patch_size}, in_chans={in_chans}, embed_dim={embed_dim}, "
                 "depth={depth}, MLP width {width}, num_classes={num_classes}").format(
            dtype=self.dtype, patch_size=c["patch_size"], in_chans=c["in_chans"], embed_dim=c["embed_dim"],
            depth=c["depth"], width=int(c["embed_dim"] * c["mlp_ratio"]), num_classes=c["num_classes"]) + spread


def numpy_case(name: str, batch: int = 2, dtype: str = "float32", embedding_scale: float = 1.0,
               attention_scale: float = 1.0, **init) -> Case:
    config = {**shared.DEFAULTS, **init}
    image = (batch, config["in_chans"], config["img_size"], config["img_size"])
    params = state_dict(tuple(config.items()), dtype, embedding_scale, attention_scale)
    # Forward only: no gradient summed over tokens, so the one-layer tolerance (c = 1) holds; correct
    # float32 solutions use up to about half of it (20 seeds).
    return Case(name, images=normal(image, dtype=dtype), params=params, num_heads=config["num_heads"])


def forward_cases() -> list[Case]:
    # One block where the case is about something else; names unlike the torch track's, whose hints
    # (matched by case name) speak of nn modules.
    return [
        numpy_case("two_blocks_of_four_heads"),  # the defaults: heads of width 16
        # B == num_heads: batch and head axes exchanged keep every shape.
        numpy_case("as_many_images_as_heads", batch=4, embed_dim=32, depth=1),
        numpy_case("one_image", batch=1, depth=1),
        numpy_case("one_patch_covering_the_image", img_size=16, patch_size=16, embed_dim=32, num_heads=2, depth=1),
        numpy_case("one_block_with_a_single_head", depth=1, num_heads=1, embed_dim=32),
        numpy_case("three_blocks_read_from_the_keys", depth=3, embed_dim=32),
        # N == E: patches left as (B, E, N) keep the shape of (B, N, E).
        numpy_case("as_many_patches_as_features", img_size=16, patch_size=4, embed_dim=16, num_heads=2, depth=1),
        numpy_case("grayscale_images_in_7_by_7_patches", img_size=28, patch_size=7, in_chans=1, embed_dim=32,
                   depth=1),
        # int(32 * 2.3) = 73 hidden features, read from mlp.fc1's shape.
        numpy_case("a_fractional_mlp_ratio", mlp_ratio=2.3, embed_dim=32, depth=1),
        numpy_case("a_single_class", num_classes=1, depth=1),
        # Tokens whose features vary by ~0.01 entering the first block: eps decides there.
        numpy_case("embeddings_of_small_spread", embedding_scale=0.01),
        # qkv weights x30: scores ~N(0, 1000²), where exp overflows unless the row's maximum is
        # subtracted first (float64's exp stops at 709). In float64: float32 rounds such scores by
        # ~1e-4, which a softmax this sharp passes on to the output beyond float32's tolerance.
        numpy_case("attention_scores_in_the_thousands_in_float64", dtype="float64", attention_scale=30.0,
                   depth=1),
        numpy_case("heads_of_width_12_in_float64", dtype="float64", embed_dim=48, num_heads=4),
        numpy_case("one_image_of_one_patch_in_float64", batch=1, dtype="float64", img_size=8, embed_dim=24,
                   num_heads=3, depth=1),
    ]


def feature_cases() -> list[Case]:
    names = {"two_blocks_of_four_heads", "one_patch_covering_the_image", "embeddings_of_small_spread",
             "heads_of_width_12_in_float64"}
    return [case for case in forward_cases() if case.name in names]


def oracle(case: Case, method: str):
    """The float64 torch reference of `method` with the case's weights loaded by name."""
    config = {**dict(case.inputs["params"].config), "num_heads": case.inputs["num_heads"]}

    def reference(images, params, num_heads):
        model = shared.ReferenceVisionTransformer(**config)
        model.load_state_dict({name: torch.from_numpy(np.asarray(value, dtype=np.float64))
                               for name, value in params.items()}, strict=True)
        with torch.no_grad():
            return getattr(model, method)(images)
    return reference
