"""Named, seeded grading cases, built from input recipes that can also print themselves as code.

Every recipe draws float64 (or integer, or boolean) values from one NumPy generator in the order
the case lists its inputs, then casts them to their dtype; the reference sees exactly the cast
values in float64, and `snippet()` prints the lines that rebuild the same inputs."""
from __future__ import annotations

import zlib
from dataclasses import dataclass, field

import numpy as np

from interviewkit.grading.toolkit import objects
from interviewkit.messages import _

UPSTREAM_SEED_SALT = 7919


class Recipe:
    dtype: str

    def draw(self, rng: np.random.Generator) -> np.ndarray:
        raise NotImplementedError

    def code(self) -> str:
        """A NumPy expression, using `rng`, that draws the same values as `draw`."""
        raise NotImplementedError

    def lines(self, name: str) -> list[str]:
        """Statements that bind `name` to the same values as `build`."""
        return [f"{name} = ({self.code()}).astype(np.{self.dtype})"]

    def describe(self) -> str:
        raise NotImplementedError

    def build(self, rng: np.random.Generator) -> np.ndarray:
        return np.asarray(self.draw(rng)).astype(self.dtype)


def _shape(shape) -> str:
    return "(" + ", ".join(str(n) for n in shape) + ("," if len(shape) == 1 else "") + ")"


def _times(scale: float) -> str:
    return "" if scale == 1 else f" * {scale!r}"


@dataclass(frozen=True)
class normal(Recipe):
    """N(shift, scale²) values."""

    shape: tuple[int, ...]
    scale: float = 1.0
    shift: float = 0.0
    dtype: str = "float32"

    def draw(self, rng):
        return rng.standard_normal(self.shape) * self.scale + self.shift

    def code(self):
        shift = f" + {self.shift!r}" if self.shift else ""
        return f"rng.standard_normal({_shape(self.shape)}){_times(self.scale)}{shift}"

    def describe(self):
        spread = f"N({self.shift:g}, {self.scale:g}²)"
        return f"{self.dtype} {_shape(self.shape)} ~{spread}"


@dataclass(frozen=True)
class uniform(Recipe):
    shape: tuple[int, ...]
    low: float = -1.0
    high: float = 1.0
    dtype: str = "float32"

    def draw(self, rng):
        return rng.uniform(self.low, self.high, self.shape)

    def code(self):
        return f"rng.uniform({self.low!r}, {self.high!r}, {_shape(self.shape)})"

    def describe(self):
        return f"{self.dtype} {_shape(self.shape)} ~U({self.low:g}, {self.high:g})"


@dataclass(frozen=True)
class scaled_rows(Recipe):
    """N(0, 1) values whose i-th slice along axis 0 is multiplied by scales[i]."""

    shape: tuple[int, ...]
    scales: tuple[float, ...]
    dtype: str = "float32"

    def __post_init__(self):
        assert len(self.scales) == self.shape[0], "one scale per row"

    def _column(self) -> str:
        return f"np.array({list(self.scales)!r}).reshape({_shape((-1,) + (1,) * (len(self.shape) - 1))})"

    def draw(self, rng):
        scales = np.array(self.scales).reshape((-1,) + (1,) * (len(self.shape) - 1))
        return rng.standard_normal(self.shape) * scales

    def code(self):
        return f"rng.standard_normal({_shape(self.shape)}) * {self._column()}"

    def describe(self):
        return _("{dtype} {shape}, rows scaled by {scales}").format(
            dtype=self.dtype, shape=_shape(self.shape), scales=", ".join(f"{s:g}" for s in self.scales))


@dataclass(frozen=True)
class integers(Recipe):
    shape: tuple[int, ...]
    low: int = 0
    high: int = 10
    dtype: str = "int64"

    def draw(self, rng):
        return rng.integers(self.low, self.high, self.shape)

    def code(self):
        return f"rng.integers({self.low}, {self.high}, {_shape(self.shape)})"

    def describe(self):
        return f"{self.dtype} {_shape(self.shape)} in [{self.low}, {self.high})"


@dataclass(frozen=True)
class mask(Recipe):
    """Booleans, True with probability `keep`; every last-axis row keeps its first entry if it would be empty."""

    shape: tuple[int, ...]
    keep: float = 0.7
    dtype: str = "bool"

    def draw(self, rng):
        values = rng.random(self.shape) < self.keep
        values[..., 0] |= ~values.any(axis=-1)
        return values

    def lines(self, name):
        return [f"{name} = rng.random({_shape(self.shape)}) < {self.keep!r}",
                f"{name}[..., 0] |= ~{name}.any(axis=-1)"]

    def describe(self):
        return _("{dtype} {shape}, {share} True").format(
            dtype="bool", shape=_shape(self.shape), share=f"{self.keep:.0%}")


