"""lstm_cell cases and their float64 oracles, one list per track.

numpy: lstm_cell_forward(x, h, c, w_ih, w_hh, b) -> (h_new, c_new, cache), weights used as x @ w;
       lstm_cell_backward(dh_new, dc_new, cache) -> (dx, dh, dc, dw_ih, dw_hh, db), called with the
       cache the candidate's own forward returned (plain data across the seam) and held to autograd
       through the oracle on the same inputs.
torch: lstm_cell(x, h, c, weight_ih, weight_hh, bias_ih=None, bias_hh=None) -> (h_new, c_new), with
       nn.LSTMCell's layout; the oracle is torch.lstm_cell itself, in float64.

Weights are drawn so that every pre-activation is ~N(0, 1) and c ~N(0, 1): no gate is near 0 or 1,
so gates in another order, tanh(c_new) left out of h_new or a missing tanh' term are far off.
I == H and B == H are cases of their own: there, transposed weights or x.T keep every shape.
Saturated cases push pre-activations to the hundreds (float32, through a bias ~N(0, 200²), so that
a gate near 0 is one whose bias is small and float32's rounding of z stays small too) or the
thousands (float64, through weights scaled by 1000): a naive 1 / (1 + exp(-z)) overflows there.
In NumPy the value is still right (1 / inf is 0), so those cases also fail a RuntimeWarning
printed by the candidate's code; in torch, autograd through it gives 0 * inf = NaN.
"""
from __future__ import annotations

import math
from contextlib import contextmanager

import numpy as np
import torch

from interviewkit.grader import CandidateError, Case, CheckFailed, _, expect_close, failure, normal

UPSTREAM_SEED_SALT = 4801
GRADIENTS = ("dx", "dh", "dc", "dw_ih", "dw_hh", "db")
# exp(-z) overflows for z below -88.7 in float32 and -709.8 in float64. In float32 the bias saturates
# the gates (a third of its entries below -88.7); weights ~30 would leave a gate near 0 carrying
# float32's rounding of a sum of hundreds, which sigmoid' and the weights amplify past any tolerance.
SATURATING_BIAS = 200.0
SATURATING_WEIGHTS = 1000.0
BIAS_SCALE = 0.5
# Saturated gates shrink values and gradients towards 0 (an output gate at -200 leaves h_new ~1e-87;
# through s ~ 1 - 1e-5, sigmoid' = s(1 - s) keeps few float32 digits): there they are compared at the
# scale open gates would give them, 1 (|h_new| <= 1, upstream gradients ~N(0, 1)), not at their own.
SATURATED_SCALE = 1.0


def inputs(batch: int, size_in: int, hidden: int, dtype: str, scale: float, bias_scale: float, layout: str,
           biases: str) -> dict:
    """x, h, c ~N(0, 1); weights ~N(0, scale² / (I + H)); the bias (or the two together) ~N(0, bias_scale²).

    layout "numpy": w_ih (I, 4H), w_hh (H, 4H), b (4H,); "torch": weight_ih (4H, I), weight_hh (4H, H)
    and the biases named in `biases` ("", "ih", "hh" or "ih,hh")."""
    fan = size_in + hidden
    weight = lambda shape: normal(shape, scale=scale / math.sqrt(fan), dtype=dtype)
    bias = lambda share: normal((4 * hidden,), scale=bias_scale * share, dtype=dtype)
    state = {"x": normal((batch, size_in), dtype=dtype), "h": normal((batch, hidden), dtype=dtype),
             "c": normal((batch, hidden), dtype=dtype)}
    if layout == "numpy":
        return {**state, "w_ih": weight((size_in, 4 * hidden)), "w_hh": weight((hidden, 4 * hidden)),
                "b": bias(1.0)}
    named = {"weight_ih": weight((4 * hidden, size_in)), "weight_hh": weight((4 * hidden, hidden))}
    given = [name for name in biases.split(",") if name]
    named.update({f"bias_{name}": bias(1 / math.sqrt(len(given))) for name in given})
    return {**state, **named}


def lstm_case(name: str, batch: int, size_in: int, hidden: int, dtype: str = "float32", *, layout: str,
              biases: str = "ih,hh", saturated: bool = False) -> Case:
    scale, bias_scale = 1.0, BIAS_SCALE
    if saturated and dtype == "float32":
        bias_scale = SATURATING_BIAS
    elif saturated:
        scale, bias_scale = SATURATING_WEIGHTS, SATURATING_WEIGHTS * BIAS_SCALE
    return Case(name, **inputs(batch, size_in, hidden, dtype, scale, bias_scale, layout, biases))


def watched_for_overflow(case: Case) -> bool:
    return case.name.startswith("saturated_")


def smallest_scale(case: Case) -> float:
    """The smallest scale states and gradients are compared at (0: each at its own largest entry)."""
    return SATURATED_SCALE if watched_for_overflow(case) else 0.0


def scale_of(reference: torch.Tensor, case: Case) -> float:
    return max(float(reference.abs().max()) if reference.numel() else 0.0, smallest_scale(case))


