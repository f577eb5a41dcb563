"""gcn cases and the float64 oracle, shared by both tracks.

The graphs are written out (`given`), chosen for their degrees: isolated nodes (degree 1 once the
self-loop is added: without it, or with the degree of A alone, 1/sqrt(0) is infinite), a complete
graph (every degree equal: row and symmetric normalisation agree there, so it proves only the
self-loops and the scale), a path and a star (very different degrees: a hub of degree N against
leaves of degree 2, where D^-1 (A + I), a one-sided D^-1/2 and a bias added before the aggregation
all move the numbers). Shapes pair N == F_in with N != F_in and F_in == F_out with F_in != F_out,
so that a transposed weight or adjacency cannot pass by chance; bias None and given each meet
float32 and float64.
"""
from __future__ import annotations

import torch

from interviewkit.grader import Case, Diagnosis, given, normal


def adjacency(n: int, edges, dtype: str = "float32") -> given:
    """The symmetric 0/1 adjacency matrix of an undirected graph on nodes 0..n-1, no self-loops."""
    rows = [[0.0] * n for _ in range(n)]
    for i, j in edges:
        rows[i][j] = rows[j][i] = 1.0
    return given(tuple(tuple(row) for row in rows), dtype=dtype)


def path(n: int):
    return [(i, i + 1) for i in range(n - 1)]


def star(n: int):
    return [(0, i) for i in range(1, n)]


def complete(n: int):
    return [(i, j) for i in range(n) for j in range(i + 1, n)]


# Nodes 4 and 5 touch nothing; 0..3 form a triangle with a tail.
WITH_ISOLATED_NODES = [(0, 1), (1, 2), (0, 2), (2, 3)]
# Two communities joined by one edge, degrees 1 to 4.
IRREGULAR = [(0, 1), (0, 2), (0, 3), (1, 2), (3, 4), (4, 5), (4, 6), (5, 6), (6, 7)]


def gcn_case(name: str, n: int, edges, f_in: int, f_out: int, bias: bool = False, dtype: str = "float32") -> Case:
    """A case on the graph `edges` over n nodes: features ~N(0, 1), a weight ~N(0, 1/F_in), a bias ~N(0, 1)."""
    options = {"bias": normal((f_out,), dtype=dtype)} if bias else {}
    return Case(name, adj=adjacency(n, edges, dtype), x=normal((n, f_in), dtype=dtype),
                weight=normal((f_in, f_out), scale=f_in ** -0.5, dtype=dtype), **options)


def cases() -> list[Case]:
    return [
        gcn_case("graph_with_isolated_nodes", 6, WITH_ISOLATED_NODES, 4, 3),
        gcn_case("graph_with_isolated_nodes_and_a_bias_in_float64", 6, WITH_ISOLATED_NODES, 4, 3, bias=True,
                 dtype="float64"),
        gcn_case("graph_without_any_edge", 5, [], 3, 4, bias=True),
        gcn_case("complete_graph", 5, complete(5), 4, 2),
        gcn_case("complete_graph_with_a_bias", 5, complete(5), 4, 2, bias=True),
        gcn_case("path", 7, path(7), 3, 5),
        gcn_case("path_with_a_bias_in_float64", 7, path(7), 3, 5, bias=True, dtype="float64"),
        # A hub of degree 8 (with its self-loop) against seven leaves of degree 2.
        gcn_case("star_with_very_different_degrees", 8, star(8), 3, 4),
        gcn_case("star_with_a_bias", 8, star(8), 3, 4, bias=True),
        gcn_case("star_in_float64", 8, star(8), 3, 4, dtype="float64"),
        gcn_case("as_many_nodes_as_input_features", 6, IRREGULAR[:6], 6, 3, bias=True),
        gcn_case("as_many_input_as_output_features", 8, IRREGULAR, 5, 5),
        gcn_case("nodes_and_both_feature_sizes_equal_in_float64", 8, IRREGULAR, 8, 8, bias=True, dtype="float64"),
        gcn_case("irregular_graph_with_wide_features", 8, IRREGULAR, 32, 16, bias=True),
        gcn_case("single_node", 1, [], 3, 2),
        gcn_case("single_node_with_a_bias_in_float64", 1, [], 3, 2, bias=True, dtype="float64"),
        gcn_case("single_output_feature", 7, path(7), 4, 1, bias=True),
    ]


def reference(adj, x, weight, bias=None):
    """Kipf and Welling's rule with explicit diagonal matrices, the graph held constant: the
    gradient of adj is not graded (detached, autograd gives the grader none to compare)."""
    a_hat = adj.detach() + torch.eye(adj.shape[0], dtype=adj.dtype)
    d = torch.diag(a_hat.sum(dim=1) ** -0.5)
    out = d @ a_hat @ d @ x @ weight
    return out if bias is None else out + bias


# Classic bugs as variants of the layer (check_function's `diagnoses`): a failure that matches one is
# named by its cause, which `kit hint` follows (katas/gcn/hints.toml, [causes]).
def _layer_variant(adj, x, weight, bias=None, left=-0.5, right=-0.5, bias_first=False):
    a_hat = adj.detach() + torch.eye(adj.shape[0], dtype=adj.dtype)
    degree = a_hat.sum(dim=1)
    h = x @ weight + (bias if bias_first and bias is not None else 0)
    out = (degree[:, None] ** left * a_hat * degree[None, :] ** right) @ h
    return out if bias is None or bias_first else out + bias


DIAGNOSES = (
    Diagnosis("row-normalised", lambda adj, x, weight, bias=None: _layer_variant(adj, x, weight, bias, -1.0, 0.0)),
    Diagnosis("normalised-on-one-side",
              lambda adj, x, weight, bias=None: _layer_variant(adj, x, weight, bias, -0.5, 0.0)),
    Diagnosis("inverse-degree-on-both-sides",
              lambda adj, x, weight, bias=None: _layer_variant(adj, x, weight, bias, -1.0, -1.0)),
    Diagnosis("bias-before-aggregation",
              lambda adj, x, weight, bias=None: _layer_variant(adj, x, weight, bias, bias_first=True)),
)
