"""Adam and AdamW cases, and the float64 oracle: torch.optim.Adam and torch.optim.AdamW themselves.

A case is one optimizer run: parameter arrays of a few shapes, drawn once, then `steps` rounds of
gradients (one array per parameter, ~N(0, scale²) with a scale per parameter, all zero at the
case's `zero_steps`), every value drawn from one generator seeded by the case. The grader follows
the candidate's optimizer through one `step(grads)` per round beside ReferenceOptimizer (torch's,
run in float64 on the same values), reads the parameters back from the constructor's arguments
(that is how it sees updates made in place) and compares them after each of the first three steps,
every tenth and the last.

The known-wrong solutions (tests/candidates/adam/numpy/wrong_*.py), one bug each:
  wrong_eps_inside_sqrt             sqrt(v_hat + eps) instead of sqrt(v_hat) + eps
  wrong_eps_not_bias_corrected      the paper's "efficient" form: lr * sqrt(bc2) / bc1 * m / (sqrt(v) + eps),
                                    which scales eps by sqrt(1 - beta2^t) (torch adds it after the correction)
  wrong_no_bias_correction          m and v used without dividing by 1 - beta^t
  wrong_step_count_starts_at_zero   the bias corrections use t before it is incremented (t = 0 first)
  wrong_step_count_not_incremented  t stays 1: every step is bias-corrected as the first
  wrong_step_counted_per_array      t incremented once per parameter array instead of once per step
  wrong_moments_shared_by_arrays    one m and one v for the whole optimizer instead of one per array
  wrong_betas_swapped               beta2 for the first moment, beta1 for the second
  wrong_adam_decay_decoupled        Adam shrinks the weights (AdamW's rule) instead of adding wd * p to g
  wrong_adamw_decay_as_l2           AdamW adds wd * p to the gradient (Adam's rule) instead of decaying p
  wrong_adamw_decay_after_update    AdamW decays the already-updated weights instead of the old ones
  wrong_adamw_decay_times_gradient  AdamW subtracts lr * wd * grad instead of lr * wd * param
  wrong_updates_copies              the optimizer keeps copies of the arrays and updates those
  wrong_replaces_the_arrays         step() puts new arrays into the list instead of updating the given ones
  wrong_float64_results             new float64 arrays put in the list in place of float32 parameters
  wrong_skips_steps_without_gradient  a step whose gradients are all zero is skipped (t and the moments frozen)
"""
from __future__ import annotations

import math
import zlib
from dataclasses import dataclass, field

import numpy as np
import torch

from interviewkit.grader import Diagnosis, Scale, Step, _, ngettext, normal

SYMBOLS = ("Adam", "AdamW")
# float32 rounds every parameter once per step: its error can grow by up to half an ulp of the
# parameter's magnitude each step, so tolerances grow with the step number past this many steps.
STEPS_PER_TOLERANCE = 10


@dataclass(frozen=True)
class Array:
    """One parameter array: its name in reports, its shape and the scale of its gradients."""

    name: str
    shape: tuple[int, ...]
    gradient_scale: float = 1.0

    def describe(self) -> str:
        shape = "(" + ", ".join(map(str, self.shape)) + ("," if len(self.shape) == 1 else "") + ")"
        scale = "" if self.gradient_scale == 1 else _(", gradients x{scale}").format(scale=f"{self.gradient_scale:g}")
        return f"{self.name} {shape}{scale}"


def matrix_vector_scalar(gradient_scale: float = 1.0) -> tuple[Array, ...]:
    return (Array("weight", (4, 3), gradient_scale), Array("bias", (3,), gradient_scale),
            Array("gain", (), gradient_scale))


