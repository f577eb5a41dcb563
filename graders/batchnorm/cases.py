"""BatchNorm scenarios, shared by both tracks (the float64 twins and their scales are in oracle.py).

A scenario is one module followed through several steps: forwards in training mode (which update
the running statistics), forwards in evaluation mode (which use them) and, in the numpy track,
backwards of the last training-mode forward. Everything a scenario feeds the candidate (weight and
bias, every batch, every upstream gradient) is drawn in order from one NumPy generator, so that a
failure's snippet rebuilds the whole history.

The known-wrong solutions that prove these graders (tests/candidates/batchnorm/), one per bug:
  numpy/wrong_unbiased_variance_to_normalise.py      normalises with the unbiased variance
  numpy/wrong_biased_variance_stored.py              stores the biased variance in running_var
  numpy/wrong_momentum_the_wrong_way_round.py        running = momentum * running + (1 - momentum) * batch
  numpy/wrong_eps_outside_the_square_root.py         divides by sqrt(var) + eps
  numpy/wrong_statistics_over_the_batch_axis_only.py 4-D statistics over N only, one per (c, h, w)
  numpy/wrong_eval_uses_batch_statistics.py          evaluation mode still normalises with the batch's statistics
  numpy/wrong_running_statistics_updated_in_eval.py  evaluation mode updates the running statistics
  numpy/wrong_backward_without_the_statistics_terms.py  dx = dout * gamma / std, nothing through mean and var
  numpy/wrong_dgamma_summed_over_the_batch_only.py   dgamma and dbeta summed over N only
  numpy/wrong_cache_overwritten_in_eval.py           an evaluation-mode forward overwrites backward's cache
  numpy/wrong_gamma_cached_at_construction.py        reshapes gamma and beta in __init__, never reads them again
  numpy/wrong_gamma_copied_on_the_first_forward.py   copies gamma and beta on the first forward, misses later ones
  numpy/wrong_returns_float64_in_eval.py             float64 running statistics turn a float32 output into float64
  numpy/wrong_one_pass_variance_in_float32.py        E[x²] - E[x]² in float32: no digit left on a channel far from 0
  torch/wrong_unbiased_variance_to_normalise.py      normalises with the unbiased variance
  torch/wrong_biased_variance_stored.py              stores the biased variance in running_var
  torch/wrong_momentum_the_wrong_way_round.py        running = momentum * running + (1 - momentum) * batch
  torch/wrong_eps_outside_the_square_root.py         divides by sqrt(var) + eps
  torch/wrong_statistics_per_sample.py               mean and variance over (C, H, W) of each sample
  torch/wrong_statistics_over_the_batch_axis_only.py mean and variance over N only, one per (c, h, w)
  torch/wrong_eval_uses_batch_statistics.py          evaluation mode still normalises with the batch's statistics
  torch/wrong_running_statistics_updated_in_eval.py  evaluation mode updates the running statistics
  torch/wrong_weight_broadcast_along_the_width.py    weight and bias of shape (C,) broadcast against W, not C
  torch/wrong_normalises_a_detached_input.py         statistics of x.detach(): no gradient through the mean and variance
  torch/wrong_running_statistics_in_the_graph.py     running statistics updated outside torch.no_grad(): the buffers join the graph
  torch/wrong_buffers_in_default_dtype.py            rebuilds the running statistics with torch.tensor(...) in float32
  torch/wrong_num_batches_tracked_buffer.py          keeps nn.BatchNorm2d's extra num_batches_tracked buffer
  torch/wrong_one_pass_variance_in_float32.py        E[x²] - E[x]² in float32: no digit left on a channel far from 0
  torch/wrong_running_statistics_as_frozen_parameters.py  nn.Parameter(requires_grad=False) instead of buffers
"""
from __future__ import annotations

import math
import zlib
from dataclasses import dataclass, field

import numpy as np

from interviewkit.grader import Recipe, Step, _, normal

WEIGHT_SCALE = 0.5  # weight ~N(1, 0.5²) and bias ~N(0, 0.5²): neither is the identity


def _shape(shape) -> str:
    return "(" + ", ".join(str(n) for n in shape) + ("," if len(shape) == 1 else "") + ")"


