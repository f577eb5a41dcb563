"""SGD and RMSprop cases, and the float64 oracle: torch.optim.SGD and torch.optim.RMSprop themselves.

A case is one optimizer run: parameter arrays of a few shapes, drawn once, then `steps` rounds of
gradients (one array per parameter, ~N(0, scale²) with a scale per parameter, times the case's
factor for each block of ten steps, all zero at the case's `zero_steps`), every value drawn from
one generator seeded by the case. The grader follows the candidate's optimizer through one
`step(grads)` per round beside ReferenceOptimizer (torch's, in float64 on the same values), sets
`lr` on both where the case's schedule changes it, reads the parameters back from the
constructor's arguments (that is how it sees updates made in place) and compares them after each
of the first three steps, every tenth and the last. A case with `raises` builds the optimizer
only: torch refuses those options with a ValueError, and so must the candidate.

The known-wrong solutions (tests/candidates/optimizers/numpy/wrong_*.py), one bug each:
  wrong_dampening_on_the_first_step       the buffer starts at zero, so the first step is damped too
  wrong_nesterov_steps_along_the_buffer   nesterov moves along buf, not along g + momentum * buf
  wrong_weight_decay_after_momentum       wd * p added to the step after the buffer, not to g before it
  wrong_lr_inside_the_sgd_buffer          buf accumulates lr * g (the Sutskever form): a new lr shows late
  wrong_nesterov_accepts_dampening        no ValueError for nesterov with dampening or without momentum
  wrong_buffers_shared_by_arrays          one momentum buffer for every array of the same shape
  wrong_rmsprop_eps_inside_sqrt           sqrt(v + eps) instead of sqrt(v) + eps
  wrong_rmsprop_centered_without_square   v - mean instead of v - mean²
  wrong_rmsprop_lr_inside_the_buffer      buf = momentum * buf + lr * g / avg; p -= buf
  wrong_rmsprop_skips_zero_gradients      a step whose gradients are all zero is skipped
  wrong_replaces_the_arrays               step() puts new arrays into the list
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np
import torch

from interviewkit.grader import Case, Diagnosis, Scale, Step, _, ngettext, normal

SYMBOLS = ("SGD", "RMSprop")
# float32 rounds every parameter once per step: its error can grow by up to half an ulp of the
# parameter's magnitude each step, so tolerances grow with the step number past this many steps.
STEPS_PER_TOLERANCE = 10
BLOCK = 10  # gradient scales and learning rates change every this many steps


@dataclass(frozen=True)
class Array:
    """One parameter array: its name in reports, its shape and the scale of its gradients."""

    name: str
    shape: tuple[int, ...]
    gradient_scale: float = 1.0

    def describe(self) -> str:
        shape = "(" + ", ".join(map(str, self.shape)) + ("," if len(self.shape) == 1 else "") + ")"
        if self.gradient_scale == 1:
            return f"{self.name} {shape}"
        return _("{name} {shape}, gradients x{scale}").format(name=self.name, shape=shape, scale=f"{self.gradient_scale:g}")


def matrix_vector_scalar(gradient_scale: float = 1.0) -> tuple[Array, ...]:
    return (Array("weight", (4, 3), gradient_scale), Array("bias", (3,), gradient_scale),
            Array("gain", (), gradient_scale))


class OptimizerCase(Case):
    """A Case whose inputs are the optimizer's options (what the pairwise rule reads)."""

    def __init__(self, name: str, symbol: str, *, arrays: tuple[Array, ...] = matrix_vector_scalar(),
                 dtype: str = "float32", steps: int = 30, zero_steps: tuple[int, ...] = (),
                 block_scales: tuple[float, ...] = (), block_lrs: tuple[float, ...] = (), raises: bool = False,
                 **hyperparameters):
        super().__init__(name, case_seed=zlib.crc32(f"{symbol}/{name}".encode()) % 100_000, **hyperparameters)
        self.symbol, self.arrays, self.dtype, self.steps = symbol, arrays, dtype, steps
        self.zero_steps, self.raises = zero_steps, raises
        self.block_scales = block_scales  # the gradients of block b (ten steps each) are times block_scales[b]
        self.block_lrs = block_lrs  # lr set to block_lrs[b] before the first step of block b >= 1

    @property
    def hyperparameters(self) -> dict:
        return self.inputs

    def parameter_recipes(self) -> list[normal]:
        return [normal(array.shape, dtype=self.dtype) for array in self.arrays]

    def gradient_recipes(self) -> list[normal]:
        return [normal(array.shape, scale=array.gradient_scale, dtype=self.dtype) for array in self.arrays]

    def factor(self, step: int) -> float:
        return self.block_scales[(step - 1) // BLOCK % len(self.block_scales)] if self.block_scales else 1.0

    def draws(self, seed_offset: int) -> tuple[list[np.ndarray], list[list[np.ndarray]]]:
        """The initial parameters, then each step's gradients, in the case's dtype."""
        rng = np.random.default_rng(self.seed + seed_offset)
        params = [recipe.build(rng) for recipe in self.parameter_recipes()]
        grads = []
        for step in range(1, self.steps + 1):
            drawn = [np.asarray(recipe.build(rng) * self.factor(step)).astype(self.dtype)  # a 0-d array stays an array
                     for recipe in self.gradient_recipes()]
            grads.append([np.zeros_like(g) for g in drawn] if step in self.zero_steps else drawn)
        return params, grads

    def lr_from(self, step: int) -> float | None:
        """The lr a scheduler sets just before `step`, if it changes there."""
        block = (step - 1) // BLOCK
        if step % BLOCK == 1 and 1 <= block <= len(self.block_lrs):
            return self.block_lrs[block - 1]
        return None

    def checkpoints(self) -> set[int]:
        """The steps after which the parameters are compared: each of the first three, every tenth, the last."""
        return {step for step in range(1, self.steps + 1) if step <= 3 or step % 10 == 0 or step == self.steps}

    def tolerance_condition(self, step: int) -> float:
        return self.condition * max(1.0, step / STEPS_PER_TOLERANCE)

    def options(self) -> str:
        return ", ".join(f"{name}={value!r}" for name, value in self.hyperparameters.items())

    def call(self) -> str:
        return f"{self.symbol}(params{', ' if self.hyperparameters else ''}{self.options()})"

    def describe(self, seed_offset: int = 0) -> str:
        if self.raises:
            return _("case {name}: {call} must raise ValueError, as torch.optim.{symbol} does").format(
                name=self.name, call=self.call(), symbol=self.symbol)
        zeros = _("; every gradient zero at steps {steps}").format(
            steps=", ".join(map(str, self.zero_steps))) if self.zero_steps else ""
        scales = _("; gradients times {scales} in successive blocks of {block} steps").format(
            scales=", ".join(f"{s:g}" for s in self.block_scales), block=BLOCK) if self.block_scales else ""
        lrs = _("; lr set to {lrs} before steps {steps}").format(
            lrs=", ".join(f"{lr:g}" for lr in self.block_lrs),
            steps=", ".join(str(BLOCK * b + 1) for b in range(1, len(self.block_lrs) + 1))) if self.block_lrs else ""
        arrays = ", ".join(array.describe() for array in self.arrays)
        run = ngettext("{call}; {dtype} params {arrays}, drawn ~N(0, 1); {steps} step of gradients ~N(0, 1) times "
                       "each array's scale",
                       "{call}; {dtype} params {arrays}, drawn ~N(0, 1); {steps} steps of gradients ~N(0, 1) times "
                       "each array's scale", self.steps).format(call=self.call(), dtype=self.dtype, arrays=arrays,
                                                                steps=self.steps)
        return (_("case {name} (seed {seed}): ").format(name=self.name, seed=self.seed + seed_offset) + run
                + scales + zeros + lrs)

    def snippet(self, call: str = "", library: str = "numpy", seed_offset: int = 0) -> str:
        """Python lines that rebuild the run: the same parameters, the same gradients, step by step."""
        names = [array.name for array in self.arrays]
        lines = ["import numpy as np", f"rng = np.random.default_rng({self.seed + seed_offset})"]
        for name, recipe in zip(names, self.parameter_recipes()):
            lines.extend(recipe.lines(name))
        lines += [f"params = [{', '.join(names)}]", f"optimizer = {self.call()}"]
        if self.raises:
            return "\n".join(lines + ["# expected: ValueError, as torch.optim raises for these options"])
        lines.append(f"for step in range(1, {self.steps + 1}):")
        if self.block_lrs:
            lines.append(f"    if step > {BLOCK} and step % {BLOCK} == 1 and (step - 1) // {BLOCK} <= "
                         f"{len(self.block_lrs)}:")
            lines.append(f"        optimizer.lr = {list(self.block_lrs)!r}[(step - 1) // {BLOCK} - 1]")
        factor = f" * {list(self.block_scales)!r}[(step - 1) // {BLOCK} % {len(self.block_scales)}]" \
            if self.block_scales else ""
        drawn = ", ".join(f"({recipe.code()}{factor}).astype(np.{self.dtype})" for recipe in self.gradient_recipes())
        lines.append(f"    grads = [{drawn}]")
        if self.zero_steps:
            lines.append(f"    if step in {self.zero_steps!r}:")
            lines.append("        grads = [np.zeros_like(g) for g in grads]")
        lines += ["    optimizer.step(grads)",
                  f"# expected: torch.optim.{self.symbol}(float64 copies of params, {self.options()}, foreach=False),",
                  "# each step's grads (as float64) set as .grad before optimizer.step()"]
        return "\n".join(lines)


class ReferenceOptimizer:
    """torch.optim's SGD or RMSprop in float64 (its single-tensor path) behind the contract's
    interface: `step(grads)` updates `params`, and `lr` can be set between steps. It keeps what the
    tolerances depend on: the step count, and per array the largest magnitude it has held."""

    def __init__(self, case: OptimizerCase, params: list[np.ndarray]):
        self.case = case
        self._tensors = [torch.tensor(p, dtype=torch.float64, requires_grad=True) for p in params]
        self._optimizer = getattr(torch.optim, case.symbol)(self._tensors, **case.hyperparameters, foreach=False)
        self.largest = [float(np.abs(p.astype(np.float64)).max()) for p in params]
        self.count = 0

    @property
    def lr(self) -> float:
        return self._optimizer.param_groups[0]["lr"]

    @lr.setter
    def lr(self, value: float) -> None:
        self._optimizer.param_groups[0]["lr"] = value

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


class SharedBufferSGD:
    """SGD in float64 NumPy with one momentum buffer for every array, a classic bug (the twin's
    interface, taking the same steps): NumPy's ValueError where the arrays' shapes differ, as the
    candidate's; where they are equal, the buffer broadcasts and mixes the arrays' gradients."""

    def __init__(self, case: OptimizerCase, params: list[np.ndarray]):
        options = {"momentum": 0.0, "dampening": 0.0, "weight_decay": 0.0, "nesterov": False,
                   **case.hyperparameters}
        self.lr, self.momentum, self.dampening = options["lr"], options["momentum"], options["dampening"]
        self.weight_decay, self.nesterov = options["weight_decay"], options["nesterov"]
        self.arrays = [np.array(p, dtype=np.float64) for p in params]
        self.buffer = None

    @property
    def params(self) -> list[torch.Tensor]:
        return [torch.from_numpy(p) for p in self.arrays]

    def step(self, grads) -> None:
        for p, g in zip(self.arrays, grads):
            g = np.asarray(g, dtype=np.float64) + self.weight_decay * p
            self.buffer = g.copy() if self.buffer is None else \
                self.momentum * self.buffer + (1 - self.dampening) * g
            p -= self.lr * (g + self.momentum * self.buffer if self.nesterov else self.buffer)


def diagnoses(case: OptimizerCase, params: list[np.ndarray]) -> tuple:
    """The classic bugs a twin can take the steps of (katas/optimizers/hints.toml [causes])."""
    if case.symbol != "SGD" or not case.hyperparameters.get("momentum"):
        return ()
    return (Diagnosis("buffers-shared-by-arrays", SharedBufferSGD(case, params)),)


def steps(case: OptimizerCase, grads: list[list[np.ndarray]]) -> list[Step]:
    """One `step(grads)` per round (after the scheduler's new lr, where it changes), compared at the
    case's checkpoints."""
    checkpoints = case.checkpoints()
    return [Step("optimizer.step", "step", {"grads": round_grads},
                 attributes={} if (lr := case.lr_from(number)) is None else {"lr": lr},
                 checked=number in checkpoints)
            for number, round_grads in enumerate(grads, start=1)]


def sgd_cases() -> list[OptimizerCase]:
    def case(name, **settings):
        return OptimizerCase(name, "SGD", **settings)

    return [
        case("plain_gradient_descent", lr=0.1),
        case("momentum", dtype="float64", steps=40, lr=0.05, momentum=0.9),
        # The first step's buffer is the gradient itself: dampening only applies from the second step on.
        case("momentum_with_dampening", lr=0.05, momentum=0.9, dampening=0.5),
        case("momentum_dampening_and_weight_decay", dtype="float64", lr=0.05, momentum=0.8, dampening=0.3,
             weight_decay=0.1),
        case("nesterov", lr=0.05, momentum=0.9, nesterov=True),
        # wd * p joins g before the buffer: decay added after it differs from the second step on.
        case("nesterov_with_weight_decay", dtype="float64", lr=0.05, momentum=0.9, nesterov=True,
             weight_decay=0.2),
        case("strong_weight_decay_without_momentum", dtype="float64", lr=0.1, weight_decay=0.5),
        # Without momentum there is no buffer, and dampening changes nothing.
        case("dampening_without_momentum_changes_nothing", lr=0.1, dampening=0.5, weight_decay=0.1),
        case("gradients_whose_scale_changes_across_steps", steps=40, block_scales=(1.0, 1e3, 1e-3, 10.0),
             arrays=(Array("weight", (4, 3), 1.0), Array("bias", (3,), 1e-2), Array("gain", (), 30.0)),
             lr=0.02, momentum=0.9, dampening=0.1),
        # Zero gradients still decay the buffer and move the parameters along it.
        case("zero_gradients_at_some_steps", dtype="float64", zero_steps=(1, 2, 8, 9, 10, 11, 12), lr=0.05,
             momentum=0.9, nesterov=True),
        # Same shapes, so buffers shared by the arrays broadcast instead of failing.
        case("arrays_of_the_same_shape", dtype="float64", arrays=(Array("first", (5,), 100.0),
                                                                  Array("second", (5,), 0.01)),
             lr=0.02, momentum=0.9, dampening=0.2, weight_decay=0.1),
        case("one_step_shows_the_undamped_first_buffer", steps=1, lr=0.1, momentum=0.9, dampening=0.5),
        # lr is read at every step: a buffer that accumulated lr * g carries the old lr for many steps.
        case("lr_changed_between_steps_by_a_scheduler", dtype="float64", block_lrs=(0.02, 0.3), lr=0.1,
             momentum=0.9),
        case("nesterov_without_momentum_raises", raises=True, lr=0.1, nesterov=True),
        case("nesterov_with_dampening_raises", raises=True, lr=0.1, momentum=0.9, dampening=0.1, nesterov=True),
    ]


def rmsprop_cases() -> list[OptimizerCase]:
    def case(name, **settings):
        return OptimizerCase(name, "RMSprop", **settings)

    return [
        case("default_hyperparameters", steps=50),
        case("centered", dtype="float64", centered=True),
        case("momentum", momentum=0.9),
        case("centered_with_momentum", dtype="float64", lr=0.003, momentum=0.5, centered=True,
             weight_decay=0.05),
        case("with_weight_decay", dtype="float64", lr=0.02, weight_decay=0.1),
        case("other_alpha_eps_and_momentum", dtype="float64", alpha=0.9, eps=1e-6, momentum=0.8,
             weight_decay=0.05),
        # sqrt(v) ~ eps: eps after the square root, not inside it, shows.
        case("large_eps", dtype="float64", arrays=matrix_vector_scalar(1e-2), eps=1e-2, alpha=0.95,
             centered=True, lr=0.05),
        case("gradients_whose_scale_changes_across_steps", steps=40, block_scales=(1.0, 1e3, 1e-3, 10.0),
             arrays=(Array("weight", (4, 3), 1.0), Array("bias", (3,), 1e-2), Array("gain", (), 30.0)),
             momentum=0.9, weight_decay=0.01),
        # Zero gradients still decay the averages (and the momentum buffer moves the parameters).
        case("zero_gradients_at_some_steps", dtype="float64", zero_steps=(1, 2, 8, 9, 10, 11, 12),
             momentum=0.9, centered=True),
        case("arrays_of_the_same_shape", dtype="float64", arrays=(Array("first", (5,), 100.0),
                                                                  Array("second", (5,), 0.01)),
             momentum=0.9, centered=True, alpha=0.9),
        case("one_step", steps=1, lr=0.1, centered=True, eps=1e-3),
        # lr multiplies the buffer when the parameters move, not the gradient when it enters the buffer.
        case("lr_changed_between_steps_by_a_scheduler", dtype="float64", block_lrs=(0.001, 0.03), momentum=0.9),
    ]