@dataclass
class OptimizerCase:
    name: str
    symbol: str  # "Adam" or "AdamW"
    arrays: tuple[Array, ...] = field(default_factory=matrix_vector_scalar)
    dtype: str = "float32"
    steps: int = 30
    hyperparameters: dict = field(default_factory=dict)  # only those the case passes; the rest default
    zero_steps: tuple[int, ...] = ()  # steps (counted from 1) whose gradients are all zero
    condition: float = 1.0

    def __str__(self) -> str:
        return self.name

    @property
    def seed(self) -> int:
        return zlib.crc32(f"{self.symbol}/{self.name}".encode()) % 100_000

    def parameter_recipes(self) -> list[normal]:
        return [normal(array.shape, dtype=self.dtype) for array in self.arrays]

    def gradient_recipes(self) -> list[normal]:
        return [normal(array.shape, scale=array.gradient_scale, dtype=self.dtype) for array in self.arrays]

    def draws(self, seed_offset: int) -> tuple[list[np.ndarray], list[list[np.ndarray]]]:
        """The initial parameters, then each step's gradients, in the case's dtype."""
        rng = np.random.default_rng(self.seed + seed_offset)
        params = [recipe.build(rng) for recipe in self.parameter_recipes()]
        grads = []
        for step in range(1, self.steps + 1):
            drawn = [recipe.build(rng) for recipe in self.gradient_recipes()]
            grads.append([np.zeros_like(g) for g in drawn] if step in self.zero_steps else drawn)
        return params, grads

    def checkpoints(self) -> set[int]:
        """The steps after which the parameters are compared: each of the first three, every tenth, the last."""
        return {step for step in range(1, self.steps + 1) if step <= 3 or step % 10 == 0 or step == self.steps}

    def tolerance_condition(self, step: int) -> float:
        return self.condition * max(1.0, step / STEPS_PER_TOLERANCE)

    def options(self) -> str:
        return "".join(f", {name}={value!r}" for name, value in self.hyperparameters.items())

    def call(self) -> str:
        return f"{self.symbol}(params{self.options()})"

    def describe(self, seed_offset: int = 0) -> str:
        zeros = _("; every gradient zero at steps {steps}").format(
            steps=", ".join(map(str, self.zero_steps))) if self.zero_steps else ""
        arrays = ", ".join(array.describe() for array in self.arrays)
        return ngettext("case {name} (seed {seed}): {call}; {dtype} params {arrays}, drawn ~N(0, 1); {steps} step "
                        "of gradients ~N(0, 1) times each array's scale{zeros}",
                        "case {name} (seed {seed}): {call}; {dtype} params {arrays}, drawn ~N(0, 1); {steps} steps "
                        "of gradients ~N(0, 1) times each array's scale{zeros}", self.steps).format(
            name=self.name, seed=self.seed + seed_offset, call=self.call(), dtype=self.dtype, arrays=arrays,
            steps=self.steps, zeros=zeros)

    def snippet(self, call: str = "", library: str = "numpy", seed_offset: int = 0) -> str:
        """Python lines that rebuild the run: the same parameters, the same gradients, step by step."""
        names = [array.name for array in self.arrays]
        lines = ["import numpy as np", f"rng = np.random.default_rng({self.seed + seed_offset})"]
        for name, recipe in zip(names, self.parameter_recipes()):
            lines.extend(recipe.lines(name))
        lines += [f"params = [{', '.join(names)}]", f"optimizer = {self.call()}",
                  f"for step in range(1, {self.steps + 1}):"]
        drawn = ", ".join(f"({recipe.code()}).astype(np.{self.dtype})" for recipe in self.gradient_recipes())
        lines.append(f"    grads = [{drawn}]")
        if self.zero_steps:
            lines.append(f"    if step in {self.zero_steps!r}:")
            lines.append("        grads = [np.zeros_like(g) for g in grads]")
        lines += ["    optimizer.step(grads)",
                  f"# expected: torch.optim.{self.symbol}(float64 copies of params{self.options()}, foreach=False),",
                  "# each step's grads (as float64) set as .grad before optimizer.step()"]
        return "\n".join(lines)