@dataclass(frozen=True)
class per_channel(Recipe):
    """N(shifts[c], scales[c]²) values in channel c (axis 1)."""

    shape: tuple[int, ...]
    scales: tuple[float, ...]
    shifts: tuple[float, ...]
    dtype: str = "float32"

    def _column(self, values) -> str:
        return f"np.array({list(values)!r}).reshape({_shape((1, -1) + (1,) * (len(self.shape) - 2))})"

    def draw(self, rng):
        column = (1, -1) + (1,) * (len(self.shape) - 2)
        return (rng.standard_normal(self.shape) * np.reshape(self.scales, column)
                + np.reshape(self.shifts, column))

    def code(self):
        return f"rng.standard_normal({_shape(self.shape)}) * {self._column(self.scales)} + {self._column(self.shifts)}"

    def describe(self):
        spreads = ", ".join(f"N({shift:g}, {scale:g}²)" for scale, shift in zip(self.scales, self.shifts))
        return f"{self.dtype} {_shape(self.shape)}, channels ~{spreads}"


@dataclass(frozen=True)
class Planned:
    """A forward in "train" or "eval" mode on a batch `x`, or (numpy track) the "backward" of the
    last training-mode forward, or (numpy track) "new" gamma and beta set between two calls."""

    mode: str
    x: Recipe | None = None


def train(x: Recipe, backward: bool = True) -> tuple[Planned, ...]:
    return (Planned("train", x), Planned("backward")) if backward else (Planned("train", x),)


def evaluate(x: Recipe) -> tuple[Planned, ...]:
    return (Planned("eval", x),)


NEW_PARAMETERS = (Planned("new"),)


@dataclass
class Event:
    """A step with its values drawn: the batch, and the upstream gradient it is graded with (or the
    new gamma and beta)."""

    number: int
    mode: str
    x: np.ndarray | dict | None
    upstream: np.ndarray | None

    def step(self) -> Step:
        """What check_steps runs: a forward in its mode (torch: with the upstream gradient), or
        backward, after which dgamma and dbeta are compared, or new gamma and beta set."""
        if self.mode == "new":
            return Step(_("new gamma and beta"), attributes=self.x, checked=False)
        if self.mode == "backward":
            return Step("backward", "backward", {"dout": self.upstream}, state=("dgamma", "dbeta"))
        return Step(f"{self.mode} forward", "forward", {"x": self.x}, {"training": self.mode == "train"},
                    upstream=self.upstream)


