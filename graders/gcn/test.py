"""Grader for gcn, both tracks: D^-1/2 (A + I) D^-1/2 x W + b with self-loops added and the
degrees of A + I, symmetric normalisation on both sides, the bias after the aggregation; graphs
with isolated nodes, no edges, one node, equal degrees (complete) and very different ones (path,
star); the dtype kept and the inputs untouched; in the torch track the gradients of x, weight and
bias for a random upstream gradient (the graph, adj, is a constant: its gradient is not graded)."""
import pytest

from interviewkit.grader import check_function, sibling

shared = sibling(__file__, "cases")


@pytest.mark.parametrize("case", shared.cases(), ids=str)
def test_gcn_layer(grading, case):
    check_function(grading, "gcn_layer", case, shared.reference)
