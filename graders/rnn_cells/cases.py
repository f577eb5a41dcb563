"""rnn_cells cases and their float64 oracles, one list per check.

numpy: rnn_forward / gru_forward(xs, h0, w_ih, w_hh, b_ih, b_hh) -> (outputs, h_T, cache), xs (T, B, I)
       time-major, weights used as x @ w_ih; rnn_backward / gru_backward(douts, dh_T, cache) -> (dxs, dh0,
       dw_ih, dw_hh, db_ih, db_hh), called with the cache the candidate's own forward returned (plain data
       across the seam) and held to autograd through the oracle's unrolled sequence on the same inputs.
torch: rnn_cell and gru_cell with nn.RNNCell's and nn.GRUCell's layout, and gru_sequence unrolling
       gru_cell over time-major xs; the oracles are torch.rnn_tanh_cell, torch.rnn_relu_cell and
       torch.gru_cell themselves, in float64.

Weights are drawn so that every pre-activation is ~N(0, 1): no gate is near 0 or 1, so r and z
swapped, z's convention flipped or r applied outside b_hn are far off. The dimensions a misreading
would confuse are equal in a case of their own (I == H: weights exchanged or untransposed; B == H;
B == T: a batch-major reading of xs; I == 3H: weight_ih used untransposed) and differ elsewhere.
Sequences of fifty steps catch a gradient that is not carried back through every step.
"""
from __future__ import annotations

import math
from contextlib import contextmanager

import numpy as np
import torch

from interviewkit.grader import CandidateError, Case, CheckFailed, _, expect_close, normal

UPSTREAM_SEED_SALT = 5303
GRADIENTS = ("dxs", "dh0", "dw_ih", "dw_hh", "db_ih", "db_hh")
GATES = {"rnn": 1, "gru": 3}
BIAS_SCALE = 0.5


def weights(gates: int, size_in: int, hidden: int, dtype: str, layout: str, biases: str) -> dict:
    """Weights ~N(0, 1 / (I + H)), the biases together ~N(0, BIAS_SCALE²): pre-activations ~N(0, 1.25).

    layout "numpy": w_ih (I, gH), w_hh (H, gH), b_ih and b_hh (gH,); "torch": weight_ih (gH, I),
    weight_hh (gH, H) and the biases named in `biases` ("", "ih", "hh" or "ih,hh")."""
    weight = lambda shape: normal(shape, scale=1 / math.sqrt(size_in + hidden), dtype=dtype)
    given = [name for name in biases.split(",") if name]
    bias = lambda: normal((gates * hidden,), scale=BIAS_SCALE / math.sqrt(max(len(given), 1)), dtype=dtype)
    if layout == "numpy":
        return {"w_ih": weight((size_in, gates * hidden)), "w_hh": weight((hidden, gates * hidden)),
                "b_ih": bias(), "b_hh": bias()}
    named = {"weight_ih": weight((gates * hidden, size_in)), "weight_hh": weight((gates * hidden, hidden))}
    return {**named, **{f"bias_{name}": bias() for name in given}}


def sequence_case(name: str, steps: int, batch: int, size_in: int, hidden: int, dtype: str = "float32", *,
                  cell: str, layout: str, biases: str = "ih,hh") -> Case:
    """xs (T, B, I) and h0 (B, H) ~N(0, 1), then the weights."""
    state = {"xs": normal((steps, batch, size_in), dtype=dtype), "h0": normal((batch, hidden), dtype=dtype)}
    return Case(name, **state, **weights(GATES[cell], size_in, hidden, dtype, layout, biases))


def cell_case(name: str, batch: int, size_in: int, hidden: int, dtype: str = "float32", *, cell: str,
              biases: str = "ih,hh", **options) -> Case:
    """x (B, I) and h (B, H) ~N(0, 1), the torch layout's weights, then the options (nonlinearity)."""
    state = {"x": normal((batch, size_in), dtype=dtype), "h": normal((batch, hidden), dtype=dtype)}
    return Case(name, **state, **weights(GATES[cell], size_in, hidden, dtype, "torch", biases), **options)


