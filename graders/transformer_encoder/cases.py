"""transformer_encoder cases and the float64 oracles.

`positions_cases()` feed `sinusoidal_positions(length, dim)`; the oracle is the paper's formula in
float64. `layer_cases()` feed `EncoderLayer(...).forward(src, src_key_padding_mask=None)`; the
oracle is PyTorch's own float64 nn.TransformerEncoderLayer(batch_first=True, dropout=0.0,
activation="relu"), whose state dict is loaded into the candidate's layer strictly. The oracle runs
in training mode: that is the layer's plain Python path (in eval mode, without gradients, PyTorch
may take a fused "fast path" that returns zeros on padded positions); with dropout 0 training mode
computes the same function as eval mode.

The known-wrong solutions (tests/candidates/transformer_encoder/torch/wrong_*.py), one bug each:
- wrong_norm_first_inverted: pre-norm when norm_first is False and post-norm when it is True.
- wrong_mask_polarity_inverted: True read as "may attend" (the attention kata's convention).
- wrong_scale_by_d_model: scores divided by sqrt(d_model), not sqrt(head_dim).
- wrong_attention_residual_missing: post-norm's norm1(attn(x)), the skip connection dropped.
- wrong_heads_split_before_qkv_chunks: in_proj's output viewed as (B, L, H, 3, head_dim).
- wrong_positions_cos_on_even_columns: cos on the even columns, sin on the odd ones.
- wrong_positions_base_1000: the frequencies use 1000, not 10000.
- wrong_padded_queries_zeroed: the outputs at padded positions set to 0.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import torch
from torch import nn

from interviewkit.grader import Case, Recipe, _, normal

DEFAULTS = {"dim_feedforward": 2048, "norm_first": False, "layer_norm_eps": 1e-5}
# A layer's parameter gradients come back through two LayerNorms, the softmax and linear2's sum of
# dim_feedforward terms: over 20 seeds correct float32 solutions use up to ~0.99 of the one-layer
# tolerance (pre-norm, dim_feedforward 2048, the norm2 and in_proj biases). Twice it leaves them room.
LAYER_CONDITION = 2.0


def reference_positions(length: int, dim: int) -> torch.Tensor:
    """PE[pos, 2i] = sin(pos / 10000 ** (2i / dim)), PE[pos, 2i + 1] = cos(the same angle), in float64."""
    table = torch.empty(length, dim, dtype=torch.float64)
    for column in range(dim):
        angle = torch.arange(length, dtype=torch.float64) / 10000.0 ** (2 * (column // 2) / dim)
        table[:, column] = torch.sin(angle) if column % 2 == 0 else torch.cos(angle)
    return table


def positions_case(name: str, length: int, dim: int) -> Case:
    # A float32 angle pos * frequency is off by about pos * 1e-7: the tolerance grows with the length.
    # The textbook float32 table (exp of a float32 exponent, pos * frequency in float32) uses under
    # 20% of it at 128 positions.
    return Case(name, condition=max(1.0, length / 8), length=length, dim=dim)


def positions_cases() -> list[Case]:
    return [
        positions_case("fifty_positions_of_sixteen_features", 50, 16),
        positions_case("length_equal_to_dim", 12, 12),
        positions_case("odd_dim_ends_with_a_sine", 7, 7),
        positions_case("one_feature_is_a_sine", 9, 1),
        positions_case("a_single_position", 1, 6),
        positions_case("long_sequence_wide_model", 128, 64),
    ]


@dataclass(frozen=True)
class padding(Recipe):
    """Booleans, True (a padding token) with probability `pad`; a row that would be all padding keeps
    its last token (a fully padded sequence has no key to attend to)."""

    shape: tuple[int, ...]
    pad: float = 0.4
    dtype: str = "bool"

    def draw(self, rng):
        values = rng.random(self.shape) < self.pad
        values[..., -1] &= ~values.all(axis=-1)
        return values

    def lines(self, name):
        return [f"{name} = rng.random({self.shape!r}) < {self.pad!r}",
                f"{name}[..., -1] &= ~{name}.all(axis=-1)"]

    def describe(self):
        return _("bool {shape}, {percent} True (padding)").format(shape=repr(self.shape), percent=f"{self.pad:.0%}")


@dataclass(frozen=True)
class LayerCase:
    """The inputs of `forward`, the constructor's arguments and the weights drawn for them."""

    data: Case
    init: dict = field(default_factory=dict)

    def __str__(self) -> str:
        return self.data.name

    def oracle(self) -> nn.Module:
        """Built inside check_module, after it seeds torch: the weights follow the case's seed."""
        config = {**DEFAULTS, **self.init}
        layer = nn.TransformerEncoderLayer(dropout=0.0, activation="relu", batch_first=True, dtype=torch.float64,
                                           **config)
        return draw_weights(layer.train())


