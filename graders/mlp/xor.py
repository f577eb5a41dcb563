"""The XOR run of both tracks: the candidate's own code trains a 2 -> H -> 2 network by full-batch
gradient descent on the four XOR points (±1, ±1), beside the same run in float64 (autograd's
gradients, then p -= lr * p.grad: plain torch.optim.SGD, which keeps no state between steps). One
step checked exactly cannot see a slip that builds up over steps (gradients added to the previous
call's): the loss at every step and the weights after the last are held to the reference's, at a
tolerance that grows with the number of steps, and the trained network must classify all four
points right.

The weights come from one generator seeded by the run: W1 ~ N(0, 1), b1 ~ N(0, 0.5²),
W2 ~ N(0, 1/H), b2 ~ N(0, 0.1²). With H = 64, lr = 0.1 and 20 steps (few: each step crosses into
the sandbox), the float64 reference of the_four_points classifies all four points from each of
the seed offsets 0..999, its right logit ahead of the other by at least 1.7; its loss falls at
every step, at least 6-fold in all (`python graders/mlp/xor.py 1000` prints these figures for both
runs). The points sit at ±1: on 0/1 inputs a run this short needs a rate at which the loss first
leaps, and a leap makes the run too sensitive to rounding to compare with a float64 one."""
from __future__ import annotations

import sys
import zlib
from dataclasses import dataclass

import numpy as np
import torch
from torch.nn import functional as F

from interviewkit.grader import CheckFailed, Scale, _, expect_form, expect_scaled, given, normal, sibling, tolerance

shared = sibling(__file__, "cases")

POINTS = ((-1.0, -1.0), (-1.0, 1.0), (1.0, -1.0), (1.0, 1.0))
LABELS = (0, 1, 1, 0)


@dataclass
class Run:
    """`steps` steps of plain gradient descent at `lr` on all four points, from seeded weights."""

    name: str
    dtype: str = "float64"
    H: int = 64
    lr: float = 0.1
    steps: int = 20

    def __str__(self) -> str:
        return self.name

    @property
    def seed(self) -> int:
        return zlib.crc32(f"mlp/xor/{self.name}".encode()) % 100_000

    @property
    def condition(self) -> float:
        """Every step starts from where the last one's rounding left it: the tolerance grows with the steps."""
        return float(self.steps)

    def recipes(self) -> dict:
        H, dtype = self.H, self.dtype
        return {"W1": normal((2, H), dtype=dtype), "b1": normal((H,), scale=0.5, dtype=dtype),
                "W2": normal((H, 2), scale=H ** -0.5, dtype=dtype), "b2": normal((2,), scale=0.1, dtype=dtype),
                "X": given(POINTS, dtype=dtype), "y": given(LABELS, dtype="int64")}

    def draw(self, seed_offset: int = 0) -> dict:
        rng = np.random.default_rng(self.seed + seed_offset)
        return {name: recipe.build(rng) for name, recipe in self.recipes().items()}

    def describe(self, seed_offset: int = 0) -> str:
        parts = ", ".join(f"{name}: {recipe.describe()}" for name, recipe in self.recipes().items())
        return (_("case {name} (seed {seed}): ").format(name=self.name, seed=self.seed + seed_offset) + parts
                + _("; {steps} steps of gradient descent, lr={lr}, on all four points").format(steps=self.steps,
                                                                                                lr=self.lr))

    def snippet(self, call: str = "", library: str = "numpy", seed_offset: int = 0) -> str:
        lines = ["import numpy as np"] + (["import torch"] if library == "torch" else [])
        lines.append(f"rng = np.random.default_rng({self.seed + seed_offset})")
        for name, recipe in self.recipes().items():
            lines.extend(recipe.lines(name))
        if library == "torch":
            lines += [f"model = MLP(2, [{self.H}], 2).to(torch.{self.dtype})",
                      'model.load_state_dict({"layers.0.weight": torch.from_numpy(W1.T.copy()), '
                      '"layers.0.bias": torch.from_numpy(b1),',
                      '                       "layers.1.weight": torch.from_numpy(W2.T.copy()), '
                      '"layers.1.bias": torch.from_numpy(b2)})',
                      "X, y = torch.from_numpy(X), torch.from_numpy(y)",
                      f"losses = [train_step(model, torch.optim.SGD(model.parameters(), lr={self.lr}), X, y)",
                      f"          for step in range({self.steps})]",
                      "print(losses[0], losses[-1], model(X).argmax(dim=1))  # the loss falls; [0, 1, 1, 0]"]
        else:
            lines += ["model = TwoLayerMLP(W1, b1, W2, b2)", "losses = []", f"for step in range({self.steps}):",
                      "    loss, grads = model.loss_and_grads(X, y)", "    losses.append(loss)",
                      f"    model.sgd_step(grads, lr={self.lr})",
                      "print(losses[0], losses[-1], model.forward(X).argmax(axis=1))  # the loss falls; [0 1 1 0]"]
        return "\n".join(lines)


def runs() -> list[Run]:
    return [Run("the_four_points"), Run("the_four_points_in_float32", dtype="float32")]