# --- oracles ----------------------------------------------------------------------------------------

def rnn_cell_oracle(x, h, weight_ih, weight_hh, bias_ih=None, bias_hh=None, nonlinearity="tanh"):
    cell = {"tanh": torch.rnn_tanh_cell, "relu": torch.rnn_relu_cell}[nonlinearity]
    return cell(x, h, weight_ih, weight_hh, bias_ih, bias_hh)


def gru_cell_oracle(x, h, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    return torch.gru_cell(x, h, weight_ih, weight_hh, bias_ih, bias_hh)


def unrolled(cell, xs, h0, *parameters) -> tuple[torch.Tensor, torch.Tensor]:
    h, outputs = h0, []
    for x in xs:
        h = cell(x, h, *parameters)
        outputs.append(h)
    return torch.stack(outputs), h


def gru_sequence_oracle(xs, h0, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    return unrolled(torch.gru_cell, xs, h0, weight_ih, weight_hh, bias_ih, bias_hh)


def sequence_oracle(cell: str):
    """The numpy track's forward in float64: torch's own cell on the weights in nn.RNNCell's layout."""
    step = {"rnn": torch.rnn_tanh_cell, "gru": torch.gru_cell}[cell]

    def forward(xs, h0, w_ih, w_hh, b_ih, b_hh):
        return unrolled(step, xs, h0, w_ih.T, w_hh.T, b_ih, b_hh)
    return forward


# --- numpy track ------------------------------------------------------------------------------------

def numpy_cases(cell: str) -> list[Case]:
    case = lambda *args, **kwargs: sequence_case(*args, cell=cell, layout="numpy", **kwargs)
    cases = [
        case("sequences_longer_than_the_batch_with_more_hidden_units_than_inputs", 5, 3, 4, 6),
        # B == T: xs read batch-major, (B, T, I), keeps every shape.
        case("as_many_steps_as_rows", 4, 4, 3, 5),
        # I == H: w_ih and w_hh exchanged, or used transposed, keep every shape.
        case("as_many_inputs_as_hidden_units", 3, 2, 5, 5),
        # B == H: x.T or h.T in place of dz.T keeps square shapes.
        case("as_many_rows_as_hidden_units", 3, 4, 2, 4),
        case("every_dimension_the_same_size", 4, 4, 4, 4),
        case("a_single_step", 1, 3, 4, 5),
        case("a_single_sequence", 6, 1, 3, 4),
        case("one_hidden_unit", 4, 3, 2, 1),
        case("fifty_steps", 50, 3, 4, 5),
        case("float64_sequences", 6, 3, 5, 4, "float64"),
        case("fifty_steps_in_float64", 50, 2, 3, 4, "float64"),
    ]
    if cell == "gru":
        # I == 3H: w_ih read as (3H, I) and used transposed keeps every shape.
        cases.append(case("as_many_inputs_as_the_three_gates_together", 3, 2, 6, 2))
    return cases


def expect_sequence(symbol: str):
    """The comparison of (outputs, h_T, ...) with the oracle's (outputs, h_T)."""
    def compare(actual, expected, like, condition: float) -> None:
        numpy = like.library == "numpy"
        if not isinstance(actual, (tuple, list)) or len(actual) != (3 if numpy else 2):
            shape = "(outputs, h_T, cache)" if numpy else "(outputs, h_T)"
            raise CheckFailed(_("{symbol} must return {shape}; got {got}").format(symbol=symbol, shape=shape,
                                                                                   got=f"{actual!r:.80}"))
        for name, got, want in zip(("outputs", "h_T"), actual, expected):
            expect_close(got, want.detach(), like, name, condition=condition)
    return compare


def upstream_for(case: Case, seed_offset: int, steps: int, batch: int, hidden: int, dtype: str) -> tuple:
    """douts (T, B, H) and dh_T (B, H) in the dtype of x, and the line that draws them."""
    seed = case.seed + seed_offset + UPSTREAM_SEED_SALT
    rng = np.random.default_rng(seed)
    douts = rng.standard_normal((steps, batch, hidden)).astype(dtype)
    dh_T = rng.standard_normal((batch, hidden)).astype(dtype)
    line = (f"rng_up = np.random.default_rng({seed}); "
            f"douts = rng_up.standard_normal({(steps, batch, hidden)}).astype(np.{dtype}); "
            f"dh_T = rng_up.standard_normal({(batch, hidden)}).astype(np.{dtype})")
    return douts, dh_T, line


def reference_gradients(cell: str, inputs: dict, douts: np.ndarray, dh_T: np.ndarray) -> tuple:
    leaves = [inputs[name].requires_grad_() for name in ("xs", "h0", "w_ih", "w_hh", "b_ih", "b_hh")]
    upstream = tuple(torch.from_numpy(d.astype(np.float64)) for d in (douts, dh_T))
    return torch.autograd.grad(sequence_oracle(cell)(*leaves), leaves, upstream)


def foreign_part(value) -> str | None:
    """The type of the first thing in a cache that cannot cross the seam (None if all of it can)."""
    if isinstance(value, (tuple, list)):
        return next((found for item in value if (found := foreign_part(item))), None)
    if isinstance(value, dict):
        return next((found for item in value.values() if (found := foreign_part(item))), None)
    if value is None or isinstance(value, (np.ndarray, np.generic, bool, int, float, complex, str)):
        return None
    return getattr(value, "type_name", type(value).__name__)


@contextmanager
def tagged(case: Case, grading, cell: str, lines: list[str]):
    """As `about`, with a snippet that runs the forward, draws the upstream and calls the backward."""
    try:
        yield
    except (CheckFailed, CandidateError) as error:
        error.case_description = case.describe(grading.seed_offset)
        forward = case.snippet(f"outputs, h_T, cache = {cell}_forward", "numpy", grading.seed_offset)
        error.snippet = "\n".join([forward, *lines])
        raise


def check_backward(grading, case: Case, cell: str) -> None:
    inputs = grading.inputs(case)
    steps, batch = inputs["xs"].shape[:2]
    hidden = inputs["h0"].shape[1]
    dtype = inputs["xs"].dtype.name
    douts, dh_T, line = upstream_for(case, grading.seed_offset, steps, batch, hidden, dtype)
    call = f"dxs, dh0, dw_ih, dw_hh, db_ih, db_hh = {cell}_backward(douts, dh_T, cache)"
    with tagged(case, grading, cell, [line, call]):
        forward = grading.candidate.call(f"{cell}_forward", *inputs.values())
        if not isinstance(forward.output, (tuple, list)) or len(forward.output) != 3:
            raise CheckFailed(_("{cell}_forward must return a triple (outputs, h_T, cache); got {got}").format(
                cell=cell, got=f"{forward.output!r:.80}"))
        cache = forward.output[2]
        foreign = foreign_part(cache)
        if foreign:
            raise CheckFailed(_("the cache holds a {foreign} object, which cannot travel from {cell}_forward to "
                                "{cell}_backward: return a plain tuple, list or dict (string keys) of arrays and "
                                "numbers").format(foreign=foreign, cell=cell))
        result = grading.candidate.call(f"{cell}_backward", douts, dh_T, cache)
        changed = [name for name in ("douts", "dh_T") if name in result.modified_inputs]
        if changed:  # the cache is the candidate's own: changing it is its business
            raise CheckFailed(_("changed its input `{name}` in place; the caller's array must stay as it was (add "
                                "into a copy)").format(name=changed[0]))
        gradients = result.output
        if not isinstance(gradients, (tuple, list)) or len(gradients) != len(GRADIENTS):
            raise CheckFailed(_("{cell}_backward must return the six gradients (dxs, dh0, dw_ih, dw_hh, db_ih, "
                                "db_hh); got {got}").format(cell=cell, got=f"{gradients!r:.80}"))
        like = grading.expected(dtype)
        expected = reference_gradients(cell, case.reference_inputs(grading.seed_offset), douts, dh_T)
        for name, got, want in zip(GRADIENTS, gradients, expected):
            expect_close(got, want, like, name, condition=case.condition)


# --- torch track ------------------------------------------------------------------------------------

def rnn_cell_cases() -> list[Case]:
    case = lambda *args, **kwargs: cell_case(*args, cell="rnn", **kwargs)
    return [
        case("tanh_by_default_with_both_biases", 3, 4, 5),
        case("relu_with_both_biases", 3, 4, 5, nonlinearity="relu"),
        case("tanh_without_biases", 3, 4, 5, biases="", nonlinearity="tanh"),
        case("relu_without_biases", 3, 4, 5, biases="", nonlinearity="relu"),
        case("tanh_with_only_the_input_bias", 4, 3, 6, biases="ih", nonlinearity="tanh"),
        case("relu_with_only_the_input_bias", 4, 3, 6, biases="ih", nonlinearity="relu"),
        case("tanh_with_only_the_hidden_bias", 4, 3, 6, biases="hh"),
        case("relu_with_only_the_hidden_bias", 4, 3, 6, biases="hh", nonlinearity="relu"),
        # I == H: weight_ih and weight_hh exchanged, or x and h, keep every shape.
        case("as_many_inputs_as_hidden_units", 3, 6, 6),
        case("as_many_inputs_as_hidden_units_with_relu", 2, 5, 5, nonlinearity="relu"),
        # B == H: a weight used untransposed or a transposed x keeps square shapes.
        case("as_many_rows_as_hidden_units", 5, 3, 5),
        case("one_row_with_relu", 1, 5, 3, nonlinearity="relu"),
        case("one_hidden_unit", 4, 3, 1),
        case("float64_tanh", 4, 5, 3, "float64", nonlinearity="tanh"),
        case("float64_relu_without_biases", 4, 5, 3, "float64", biases="", nonlinearity="relu"),
    ]


def gru_cell_cases() -> list[Case]:
    case = lambda *args, **kwargs: cell_case(*args, cell="gru", **kwargs)
    return [
        case("a_batch_with_both_biases", 3, 4, 5),
        case("a_batch_without_biases", 3, 4, 5, biases=""),
        case("only_the_input_bias", 4, 3, 6, biases="ih"),
        # bias_hh alone: r applied to weight_hh @ h but not to bias_hh's n block is off only here and
        # with both biases.
        case("only_the_hidden_bias", 4, 3, 6, biases="hh"),
        case("as_many_inputs_as_hidden_units", 3, 6, 6),
        # I == 3H: weight_ih used untransposed, as x @ weight_ih, keeps every shape.
        case("as_many_inputs_as_the_three_gates_together", 3, 6, 2),
        case("as_many_rows_as_hidden_units", 5, 3, 5),
        case("one_row", 1, 5, 3),
        case("one_hidden_unit", 4, 3, 1),
        case("float64_with_both_biases", 4, 5, 3, "float64"),
        case("float64_with_only_the_hidden_bias", 3, 2, 4, "float64", biases="hh"),
    ]


def gru_sequence_cases() -> list[Case]:
    case = lambda *args, **kwargs: sequence_case(*args, cell="gru", layout="torch", **kwargs)
    return [
        case("sequences_longer_than_the_batch", 5, 3, 4, 6),
        # B == T: xs read batch-major, (B, T, I), keeps every shape.
        case("as_many_steps_as_rows", 4, 4, 3, 5),
        case("as_many_inputs_as_hidden_units_without_biases", 3, 2, 5, 5, biases=""),
        case("only_the_input_bias", 4, 3, 2, 4, biases="ih"),
        case("only_the_hidden_bias", 4, 3, 2, 4, biases="hh"),
        case("a_single_step", 1, 3, 4, 5),
        case("a_single_sequence", 6, 1, 3, 4),
        case("fifty_steps", 50, 3, 4, 5),
        case("float64_sequences", 6, 3, 5, 4, "float64"),
        case("fifty_steps_in_float64", 50, 2, 3, 4, "float64"),
    ]

