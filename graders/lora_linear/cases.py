"""LoRA layers, and the script each is followed through.

A scenario is one adapted layer: a base nn.Linear (the sandbox builds it from `linear(weight,
bias)`), r and alpha. The grader loads a state dict with a non-zero lora_B (a new layer's zero B
would hide the whole low-rank path), then runs SCRIPT: merges and unmerges, each twice in a row,
with a forward (and a random upstream gradient) in every state. Everything is drawn in order from
one NumPy generator, so a failure's snippet replays the whole history.

The known-wrong solutions that prove these graders (tests/candidates/lora_linear/torch/):
  wrong_scaling_is_alpha.py                 scaling = alpha, not alpha / r
  wrong_scaling_by_integer_division.py      scaling = alpha // r
  wrong_lora_A_drawn_from_a_normal.py       lora_A ~ N(0, 1/(3·in)), the right variance, not uniform
  wrong_lora_A_default_kaiming_uniform.py   kaiming_uniform_ with its default a = 0: bound √6 times too wide
  wrong_lora_B_random.py                    lora_B initialised like lora_A: a new layer is not the base
  wrong_base_not_frozen.py                  base.weight and base.bias keep requires_grad
  wrong_merge_records_the_graph.py          merge outside torch.no_grad(): base.weight joins the graph
  wrong_merge_twice_adds_twice.py           no merged flag: a second merge adds the update again
  wrong_unmerge_without_a_flag.py           unmerge subtracts even from an unmerged layer
  wrong_forward_adds_the_update_while_merged.py  the merged forward adds the low-rank path a second time
  wrong_merge_adds_the_transposed_product.py     base.weight += s · Aᵀ Bᵀ: transposed, or a shape error
  wrong_factors_in_default_dtype.py         lora_A and lora_B in float32 for a float64 base
  wrong_merged_flag_as_a_buffer.py          the merged flag a buffer: the state dict is not the contract's
  wrong_dtype_fixed_at_construction.py     base.weight's dtype kept from __init__: a moved layer computes in float32
"""
from __future__ import annotations

import math
import zlib
from dataclasses import dataclass, field

import numpy as np
import torch

from interviewkit.grader import N_, Recipe, Step, _, linear, normal, uniform

B_SCALE = 0.5  # lora_B ~N(0, 0.5²): the update is about as large as the base's output
BIAS_SCALE = 0.5

# (label, method): an unmerge on a fresh layer must change nothing, then every state twice. A label
# that is not the method's name is a message, shown translated (`shown`); the snippet's comments keep it.
SCRIPT = (
    (N_("unmerge on an unmerged layer"), "unmerge"),
    ("forward", "forward"),
    ("merge", "merge"),
    (N_("forward while merged"), "forward"),
    (N_("merge on a merged layer"), "merge"),
    (N_("forward while merged"), "forward"),
    ("unmerge", "unmerge"),
    (N_("unmerge on an unmerged layer"), "unmerge"),
    (N_("forward after unmerging"), "forward"),
)


def shown(label: str, method: str) -> str:
    return label if label == method else _(label)


