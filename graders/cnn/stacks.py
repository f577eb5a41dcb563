"""cnn cases of the torch track: a `Stack` is LeNet's constructor arguments, a batch and a training
script; the oracle module is built after check_module seeds torch, its weights drawn on the grid of
cases.py (exact float32 forward passes) instead of nn's initialisation, and loaded into the
candidate's by name.

The constructor's seven options, each at its default or set, meet pairwise in the first eight
stacks: an orthogonal array of strength 2 over (in_chans, num_classes, img_size, channels, hidden,
kernel_size, padding)."""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import torch
from torch import nn

from interviewkit.grader import Case, integers, sibling

shared = sibling(__file__, "cases")


class ReferenceLeNet(nn.Module):
    """The contract's module, its weights drawn on the grid (torch's global generator, which
    check_module seeds by the case) instead of nn's initialisation."""

    def __init__(self, in_chans=1, num_classes=10, img_size=28, channels=(6, 16), hidden=(120, 84), kernel_size=5,
                 padding=0, ties=False):
        super().__init__()
        size = (img_size, img_size) if isinstance(img_size, int) else tuple(img_size)
        sizes = shared.shapes(in_chans, channels, (kernel_size, kernel_size), hidden, num_classes, size, padding)
        self.padding = padding
        self.conv1 = nn.Conv2d(*sizes["conv1.weight"][1::-1], kernel_size, padding=padding)
        self.conv2 = nn.Conv2d(*sizes["conv2.weight"][1::-1], kernel_size, padding=padding)
        self.fc1 = nn.Linear(*sizes["fc1.weight"][::-1])
        self.fc2 = nn.Linear(*sizes["fc2.weight"][::-1])
        self.fc3 = nn.Linear(*sizes["fc3.weight"][::-1])
        with torch.no_grad():
            for name, parameter in self.named_parameters():
                layer = name.split(".")[0]
                fan_in = math.prod(sizes[f"{layer}.weight"][1:])
                recipe = shared.weight(tuple(parameter.shape), fan_in, ties=ties and layer.startswith("conv"))
                drawn = torch.randint(recipe.low, recipe.high + 1, tuple(parameter.shape), dtype=torch.float64)
                parameter.copy_(drawn * recipe.step)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return shared.network(dict(self.named_parameters()), x, self.padding)


@dataclass
class Stack:
    """A LeNet case: the constructor's arguments that differ from the defaults, the batch, the
    training script (optimizer steps)."""

    name: str
    N: int
    init: dict = field(default_factory=dict)
    dtype: str = "float32"
    ties: bool = False
    steps: list = field(default_factory=lambda: [("SGD", {"lr": 0.1})])

    def __str__(self) -> str:
        return self.name

    def config(self) -> dict:
        return {"in_chans": 1, "num_classes": 10, "img_size": 28, "channels": (6, 16), "hidden": (120, 84),
                "kernel_size": 5, "padding": 0, **self.init}

    def oracle(self) -> ReferenceLeNet:
        return ReferenceLeNet(**self.config(), ties=self.ties)

    def case(self, with_labels: bool) -> Case:
        config = self.config()
        size = config["img_size"]
        size = (size, size) if isinstance(size, int) else tuple(size)
        x = shared.image((self.N, config["in_chans"], *size), self.dtype, self.ties)
        labels = {"y": integers((self.N,), 0, config["num_classes"])} if with_labels else {}
        return Case(self.name, x=x, **labels)


def stacks() -> list[Stack]:
    momentum = [("SGD", {"lr": 0.05, "momentum": 0.9})]
    adam = [("Adam", {"lr": 1e-2})]
    return [
        # An orthogonal array over (in_chans, num_classes, img_size, channels, hidden, kernel_size,
        # padding), each at its default or set: every pair of settings meets in one of these eight.
        Stack("lenet5_with_every_default", N=2),
        Stack("padding_one_keeps_the_size", N=2, dtype="float64", steps=adam,
              init={"channels": (4, 4), "hidden": (8, 8), "kernel_size": 3, "padding": 1}),
        Stack("two_classes_on_wide_images", N=3, steps=momentum,
              init={"num_classes": 2, "img_size": (16, 20), "kernel_size": 3, "padding": 1}),
        Stack("odd_feature_maps_lose_their_last_row_and_column", N=2, dtype="float64",
              init={"num_classes": 5, "img_size": 17, "channels": (5, 6), "hidden": (5, 5)}),
        Stack("color_images_with_padding_two", N=2, steps=adam,
              init={"in_chans": 3, "img_size": (24, 20), "hidden": (10, 8), "padding": 2}),
        Stack("as_many_channels_in_every_layer", N=4, dtype="float64",
              init={"in_chans": 4, "img_size": 14, "channels": (4, 4), "kernel_size": 3}),
        Stack("hidden_layer_as_wide_as_the_classes", N=3, steps=momentum,
              init={"in_chans": 2, "num_classes": 4, "hidden": (16, 4), "kernel_size": 3}),
        Stack("three_classes_with_padding_one", N=3, dtype="float64",
              init={"in_chans": 3, "num_classes": 3, "channels": (3, 5), "padding": 1}),
        # Beyond the array: edge sizes, ties, and two steps in a row.
        Stack("one_image", N=1, init={"img_size": 12, "channels": (3, 4), "hidden": (6, 5), "kernel_size": 3}),
        Stack("batch_as_large_as_the_channels", N=4, dtype="float64",
              init={"in_chans": 2, "img_size": (12, 10), "channels": (4, 4), "hidden": (6, 5), "kernel_size": 3}),
        Stack("tied_maxima_in_the_pooling_windows", N=3, ties=True,
              init={"img_size": 14, "channels": (3, 4), "hidden": (8, 6), "num_classes": 4, "kernel_size": 3}),
        Stack("tied_maxima_with_padding_in_float64", N=2, dtype="float64", ties=True,
              init={"in_chans": 2, "img_size": (12, 10), "channels": (4, 3), "hidden": (7, 5), "num_classes": 3,
                    "kernel_size": 3, "padding": 1}),
        # The second step must start from zeroed gradients, not the first's.
        Stack("two_steps_in_a_row", N=3, dtype="float64", steps=[("SGD", {"lr": 0.1}), ("SGD", {"lr": 0.1})],
              init={"img_size": 12, "channels": (3, 4), "hidden": (6, 5), "num_classes": 3, "kernel_size": 3}),
    ]


def conditioning(logits: torch.Tensor) -> float:
    """A stable cross-entropy is exact only to about eps·max|logit|."""
    return max(1.0, 0.1 * float(logits.abs().max()))