def cases(symbol: str) -> list[OptimizerCase]:
    def case(name, **settings):
        return OptimizerCase(name, symbol, **settings)

    return [
        # Built with the parameters alone: the contract's defaults (AdamW's weight_decay is 1e-2).
        case("default_hyperparameters", steps=50),
        *([case("without_weight_decay", dtype="float64", hyperparameters={"lr": 1e-2, "weight_decay": 0.0})]
          if symbol == "AdamW" else []),  # Adam's default; its other float64 cases have no decay either
        case("with_weight_decay", dtype="float64", hyperparameters={"lr": 1e-2, "weight_decay": 0.1}),
        # lr * weight_decay = 0.025: L2 and decoupled decay part ways within a step, and decaying the
        # updated weights instead of the old ones differs by lr² * weight_decay, visible in float32.
        case("strong_weight_decay", hyperparameters={"lr": 0.05, "weight_decay": 0.5}),
        case("other_lr_betas_and_eps", dtype="float64",
             hyperparameters={"lr": 0.03, "betas": (0.8, 0.95), "eps": 1e-6, "weight_decay": 0.05}),
        # With the two below, every argument at its default meets every other one set, and set meets
        # set: betas alone at the default lr (steps of ~1e-3, far above float32's rounding) ...
        case("other_betas_with_every_other_argument_at_its_default", hyperparameters={"betas": (0.7, 0.99)}),
        # ... then eps and weight decay at the default lr: gradients x1e-2 so that eps = 1e-3 shows in
        # sqrt(v_hat) + eps, and Adam's L2 term (0.05 * p) weighs as much as the gradient.
        case("eps_and_weight_decay_set_at_the_default_lr", dtype="float64", arrays=matrix_vector_scalar(1e-2),
             hyperparameters={"eps": 1e-3, "weight_decay": 0.05}),
        # The first two steps see no gradient at all: t still counts them, and the moments decay.
        case("zero_gradients_at_some_steps", dtype="float64", zero_steps=(1, 2, 8, 9, 10, 11, 12),
             hyperparameters={"lr": 1e-2}),
        # Adam normalises each array by its own second moment: every array moves by about lr.
        case("gradients_of_very_different_scales",
             arrays=(Array("weight", (4, 3), 1e3), Array("bias", (3,), 1e-3), Array("gain", (), 30.0)),
             hyperparameters={"lr": 1e-2, "weight_decay": 1e-2}),
        # Same shapes, so moments shared by the arrays broadcast instead of failing.
        case("arrays_of_the_same_shape", dtype="float64",
             arrays=(Array("first", (5,), 100.0), Array("second", (5,), 0.01)), hyperparameters={"lr": 1e-2}),
        # sqrt(v_hat) ~ eps: where eps goes (after the square root, after v's bias correction) shows.
        case("large_eps", dtype="float64", arrays=matrix_vector_scalar(1e-2),
             hyperparameters={"lr": 1e-2, "eps": 1e-2}),
        # One step: with the bias corrections every element moves by lr; without them by ~3.2 lr.
        case("one_step_shows_the_bias_correction", steps=1, hyperparameters={"lr": 0.1}),
    ]


class ReferenceOptimizer:
    """torch.optim's Adam or AdamW in float64 (its single-tensor path) behind the contract's
    interface: `step(grads)` updates `params`. It keeps what the tolerances depend on: the step
    count, and per array the largest magnitude it has held (rounding accumulates there)."""

    def __init__(self, case: OptimizerCase, params: list[np.ndarray]):
        self.case = case
        self._tensors = [torch.tensor(p, dtype=torch.float64, requires_grad=True) for p in params]
        self._optimizer = getattr(torch.optim, case.symbol)(self._tensors, **case.hyperparameters, foreach=False)
        self.largest = [float(np.abs(p.astype(np.float64)).max()) for p in params]
        self.count = 0

    @property
    def params(self) -> list[torch.Tensor]:
        return [tensor.detach() for tensor in self._tensors]

    def step(self, grads: list[torch.Tensor]) -> None:
        for tensor, grad in zip(self._tensors, grads):
            tensor.grad = grad
        self._optimizer.step()
        self.count += 1
        self.largest = [max(m, float(p.abs().max())) for m, p in zip(self.largest, self.params)]

    def scales(self, step: Step) -> dict[str, list[Scale]]:
        condition = self.case.tolerance_condition(self.count)
        return {"params": [Scale(floor=largest, condition=condition) for largest in self.largest]}


