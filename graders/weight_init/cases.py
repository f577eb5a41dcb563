"""weight_init cases and the laws they are graded against (torch track).

The fans and the gains are exact. An init is graded by the distribution of the values it leaves
(not draw by draw: tensor.uniform_ and torch.rand(...) * 2b - b are equally right), so its cases
are large, 40,960 to 73,728 values, and their shapes make every classic slip move the scale by a
tenth or more: fan_in and fan_out differ four-fold where a swap would matter, conv kernels are 3x3
(a receptive field of 9 forgotten triples the scale), and the leaky_relu slopes are 0.5 and
sqrt(5) (nn.Linear's own), whose gains are far from relu's sqrt(2). The law of each case comes
from torch.nn.init's own functions, the grader's oracle."""
from __future__ import annotations

import math

import torch

from interviewkit.grader import Case, normal, torch_generator

SQUARE = (256, 256)  # fan_in == fan_out
WIDE = (128, 512)  # fan_in 512, fan_out 128: a swap doubles or halves the scale
CONV = (128, 64, 3, 3)  # fan_in 576, fan_out 1152; without the receptive field 64 and 128
CONV1D = (64, 128, 5)  # fan_in 640, fan_out 320
NN_LINEAR_SLOPE = math.sqrt(5)  # what nn.Linear passes to kaiming_uniform_


def weight(name: str, shape: tuple, seed: int, dtype: str = "float32", **options) -> Case:
    return Case(name, tensor=normal(shape, dtype=dtype), generator=torch_generator(seed), **options)


def fan_cases() -> list[Case]:
    return [
        Case("a_square_linear_weight", tensor=normal((6, 6))),
        Case("a_linear_weight_is_out_by_in", tensor=normal((3, 8))),
        Case("a_conv2d_weight_counts_its_kernel", tensor=normal((4, 3, 3, 3))),
        Case("a_conv2d_weight_with_a_non_square_kernel_in_float64", tensor=normal((5, 2, 3, 4), dtype="float64")),
        Case("a_conv1d_weight", tensor=normal((6, 4, 5))),
        Case("a_conv3d_weight", tensor=normal((2, 3, 2, 3, 4))),
        Case("a_one_by_one_kernel", tensor=normal((7, 5, 1, 1))),
        Case("a_single_element", tensor=normal((1, 1))),
    ]


def gain_cases() -> list[Case]:
    return [
        Case("linear_is_one", nonlinearity="linear"),
        Case("sigmoid_is_one", nonlinearity="sigmoid"),
        Case("conv1d_is_one", nonlinearity="conv1d"),
        Case("conv2d_is_one", nonlinearity="conv2d"),
        Case("conv3d_is_one", nonlinearity="conv3d"),
        Case("tanh_is_five_thirds", nonlinearity="tanh"),
        Case("relu_is_root_two", nonlinearity="relu"),
        Case("relu_ignores_param", nonlinearity="relu", param=0.5),
        Case("leaky_relu_without_param_has_a_slope_of_0_01", nonlinearity="leaky_relu"),
        Case("leaky_relu_with_a_slope_of_0_2", nonlinearity="leaky_relu", param=0.2),
        Case("leaky_relu_with_nn_linear_slope", nonlinearity="leaky_relu", param=NN_LINEAR_SLOPE),
        Case("leaky_relu_with_a_slope_of_zero_is_relu", nonlinearity="leaky_relu", param=0.0),
        Case("selu_is_three_quarters", nonlinearity="selu"),
    ] + [  # param is a leaky_relu's slope: every other nonlinearity ignores it
        Case(f"{name}_ignores_param", nonlinearity=name, param=slope)
        for name, slope in (("linear", 0.2), ("sigmoid", 0.5), ("conv1d", 1.0), ("conv2d", 0.2), ("conv3d", 3.0),
                            ("tanh", 0.5), ("selu", 0.2))
    ]


