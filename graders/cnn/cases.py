"""cnn cases and the float64 oracles of both tracks.

Every input and weight is a multiple of 1/8 or 1/4 (small integers in the cases full of ties), with
few enough bits that every sum of the forward pass is exact in float32: the candidate's float32
network and the float64 oracle see the same pre-activations and pooled values, so each ReLU and
each max-pool window decides the same way (a near-tie rounded differently would move a window's
gradient to another cell and fail a correct solution), and a tie is an exact tie. Only the backward
pass, fed a random N(0, 1) upstream gradient, rounds.

NumPy: a `Net` is one LeNet's weights (PyTorch's state_dict layout), a batch x and dlogits, drawn
from one generator seeded by the case; the oracle is the same network through F.conv2d,
torch.relu, F.max_pool2d (first maximum of a window in row-major order) and F.linear in float64,
its gradients from autograd. The torch track's cases are in stacks.py.

Dimensions a misreading would confuse are equal in some case and differ in others (N == C1 for a
bias gradient summed over the wrong axis, C_in == C1 == C2 for a weight transposed over its
channels, H != W for a transposed image, H1 == H2 == num_classes, two classes). The numpy track's one
option, padding, takes both settings."""
from __future__ import annotations

import math
import zlib
from dataclasses import dataclass

import numpy as np
import torch
from torch.nn import functional as F

from interviewkit.grader import Recipe, _, normal

NAMES = ("conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias", "fc1.weight", "fc1.bias",
         "fc2.weight", "fc2.bias", "fc3.weight", "fc3.bias")
STEP = 0.125  # the grid of every weight: 3 bits a layer keep the whole forward pass within float32


@dataclass(frozen=True)
class grid(Recipe):
    """Integers in [low, high] times `step`, a power of two: exact in every float dtype."""

    shape: tuple[int, ...]
    low: int
    high: int
    step: float = 1.0
    dtype: str = "float32"

    def draw(self, rng):
        return rng.integers(self.low, self.high + 1, self.shape) * self.step

    def code(self):
        times = "" if self.step == 1 else f" * {self.step!r}"
        return f"rng.integers({self.low}, {self.high + 1}, {tuple(self.shape)!r}){times}"

    def describe(self):
        return _("{dtype} {shape}, multiples of {step} in [{low}, {high}]").format(
            dtype=self.dtype, shape=repr(tuple(self.shape)), step=f"{self.step:g}", low=f"{self.low * self.step:g}",
            high=f"{self.high * self.step:g}")


def weight(shape: tuple[int, ...], fan_in: int, dtype: str = "float32", ties: bool = False) -> grid:
    """About N(0, 1/fan_in) on the 1/8 grid (at least {-1/8, 0, 1/8}); the integers -1, 0, 1 in the
    cases full of ties."""
    if ties:
        return grid(shape, -1, 1, dtype=dtype)
    levels = max(1, round(math.sqrt(3 / fan_in) / STEP))
    return grid(shape, -levels, levels, STEP, dtype)


def image(shape: tuple[int, ...], dtype: str = "float32", ties: bool = False) -> grid:
    """Values in [-2, 2] on the 1/4 grid; the integers 0, 1, 2 in the cases full of ties, whose
    small integer feature maps tie in most pooling windows."""
    return grid(shape, 0, 2, dtype=dtype) if ties else grid(shape, -8, 8, 0.25, dtype)


def conv_side(side: int, kernel: int, padding: int) -> int:
    """A side after a conv (stride 1) and a 2x2 max-pool (stride 2), an odd last row dropped."""
    return (side + 2 * padding - kernel + 1) // 2


def shapes(in_chans, channels, kernels, hidden, classes, size, padding) -> dict:
    """The parameters' shapes, in the state_dict's order."""
    (c1, c2), (k1, k2), (h1, h2) = channels, kernels, hidden
    height, width = (conv_side(conv_side(side, k1, padding), k2, padding) for side in size)
    assert height >= 1 and width >= 1, "conv2's pooled feature maps must be at least 1 x 1"
    return {"conv1.weight": (c1, in_chans, k1, k1), "conv1.bias": (c1,), "conv2.weight": (c2, c1, k2, k2),
            "conv2.bias": (c2,), "fc1.weight": (h1, c2 * height * width), "fc1.bias": (h1,),
            "fc2.weight": (h2, h1), "fc2.bias": (h2,), "fc3.weight": (classes, h2), "fc3.bias": (classes,)}


def max_pool(x: torch.Tensor) -> torch.Tensor:
    return F.max_pool2d(x, 2)