@dataclass(frozen=True)
class causal_mask(Recipe):
    """True on and below the diagonal: query i may attend to keys j <= i. Draws nothing."""

    length: int
    dtype: str = "bool"

    @property
    def shape(self):
        return (self.length, self.length)

    def draw(self, rng):
        return np.tril(np.ones(self.shape, dtype=bool))

    def code(self):
        return f"np.tril(np.ones({_shape(self.shape)}, dtype=bool))"

    def describe(self):
        return _("{dtype} {shape} causal (lower triangle)").format(dtype="bool", shape=_shape(self.shape))


@dataclass(frozen=True)
class given(Recipe):
    """Fixed values, written out in the case."""

    values: tuple
    dtype: str = "float32"

    def draw(self, rng):
        return np.array(self.values, dtype=np.float64 if "float" in self.dtype else None)

    def code(self):
        return f"np.array({list(self.values)!r})"

    def describe(self):
        text = f"{self.dtype} {list(self.values)!r}"
        return text if len(text) <= 80 else text[:79] + "…"


@dataclass
class Case:
    """A named grading case: input recipes (or plain values) by parameter name, and a seed."""

    name: str
    inputs: dict = field(default_factory=dict)
    seed: int | None = None
    condition: float = 1.0

    def __init__(self, name: str, *, case_seed: int | None = None, condition: float = 1.0, **inputs):
        # `case_seed`, not `seed`: a kata's own function may take a `seed` (kmeans does).
        self.name = name
        self.inputs = inputs
        self.seed = zlib.crc32(name.encode()) % 100_000 if case_seed is None else case_seed
        self.condition = condition

    def __str__(self) -> str:
        return self.name

    def numpy_inputs(self, seed_offset: int = 0) -> dict:
        rng = np.random.default_rng(self.seed + seed_offset)

        def draw(value):
            return value.build(rng) if isinstance(value, Recipe) else value

        return {name: objects.resolve(value, draw) for name, value in self.inputs.items()}

    def torch_inputs(self, seed_offset: int = 0, device: str = "cpu") -> dict:
        return {name: objects.for_candidate_torch(value, device)
                for name, value in self.numpy_inputs(seed_offset).items()}

    def reference_inputs(self, seed_offset: int = 0) -> dict:
        """The same values in float64 torch tensors on the CPU (integers and booleans kept); the
        objects a case describes (objects.py), built."""
        return {name: objects.for_reference(value) for name, value in self.numpy_inputs(seed_offset).items()}

    def upstream(self, shape: tuple[int, ...], seed_offset: int = 0, index: int = 0):
        """A random upstream gradient (float64), the same for candidate and reference."""
        import torch

        rng = np.random.default_rng(self.seed + seed_offset + UPSTREAM_SEED_SALT * (index + 1))
        return torch.from_numpy(rng.standard_normal(shape))

    def describe(self, seed_offset: int = 0) -> str:
        parts = [
            f"{name}: {value.describe()}" if isinstance(value, Recipe)
            else f"{name}: {described}" if (described := objects.describe(value)) else f"{name}={value!r}"
            for name, value in self.inputs.items()
        ]
        return _("case {name} (seed {seed}): ").format(name=self.name, seed=self.seed + seed_offset) + ", ".join(parts)

    def snippet(self, call: str, library: str, seed_offset: int = 0) -> str:
        """Python lines that rebuild this case's inputs and make the call."""
        lines = ["import numpy as np"]
        if library == "torch":
            lines.append("import torch")
        lines.append(f"rng = np.random.default_rng({self.seed + seed_offset})")
        for name, value in self.inputs.items():
            if isinstance(value, Recipe):
                lines.extend(value.lines(name))
                if library == "torch":
                    lines.append(f"{name} = torch.from_numpy({name})")
        arguments, positional = [], True
        for name, value in self.inputs.items():
            positional = positional and isinstance(value, Recipe)
            arguments.append(name if positional else f"{name}={name if isinstance(value, Recipe) else repr(value)}")
        lines.append(f"{call}({', '.join(arguments)})")
        return "\n".join(lines)
