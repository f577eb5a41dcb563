"""activations cases and their float64 oracles, one list per function.

numpy: twelve elementwise functions, sigmoid ... silu and each one's derivative f'(x) (`*_grad`),
       held to torch's float64 function and the derivative autograd takes through it (so f'(0) is
       torch's: relu'(0) = 0, leaky_relu'(0) = negative_slope).
torch: gelu(x, approximate) and silu(x) through the candidate's autograd.Function, their outputs
       and the gradient of x for a random upstream held to F.gelu / F.silu in float64.

Where a slip shows: exact zeros (relu'(0), the leaky slope at 0); inputs of |x| up to 1e4, where a
naive 1 / (1 + exp(-x)) overflows (exp(89) in float32, exp(710) in float64) and NumPy warns even
when the value comes out right, and a tanh written through exp or cosh overflows too; float64
cases, whose tolerance (1e-10) sees the tanh approximation's sqrt(2/pi) rounded to 0.79788
(5.7e-6 off) that float32 cannot; a negative slope of 0.2 and approximate='tanh', each in both
dtypes and on the zeros and the large inputs.
"""
from __future__ import annotations

import math

import torch
import torch.nn.functional as F

from interviewkit.grader import Case, Diagnosis, given, normal

# exp(-x) overflows float32 past 88.7 and float64 past 709.8; 1e4 is the largest |x| promised.
LARGE = (-1e4, -1000.0, -750.0, -100.0, -50.0, -20.0, -3.0, 0.5, 20.0, 50.0, 100.0, 750.0, 1000.0, 1e4)
ZEROS = (-2.0, -0.5, 0.0, 0.25, 0.0, 1.5, 0.0, -0.0)
LEAKY_SLOPE = 0.2
# The tanh approximation's derivative holds 1 - tanh(u)² times 0.5·x·c·(1 + 3·0.044715·x²): at
# |x| ~ 5 float32 rounds 1 - t² by ~1e-7 and the factor (~9) carries it to ~1e-6, what F.gelu's
# own float32 kernel does too; over 6000 draws a whiteboard float32 solution used up to 1.1 of the
# base tolerance there.
TANH_FLOAT32_CONDITION = 4.0


def _with(cases: list[Case], **options) -> list[Case]:
    return [Case(case.name, case_seed=case.seed, condition=case.condition, **case.inputs, **options)
            for case in cases]


def common_cases() -> list[Case]:
    """The cases every function is graded on, at its options' defaults."""
    return [
        Case("values_around_zero", x=normal((4, 7), scale=2.0)),
        Case("values_around_zero_in_float64", x=normal((4, 7), scale=2.0, dtype="float64")),
        Case("exact_zeros_among_other_values", x=given(ZEROS)),
        Case("exact_zeros_in_float64", x=given(ZEROS, dtype="float64")),
        Case("large_positive_and_negative_inputs", x=given(LARGE)),
        Case("large_positive_and_negative_inputs_in_float64", x=given(LARGE, dtype="float64")),
        Case("three_dimensional_input", x=normal((2, 3, 5), scale=3.0)),
        Case("a_single_element", x=given((0.7,))),
        Case("no_elements", x=normal((0, 5))),
    ]


def _renamed(cases: list[Case], suffix: str) -> list[Case]:
    return [Case(f"{case.name}_{suffix}", case_seed=case.seed, condition=case.condition, **case.inputs)
            for case in cases]


def option_cases(symbol: str) -> list[Case]:
    """The common cases, then again with the function's option set (both dtypes, zeros, large)."""
    cases = common_cases()
    again = [case for case in cases if not case.name.startswith(("three_", "a_single", "no_"))]
    if symbol.startswith("leaky_relu"):
        return cases + _with(_renamed(again, "with_a_slope_of_a_fifth"), negative_slope=LEAKY_SLOPE)
    if symbol.startswith("gelu"):
        tanh = _with(_renamed(again, "with_the_tanh_approximation"), approximate="tanh")
        for case in tanh:
            if case.inputs["x"].dtype == "float32":
                case.condition = TANH_FLOAT32_CONDITION
        return cases + tanh
    return cases


NUMPY_FUNCTIONS = {
    "sigmoid": lambda x: torch.sigmoid(x),
    "relu": lambda x: F.relu(x),
    "leaky_relu": lambda x, negative_slope=0.01: F.leaky_relu(x, negative_slope),
    "tanh": lambda x: torch.tanh(x),
    "gelu": lambda x, approximate="none": F.gelu(x, approximate=approximate),
    "silu": lambda x: F.silu(x),
}


def numpy_oracle(symbol: str):
    """f, or for `f_grad` the elementwise derivative autograd takes through f, on float64 x."""
    name = symbol.removesuffix("_grad")
    function = NUMPY_FUNCTIONS[name]
    if name == symbol:
        return function

    def derivative(x, **options):
        with torch.enable_grad():
            leaf = x.detach().clone().requires_grad_()
            (grad,) = torch.autograd.grad(function(leaf, **options).sum(), leaf)
        return grad

    return derivative


def torch_cases(symbol: str) -> list[Case]:
    return common_cases() if symbol == "silu" else option_cases(symbol)


def torch_oracle(symbol: str):
    return (lambda x, approximate="none": F.gelu(x, approximate=approximate)) if symbol == "gelu" else (lambda x: F.silu(x))


# --- diagnoses: the classic bugs a failing output is recognised as (katas/activations/hints.toml,
# [causes], explains each; the proofs' `# hint:` lines prove where each leads) -----------------

def _gelu_tanh(x, constant=math.sqrt(2 / math.pi)):
    return 0.5 * x * (1 + torch.tanh(constant * (x + 0.044715 * x**3)))


def _rounded_constant(x, approximate="none"):
    return _gelu_tanh(x, 0.79788) if approximate == "tanh" else F.gelu(x)


_GELU = (Diagnosis("tanh-formula-for-exact-gelu", lambda x, approximate="none": _gelu_tanh(x)),
         Diagnosis("rounded-tanh-constant", _rounded_constant))
NUMPY_DIAGNOSES = {
    "relu_grad": (Diagnosis("zero-counted-as-positive", lambda x: (x >= 0).to(x.dtype)),),
    "leaky_relu_grad": (Diagnosis("zero-counted-as-positive", lambda x, negative_slope=0.01:
                                  torch.where(x >= 0, 1.0, negative_slope).to(x.dtype)),),
    "leaky_relu": (Diagnosis("slope-on-the-positive-side", lambda x, negative_slope=0.01:
                             torch.where(x > 0, negative_slope * x, x)),),
    "gelu": _GELU,
    "silu_grad": (Diagnosis("silu-grad-term-missing", lambda x: x * torch.sigmoid(x) * (1 - torch.sigmoid(x))),),
}
TORCH_DIAGNOSES = {"gelu": _GELU}