def network(params: dict, x: torch.Tensor, padding: int, relu=torch.relu, pool=max_pool) -> torch.Tensor:
    """The contract's forward pass with torch's own layers (params by state_dict name); a classic
    bug's `relu` or `pool` (below) gives the same values and that bug's gradients."""
    for conv in ("conv1", "conv2"):
        x = F.conv2d(x, params[f"{conv}.weight"], params[f"{conv}.bias"], padding=padding)
        x = pool(relu(x))
    x = x.flatten(1)
    for fc in ("fc1", "fc2"):
        x = relu(F.linear(x, params[f"{fc}.weight"], params[f"{fc}.bias"]))
    return F.linear(x, params["fc3.weight"], params["fc3.bias"])


# ---- the numpy track ------------------------------------------------------------------------------

@dataclass
class Net:
    """A numpy LeNet case: its sizes, padding and dtype; `ties` for integer images and conv weights
    (tied maxima and pre-activations exactly 0); `forwards` = 2 runs a forward on another batch
    first: backward must use the last one."""

    name: str
    N: int
    in_chans: int
    size: tuple[int, int]
    channels: tuple[int, int]
    kernels: tuple[int, int]
    hidden: tuple[int, int]
    classes: int
    padding: int = 0
    dtype: str = "float32"
    ties: bool = False
    forwards: int = 1

    def __str__(self) -> str:
        return self.name

    @property
    def seed(self) -> int:
        return zlib.crc32(f"cnn/{self.name}".encode()) % 100_000

    def recipes(self) -> dict:
        sizes = shapes(self.in_chans, self.channels, self.kernels, self.hidden, self.classes, self.size,
                       self.padding)
        found = {}
        for name, shape in sizes.items():
            layer = name.split(".")[0]
            fan_in = math.prod(sizes[f"{layer}.weight"][1:])
            conv = layer.startswith("conv")
            found[name] = weight(shape, fan_in, self.dtype, self.ties and conv)
        batch = (self.N, self.in_chans, *self.size)
        if self.forwards == 2:
            found["x_before"] = image(batch, self.dtype, self.ties)
        found["x"] = image(batch, self.dtype, self.ties)
        found["dlogits"] = normal((self.N, self.classes), dtype=self.dtype)
        return found

    def draw(self, seed_offset: int = 0) -> dict:
        rng = np.random.default_rng(self.seed + seed_offset)
        return {name: recipe.build(rng) for name, recipe in self.recipes().items()}

    def describe(self, seed_offset: int = 0) -> str:
        parts = ", ".join(f"{name}: {recipe.describe()}" for name, recipe in self.recipes().items())
        padding = f"; padding={self.padding}" if self.padding else ""
        return _("case {name} (seed {seed}): ").format(name=self.name, seed=self.seed + seed_offset) + parts + padding

    def snippet(self, call: str = "", library: str = "numpy", seed_offset: int = 0) -> str:
        lines = ["import numpy as np", f"rng = np.random.default_rng({self.seed + seed_offset})", "params = {}"]
        for name, recipe in self.recipes().items():
            lines.extend(recipe.lines(f'params["{name}"]' if name in NAMES else name))
        padding = f", padding={self.padding}" if self.padding else ""
        lines += [f"model = LeNet(params{padding})"]
        if self.forwards == 2:
            lines.append("model.forward(x_before)")
        lines += ["logits = model.forward(x)", f"# then: {call}"]
        return "\n".join(lines)