@dataclass(frozen=True)
class Layer:
    """One adapted layer and its options. Like a Case it has a name, a seed, `describe()` and
    `snippet()`, so that `about` can tag a failure with the code that replays it."""

    name: str
    in_features: int
    out_features: int
    r: int
    alpha: float
    tokens: tuple[int, ...] = (5,)  # the leading dimensions of x
    bias: bool = True
    dtype: str = "float32"
    built: str = ""  # the base's dtype at construction, when the layer is then moved to `dtype`
    seed: int = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "seed", zlib.crc32(self.name.encode()) % 100_000)

    def __str__(self) -> str:
        return self.name

    def init(self) -> dict:
        return {"r": self.r, "alpha": self.alpha}

    def state_names(self) -> tuple[str, ...]:
        return ("base.weight",) + (("base.bias",) if self.bias else ()) + ("lora_A", "lora_B")

    def recipes(self) -> dict[str, Recipe]:
        """The base's weights and the state dict's factors, drawn in this order."""
        size, bound = (self.out_features, self.in_features), 1 / math.sqrt(self.in_features)
        recipes = {"weight": normal(size, scale=bound, dtype=self.dtype)}
        if self.bias:
            recipes["bias"] = normal((self.out_features,), scale=BIAS_SCALE, dtype=self.dtype)
        recipes["lora_A"] = uniform((self.r, self.in_features), -bound, bound, dtype=self.dtype)
        recipes["lora_B"] = normal((self.out_features, self.r), scale=B_SCALE, dtype=self.dtype)
        return recipes

    def _x(self) -> Recipe:
        return normal(self.tokens + (self.in_features,), dtype=self.dtype)

    def _upstream(self) -> Recipe:
        return normal(self.tokens + (self.out_features,), dtype="float64")  # as check_function's

    def draw(self, seed_offset: int = 0) -> tuple[dict[str, np.ndarray], list[Step]]:
        """The weights, then every step of SCRIPT with its batch and upstream gradient."""
        rng = np.random.default_rng(self.seed + seed_offset)
        weights = {name: recipe.build(rng) for name, recipe in self.recipes().items()}
        steps = []
        for label, method in SCRIPT:
            if method == "forward":
                x = self._x().build(rng)
                steps.append(Step(shown(label, method), "forward", {"x": x}, upstream=self._upstream().build(rng)))
            else:
                steps.append(Step(shown(label, method), method))
        return weights, steps

    def describe(self, seed_offset: int = 0) -> str:
        parts = [f"{name} {recipe.describe()}" for name, recipe in self.recipes().items()]
        moved = _(", built on a {built} base, then .to(torch.{dtype})").format(
            built=self.built, dtype=self.dtype) if self.built else ""
        return (_("case {name} (seed {seed}): ").format(name=self.name, seed=self.seed + seed_offset)
                + f"LoRALinear(nn.Linear({self.in_features}, {self.out_features}, bias={self.bias}), r={self.r}, "
                f"alpha={self.alpha!r}){moved}; " + "; ".join(parts) + "; "
                + _("then {steps}, x {x}").format(steps=", ".join(shown(label, method) for label, method in SCRIPT),
                                                  x=self._x().describe()))

    def snippet(self, symbol: str, library: str = "torch", seed_offset: int = 0) -> str:
        """Python lines that replay the whole scenario on the candidate's class."""
        lines = ["import numpy as np", "import torch", "from torch import nn",
                 f"rng = np.random.default_rng({self.seed + seed_offset})"]
        recipes = self.recipes()
        for name, recipe in recipes.items():
            lines.extend(recipe.lines(name))
        lines.append(f"base = nn.Linear({self.in_features}, {self.out_features}, bias={self.bias}, "
                     f"dtype=torch.{self.built or self.dtype})")
        lines.append(f"layer = {symbol.split('.')[0]}(base, r={self.r}, alpha={self.alpha!r})")
        if self.built:
            lines.append(f"layer.to(torch.{self.dtype})  # built in {self.built}, moved as any module")
        state = {"base.weight": "weight", "base.bias": "bias", "lora_A": "lora_A", "lora_B": "lora_B"}
        loaded = ", ".join(f'"{key}": torch.from_numpy({value})' for key, value in state.items()
                           if value in recipes)
        lines.append(f"layer.load_state_dict({{{loaded}}})")
        for label, method in SCRIPT:
            if method == "forward":
                lines.extend(self._x().lines("x"))
                lines.extend(self._upstream().lines("upstream"))
                lines.append(f"out = layer(torch.from_numpy(x))  # {label}; the grader back-propagates `upstream`")
            else:
                lines.append(f"layer.{method}()  # {label}")
        return "\n".join(lines)


def base(weights: dict[str, np.ndarray], device: str | None = None, dtype: str = ""):
    """The description of the base nn.Linear a constructor is given (on `device` and in `dtype`,
    where named)."""
    def placed(value):
        if value is not None and dtype:
            value = value.astype(dtype)
        return value if value is None or device is None else torch.from_numpy(value).to(device)
    return linear(placed(weights["weight"]), placed(weights.get("bias")))


