"""pooling cases, shared by both tracks: x (N, C, H, W) and the options kernel_size, stride, padding,
each an int or a pair; stride None (left out) is the kernel size.

The numpy track's backward cases are the forward cases with an upstream gradient `dout` shaped like
the output (and, for avg_pool2d_backward, x's shape in place of x).

What each group pins down:
- stride left out in almost every case: a stride defaulting to 1 changes the output's shape;
- strides that do not divide evenly: an output size rounded up (ceil_mode) changes it too;
- padding on all-negative values: zero padding would win every border window of a max pool, and
  every padded average divides by KH * KW, not by its count of real cells;
- integer-valued inputs: exact ties inside windows, where the gradient goes to the first maximum
  in row-major order (not split, not the last); overlapping windows add their gradients.
"""
from __future__ import annotations

import torch.nn.functional as F

from interviewkit.grader import Case, Diagnosis, Recipe, integers, normal


def _pair(value) -> tuple[int, int]:
    return (value, value) if isinstance(value, int) else tuple(value)


def output_shape(shape, kernel_size, stride=None, padding=0) -> tuple[int, int, int, int]:
    (kernel_h, kernel_w), (pad_h, pad_w) = _pair(kernel_size), _pair(padding)
    stride_h, stride_w = _pair(kernel_size if stride is None else stride)
    batch, channels, height, width = shape
    return (batch, channels, (height + 2 * pad_h - kernel_h) // stride_h + 1,
            (width + 2 * pad_w - kernel_w) // stride_w + 1)


def ties(shape, low=0, high=3, dtype="float32") -> integers:
    """Integer values in [low, high) stored as floats: nearly every window holds tied maxima."""
    return integers(shape, low, high, dtype=dtype)


# (name, x, options): every case runs through max_pool2d and avg_pool2d (and their backwards).
FORWARD = [
    ("two_by_two_windows_with_defaults", normal((2, 3, 6, 6)), dict(kernel_size=2)),
    ("three_by_three_windows_with_the_default_stride", normal((2, 2, 9, 9)), dict(kernel_size=3)),
    ("stride_given_as_none", normal((2, 2, 6, 8)), dict(kernel_size=2, stride=None)),
    ("kernel_given_as_a_pair", normal((2, 2, 6, 6)), dict(kernel_size=(2, 2))),
    ("overlapping_windows_with_stride_one", normal((2, 2, 6, 6)), dict(kernel_size=3, stride=1)),
    ("overlapping_windows_with_stride_two", normal((2, 3, 7, 7)), dict(kernel_size=3, stride=2)),
    ("stride_larger_than_the_kernel", normal((1, 2, 8, 8)), dict(kernel_size=2, stride=3)),
    ("stride_that_does_not_divide_evenly", normal((1, 2, 7, 9)), dict(kernel_size=2)),
    ("stride_that_does_not_divide_evenly_with_padding", normal((1, 2, 8, 8)),
     dict(kernel_size=3, stride=2, padding=1)),
    ("wide_kernel", normal((2, 2, 6, 9)), dict(kernel_size=(2, 3))),
    ("tall_kernel", normal((2, 2, 9, 4)), dict(kernel_size=(3, 1))),
    ("kernel_stride_and_padding_as_pairs", normal((2, 2, 7, 6)),
     dict(kernel_size=(3, 2), stride=(2, 1), padding=(1, 0))),
    ("stride_only_along_the_height", normal((1, 2, 8, 5)), dict(kernel_size=2, stride=(3, 1))),
    ("padding_only_along_the_width", normal((1, 2, 5, 6)), dict(kernel_size=(2, 3), stride=1, padding=(0, 1))),
    ("padding_one_on_negative_values", normal((2, 2, 6, 6), shift=-4.0), dict(kernel_size=3, stride=2, padding=1)),
    ("padding_one_with_the_default_stride", normal((2, 2, 5, 7), shift=-4.0), dict(kernel_size=2, padding=1)),
    ("padding_as_a_pair_on_negative_values", normal((1, 3, 6, 7), shift=-4.0),
     dict(kernel_size=(2, 4), stride=(2, 3), padding=(1, 2))),
    ("padding_of_two_above_and_below", normal((1, 2, 6, 7), shift=-4.0), dict(kernel_size=(4, 5), stride=2, padding=2)),
    ("wide_image", normal((2, 3, 4, 10)), dict(kernel_size=2)),
    ("tall_image", normal((1, 2, 10, 5)), dict(kernel_size=3, stride=2)),
    ("as_many_images_as_channels", normal((3, 3, 6, 6)), dict(kernel_size=2)),
    ("one_image_of_one_channel", normal((1, 1, 4, 4)), dict(kernel_size=2)),
    ("kernel_as_large_as_the_image", normal((2, 3, 5, 5)), dict(kernel_size=5)),
    ("kernel_as_large_as_the_padded_image", normal((2, 2, 4, 6), shift=-4.0), dict(kernel_size=(6, 8), padding=1)),
    ("one_by_one_kernel_with_stride_two", normal((2, 2, 6, 5)), dict(kernel_size=1, stride=2)),
    ("tied_maxima_in_every_window", ties((2, 3, 6, 6)), dict(kernel_size=2)),
    ("tied_maxima_in_wide_windows", ties((2, 2, 6, 9)), dict(kernel_size=(2, 3))),
    ("tied_maxima_in_overlapping_windows", ties((2, 2, 7, 7)), dict(kernel_size=3, stride=1)),
    ("tied_maxima_beside_the_padding", ties((2, 2, 6, 6), low=-3, high=0), dict(kernel_size=3, stride=2, padding=1)),
    ("tied_maxima_in_float64", ties((2, 2, 6, 8), dtype="float64"), dict(kernel_size=(3, 2), stride=(1, 2))),
    ("float64_input", normal((2, 3, 6, 5), dtype="float64"), dict(kernel_size=(3, 2), stride=(1, 2), padding=1)),
    ("float64_input_with_the_default_stride", normal((1, 2, 7, 7), dtype="float64"), dict(kernel_size=3)),
]


def forward_cases() -> list[Case]:
    return [Case(name, x=x, **options) for name, x, options in FORWARD]


def _upstream(x: Recipe, options: dict) -> normal:
    return normal(output_shape(x.shape, **options), dtype=x.dtype)


def max_backward_cases() -> list[Case]:
    return [Case(name, dout=_upstream(x, options), x=x, **options) for name, x, options in FORWARD]


def avg_backward_cases() -> list[Case]:
    # x_shape may also come as a list: `x_shape[:2] + (H, W)` breaks on one.
    as_list = normal((2, 3, 5, 7))
    return [*(Case(name, dout=_upstream(x, options), x_shape=tuple(x.shape), **options)
              for name, x, options in FORWARD),
            Case("x_shape_given_as_a_list", dout=_upstream(as_list, dict(kernel_size=2, padding=1)),
                 x_shape=list(as_list.shape), kernel_size=2, padding=1)]


# A larger case, for timing only (its correctness is what the cases above prove).
TIMING_CASE = Case("larger_batch_of_feature_maps", x=normal((8, 16, 32, 32)), kernel_size=3, stride=2, padding=1)


# Classic bugs as variants of the references (check_function's `diagnoses`): a failure that matches
# one is named by its cause, which `kit hint` follows (katas/pooling/hints.toml, [causes]).
def _max_padded_with_zeros(x, kernel_size, stride=None, padding=0):
    pad_h, pad_w = _pair(padding)
    return F.max_pool2d(F.pad(x, (pad_w, pad_w, pad_h, pad_h)), kernel_size, stride)


MAX_DIAGNOSES = (Diagnosis("max-padded-with-zeros", _max_padded_with_zeros),)
AVG_DIAGNOSES = (Diagnosis("average-excludes-the-padding", lambda x, kernel_size, stride=None, padding=0:
                           F.avg_pool2d(x, kernel_size, stride, padding, count_include_pad=False)),)