def nets() -> list[Net]:
    return [
        Net("lenet5_on_mnist_sized_images", N=2, in_chans=1, size=(28, 28), channels=(6, 16), kernels=(5, 5),
            hidden=(120, 84), classes=10),
        Net("padding_two_on_mnist_sized_images", N=2, in_chans=1, size=(28, 28), channels=(6, 16), kernels=(5, 5),
            hidden=(120, 84), classes=10, padding=2, dtype="float64"),
        Net("small_batch_of_color_images", N=4, in_chans=3, size=(12, 12), channels=(4, 6), kernels=(3, 3),
            hidden=(10, 8), classes=5),
        Net("float64_small_batch", N=3, in_chans=2, size=(12, 12), channels=(3, 5), kernels=(3, 3),
            hidden=(9, 7), classes=4, dtype="float64"),
        Net("wide_images", N=3, in_chans=2, size=(10, 16), channels=(4, 5), kernels=(3, 3), hidden=(8, 6),
            classes=3),
        Net("tall_images_with_padding_one", N=2, in_chans=1, size=(16, 10), channels=(3, 4), kernels=(3, 3),
            hidden=(7, 6), classes=4, padding=1, dtype="float64"),
        Net("batch_as_large_as_the_channels", N=4, in_chans=2, size=(12, 12), channels=(4, 4), kernels=(3, 3),
            hidden=(8, 6), classes=4, dtype="float64"),
        Net("as_many_channels_in_every_layer", N=2, in_chans=3, size=(12, 12), channels=(3, 3), kernels=(3, 3),
            hidden=(6, 5), classes=3),
        Net("kernels_of_two_sizes", N=2, in_chans=1, size=(16, 16), channels=(4, 5), kernels=(5, 3), hidden=(8, 6),
            classes=3, dtype="float64"),
        Net("odd_feature_maps_lose_their_last_row_and_column", N=2, in_chans=2, size=(17, 15), channels=(3, 4),
            kernels=(3, 3), hidden=(8, 6), classes=3),
        Net("hidden_layers_as_wide_as_the_classes", N=3, in_chans=1, size=(10, 10), channels=(3, 4),
            kernels=(3, 3), hidden=(5, 5), classes=5, padding=1),
        Net("two_classes", N=5, in_chans=1, size=(12, 12), channels=(3, 4), kernels=(3, 3), hidden=(6, 4),
            classes=2),
        Net("one_image", N=1, in_chans=2, size=(12, 12), channels=(3, 4), kernels=(3, 3), hidden=(6, 5), classes=3,
            dtype="float64"),
        Net("tied_maxima_in_the_pooling_windows", N=3, in_chans=1, size=(14, 14), channels=(3, 4), kernels=(3, 3),
            hidden=(8, 6), classes=4, ties=True),
        Net("tied_maxima_with_padding_in_float64", N=2, in_chans=2, size=(12, 10), channels=(4, 3), kernels=(3, 3),
            hidden=(7, 5), classes=3, padding=1, dtype="float64", ties=True),
        Net("backward_after_two_forward_passes", N=3, in_chans=1, size=(12, 12), channels=(3, 4), kernels=(3, 3),
            hidden=(6, 5), classes=3, forwards=2),
    ]


def reference_forward(values: dict, padding: int, x: str = "x") -> torch.Tensor:
    params = {name: torch.from_numpy(values[name].astype(np.float64)) for name in NAMES}
    return network(params, torch.from_numpy(values[x].astype(np.float64)), padding)


def reference_gradients(values: dict, padding: int, **bug) -> dict:
    """Autograd through the float64 network, for the dlogits the candidate was given."""
    leaves = {name: torch.from_numpy(values[name].astype(np.float64)).requires_grad_() for name in (*NAMES, "x")}
    logits = network({name: leaves[name] for name in NAMES}, leaves["x"], padding, **bug)
    upstream = torch.from_numpy(values["dlogits"].astype(np.float64))
    return dict(zip(leaves, torch.autograd.grad(logits, list(leaves.values()), upstream)))


# ---- classic backward bugs: the max-pool's value with the bug's gradient (test_numpy's diagnoses) ----

def _whole_windows(x: torch.Tensor) -> torch.Tensor:
    return x[..., :x.shape[-2] // 2 * 2, :x.shape[-1] // 2 * 2]


def _routed(x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """max-pool's values, each window's gradient sent to every cell where `mask` is 1."""
    spread = F.avg_pool2d(_whole_windows(x) * mask, 2) * 4
    return max_pool(x).detach() + spread - spread.detach()


def pool_to_every_cell(x):
    return _routed(x, torch.ones_like(_whole_windows(x)))


def pool_to_every_tied_maximum(x):
    widest = max_pool(x).detach().repeat_interleave(2, -2).repeat_interleave(2, -1)
    return _routed(x, (_whole_windows(x) == widest).to(x.dtype))


def pool_to_the_last_maximum(x):
    flip = lambda t: torch.flip(t, (-2, -1))  # noqa: E731 - the last maximum in row-major order comes first
    return flip(max_pool(flip(_whole_windows(x))))


BACKWARD_BUGS = (  # cause, the bug as network()'s relu or pool
    ("pool-gradient-to-every-cell", {"pool": pool_to_every_cell}),
    ("pool-gradient-to-every-tied-maximum", {"pool": pool_to_every_tied_maximum}),
    ("pool-gradient-to-the-last-maximum", {"pool": pool_to_the_last_maximum}),
    ("relu-derivative-one-at-zero", {"relu": lambda x: x.clamp(min=0)}),  # clamp passes the gradient at 0
)
