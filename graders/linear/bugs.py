"""Classic linear-layer bugs and the cause each is diagnosed as (katas/linear/hints.toml, [causes],
explains each; the proofs' `# hint:` lines prove where each leads).

Each is the reference's product (or sum) with one slip, in float64 NumPy: a wrong value is held to
the slip's value; a candidate that raises is held to what the slip raises on the same inputs (a
product of the wrong shapes raises on every case where D_in != D_out, the first ones)."""
from __future__ import annotations

import numpy as np

from interviewkit.grader import CheckFailed, Diagnosis, expect_close

# What linear_forward computes with the weight read as nn.Linear's (D_out, D_in).
FORWARD = {"forward-through-the-transposed-weight": lambda x, w, b=None: x @ w.T if b is None else x @ w.T + b}
FORWARD_DIAGNOSES = tuple(Diagnosis(cause, variant) for cause, variant in FORWARD.items())


def _rows(a):
    return a.reshape(-1, a.shape[-1])


def gradients(bug: str, x, w, b, dout) -> tuple:
    """(dx, dw, db) by hand, with one slip."""
    dx = dout @ w if bug == "input-gradient-without-the-transpose" else dout @ w.T
    if bug == "weight-gradient-transposed":
        dw = _rows(dout).T @ _rows(x)
    elif bug == "weight-gradient-not-summed-over-the-rows":
        dw = x.swapaxes(-1, -2) @ dout
    else:
        dw = _rows(x).T @ _rows(dout)
    db = None if b is None else (dout.sum(axis=1) if bug == "bias-gradient-over-the-features" else
                                 _rows(dout).sum(axis=0))
    return dx, dw, db


BACKWARD_BUGS = ("input-gradient-without-the-transpose", "weight-gradient-transposed",
                 "weight-gradient-not-summed-over-the-rows", "bias-gradient-over-the-features")


def _float64(inputs: dict, dout) -> tuple:
    value = lambda name: None if inputs.get(name) is None else np.asarray(inputs[name].detach(), dtype=np.float64)
    return value("x"), value("w"), value("b"), np.asarray(dout, dtype=np.float64)


def backward_cause(got, inputs: dict, dout, like) -> str:
    """The slip whose three gradients the candidate's match ("" for none)."""
    arrays = _float64(inputs, dout)
    for bug in BACKWARD_BUGS:
        try:
            for mine, theirs in zip(got, gradients(bug, *arrays)):
                if (mine is None) != (theirs is None):
                    raise CheckFailed("one is None")
                if theirs is not None:
                    expect_close(mine, theirs, like)
        except (CheckFailed, ValueError):
            continue
        return bug
    return ""


def raised_like(error, inputs: dict, dout=None) -> str:
    """The slip that raises, on these inputs, what the candidate raised ("" for none): one of the
    backward's when `dout` is given (the backward raised), else one of the forward's."""
    arrays = _float64(inputs, dout if dout is not None else np.zeros(0))
    x, w, b, dout = arrays
    if dout.size:  # the backward raised
        attempts = {bug: (lambda bug=bug: gradients(bug, x, w, b, dout)) for bug in BACKWARD_BUGS}
    else:
        attempts = {cause: (lambda variant=variant: variant(x, w, b)) for cause, variant in FORWARD.items()}
    for cause, attempt in attempts.items():
        try:
            attempt()
        except Exception as raised:  # noqa: BLE001 - what the slip raises, to hold the candidate's to
            # The exception as the sandbox quotes it, without its "raised" (which is translated).
            if f"{type(raised).__name__}: {str(raised).splitlines()[0]}" in str(error):
                return cause
    return ""