def expect_states(case: Case):
    """The comparison of (h_new, c_new, ...) with the oracle's (h_new, c_new), at the case's scale."""
    def compare(actual, expected, like, condition: float) -> None:
        numpy = like.library == "numpy"
        if not isinstance(actual, (tuple, list)) or len(actual) != (3 if numpy else 2):
            message = (_("lstm_cell_forward must return a triple (h_new, c_new, cache); got {got}") if numpy else
                       _("lstm_cell must return a pair (h_new, c_new); got {got}"))
            raise CheckFailed(message.format(got=f"{actual!r:.80}"))
        for name, got, want in zip(("h_new", "c_new"), actual, expected):
            want = want.detach()
            expect_close(got, want, like, name, condition=condition, magnitude=scale_of(want, case))
    return compare


# --- numpy track ------------------------------------------------------------------------------------

def numpy_cases() -> list[Case]:
    case = lambda *args, **kwargs: lstm_case(*args, layout="numpy", **kwargs)
    return [
        case("a_batch_with_more_inputs_than_hidden_units", 3, 7, 5),
        # I == H: w_ih used transposed, or x and h swapped, keeps every shape.
        case("as_many_inputs_as_hidden_units", 3, 6, 6),
        # B == H: x.T @ dz in place of dz.T @ x or h.T @ dz keeps (B == H) shapes square.
        case("as_many_rows_as_hidden_units", 5, 3, 5),
        case("every_dimension_the_same_size", 4, 4, 4),
        # B == 4H: db summed over the gate axis has db's shape.
        case("as_many_rows_as_the_four_gates_together", 8, 3, 2),
        # I == 4H: w_ih read as (4H, I) and used transposed keeps every shape.
        case("as_many_inputs_as_the_four_gates_together", 3, 8, 2),
        case("fewer_inputs_than_hidden_units", 4, 2, 7),
        case("one_hidden_unit", 4, 3, 1),
        case("one_row", 1, 5, 3),
        case("one_input_feature", 3, 1, 4),
        case("float64_batch", 4, 5, 3, "float64"),
        case("float64_with_every_dimension_the_same_size", 5, 5, 5, "float64"),
        case("saturated_gates_in_the_hundreds", 4, 5, 6, saturated=True),
        case("saturated_gates_in_the_thousands_in_float64", 4, 5, 6, "float64", saturated=True),
    ]


def reference_forward(x, h, c, w_ih, w_hh, b):
    """torch.lstm_cell in float64, on the weights transposed to nn.LSTMCell's layout."""
    return torch.lstm_cell(x, (h, c), w_ih.T, w_hh.T, b, torch.zeros_like(b))


def upstream_for(case: Case, seed_offset: int, shape: tuple, dtype: str) -> tuple:
    """dh_new and dc_new for lstm_cell_backward, in the dtype of x, and the line that draws them."""
    seed = case.seed + seed_offset + UPSTREAM_SEED_SALT
    rng = np.random.default_rng(seed)
    dh_new, dc_new = (rng.standard_normal(shape).astype(dtype) for _ in range(2))
    line = (f"rng_up = np.random.default_rng({seed}); dh_new, dc_new = "
            f"(rng_up.standard_normal({tuple(shape)}).astype(np.{dtype}) for _ in range(2))")
    return dh_new, dc_new, line


def reference_gradients(inputs: dict, dh_new: np.ndarray, dc_new: np.ndarray) -> tuple[torch.Tensor, ...]:
    leaves = [inputs[name].requires_grad_() for name in ("x", "h", "c", "w_ih", "w_hh", "b")]
    upstream = tuple(torch.from_numpy(d.astype(np.float64)) for d in (dh_new, dc_new))
    return torch.autograd.grad(reference_forward(*leaves), leaves, upstream)


def foreign_part(value) -> str | None:
    """The type of the first thing in a cache that cannot cross the seam (None if all of it can)."""
    if isinstance(value, (tuple, list)):
        return next((found for item in value if (found := foreign_part(item))), None)
    if isinstance(value, dict):
        return next((found for item in value.values() if (found := foreign_part(item))), None)
    if value is None or isinstance(value, (np.ndarray, np.generic, bool, int, float, complex, str)):
        return None
    return getattr(value, "type_name", type(value).__name__)


def expect_quiet(grading) -> None:
    """No NumPy warning printed: an overflow in exp is right by luck (1 / inf is 0), not by design."""
    printed = grading.candidate.take_printed()
    if "RuntimeWarning" in printed:
        raise CheckFailed(_("your code raised NumPy's RuntimeWarning on saturated gates; compute sigmoid without "
                            "overflow for any z, e.g. from exp(-|z|), which is never above 1:\n{printed}").format(
            printed=printed.strip()[-600:]))


@contextmanager
def tagged(case: Case, grading, lines: list[str]):
    """As `about`, with a snippet that runs the forward, draws the upstream and calls the backward."""
    try:
        yield
    except (CheckFailed, CandidateError) as error:
        error.case_description = case.describe(grading.seed_offset)
        forward = case.snippet("h_new, c_new, cache = lstm_cell_forward", "numpy", grading.seed_offset)
        error.snippet = "\n".join([forward, *lines])
        raise