def steps(case: OptimizerCase, grads: list[list[np.ndarray]]) -> list[Step]:
    """One `step(grads)` per round, compared at the case's checkpoints."""
    checkpoints = case.checkpoints()
    return [Step("optimizer.step", "step", {"grads": round_grads}, checked=number in checkpoints)
            for number, round_grads in enumerate(grads, start=1)]


# --- diagnoses: classic-bug optimizers, built as the twin is and taking the same steps; a failing
# comparison that one of them matches names its cause (katas/adam/hints.toml [causes]) ---------------

BUGS = ("decay-as-l2-in-adamw", "decay-times-the-gradient", "betas-swapped", "eps-inside-the-square-root",
        "eps-not-bias-corrected", "no-bias-correction", "moments-shared-by-arrays", "step-count-starts-at-zero")


class ClassicBug:
    """Adam or AdamW (torch.optim's update, in float64) written out, with one classic bug."""

    def __init__(self, bug: str, case: OptimizerCase, params: list[np.ndarray]):
        options = {"lr": 1e-3, "betas": (0.9, 0.999), "eps": 1e-8,
                   "weight_decay": 1e-2 if case.symbol == "AdamW" else 0.0, **case.hyperparameters}
        self.bug, self.decoupled = bug, case.symbol == "AdamW"
        self.lr, (self.beta1, self.beta2), self.eps, self.weight_decay = (
            options["lr"], options["betas"], options["eps"], options["weight_decay"])
        if bug == "betas-swapped":
            self.beta1, self.beta2 = self.beta2, self.beta1
        self.params = [torch.tensor(p, dtype=torch.float64) for p in params]
        self.m = [torch.zeros_like(p) for p in self.params]
        self.v = [torch.zeros_like(p) for p in self.params]
        self.shared = (0.0, 0.0)  # one m and v for every array, whatever its shape
        self.t = 0

    def step(self, grads) -> None:
        bug, lr, decay = self.bug, self.lr, self.weight_decay
        t = self.t if bug == "step-count-starts-at-zero" else self.t + 1
        self.t += 1
        first, second = 1 - self.beta1 ** t, 1 - self.beta2 ** t
        if bug == "no-bias-correction":
            first = second = 1.0
        for index, (p, g) in enumerate(zip(self.params, grads)):
            g = torch.as_tensor(g, dtype=torch.float64)
            if decay and (not self.decoupled or bug == "decay-as-l2-in-adamw"):
                g = g + decay * p
            elif decay and bug == "decay-times-the-gradient":
                p -= lr * decay * g
            elif decay:
                p *= 1 - lr * decay
            if bug == "moments-shared-by-arrays":
                m, v = self.shared
                m, v = self.beta1 * m + (1 - self.beta1) * g, self.beta2 * v + (1 - self.beta2) * g * g
                self.shared = (m, v)
                # NumPy's in-place `p -= update` fails where the update does not broadcast to p
                if np.broadcast_shapes(tuple(p.shape), tuple(m.shape)) != tuple(p.shape):
                    raise ValueError(f"non-broadcastable output operand with shape {tuple(p.shape)}")
            else:
                m, v = self.m[index], self.v[index]
                m.copy_(self.beta1 * m + (1 - self.beta1) * g)
                v.copy_(self.beta2 * v + (1 - self.beta2) * g * g)
            if bug == "eps-inside-the-square-root":
                p -= lr / first * m / torch.sqrt(v / second + self.eps)
            elif bug == "eps-not-bias-corrected":
                p -= lr * math.sqrt(second) / first * m / (torch.sqrt(v) + self.eps)
            else:
                p -= (lr / first) * m / (torch.sqrt(v) / math.sqrt(second) + self.eps)


def diagnoses(case: OptimizerCase, params: list[np.ndarray]) -> tuple:
    return tuple(Diagnosis(bug, ClassicBug(bug, case, params)) for bug in BUGS)
