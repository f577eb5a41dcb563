"""rnn_cells diagnoses: classic bugs as variants of the oracles (cases.py), in nn.GRUCell's layout
(the numpy track's forward transposes its weights first, as sequence_oracle does); a failing output
one of them matches names its cause (katas/rnn_cells/hints.toml [causes])."""
from __future__ import annotations

import torch

from interviewkit.grader import Diagnosis, sibling

shared = sibling(__file__, "cases")


def gru_bug(bug: str):
    """torch.gru_cell written out, with one classic bug."""
    def cell(x, h, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
        gi, gh = x @ weight_ih.T, h @ weight_hh.T
        gi = gi if bias_ih is None else gi + bias_ih
        hidden = gh if bias_hh is None else gh + bias_hh
        order = (1, 0, 2) if bug == "gates-in-the-order-z-r-n" else (0, 1, 2)
        (i_r, i_z, i_n), (h_r, h_z, h_n) = ([part.chunk(3, dim=-1)[k] for k in order] for part in (gi, hidden))
        r, z = torch.sigmoid(i_r + h_r), torch.sigmoid(i_z + h_z)
        if bug == "reset-gate-before-the-hidden-bias" and bias_hh is not None:
            n = torch.tanh(i_n + r * gh.chunk(3, dim=-1)[2] + bias_hh.chunk(3)[2])
        else:
            n = torch.tanh(i_n + r * h_n)
        return z * n + (1 - z) * h if bug == "update-gate-flipped" else (1 - z) * n + z * h
    return cell


GRU_BUGS = ("gates-in-the-order-z-r-n", "reset-gate-before-the-hidden-bias", "update-gate-flipped")


def _detached_between_steps(xs, h0, weight_ih, weight_hh, bias_ih=None, bias_hh=None):
    h, outputs = h0, []
    for x in xs:
        h = torch.gru_cell(x, h.detach(), weight_ih, weight_hh, bias_ih, bias_hh)
        outputs.append(h)
    return torch.stack(outputs), h


def gru_cell_diagnoses() -> tuple:
    return tuple(Diagnosis(bug, gru_bug(bug)) for bug in GRU_BUGS)


def gru_sequence_diagnoses() -> tuple:
    bugs = tuple(Diagnosis(bug, lambda xs, h0, weight_ih, weight_hh, bias_ih=None, bias_hh=None, cell=gru_bug(bug):
                           shared.unrolled(cell, xs, h0, weight_ih, weight_hh, bias_ih, bias_hh)) for bug in GRU_BUGS)
    return bugs + (Diagnosis("state-detached-between-steps", _detached_between_steps),)


def gru_forward_diagnoses() -> tuple:
    return tuple(Diagnosis(bug, lambda xs, h0, w_ih, w_hh, b_ih, b_hh, cell=gru_bug(bug):
                           shared.unrolled(cell, xs, h0, w_ih.T, w_hh.T, b_ih, b_hh)) for bug in GRU_BUGS)


def rnn_cell_diagnoses() -> tuple:
    return (
        Diagnosis("relu-ignored", lambda x, h, weight_ih, weight_hh, bias_ih=None, bias_hh=None, nonlinearity="tanh":
                  torch.rnn_tanh_cell(x, h, weight_ih, weight_hh, bias_ih, bias_hh)),
        Diagnosis("hidden-bias-only-with-the-input-bias", lambda x, h, weight_ih, weight_hh, bias_ih=None,
                  bias_hh=None, nonlinearity="tanh": shared.rnn_cell_oracle(
                      x, h, weight_ih, weight_hh, bias_ih, None if bias_ih is None else bias_hh, nonlinearity)),
    )