def check_backward(grading, case: Case) -> None:
    inputs = grading.inputs(case)
    c = inputs["c"]
    dh_new, dc_new, line = upstream_for(case, grading.seed_offset, c.shape, c.dtype.name)
    call = "dx, dh, dc, dw_ih, dw_hh, db = lstm_cell_backward(dh_new, dc_new, cache)"
    with tagged(case, grading, [line, call]):
        forward = grading.candidate.call("lstm_cell_forward", *inputs.values())
        if not isinstance(forward.output, (tuple, list)) or len(forward.output) != 3:
            raise CheckFailed(_("lstm_cell_forward must return a triple (h_new, c_new, cache); got {got}").format(
                got=f"{forward.output!r:.80}"))
        cache = forward.output[2]
        foreign = foreign_part(cache)
        if foreign:
            raise CheckFailed(_("the cache holds a {kind} object, which cannot travel from {forward} to {backward}: "
                                "return a plain tuple, list or dict (string keys) of arrays and numbers").format(
                kind=foreign, forward="lstm_cell_forward", backward="lstm_cell_backward"))
        result = grading.candidate.call("lstm_cell_backward", dh_new, dc_new, cache)
        changed = [name for name in ("dh_new", "dc_new") if name in result.modified_inputs]
        if changed:  # the cache is the candidate's own: changing it is its business
            raise CheckFailed(_("changed its input `{name}` in place; the caller's array must stay as it was").format(
                name=changed[0]))
        gradients = result.output
        if not isinstance(gradients, (tuple, list)) or len(gradients) != len(GRADIENTS):
            raise CheckFailed(_("lstm_cell_backward must return the six gradients (dx, dh, dc, dw_ih, dw_hh, db); got "
                                "{got}").format(got=f"{gradients!r:.80}"))
        like = grading.expected(c.dtype.name)
        expected = reference_gradients(case.reference_inputs(grading.seed_offset), dh_new, dc_new)
        for name, got, want in zip(GRADIENTS, gradients, expected):
            expect_laid_out(name, got, want, dh_new.shape[0])
            expect_close(got, want, like, name, condition=case.condition, magnitude=scale_of(want, case))
        if watched_for_overflow(case):
            expect_quiet(grading)


def expect_laid_out(name: str, got, want: torch.Tensor, batch: int) -> None:
    """The two classic layouts of a wrong shape, named by their cause: the weight gradients in
    nn.LSTMCell's (4H, in) layout, and db summed over the gates, (B,) for (4H,)."""
    shape, wanted = tuple(getattr(got, "shape", ())), tuple(want.shape)
    if shape == wanted:
        return
    if name in ("dw_ih", "dw_hh") and shape == wanted[::-1]:
        raise failure(_("{name} has shape {shape}, expected {wanted}: w is used as x @ w here, so its gradient is "
                        "x.T @ dz (h.T @ dz), in w's own (in, 4H) layout").format(
                          name=name, shape=shape, wanted=wanted), "weight-gradients-transposed")
    if name == "db" and shape == (batch,):
        raise failure(_("db has shape {shape}, expected {wanted}: sum dz over the batch (axis 0), not over the "
                        "gates").format(shape=shape, wanted=wanted), "db-summed-over-the-gates")


# --- torch track ------------------------------------------------------------------------------------

def torch_cases() -> list[Case]:
    case = lambda *args, **kwargs: lstm_case(*args, layout="torch", **kwargs)
    return [
        case("a_batch_with_both_biases", 3, 7, 5),
        case("a_batch_without_biases", 3, 7, 5, biases=""),
        case("only_the_input_bias", 4, 3, 6, biases="ih"),
        case("only_the_hidden_bias", 4, 3, 6, biases="hh"),
        # I == H: weight_ih and weight_hh exchanged, or x and h, keep every shape.
        case("as_many_inputs_as_hidden_units_with_both_biases", 3, 6, 6),
        case("as_many_inputs_as_hidden_units_without_biases", 2, 5, 5, "float64", biases=""),
        # B == H: a weight used untransposed or a transposed x keeps square shapes.
        case("as_many_rows_as_hidden_units_with_the_input_bias", 5, 3, 5, biases="ih"),
        case("every_dimension_the_same_size_with_the_hidden_bias_in_float64", 4, 4, 4, "float64",
             biases="hh"),
        case("one_hidden_unit", 4, 3, 1),
        # I == 4H: weight_ih used untransposed, as x @ weight_ih, keeps every shape.
        case("as_many_inputs_as_the_four_gates_together", 3, 8, 2),
        case("one_row_without_biases", 1, 5, 3, biases=""),
        case("float64_with_both_biases", 4, 5, 3, "float64"),
        case("float64_with_only_the_input_bias", 3, 2, 4, "float64", biases="ih"),
        case("saturated_gates_in_the_hundreds", 4, 5, 6, saturated=True),
        case("saturated_gates_in_the_thousands_in_float64_without_biases", 4, 5, 6, "float64", saturated=True,
             biases=""),
    ]


def reference_cell(x, h, c, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    return torch.lstm_cell(x, (h, c), weight_ih, weight_hh, bias_ih, bias_hh)
