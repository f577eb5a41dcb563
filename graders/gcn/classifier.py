"""The two-layer GCN node classifier's cases and float64 oracles, both tracks.

logits = Â relu(Â X W1 + b1) W2 + b2, the loss the mean cross-entropy over the labelled nodes only
(train_mask). A `Problem` is one graph, its sizes, which nodes are labelled and, for the torch
track, the optimizer steps train_step takes. The graphs are cases.py's: one with isolated nodes
(degree 0 in A: a missing self-loop, or the degrees of A, give inf), irregular ones where the
symmetric normalisation parts from D^-1 (A + I). Some masks label a few nodes (the loss over every
node, or a mean over N instead of over the labelled count, moves the numbers), one labels a single
node and one labels them all; N == F_in, H == C and C == 2 each appear beside cases where they
differ. The weights are ~N(0, 1/fan_in) and the biases ~N(0, 0.5²), so both biases matter.
The numpy track alone also gets logits of thousands (an unshifted exp overflows) and a hidden unit
whose pre-activation is exactly 0 (ReLU's derivative there is 0); the torch track alone gets runs of
steps: two in a row (gradients zeroed in between) and ten on two communities, whose loss must fall.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import torch
from torch import nn
from torch.nn import functional as F

from interviewkit.grader import Case, Diagnosis, Recipe, _, given, integers, normal, sibling

shared = sibling(__file__, "cases")

NAMES = ("W1", "b1", "W2", "b2")


@dataclass
class Problem:
    """A graph of n nodes (`edges`), F_in -> H -> C, the `labelled` nodes (None: all of them)."""

    name: str
    n: int
    edges: list
    f_in: int
    hidden: int
    classes: int
    labelled: tuple | None = None
    dtype: str = "float32"
    steps: list = field(default_factory=lambda: [("SGD", {"lr": 0.5})])
    learns: bool = False  # a training run: the loss must also fall over the steps
    y: tuple = ()  # the labels, when the case gives them (else drawn)
    logit_scale: float = 1.0  # multiplies W2: logits of thousands overflow an unshifted exp
    dead_unit: bool = False  # W1[:, 0] = b1[0] = 0: hidden unit 0's pre-activation is exactly 0
    numpy_only: bool = False  # about a hand-written backward pass and loss
    steps_only: bool = False  # about train_step's steps: not a case of the forward pass or the gradients

    def __str__(self) -> str:
        return self.name

    def graph(self) -> dict:
        return {"adj": shared.adjacency(self.n, self.edges, self.dtype),
                "x": normal((self.n, self.f_in), dtype=self.dtype)}

    def labels(self) -> dict:
        labelled = range(self.n) if self.labelled is None else self.labelled
        y = given(self.y, dtype="int64") if self.y else integers((self.n,), 0, self.classes)
        return {"y": y,
                "train_mask": given(tuple(i in labelled for i in range(self.n)), dtype="bool")}

    def weights(self) -> dict:
        dtype = self.dtype
        first = {"W1": normal((self.f_in, self.hidden), scale=self.f_in ** -0.5, dtype=dtype),
                 "b1": normal((self.hidden,), scale=0.5, dtype=dtype)}
        if self.dead_unit:
            first = {name: first_unit_dead(recipe) for name, recipe in first.items()}
        return {**first,
                "W2": normal((self.hidden, self.classes), scale=self.logit_scale * self.hidden ** -0.5, dtype=dtype),
                "b2": normal((self.classes,), scale=0.5, dtype=dtype)}

    def case(self, labels: bool = True, weights: bool = False) -> Case:
        return Case(self.name, **self.graph(), **(self.labels() if labels else {}),
                    **(self.weights() if weights else {}))

    def init(self) -> dict:
        return {"in_dim": self.f_in, "hidden_dim": self.hidden, "num_classes": self.classes}

    def oracle(self) -> "ReferenceGCNClassifier":
        return ReferenceGCNClassifier(self.f_in, self.hidden, self.classes)


@dataclass(frozen=True)
class first_unit_dead(Recipe):
    """`inner`'s values with their last axis's entry 0 set to 0 (W1's column 0, b1's entry 0)."""

    inner: Recipe
    dtype: str = "float32"

    def __post_init__(self):
        object.__setattr__(self, "dtype", self.inner.dtype)

    def draw(self, rng):
        values = self.inner.draw(rng)
        values[..., 0] = 0
        return values

    def lines(self, name):
        return self.inner.lines(name) + [f"{name}[..., 0] = 0"]

    def describe(self):
        return _("{values}, entry 0 of its last axis set to 0").format(values=self.inner.describe())


# Two communities of five, each nearly a clique, joined by one edge, labelled by community: ten
# steps of plain SGD (lr 0.5) from four labels lower the float64 reference's loss to at most 0.86 of
# its first value from each of 150 seed offsets (and to 0.25 of it at the median).
COMMUNITIES = [(i, j) for base in (0, 5) for i in range(base, base + 5) for j in range(i + 1, base + 5)
               if (i, j) not in ((0, 4), (6, 9))] + [(4, 5)]


def problems() -> list[Problem]:
    momentum = [("SGD", {"lr": 0.2, "momentum": 0.9}), ("SGD", {"lr": 0.2, "momentum": 0.9})]
    return [
        # Nodes 4 and 5 have no edge; node 4 is labelled.
        Problem("graph_with_isolated_nodes", 6, shared.WITH_ISOLATED_NODES, 4, 5, 3, labelled=(0, 2, 4)),
        Problem("one_labelled_isolated_node_in_float64", 6, shared.WITH_ISOLATED_NODES, 3, 4, 3, labelled=(5,),
                dtype="float64"),
        Problem("as_many_nodes_as_input_features_in_float64", 8, shared.IRREGULAR, 8, 6, 3, labelled=(0, 3, 5, 6),
                dtype="float64", steps=[("Adam", {"lr": 1e-2})]),
        Problem("hidden_layer_as_wide_as_the_classes", 8, shared.IRREGULAR, 5, 4, 4, labelled=(1, 2, 4, 7)),
        Problem("two_classes_on_a_star_in_float64", 7, shared.star(7), 3, 6, 2, labelled=(0, 1, 4), dtype="float64",
                steps=momentum),
        Problem("one_labelled_node", 7, shared.path(7), 4, 5, 3, labelled=(3,)),
        Problem("every_node_labelled_in_float64", 8, shared.IRREGULAR, 6, 5, 3, dtype="float64",
                steps=[("AdamW", {"lr": 1e-2}), ("AdamW", {"lr": 1e-2})]),
        Problem("wide_features_and_few_labels", 8, shared.IRREGULAR, 32, 16, 5, labelled=(0, 7)),
        # Logits of thousands: exp overflows unless the row maximum is subtracted first.
        Problem("huge_logits", 8, shared.IRREGULAR, 4, 6, 3, labelled=(0, 1, 5), logit_scale=3e3, numpy_only=True),
        Problem("huge_logits_in_float64", 7, shared.star(7), 4, 6, 3, labelled=(0, 2, 3, 6), logit_scale=3e3,
                dtype="float64", numpy_only=True),
        Problem("a_pre_activation_exactly_zero_in_float64", 8, shared.IRREGULAR, 4, 5, 3, labelled=(1, 3, 4, 6),
                dtype="float64", dead_unit=True, numpy_only=True),
        # Two plain SGD steps in a row: the second must start from zeroed gradients.
        Problem("two_steps_in_a_row_in_float64", 7, shared.path(7), 3, 4, 3, labelled=(0, 2, 6), dtype="float64",
                steps=[("SGD", {"lr": 0.5}), ("SGD", {"lr": 0.5})], steps_only=True),
        Problem("learns_two_communities_from_four_labels_in_float64", 10, COMMUNITIES, 4, 8, 2,
                labelled=(0, 2, 7, 9), dtype="float64", y=(0,) * 5 + (1,) * 5, steps=[("SGD", {"lr": 0.5})] * 10,
                learns=True, steps_only=True),
    ]


def forward_problems(track: str) -> list[Problem]:
    """The track's problems about one forward pass (and its gradients), not about a run of steps."""
    return [problem for problem in problems()
            if not problem.steps_only and (track == "numpy" or not problem.numpy_only)]