def state_dict(values: dict) -> dict[str, torch.Tensor]:
    """The weights by the torch track's names, in float64: nn.Linear keeps W (used as x @ W) transposed."""
    W1, b1, W2, b2 = (torch.from_numpy(np.asarray(values[name], dtype=np.float64)) for name in shared.NAMES)
    return {"layers.0.weight": W1.T.contiguous(), "layers.0.bias": b1,
            "layers.1.weight": W2.T.contiguous(), "layers.1.bias": b2}


def reference_run(run: Run, values: dict) -> tuple[torch.Tensor, torch.nn.Module]:
    """The loss before every step, and the module after the last, in float64."""
    module = shared.ReferenceMLP(2, [run.H], 2).double()
    module.load_state_dict(state_dict(values))
    X, y = torch.tensor(POINTS, dtype=torch.float64), torch.tensor(LABELS)
    losses = []
    for _ in range(run.steps):
        module.zero_grad()
        loss = F.cross_entropy(module(X), y)
        loss.backward()
        with torch.no_grad():
            for parameter in module.parameters():
                parameter -= run.lr * parameter.grad
        losses.append(loss.detach())
    return torch.stack(losses), module


def expect_trained(run: Run, losses: list[float], logits, reference_losses: torch.Tensor, like, advice: str) -> None:
    """All four points classified right and the loss fallen, then the loss of every step held to the
    reference's; a failure of the first two says where the curves part, and `advice` what to look at."""
    expect_form(logits, (len(LABELS), 2), like, _("the logits after {steps} steps").format(steps=run.steps))
    predicted = np.asarray(logits.detach().cpu() if isinstance(logits, torch.Tensor) else logits).argmax(axis=1)
    wrong = [POINTS[i] for i, label in enumerate(LABELS) if predicted[i] != label]
    parting = _first_parting(run, losses, reference_losses, advice)
    if wrong:
        shown = dict(steps=run.steps, lr=run.lr, right=len(LABELS) - len(wrong), wrong=", ".join(map(str, wrong)),
                     parting=parting)
        raise CheckFailed((_("after {steps} steps of gradient descent (lr={lr}) the network classifies {right} of the "
                             "4 XOR points right (wrong: {wrong}); the reference classifies all 4; {parting}") if parting
                           else _("after {steps} steps of gradient descent (lr={lr}) the network classifies {right} of "
                                  "the 4 XOR points right (wrong: {wrong}); the reference classifies all 4")).format(**shown))
    if not losses[-1] < losses[0]:
        shown = dict(steps=run.steps, first=f"{losses[0]:.6g}", last=f"{losses[-1]:.6g}", parting=parting)
        raise CheckFailed((_("the loss did not fall over {steps} steps: {first} before the first, {last} before the "
                             "last; {parting}") if parting
                           else _("the loss did not fall over {steps} steps: {first} before the first, {last} before "
                                  "the last")).format(**shown))
    if parting:
        raise CheckFailed(parting[0].upper() + parting[1:])


def _first_parting(run: Run, losses: list[float], reference_losses: torch.Tensor, advice: str) -> str:
    for number, (got, want) in enumerate(zip(losses, reference_losses.tolist()), start=1):
        rtol, atol = tolerance(run.dtype, max(1.0, abs(want)), run.condition)
        if not abs(got - want) <= atol + rtol * abs(want):
            shown = dict(number=number, steps=run.steps, got=f"{got:.10g}", want=f"{want:.10g}", previous=number - 1,
                         advice=_(advice))
            return (_("the loss before step {number} of {steps} is {got}, the reference's {want} (it matched up to "
                      "step {previous}): the steps before it differ from the reference's; {advice}") if number > 1
                    else _("the loss before step {number} of {steps} is {got}, the reference's {want}: the steps "
                           "before it differ from the reference's; {advice}")).format(**shown)
    return ""


def as_numpy_weights(module: torch.nn.Module) -> dict[str, torch.Tensor]:
    """The reference's weights by the NumPy track's names (W used as x @ W: nn.Linear's weight transposed)."""
    state = module.state_dict()
    return {"W1": state["layers.0.weight"].T, "b1": state["layers.0.bias"],
            "W2": state["layers.1.weight"].T, "b2": state["layers.1.bias"]}


def expect_weights(got: dict, want: dict[str, torch.Tensor], like, run: Run) -> None:
    """The weights after the last step, by name."""
    for name, value in want.items():
        expect_scaled(got.get(name), value.contiguous(), like,
                      _("{name} after {steps} steps").format(name=name, steps=run.steps), Scale(),
                      run.condition)


def _margins(seeds: int) -> None:
    """The smallest lead of the right logit over the other, the smallest fall of the loss, and how many
    runs saw the loss rise at some step, over seeds."""
    for run in runs():
        leads, falls, rises = [], [], 0
        for offset in range(seeds):
            losses, module = reference_run(run, run.draw(offset))
            with torch.no_grad():
                logits = module(torch.tensor(POINTS, dtype=torch.float64))
            right = logits[range(4), list(LABELS)] - logits[range(4), [1 - label for label in LABELS]]
            leads.append(float(right.min()))
            falls.append(float(losses[0] / losses[-1]))
            rises += bool((losses[1:] > losses[:-1]).any())
        print(f"{run.name}: smallest lead {min(leads):.3g}, smallest fall {min(falls):.3g}x, {rises} runs whose "
              f"loss rose at some step, over {seeds} seeds")


if __name__ == "__main__":
    _margins(int(sys.argv[1]) if len(sys.argv) > 1 else 100)