def layers() -> list[Layer]:
    """The dimensions a misreading would confuse are equal in some layers and differ in others
    (in == out, r == in, r == out); bias and dtype are covered pairwise."""
    return [
        Layer("square_layer", 12, 12, r=4, alpha=8.0),
        Layer("rank_equal_to_in_features", 6, 10, r=6, alpha=3.0, tokens=(2, 3)),
        Layer("rank_equal_to_out_features_without_bias", 10, 4, r=4, alpha=2.0, bias=False),
        Layer("rank_one_update", 9, 7, r=1, alpha=0.5),
        Layer("scaling_is_not_an_integer_on_one_token", 8, 6, r=3, alpha=5.0, tokens=(1,)),
        Layer("float64_layer", 7, 5, r=2, alpha=3.0, tokens=(3, 4), dtype="float64"),
        Layer("float64_square_layer_without_bias", 5, 5, r=3, alpha=7.0, bias=False, dtype="float64"),
        # Built on a float32 base, then .to(float64): whatever the layer keeps must move with it.
        Layer("built_in_float32_then_moved_to_float64", 6, 4, r=2, alpha=3.0, tokens=(2, 2), dtype="float64",
              built="float32"),
    ]


@dataclass(frozen=True)
class Fresh:
    """New layers, straight from the constructor: their lora_A graded by its distribution, their
    lora_B, scaling, dtypes and devices exactly. r differs from in_features in three layers (an A
    drawn with the fan of the wrong side, or (in, r) for (r, in), is caught) and equals it, and
    out_features, in one; the layers hold 31 520 draws of lora_A: the DKW bound at a false-fail
    rate of 1e-6 is then 0.0152, while a normal draw of the same variance is 0.057 away, a = √6
    instead of √5 0.037, and kaiming_uniform_'s default a = 0 (a √6 times wider bound) 0.30."""

    name: str
    # (in_features, out_features, r, alpha, bias, dtype)
    shapes: tuple = ((200, 7, 40, 16.0, True, "float32"), (64, 33, 96, 8.0, False, "float64"),
                     (300, 5, 56, 5.0, True, "float32"), (24, 24, 24, 6.0, True, "float32"))
    seed: int = 0

    def __str__(self) -> str:
        return self.name

    def draw(self, seed_offset: int = 0) -> list[tuple[tuple, dict[str, np.ndarray]]]:
        rng = np.random.default_rng(self.seed + seed_offset)
        built = []
        for in_features, out_features, r, alpha, bias, dtype in self.shapes:
            bound = 1 / math.sqrt(in_features)
            weights = {"weight": normal((out_features, in_features), scale=bound, dtype=dtype).build(rng)}
            if bias:
                weights["bias"] = normal((out_features,), scale=BIAS_SCALE, dtype=dtype).build(rng)
            built.append(((in_features, out_features, r, alpha, bias, dtype), weights))
        return built

    def describe(self, seed_offset: int = 0) -> str:
        made = "; ".join(f"LoRALinear(nn.Linear({i}, {o}, bias={b}, dtype=torch.{d}), r={r}, alpha={a!r})"
                         for i, o, r, a, b, d in self.shapes)
        return _("case {name}: {made}").format(name=self.name, made=made)

    def snippet(self, symbol: str, library: str = "torch", seed_offset: int = 0) -> str:
        lines = ["import torch", "from torch import nn"]
        for i, o, r, a, b, d in self.shapes:
            lines.append(f"layer = {symbol.split('.')[0]}(nn.Linear({i}, {o}, bias={b}, dtype=torch.{d}), "
                         f"r={r}, alpha={a!r})")
            lines.append(f"# layer.lora_A * {i} ** 0.5 ~ U(-1, 1); layer.lora_B == 0; layer.scaling == {a!r} / {r}")
        return "\n".join(lines)