def step_problems() -> list[Problem]:
    """The torch track's problems for train_step."""
    return [problem for problem in problems() if not problem.numpy_only]


# ---- the float64 oracles ----------------------------------------------------------------------------

def logits(adj, x, W1, b1, W2, b2) -> torch.Tensor:
    """Both layers through cases.py's gcn_layer oracle (adj held constant)."""
    return shared.reference(adj, torch.relu(shared.reference(adj, x, W1, b1)), W2, b2)


def masked_loss(out: torch.Tensor, y, train_mask) -> torch.Tensor:
    return F.cross_entropy(out[train_mask], y[train_mask])


def conditioning(adj, x, W1, b1, W2, b2, **_) -> float:
    """A stable cross-entropy is exact only to about eps·max|logit|."""
    with torch.no_grad():
        return max(1.0, 0.1 * float(logits(adj, x, W1, b1, W2, b2).abs().max()))


def loss_and_grads(adj, x, y, train_mask, W1, b1, W2, b2, bug: str = "") -> tuple[torch.Tensor, dict, dict]:
    """The NumPy contract: the masked loss, autograd's gradients of the four weights, and each
    gradient's floor (gradient_floors); with a classic `bug` (_bug_logits), that bug's gradients."""
    params = {name: value.detach().clone().requires_grad_() for name, value in zip(NAMES, (W1, b1, W2, b2))}
    out = _bug_logits(adj, x, *params.values(), bug) if bug else logits(adj, x, *params.values())
    loss = masked_loss(out, y, train_mask)
    grads = dict(zip(NAMES, torch.autograd.grad(loss, list(params.values()))))
    return loss.detach(), grads, gradient_floors(adj, x, y, train_mask, out.detach(), W1, b1, W2)