def xavier_cases() -> list[Case]:
    tanh = 5.0 / 3
    return [
        weight("a_square_weight", SQUARE, 11),
        weight("a_wide_weight_with_the_gain_of_tanh_in_float64", WIDE, 12, "float64", gain=tanh),
        weight("a_conv2d_weight", CONV, 13),
        weight("a_conv2d_weight_with_a_gain_of_two_in_float64", CONV, 14, "float64", gain=2.0),
        weight("a_conv1d_weight_with_a_gain_of_a_half", CONV1D, 15, gain=0.5),
    ]


def kaiming_cases() -> list[Case]:
    return [
        weight("the_defaults_on_a_wide_weight", WIDE, 21),
        weight("relu_on_fan_in", WIDE, 22, nonlinearity="relu"),
        weight("relu_ignores_a_on_fan_out_in_float64", WIDE, 23, "float64", a=0.5, mode="fan_out",
               nonlinearity="relu"),
        weight("leaky_relu_with_nn_linear_slope_on_fan_in", WIDE, 24, a=NN_LINEAR_SLOPE, nonlinearity="leaky_relu"),
        weight("leaky_relu_of_slope_zero_on_fan_out", WIDE, 25, mode="fan_out", nonlinearity="leaky_relu"),
        weight("leaky_relu_of_slope_a_half_on_a_conv2d_fan_out_in_float64", CONV, 26, "float64", a=0.5,
               mode="fan_out"),
        weight("relu_on_a_conv2d_fan_in", CONV, 27, nonlinearity="relu"),
        weight("relu_on_a_square_weight_fan_out_in_float64", SQUARE, 28, "float64", mode="fan_out",
               nonlinearity="relu"),
    ]


# The init each usage case calls, by the case's name.
USAGE = {
    "xavier_uniform_on_a_conv2d_weight": ("xavier_uniform_", CONV),
    "xavier_normal_on_a_wide_weight": ("xavier_normal_", WIDE),
    "kaiming_uniform_on_a_wide_weight": ("kaiming_uniform_", WIDE),
    "kaiming_normal_on_a_conv2d_weight_in_float64": ("kaiming_normal_", CONV),
}


def usage_cases() -> list[Case]:
    """Called twice with one seed and once with another."""
    return [weight(name, shape, 31 + index, "float64" if name.endswith("float64") else "float32")
            for index, (name, (_, shape)) in enumerate(USAGE.items())]


def reseeded(case: Case, seed: int) -> Case:
    return Case(case.name, case_seed=case.seed, **{**case.inputs, "generator": torch_generator(seed)})


# Classic bugs in the law (test.py names a failure by the first whose law the values follow).
LAW_BUGS = ("uniform-bound-without-sqrt-3", "xavier-std-without-the-2", "mode-reads-the-other-fan")


def law(symbol: str, case: Case, bug: str = "") -> tuple[str, float]:
    """("uniform", b) for U(-b, b) or ("normal", std) for N(0, std²): what torch.nn.init draws from,
    or with a classic `bug` (LAW_BUGS) what that bug draws from."""
    options = {name: value for name, value in case.inputs.items() if name not in ("tensor", "generator")}
    probe = torch.empty(case.inputs["tensor"].shape, dtype=torch.float64)
    fan_in, fan_out = torch.nn.init._calculate_fan_in_and_fan_out(probe)
    if symbol.startswith("xavier"):
        two = 1.0 if bug == "xavier-std-without-the-2" else 2.0
        std = options.get("gain", 1.0) * math.sqrt(two / (fan_in + fan_out))
    else:
        fan_in_read = (options.get("mode", "fan_in") == "fan_in") != (bug == "mode-reads-the-other-fan")
        std = torch.nn.init.calculate_gain(options.get("nonlinearity", "leaky_relu"), options.get("a", 0)) / math.sqrt(
            fan_in if fan_in_read else fan_out)
    bound = std if bug == "uniform-bound-without-sqrt-3" else math.sqrt(3.0) * std
    return ("uniform", bound) if symbol.endswith("uniform_") else ("normal", std)
