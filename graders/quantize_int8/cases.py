"""quantize_int8 cases and the float32 oracle, shared by both tracks.

The contract fixes every rounding: scale, x / scale and -lo / scale are float32 divisions, and
graders keep quotients at least 1e-5 from a half unless they are exactly a half. `quantizable`
builds x from the quotients it wants: each slice is a grid of eighths (never within 1/8 of a half,
or exactly on one) times a unit of its own, and reaches the extremes that make that unit its scale,
so every float32 quotient lies within 1e-4 of its grid point. Units are powers of two where the
case wants exact halves (then every quotient is exact), random elsewhere (then the scales are not
round numbers, and a scale computed in float64 shows).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from interviewkit.grader import Case, Diagnosis, Recipe, _, given


@dataclass(frozen=True)
class quantizable(Recipe):
    """float32 x of `shape` with one unit per slice along `axis` (the whole tensor when None).

    symmetric: quotients in [-127, 127], each slice reaching -127 or +127 (`extreme` -1 or 1 picks
    which, 0 draws it). Asymmetric: each slice's zero point -lo / scale is `zero_points` (one per
    slice, or None: drawn in 0..255); 0 makes an all-positive slice, 255 an all-negative one, a half
    a zero point that rounds to even. `zero_slices` lists slices of zeros (range 0: scale 1.0)."""

    shape: tuple[int, ...]
    axis: int | None = None
    symmetric: bool = True
    halves: bool = False
    extreme: int = 0
    zero_points: tuple[float, ...] | None = None
    zero_slices: tuple[int, ...] = ()
    dtype: str = "float32"

    @property
    def slices(self) -> int:
        return 1 if self.axis is None else self.shape[self.axis]

    def __post_init__(self):
        per_slice = math.prod(self.shape) // self.slices
        if self.zero_points is not None:
            assert len(self.zero_points) == self.slices, "one zero point per slice"
            # One element cannot reach both ends: only an all-positive or all-negative slice has one.
            assert per_slice > 1 or set(self.zero_points) <= {0, 255}, "a slice of one element has zero point 0 or 255"
            assert self.halves or all(z == int(z) for z in self.zero_points), "a half zero point needs halves=True"
        assert per_slice > 1 or self.symmetric or self.zero_points is not None

    def lines(self, name: str) -> list[str]:
        c, n = self.slices, math.prod(self.shape) // self.slices
        steps = "0, 4" if self.halves else "0, 1, 2, 3, 5, 6, 7"  # with halves, half the quotients are
        lines = [f"fraction = np.array([{steps}]) / 8  # quotients on a grid of eighths"]
        if self.symmetric:
            sign = f"rng.choice([-1, 1], ({c}, 1))" if self.extreme == 0 else str(self.extreme)
            lines += [
                f"q = rng.integers(-126, 126, ({c}, {n})) + rng.choice(fraction, ({c}, {n}))",
                f"q[:, :1] = 127 * {sign}  # each slice reaches ±127: its scale is its unit",
            ]
        else:
            zero = (f"rng.integers(0, 256, ({c}, 1))" if self.zero_points is None
                    else f"np.array({list(self.zero_points)!r}).reshape({c}, 1)")
            lines += [
                f"zero = {zero}  # each slice's -lo / scale",
                f"q = rng.integers(1, 255, ({c}, {n})) + rng.choice(fraction, ({c}, {n})) - zero",
                "q[:, :1] = np.where(zero < 255, 255 - zero, -zero)  # its top (an all-negative slice: its bottom)",
                "q[:, 1:2] = np.where((0 < zero) & (zero < 255), -zero, q[:, 1:2])  # its bottom, below 0",
            ]
        if self.zero_slices:
            lines.append(f"q[{list(self.zero_slices)!r}] = 0  # range 0: scale 1.0")
        unit = f"2.0 ** rng.integers(-3, 4, ({c}, 1))" if self.halves else f"rng.uniform(0.01, 10.0, ({c}, 1))"
        lines.append(f"q = rng.permuted(q, axis=1) * {unit}")
        if self.axis is None:
            lines.append(f"{name} = q.reshape({self.shape!r}).astype(np.float32)")
        else:
            rest = tuple(d for i, d in enumerate(self.shape) if i != self.axis % len(self.shape))
            lines.append(f"{name} = np.moveaxis(q.reshape(({c},) + {rest!r}), 0, {self.axis}).astype(np.float32)")
        return lines

    def draw(self, rng):
        # The statements `kit` prints to rebuild a failing case are the ones that drew it.
        scope = {"np": np, "rng": rng}
        exec("\n".join(self.lines("x")), scope)
        return scope["x"]

    def describe(self):
        # a list of the recipe's traits, each one translated whole
        kind = _("symmetric-friendly") if self.symmetric else _("asymmetric-friendly")
        where = _("per tensor") if self.axis is None else _("one unit per slice along axis {axis}").format(axis=self.axis)
        extras = _(", exact halves") if self.halves else ""
        extras += _(", zero slices {slices}").format(slices=list(self.zero_slices)) if self.zero_slices else ""
        extras += _(", zero points {points}").format(points=list(self.zero_points)) if self.zero_points else ""
        return f"float32 {self.shape!r}, {kind}, {where}{extras}"


def case(name: str, shape, axis=None, symmetric=True, **layout) -> Case:
    return Case(name, x=quantizable(tuple(shape), axis, symmetric, **layout), symmetric=symmetric, axis=axis)


def cases() -> list[Case]:
    return [
        # Every mode with every kind of axis: None, 0, a middle one, the last as -1, a middle one as -2.
        case("symmetric_per_tensor", (3, 5, 4)),
        case("symmetric_per_channel_on_axis_0", (4, 3, 5), axis=0),
        case("symmetric_per_channel_on_a_middle_axis", (2, 6, 3), axis=1),
        case("symmetric_per_channel_on_the_last_axis_as_minus_1", (3, 5, 4), axis=-1),
        case("symmetric_per_channel_on_a_middle_axis_as_minus_2", (3, 4, 2), axis=-2),
        case("asymmetric_per_tensor", (3, 5, 4), symmetric=False),
        case("asymmetric_per_channel_on_axis_0", (4, 3, 5), axis=0, symmetric=False),
        case("asymmetric_per_channel_on_a_middle_axis", (2, 6, 3), axis=1, symmetric=False),
        case("asymmetric_per_channel_on_the_last_axis_as_minus_1", (3, 5, 4), axis=-1, symmetric=False),
        case("asymmetric_per_channel_on_a_middle_axis_as_minus_2", (3, 4, 2), axis=-2, symmetric=False),
        # Every dimension equal: reducing over the wrong axes gives scales of the right shape.
        case("symmetric_cube_per_channel_on_axis_0", (4, 4, 4), axis=0),
        case("symmetric_cube_per_channel_on_the_middle_axis", (4, 4, 4), axis=1),
        case("symmetric_cube_per_channel_on_the_last_axis", (4, 4, 4), axis=-1),
        case("asymmetric_cube_per_channel_on_axis_0", (4, 4, 4), axis=0, symmetric=False),
        case("asymmetric_cube_per_channel_on_the_middle_axis_as_minus_2", (4, 4, 4), axis=-2, symmetric=False),
        case("symmetric_square_matrix_per_column", (6, 6), axis=1),
        case("asymmetric_square_matrix_per_row", (6, 6), axis=0, symmetric=False),
        case("asymmetric_square_matrix_per_tensor", (6, 6), symmetric=False),
        # Quotients that are exact halves: 2.5 rounds to 2, -3.5 to -4, 0.5 to 0.
        case("exact_halves_round_to_even_per_tensor", (6, 8), halves=True),
        case("exact_halves_round_to_even_per_channel", (5, 8), axis=0, halves=True),
        # A zero point of 101.5 rounds to 102, and the top quotient 153.5 to 154: 256, clamped to 255.
        case("asymmetric_halves_with_a_zero_point_that_rounds_up", (4, 6), symmetric=False, halves=True,
             zero_points=(101.5,)),
        case("asymmetric_halves_per_channel", (3, 8), axis=-1, symmetric=False, halves=True,
             zero_points=(100.5, 101.5, 36.5, 0, 255, 7.5, 128, 254.5)),
        # The most negative value becomes -127, never -128; a scale from x.max() would be negative.
        case("symmetric_largest_magnitude_negative", (5, 6), extreme=-1),
        case("symmetric_per_channel_largest_magnitudes_negative", (5, 6), axis=1, extreme=-1),
        case("symmetric_largest_magnitude_positive", (5, 6), extreme=1),
        # lo = min(x.min(), 0) and hi = max(x.max(), 0): the range always holds 0.
        case("asymmetric_all_positive_tensor", (4, 6), symmetric=False, zero_points=(0,)),
        case("asymmetric_all_negative_tensor", (4, 6), symmetric=False, zero_points=(255,)),
        case("asymmetric_channels_all_positive_all_negative_and_mixed", (4, 7), axis=0, symmetric=False,
             zero_points=(0, 255, 60, 0)),
        # A slice of zeros has range 0: scale 1.0 (and zero point 0), not a division by zero.
        case("symmetric_with_a_zero_channel", (4, 6), axis=0, zero_slices=(2,)),
        case("asymmetric_with_a_zero_channel", (3, 4, 5), axis=1, symmetric=False, zero_slices=(0,)),
        Case("symmetric_all_zeros", x=given((0.0,) * 6), symmetric=True, axis=None),
        Case("asymmetric_all_zeros_per_channel", x=given((0.0,) * 6), symmetric=False, axis=0),
        # One element: per tensor, its own channel, and channels of one element each.
        case("symmetric_one_element", (1,)),
        case("asymmetric_one_positive_element", (1,), symmetric=False, zero_points=(0,)),
        case("asymmetric_one_negative_element_per_channel", (1,), axis=0, symmetric=False, zero_points=(255,)),
        case("symmetric_one_element_in_three_dimensions_per_channel", (1, 1, 1), axis=-1),
        case("symmetric_channels_of_one_element", (5, 1), axis=0),
        case("asymmetric_channels_of_one_element", (4, 1), axis=0, symmetric=False, zero_points=(0, 255, 255, 0)),
        case("symmetric_vector_per_element", (6,), axis=0),
        case("symmetric_long_rows_per_channel", (8, 256), axis=0),
        case("asymmetric_long_rows_per_tensor", (3, 512), symmetric=False),
    ]


def slice_shape(x: np.ndarray, axis: int | None) -> tuple[int, ...]:
    """The shape a per-slice statistic broadcasts against x with: (1, C, 1) for axis 1 of 3."""
    if axis is None:
        return (1,) * x.ndim
    return tuple(d if i == axis % x.ndim else 1 for i, d in enumerate(x.shape))


def quantize(x: np.ndarray, symmetric: bool = True, axis: int | None = None):
    """The contract, step by step, in float32 (its divisions are part of the answer)."""
    x = np.asarray(x, dtype=np.float32)
    over = None if axis is None else tuple(i for i in range(x.ndim) if i != axis % x.ndim)
    if symmetric:
        scale = np.abs(x).max(axis=over) / np.float32(127)
        scale = np.where(scale == 0, np.float32(1), scale).astype(np.float32)
        zero_point = np.zeros(scale.shape, np.int32)
        q = np.clip(np.round(x / scale.reshape(slice_shape(x, axis))), -127, 127).astype(np.int8)
    else:
        lo = np.minimum(x.min(axis=over), np.float32(0))
        hi = np.maximum(x.max(axis=over), np.float32(0))
        scale = ((hi - lo) / np.float32(255)).astype(np.float32)
        scale = np.where(scale == 0, np.float32(1), scale).astype(np.float32)
        zero_point = np.clip(np.round(-lo / scale), 0, 255).astype(np.int32)
        quotient = np.round(x / scale.reshape(slice_shape(x, axis)))
        q = np.clip(quotient + zero_point.reshape(slice_shape(x, axis)), 0, 255).astype(np.uint8)
    return q, scale, zero_point


def dequantize(q: np.ndarray, scale: np.ndarray, zero_point: np.ndarray, axis: int | None = None) -> np.ndarray:
    shape = slice_shape(q, axis)
    return ((q.astype(np.float32) - zero_point.reshape(shape)) * scale.reshape(shape)).astype(np.float32)


# --- diagnoses: the classic bugs a wrong quantize is recognised as (katas/quantize_int8/hints.toml,
# [causes], explains each; the proofs' `# hint:` lines prove where each leads) -----------------------

def _quantize_with(bug: str):
    """`quantize` (above) with one classic bug, on the grader's float64 torch x of float32 values."""
    def variant(x, symmetric=True, axis=None):
        x = x.numpy().astype(np.float32)
        over = None if axis is None else tuple(i for i in range(x.ndim) if i != axis % x.ndim)
        shape = slice_shape(x, axis)
        rounded = (lambda v: np.floor(v + np.float32(0.5))) if bug == "round-half-away-from-zero" else np.round
        if symmetric:
            top = x.max(axis=over) if bug == "symmetric-scale-from-the-maximum" else np.abs(x).max(axis=over)
            scale = top / np.float32(128 if bug == "steps-counted-as-levels" else 127)
            scale = np.where(scale == 0, np.float32(1), scale).astype(np.float32)
            q = np.clip(rounded(x / scale.reshape(shape)), -127, 127).astype(np.int8)
            return q, scale, np.zeros(scale.shape, np.int32)
        lo, hi = x.min(axis=over), x.max(axis=over)
        if bug != "range-without-zero":
            lo, hi = np.minimum(lo, np.float32(0)), np.maximum(hi, np.float32(0))
        scale = ((hi - lo) / np.float32(256 if bug == "steps-counted-as-levels" else 255)).astype(np.float32)
        scale = np.where(scale == 0, np.float32(1), scale).astype(np.float32)
        zero_point = np.clip(rounded(-lo / scale), 0, 255).astype(np.int32)
        q = np.clip(rounded(x / scale.reshape(shape)) + zero_point.reshape(shape), 0, 255).astype(np.uint8)
        return q, scale, zero_point
    return variant


DIAGNOSES = tuple(Diagnosis(bug, _quantize_with(bug)) for bug in (
    "range-without-zero", "round-half-away-from-zero", "symmetric-scale-from-the-maximum", "steps-counted-as-levels",
))


def dequantize_in_the_dtype_of_q(q: np.ndarray, scale: np.ndarray, zero_point: np.ndarray, axis=None) -> np.ndarray:
    """The classic dequantize bug: q - zero_point in q's own dtype, which uint8 wraps below 0."""
    shape = slice_shape(q, axis)
    wrapped = (q - zero_point.reshape(shape).astype(q.dtype)).astype(q.dtype)
    return (wrapped.astype(np.float32) * scale.reshape(shape)).astype(np.float32)