@dataclass(frozen=True)
class Scenario:
    """One module's history, and its options. Like a Case it has a name, a seed, `describe()` and
    `snippet()`, so that `checks.about` can tag a failure with the code that replays it."""

    name: str
    num_features: int
    steps: tuple[Planned, ...]
    eps: float | None = None  # None: the contract's default
    momentum: float | None = None
    dtype: str = "float32"
    loaded: bool = True  # False: keep the module's own initial weight, bias and statistics
    tracks: tuple[str, ...] = ("numpy", "torch")
    seed: int = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "seed", zlib.crc32(self.name.encode()) % 100_000)

    def __str__(self) -> str:
        return self.name

    def init(self) -> dict:
        options = {"eps": self.eps, "momentum": self.momentum}
        return {"num_features": self.num_features, **{k: v for k, v in options.items() if v is not None}}

    def parameter_recipes(self) -> dict[str, Recipe]:
        if not self.loaded:
            return {}
        size = (self.num_features,)
        return {"weight": normal(size, scale=WEIGHT_SCALE, shift=1.0, dtype=self.dtype),
                "bias": normal(size, scale=WEIGHT_SCALE, dtype=self.dtype)}

    def _upstream_recipe(self, track: str, shape) -> Recipe:
        # The torch track's upstream stays float64, as check_function's; the numpy track hands
        # `dout` to the candidate, so it comes in the inputs' dtype.
        return normal(tuple(shape), dtype="float64" if track == "torch" else self.dtype)

    def _walk(self, track: str):
        """(number, mode, x recipe, upstream recipe) for every step the track runs, in draw order."""
        number, last_train = 0, None
        for step in self.steps:
            if step.mode == "new":
                if track == "numpy":
                    yield number, "new", None, None
                continue
            if step.mode == "backward":
                if track == "numpy":
                    yield number, "backward", None, self._upstream_recipe(track, last_train.shape)
                continue
            number += 1
            if step.mode == "train":
                last_train = step.x
            upstream = self._upstream_recipe(track, step.x.shape) if track == "torch" else None
            yield number, step.mode, step.x, upstream

    def draw(self, track: str, seed_offset: int = 0) -> tuple[dict[str, np.ndarray], list[Event]]:
        rng = np.random.default_rng(self.seed + seed_offset)
        parameters = {name: recipe.build(rng) for name, recipe in self.parameter_recipes().items()}
        events = []
        for number, mode, x, upstream in self._walk(track):
            if mode == "new":  # the same recipes as the first gamma and beta, drawn afresh
                x_value = dict(zip(("gamma", "beta"), (r.build(rng) for r in self.parameter_recipes().values())))
                events.append(Event(number, mode, x_value, None))
                continue
            x_value = x.build(rng) if x is not None else None
            events.append(Event(number, mode, x_value, upstream.build(rng) if upstream is not None else None))
        return parameters, events

    def elements_per_channel(self) -> int:
        return max(math.prod(step.x.shape) // step.x.shape[1] for step in self.steps if step.x is not None)

    def describe(self, seed_offset: int = 0) -> str:
        options = ", ".join(f"{k}={v!r}" for k, v in self.init().items())
        names = {"weight": "weight (gamma)", "bias": "bias (beta)"}
        parts = [f"{names[name]} {recipe.describe()}" for name, recipe in self.parameter_recipes().items()]
        if not self.loaded:
            parts.append(_("the module's own initial values"))
        parts += [f"{step.mode} {step.x.describe()}" if step.x is not None else
                  _("new gamma and beta, drawn as the first") if step.mode == "new" else step.mode
                  for step in self.steps]
        return (_("case {name} (seed {seed}): ").format(name=self.name, seed=self.seed + seed_offset)
                + f"({options}); " + "; ".join(parts))

    def snippet(self, symbol: str, library: str, seed_offset: int = 0) -> str:
        """Python lines that replay the whole scenario on the candidate's class."""
        lines = ["import numpy as np"] + (["import torch"] if library == "torch" else [])
        lines.append(f"rng = np.random.default_rng({self.seed + seed_offset})")
        arguments = ", ".join([str(self.num_features)] + [f"{k}={v!r}" for k, v in self.init().items()
                                                          if k != "num_features"])
        double = ".double()" if library == "torch" and self.dtype == "float64" else ""
        lines.append(f"bn = {symbol}({arguments}){double}")
        recipes = self.parameter_recipes()
        for name, recipe in recipes.items():
            lines.extend(recipe.lines(name))
        if recipes and library == "torch":
            size, dtype = self.num_features, f"dtype=torch.{self.dtype}"
            lines.append('bn.load_state_dict({"weight": torch.from_numpy(weight), "bias": torch.from_numpy(bias), '
                         f'"running_mean": torch.zeros({size}, {dtype}), "running_var": torch.ones({size}, {dtype})}})')
        elif recipes:
            lines += ["bn.gamma = weight", "bn.beta = bias"]
        for number, mode, x, upstream in self._walk(library):
            if mode == "new":
                for name, recipe in recipes.items():
                    lines.extend(recipe.lines(name))
                lines += ["bn.gamma = weight  # new gamma and beta between two calls", "bn.beta = bias"]
                continue
            if mode == "backward":
                lines.extend(upstream.lines("dout"))
                lines.append("dx = bn.backward(dout)  # and bn.dgamma, bn.dbeta")
                continue
            lines.extend(x.lines("x"))
            if library == "torch":
                lines.extend(upstream.lines("upstream"))
                lines.append("bn.train()" if mode == "train" else "bn.eval()")
                lines.append(f"out = bn(torch.from_numpy(x))  # step {number}; "
                             "the grader back-propagates `upstream` through `out`")
            else:
                lines.append(f"bn.training = {mode == 'train'}")
                lines.append(f"out = bn.forward(x)  # step {number}")
        return "\n".join(lines)


FAR_SCALES, FAR_SHIFTS = (1.0, 1.0, 2.0), (1000.0, 0.0, -5.0)


def scenarios(track: str) -> list[Scenario]:
    def batch(*shape, dtype="float32"):
        return normal(shape, dtype=dtype)

    every = [
        # Evaluation before any training: the running statistics at their initial 0 and 1, and
        # nothing may change them.
        Scenario("eval_right_after_construction", 3,
                 evaluate(batch(2, 3, 4, 4)) + evaluate(batch(2, 3, 4, 4)), loaded=False),
        Scenario("four_dim_batches_then_eval", 3,
                 train(batch(2, 3, 4, 5)) + train(batch(2, 3, 4, 5)) + train(batch(2, 3, 4, 5))
                 + evaluate(batch(2, 3, 4, 5)) + evaluate(batch(3, 3, 2, 5))),
        Scenario("two_dim_batches_then_eval", 4,
                 train(batch(6, 4)) + train(batch(5, 4)) + train(batch(6, 4)) + evaluate(batch(3, 4)),
                 tracks=("numpy",)),
        # As many samples as channels: per-channel values laid along the wrong axis of (N, C) (gamma as a
        # column, statistics per sample) fit the shapes here and raise an error in the case above.
        Scenario("two_dim_batches_with_as_many_samples_as_channels", 4,
                 train(batch(4, 4)) + train(batch(4, 4)) + evaluate(batch(4, 4)), tracks=("numpy",)),
        # Statistics over H and W matter most when N is 1.
        Scenario("batch_of_one_large_map", 3, train(batch(1, 3, 32, 32)) + evaluate(batch(1, 3, 32, 32))),
        # Square maps as wide as there are channels: a weight of shape (C,) broadcast against W
        # instead of C runs without an error.
        Scenario("non_default_momentum_and_eps", 3,
                 train(batch(4, 3, 3, 3)) + train(batch(4, 3, 3, 3)) + evaluate(batch(2, 3, 3, 3)),
                 eps=0.1, momentum=0.3),
        # Each option set alone, the other at its default (pairwise with the case above). Momentum
        # 0.9 over batches whose channels drift: the running statistics follow the latest batch,
        # and swapping momentum and 1 - momentum leaves them near the first.
        Scenario("momentum_near_one_follows_the_drifting_batches_in_float64", 3,
                 train(per_channel((4, 3, 3, 3), (1.0, 0.5, 2.0), (0.0, 1.0, -2.0), dtype="float64"))
                 + train(per_channel((4, 3, 3, 3), (2.0, 0.25, 1.0), (1.0, 3.0, 0.0), dtype="float64"))
                 + train(per_channel((4, 3, 3, 3), (0.5, 1.0, 3.0), (-2.0, 0.0, 2.0), dtype="float64"))
                 + evaluate(per_channel((2, 3, 3, 3), (1.0, 1.0, 1.0), (0.0, 1.0, -1.0), dtype="float64")),
                 momentum=0.9, dtype="float64"),
        # eps = 1e-2 beside channel variances of 1e-2, 0.25 and 4: eps under the root moves the first
        # channel's output by a third, and the others' by less and less.
        Scenario("eps_as_large_as_a_channels_variance", 3,
                 train(per_channel((4, 3, 3, 3), (0.1, 0.5, 2.0), (0.2, -1.0, 0.0)))
                 + train(per_channel((4, 3, 3, 3), (0.1, 0.5, 2.0), (0.2, -1.0, 0.0)))
                 + evaluate(per_channel((2, 3, 3, 3), (0.1, 0.5, 2.0), (0.2, -1.0, 0.0))),
                 eps=1e-2),
        # Per-channel variances of 1e-4 and 1e-5 beside eps = 1e-5, and 12 or 5 values per channel:
        # eps outside the square root, or a variance divided by n - 1 instead of n, is off by
        # percents, and float64 leaves nothing else to blame.
        Scenario("small_variance_float64", 2,
                 train(per_channel((3, 2, 2, 2), (1e-2, 3e-3), (0.5, -0.02), dtype="float64"))
                 + train(per_channel((3, 2, 2, 2), (1e-2, 3e-3), (0.5, -0.02), dtype="float64"))
                 + evaluate(per_channel((2, 2, 2, 2), (1e-2, 3e-3), (0.5, -0.02), dtype="float64")),
                 dtype="float64"),
        Scenario("small_variance_float64_two_dim", 3,
                 train(per_channel((5, 3), (1e-2, 3e-3, 1.0), (0.1, 0.0, -1.0), dtype="float64"))
                 + train(per_channel((5, 3), (1e-2, 3e-3, 1.0), (0.1, 0.0, -1.0), dtype="float64"))
                 + evaluate(per_channel((4, 3), (1e-2, 3e-3, 1.0), (0.1, 0.0, -1.0), dtype="float64")),
                 dtype="float64", tracks=("numpy",)),
        # Scales from 1e-3 to 1e3: each channel must be normalised by its own statistics, and
        # x's gradient is a million times larger in the first channel than in the last.
        Scenario("channels_of_very_different_scales", 4,
                 train(per_channel((4, 4, 3, 3), (1e-3, 1.0, 30.0, 1e3), (5e-4, -1.0, 10.0, 0.0)))
                 + train(per_channel((4, 4, 3, 3), (1e-3, 1.0, 30.0, 1e3), (5e-4, -1.0, 10.0, 0.0)))
                 + evaluate(per_channel((2, 4, 3, 3), (1e-3, 1.0, 30.0, 1e3), (5e-4, -1.0, 10.0, 0.0)))),
        # A channel around 1000 with a spread of 1, as activations after a large bias: E[x²] - E[x]²
        # in float32 keeps about one digit of its variance, as nn.BatchNorm2d's does not.
        Scenario("a_channel_far_from_zero", 3,
                 train(per_channel((4, 3, 3, 3), FAR_SCALES, FAR_SHIFTS))
                 + train(per_channel((4, 3, 3, 3), FAR_SCALES, FAR_SHIFTS))
                 + evaluate(per_channel((2, 3, 3, 3), FAR_SCALES, FAR_SHIFTS))),
        # backward belongs to the last training-mode forward, whatever evaluation came after it.
        Scenario("backward_after_an_eval_forward", 3,
                 train(batch(2, 3, 4, 4), backward=False) + evaluate(batch(2, 3, 4, 4)) + (Planned("backward"),)
                 + train(batch(3, 3, 2, 2), backward=False) + train(batch(2, 3, 4, 4)),
                 tracks=("numpy",)),
        # The grader sets gamma and beta between calls: each forward and backward reads them anew.
        Scenario("new_gamma_and_beta_between_calls", 3,
                 train(batch(2, 3, 4, 4)) + NEW_PARAMETERS + train(batch(2, 3, 4, 4)) + NEW_PARAMETERS
                 + evaluate(batch(2, 3, 4, 4)), tracks=("numpy",)),
    ]
    return [scenario for scenario in every if track in scenario.tracks]


def offset(recipe: Recipe) -> float:
    """The largest ratio of a channel's mean to its spread in the batches a recipe draws."""
    if isinstance(recipe, per_channel):
        return max(abs(shift) / scale for scale, shift in zip(recipe.scales, recipe.shifts))
    return abs(recipe.shift) / recipe.scale if isinstance(recipe, normal) else 0.0


def conditioning(scenario: Scenario) -> float:
    """Means, variances and the parameters' gradients are sums over N·H·W values per channel: in
    float32, a sum of L terms is off by up to about eps·sqrt(L) of its scale, which the base
    tolerance covers up to L = 64 and which grows beyond. Centring a channel far from zero keeps
    the rounding of its values, eps·|x|: relative to its spread, |mean| / std times more (1000 in
    a_channel_far_from_zero, where a one-pass variance still exceeds it several times over)."""
    amplification = max([1.0] + [offset(step.x) for step in scenario.steps if step.x is not None])
    return max(1.0, amplification * math.sqrt(scenario.elements_per_channel()) / 8)


# A module as its constructor leaves it, followed through no step.
NEW_INSTANCE = Scenario("a_new_instance", 5, (), loaded=False)
