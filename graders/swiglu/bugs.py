"""Classic SwiGLU bugs and the cause each is diagnosed as (katas/swiglu/hints.toml, [causes], explains
each; the proofs' `# hint:` lines prove where each leads).

Forward bugs are variants of the float64 formula: the numpy track's check_function and the torch
track's check_module take them as diagnoses (a module with bias parameters where `bias` is False
is told apart by its parameters: `biased`). Backward bugs are the hand-written backward with one
slip, held to the candidate's four gradients by check_backward (cases.py)."""
from __future__ import annotations

import torch

from interviewkit.grader import CandidateError, CheckFailed, Diagnosis, expect_close

FORWARD_BUGS = {
    "down-projection-forgotten": lambda gate, up: torch.sigmoid(gate) * gate * up,
    "gate-and-up-swapped": lambda gate, up: torch.sigmoid(up) * up * gate,
    "silu-is-sigmoid-only": lambda gate, up: torch.sigmoid(gate) * up,
    "silu-with-tanh": lambda gate, up: gate * torch.tanh(gate) * up,
}
BACKWARD_BUGS = ("silu-derivative-term-forgotten", "dx-only-through-the-gate", "weight-gradients-transposed")


def _forward(cause, x, gate_proj, up_proj, down_proj):
    """The module's forward with `cause`'s bug, each projection a callable."""
    hidden = FORWARD_BUGS[cause](gate_proj(x), up_proj(x))
    return hidden if cause == "down-projection-forgotten" else down_proj(hidden)


def numpy_diagnoses() -> tuple[Diagnosis, ...]:
    def variant(cause):
        return lambda x, w_gate, w_up, w_down: _forward(cause, x, lambda t: t @ w_gate, lambda t: t @ w_up,
                                                        lambda t: t @ w_down)
    return tuple(Diagnosis(cause, variant(cause)) for cause in FORWARD_BUGS)


def module_diagnoses() -> tuple[Diagnosis, ...]:
    def variant(cause):
        return lambda oracle, x: _forward(cause, x, oracle.gate_proj, oracle.up_proj, oracle.down_proj)
    return tuple(Diagnosis(cause, variant(cause)) for cause in FORWARD_BUGS)


def backward(bug: str, x, w_gate, w_up, w_down, dout) -> tuple[torch.Tensor, ...]:
    """(dx, dw_gate, dw_up, dw_down) by hand in float64, with one of BACKWARD_BUGS."""
    gate, up = x @ w_gate, x @ w_up
    s = torch.sigmoid(gate)
    hidden = gate * s * up
    dhidden = dout @ w_down.T
    dup = dhidden * gate * s
    dgate = dhidden * up * (s if bug == "silu-derivative-term-forgotten" else s + gate * s * (1 - s))
    dx = dgate @ w_gate.T + (0 if bug == "dx-only-through-the-gate" else dup @ w_up.T)
    if bug == "weight-gradients-transposed":
        return dx, dgate.T @ x, dup.T @ x, dout.T @ hidden
    return dx, x.T @ dgate, x.T @ dup, hidden.T @ dout


def backward_cause(gradients, inputs: dict, dout, like, condition: float) -> str:
    """The backward bug whose four gradients the candidate's match ("" for none)."""
    dout = torch.as_tensor(dout).double()
    for bug in BACKWARD_BUGS:
        try:
            for got, want in zip(gradients, backward(bug, *(inputs[name].detach() for name in
                                                           ("x", "w_gate", "w_up", "w_down")), dout)):
                expect_close(got, want, like, condition=condition)
        except CheckFailed:
            continue
        return bug
    return ""


def biased(grading, case) -> bool:
    """Whether the candidate's module has biases where `bias` is False (nn.Linear's own default is True)."""
    try:
        module = grading.candidate.construct("SwiGLU", **case.init())
        return not case.bias and any(name.endswith(".bias") for name in module.parameter_shapes())
    except CandidateError:
        return False