def layer_case(name: str, batch: int, length: int, dtype: str = "float32", pad: float | None = None,
               scale: float = 1.0, **init) -> LayerCase:
    d_model = init["d_model"]
    inputs = {"src": normal((batch, length, d_model), scale=scale, dtype=dtype)}
    if pad is not None:
        inputs["src_key_padding_mask"] = padding((batch, length), pad)
    return LayerCase(Case(name, condition=LAYER_CONDITION, **inputs), init)


def layer_cases() -> list[LayerCase]:
    # Every setting of norm_first meets a mask and none, dim_feedforward at its default and set,
    # layer_norm_eps at its default and set; the mask meets each of the others both ways; and each
    # of those settings meets float32 and float64. (The manifest sees only a Case's plain inputs, not
    # a module's constructor arguments: this list keeps the pairwise rule by design.)
    return [
        layer_case("post_norm_two_heads", 2, 5, d_model=8, nhead=2, dim_feedforward=16),
        layer_case("pre_norm_two_heads", 2, 5, d_model=8, nhead=2, dim_feedforward=16, norm_first=True),
        layer_case("post_norm_with_padding", 3, 6, pad=0.4, d_model=8, nhead=2, dim_feedforward=16),
        layer_case("pre_norm_with_padding", 3, 6, pad=0.4, d_model=8, nhead=2, dim_feedforward=16,
                   norm_first=True),
        # B == L == nhead == 4 and d_model == dim_feedforward: a swapped axis keeps every shape.
        layer_case("batch_equal_to_length_and_width_to_feedforward", 4, 4, pad=0.3, d_model=16, nhead=4,
                   dim_feedforward=16),
        layer_case("one_head_pre_norm", 2, 7, d_model=8, nhead=1, dim_feedforward=12, norm_first=True),
        layer_case("one_token_post_norm", 3, 1, d_model=8, nhead=2, dim_feedforward=16),
        layer_case("one_token_pre_norm_with_nothing_padded", 2, 1, pad=0.0, d_model=8, nhead=4,
                   dim_feedforward=8, norm_first=True),
        layer_case("default_feedforward_post_norm", 2, 5, d_model=8, nhead=2),
        layer_case("default_feedforward_pre_norm_with_padding", 2, 6, pad=0.5, d_model=8, nhead=2,
                   norm_first=True),
        layer_case("eps_set_post_norm_in_float64", 2, 5, "float64", d_model=12, nhead=3, dim_feedforward=20,
                   layer_norm_eps=1e-3),
        layer_case("eps_set_pre_norm_with_padding", 2, 6, pad=0.4, d_model=8, nhead=2, norm_first=True,
                   layer_norm_eps=1e-3),
        # Inputs of spread 0.003: pre-norm's norm1 sees a variance of about 1e-5, as large as eps.
        layer_case("pre_norm_tokens_of_small_variance", 2, 5, scale=0.003, d_model=8, nhead=2,
                   dim_feedforward=16, norm_first=True),
        layer_case("pre_norm_with_padding_in_float64", 3, 5, "float64", pad=0.4, d_model=12, nhead=3,
                   norm_first=True),
    ]


@torch.no_grad()
def draw_weights(layer: nn.Module) -> nn.Module:
    """Weights of unit-scale features from torch's generator (seeded by the case): every bias and
    LayerNorm affine away from its initial 0 or 1, so that each one counts."""
    for name, parameter in layer.named_parameters():
        if name.startswith("norm") and name.endswith("weight"):
            parameter.normal_(1.0, 0.2)
        elif name.endswith("bias"):
            parameter.normal_(0.0, 0.2)
        else:
            parameter.normal_(0.0, 1.0 / math.sqrt(parameter.shape[1]))
    return layer


