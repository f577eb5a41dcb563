"""check_memory: what a call allocates, measured in the sandbox (sandbox/measure.py). A torch call
that builds the L×S matrix, or a bool mask of that size, fails; a blocked one passes. On the NumPy
track the peak of memory held during the call is bounded by one byte per L·S element."""
from __future__ import annotations


import pytest

from interviewkit.grader import Case, check_memory, normal
from interviewkit.grading.sandbox.errors import CheckFailed
from interviewkit.grading.sandbox.signature import parse_api
from interviewkit.grading.toolkit.checks import Grading
from loaded import loaded_candidate

SOURCE = """import numpy as np
import torch


def full(q, k):
    return (q @ k.T).softmax(-1)


def masked(q, k):
    keep = torch.ones(q.shape[0], k.shape[0], dtype=torch.bool).tril()
    return q.sum() + keep.sum()


def blocked(q, k):
    return torch.cat([(q @ k[i:i + 16].T).amax(-1, keepdim=True) for i in range(0, k.shape[0], 16)], 1)


def expanded(q, k):
    return q[:, :1].expand(q.shape[0], k.shape[0]).sum()


def numpy_full(q, k):
    return (q @ k.T).max(-1)


def numpy_blocked(q, k):
    return np.stack([(q @ k[i:i + 16].T).max(-1) for i in range(0, k.shape[0], 16)], 1).max(-1)
"""

API = tuple(f"{name}(q, k)" for name in ("full", "masked", "blocked", "expanded", "numpy_full", "numpy_blocked"))
CASE = Case("long", q=normal((512, 8)), k=normal((512, 8)))
SQUARE = 512 * 512


@pytest.fixture(scope="module")
def candidate(tmp_path_factory):
    with loaded_candidate(tmp_path_factory.mktemp("memory"), SOURCE) as remote:
        yield remote


def grading(candidate, track):
    return Grading(candidate, track, "cpu", tuple(parse_api(line) for line in API))


@pytest.mark.parametrize("symbol", ["full", "masked"])
def test_a_torch_call_that_allocates_the_square_matrix_fails(candidate, symbol):
    with pytest.raises(CheckFailed, match=r"allocated a tensor of 262,144 elements"):
        check_memory(grading(candidate, "torch"), symbol, CASE, elements=SQUARE, what="L·S")


@pytest.mark.parametrize("symbol", ["blocked", "expanded"])
def test_a_blocked_torch_call_or_a_view_passes(candidate, symbol):
    measured = check_memory(grading(candidate, "torch"), symbol, CASE, elements=SQUARE, what="L·S")
    assert 0 < measured["largest_elements"] < SQUARE


def test_numpy_calls_are_bounded_by_their_peak_memory(candidate):
    with pytest.raises(CheckFailed, match=r"held 1\.0 MiB at once"):
        check_memory(grading(candidate, "numpy"), "numpy_full", CASE, elements=SQUARE, what="L·S")
    measured = check_memory(grading(candidate, "numpy"), "numpy_blocked", CASE, elements=SQUARE, what="L·S")
    assert measured["peak_bytes"] < SQUARE