def gradient_floors(adj, x, y, train_mask, out, W1, b1, W2) -> dict:
    """The largest entry of each gradient's backward pass run on absolute values (softmax + onehot for
    softmax - onehot): the size of the terms it sums. Where they cancel, or where confident logits of
    thousands make softmax - onehot ~1e-140, the gradient keeps their rounding, not its own scale."""
    with torch.no_grad():
        a_hat = adj + torch.eye(adj.shape[0], dtype=adj.dtype)
        d = a_hat.sum(dim=1).rsqrt()
        a_norm = d[:, None] * a_hat * d[None, :]  # entries >= 0: its own absolute value
        ax = a_norm @ x.abs()
        ah = a_norm @ (ax @ W1.abs() + b1.abs())
        mask = train_mask.to(out.dtype)[:, None]
        dz = (torch.softmax(out, dim=1) + F.one_hot(y, out.shape[1])) * mask / mask.sum()
        dh = a_norm @ dz @ W2.abs().T
        return {"W1": float((ax.T @ dh).max()), "b1": float(dh.sum(0).max()),
                "W2": float((ah.T @ dz).max()), "b2": float(dz.sum(0).max())}


class ReferenceGraphConv(nn.Module):
    def __init__(self, in_dim: int, out_dim: int):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(in_dim, out_dim) * in_dim ** -0.5)
        self.bias = nn.Parameter(torch.randn(out_dim) * 0.5)


class ReferenceGCNClassifier(nn.Module):
    def __init__(self, in_dim: int, hidden_dim: int, num_classes: int):
        super().__init__()
        self.layer1 = ReferenceGraphConv(in_dim, hidden_dim)
        self.layer2 = ReferenceGraphConv(hidden_dim, num_classes)

    def forward(self, adj, x) -> torch.Tensor:
        return logits(adj, x, self.layer1.weight, self.layer1.bias, self.layer2.weight, self.layer2.bias)


def reference_step(model: nn.Module, name: str, options: dict, inputs: dict,
                   zero_grad: bool = True) -> tuple[torch.Tensor, torch.Tensor]:
    """One step in float64 with a fresh optimizer of the same kind (kit builds one per call):
    (the loss before it, the logits). Without `zero_grad`, the classic bug: gradients add up."""
    step = getattr(torch.optim, name)(model.parameters(), **options)
    if zero_grad:
        step.zero_grad()
    out = model(inputs["adj"], inputs["x"])
    loss = masked_loss(out, inputs["y"], inputs["train_mask"])
    loss.backward()
    step.step()
    return loss.detach(), out.detach()


def _bug_logits(adj, x, W1, b1, W2, b2, bug: str) -> torch.Tensor:
    """The logits' values, with the gradient of a hand-written backward that skips the second layer's Â
    ("skips-a-hat") or takes W1's through Â twice, (Â ÂX)ᵀ dpre ("a-hat-twice")."""
    eye = torch.eye(adj.shape[0], dtype=adj.dtype)
    a_norm = shared.reference(adj, eye, eye)
    ax = a_norm @ x
    through = a_norm @ ax if bug == "a-hat-twice" else ax
    hidden = torch.relu((ax @ W1).detach() + through @ W1 - (through @ W1).detach() + b1)
    back = hidden if bug == "skips-a-hat" else a_norm @ hidden
    return ((a_norm @ hidden).detach() + back - back.detach()) @ W2 + b2


def _backward_bug(bug: str):
    def oracle(**inputs):
        with torch.enable_grad():  # check_function computes a variant's output without autograd
            return loss_and_grads(**inputs, bug=bug)
    return oracle


DIAGNOSES = (  # the numpy classifier's classic backward bugs (check_function's `diagnoses`)
    Diagnosis("backward-skips-a-hat", _backward_bug("skips-a-hat")),
    Diagnosis("backward-through-a-hat-twice", _backward_bug("a-hat-twice")),
)
