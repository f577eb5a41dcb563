"""decision_tree cases: `fit_tree(X, y, max_depth, min_samples_split, criterion)` and
`predict_tree(tree, X)`, graded against graders/decision_tree/oracle.py.

The tree is compared exactly: its shape, each split's feature (a Python int) and threshold (a
float, equal to the oracle's: a midpoint (a + b) / 2 of two float64 values is correctly rounded,
so any right solution gets the same bits), and each leaf's label (an element of y: y's value and
dtype). Ties are exact on purpose: integer features with few distinct values tie features and
thresholds everywhere, and their scores differ either by 0 or by far more than 1e-12.

Known-wrong solutions (tests/candidates/decision_tree/numpy/wrong_*.py), one bug each:
  wrong_threshold_at_the_value          the left value itself as the threshold, not the midpoint
  wrong_strict_less_than_goes_left      predict sends x < threshold left: a point on a threshold goes right
  wrong_ties_to_the_later_candidate     `<=` in the search: an equal score replaces the best
  wrong_majority_tie_to_the_larger_label  a tied vote goes to the larger label
  wrong_impurity_not_weighted           children's impurities summed, not weighted by their sizes
  wrong_depth_off_by_one                splits while depth <= max_depth
  wrong_splits_pure_nodes               splits whenever a candidate exists: no purity or gain test
  wrong_midpoint_in_x_dtype             (a + b) / 2 in float32 for float32 features
  wrong_bincount_labels_are_int64       leaves from np.bincount(y).argmax(): int64 whatever y's dtype
"""
from __future__ import annotations

import numpy as np

from interviewkit.grader import Case, CheckFailed, Expected, _, expect_equal, failure, given, integers, normal


def rows(*values, dtype="float64") -> given:
    return given(tuple(tuple(float(v) for v in row) for row in values), dtype=dtype)


def fit_case(name, X, y, max_depth=None, min_samples_split=2, criterion="gini") -> Case:
    return Case(name, X=X, y=y, max_depth=max_depth, min_samples_split=min_samples_split, criterion=criterion)


# The statement's example: feature 0 separates 0 from the rest, then 1 from 2, where feature 1 ties with it.
EXAMPLE_X = rows((1, 5), (2, 6), (3, 1), (4, 2), (5, 7), (6, 8))
EXAMPLE_Y = given((0, 0, 1, 1, 2, 2), dtype="int64")
# Found by search: on the same eight points gini splits feature 0 at 0.5, entropy at 1.5.
CRITERIA_X = rows((3, 3), (0, 2), (1, 1), (1, 1), (1, 3), (3, 2), (2, 3), (2, 1))
CRITERIA_Y = given((0, 1, 0, 1, 0, 2, 2, 0), dtype="int64")
# y = 0 1 1 0 on x = 0..3 (and again, shifted): the thresholds 0.5 and 2.5 score the same.
TIED_THRESHOLDS_X = rows(*[(x,) for x in range(8)])
TIED_THRESHOLDS_Y = given((0, 1, 1, 0, 0, 1, 1, 0), dtype="int64")
# Columns 0 and 2 are the same column: every score ties across them and column 0 must win.
TWIN_COLUMNS_X = rows((1, 4, 1), (2, 3, 2), (3, 1, 3), (4, 2, 4), (5, 4, 5), (6, 1, 6), (7, 3, 7))
TWIN_COLUMNS_Y = given((5, 5, 7, 7, 7, 9, 9), dtype="int64")
# XOR: every split leaves both children as mixed as the root, so the root stays a leaf (2 and 5 tie: 2).
XOR_X = rows((0, 0), (0, 1), (1, 0), (1, 1))
XOR_Y = given((2, 5, 5, 2), dtype="int64")
# Found by search. Entropy: two candidates tie exactly, the later one's score rounds a few ulps
# lower (only the 1e-12 rule keeps the earlier). Gini: a split that changes no class share
# computes a few ulps below the parent (only the 1e-12 rule keeps the node a leaf).
ROUNDING_TIE_X = rows(*[(x,) for x in (1, 0, 3, 0, 0, 1, 0)])
ROUNDING_TIE_Y = given((2, 2, 1, 1, 1, 1, 0), dtype="int64")
ROUNDING_GAIN_X = rows(*[(x,) for x in (2, 2, 3, 3, 1, 1, 1, 2, 0, 0, 3)])
ROUNDING_GAIN_Y = given((1, 2, 1, 2, 1, 2, 0, 0, 2, 1, 2), dtype="int64")
# 1 and the next float64: their midpoint rounds to 1.0 itself, and `<=` must still send 1.0 left.
ADJACENT_X = rows((1.0,), (1.0000000000000002,), (2.0,))


def labels(count, values, dtype="int64") -> given:
    """`count` labels cycling through `values` in a fixed, scrambled order."""
    order = np.random.default_rng(count * 31 + len(values)).permutation(count)
    return given(tuple(int(values[i % len(values)]) for i in order), dtype=dtype)


def fit_cases() -> list[Case]:
    return [
        fit_case("example_from_the_statement", EXAMPLE_X, EXAMPLE_Y),
        fit_case("a_pure_root_is_a_single_leaf", normal((6, 2), dtype="float64"), given((3,) * 6, dtype="int64")),
        fit_case("max_depth_zero_is_the_majority_leaf", normal((9, 2), dtype="float64"),
                 given((4, 1, 4, 1, 1, 4, 2, 2, 4), dtype="int64"), max_depth=0, min_samples_split=4),
        fit_case("max_depth_zero_and_min_samples_split_larger_than_n", normal((4, 2), dtype="float64"),
                 given((1, 0, 0, 1), dtype="int64"), max_depth=0, min_samples_split=9),
        fit_case("max_depth_zero_majority_tie_to_the_smallest", normal((6, 2), dtype="float64"),
                 given((8, 3, 8, 3, 6, 6), dtype="int64"), max_depth=0, criterion="entropy"),
        fit_case("max_depth_one_is_a_stump", normal((40, 3), dtype="float64"), labels(40, (0, 1, 2)), max_depth=1),
        fit_case("max_depth_one_entropy", integers((30, 3), 0, 4, dtype="float64"), labels(30, (0, 1, 2)),
                 max_depth=1, criterion="entropy"),
        fit_case("max_depth_two_with_tied_leaves", integers((36, 2), 0, 3, dtype="float64"),
                 labels(36, (1, 2, 3, 4)), max_depth=2, min_samples_split=5),
        fit_case("max_depth_three_entropy", normal((60, 4), dtype="float64"), labels(60, (0, 1, 2)), max_depth=3,
                 min_samples_split=5, criterion="entropy"),
        fit_case("max_depth_none_grows_until_pure", normal((30, 3), dtype="float64"), labels(30, (0, 1, 2))),
        fit_case("max_depth_none_entropy", normal((30, 3), dtype="float64"), labels(30, (0, 1, 2, 3)),
                 criterion="entropy"),
        fit_case("min_samples_split_larger_than_n", normal((7, 2), dtype="float64"),
                 given((1, 0, 1, 0, 0, 1, 1), dtype="int64"), min_samples_split=8),
        fit_case("min_samples_split_equal_to_n_still_splits", normal((7, 2), dtype="float64"),
                 given((1, 0, 1, 0, 0, 1, 1), dtype="int64"), min_samples_split=7, max_depth=1),
        fit_case("min_samples_split_stops_small_nodes", normal((50, 3), dtype="float64"), labels(50, (0, 1, 2)),
                 min_samples_split=6),
        fit_case("min_samples_split_larger_than_n_with_max_depth_one", normal((5, 2), dtype="float64"),
                 given((2, 2, 0, 0, 0), dtype="int64"), max_depth=1, min_samples_split=6, criterion="entropy"),
        fit_case("gini_on_data_where_entropy_differs", CRITERIA_X, CRITERIA_Y, max_depth=1),
        fit_case("entropy_on_data_where_gini_differs", CRITERIA_X, CRITERIA_Y, max_depth=1, criterion="entropy"),
        fit_case("gini_and_entropy_full_trees_gini", CRITERIA_X, CRITERIA_Y),
        fit_case("gini_and_entropy_full_trees_entropy", CRITERIA_X, CRITERIA_Y, criterion="entropy"),
        fit_case("tied_features_lower_index_wins", TWIN_COLUMNS_X, TWIN_COLUMNS_Y),
        fit_case("tied_features_lower_index_wins_entropy", TWIN_COLUMNS_X, TWIN_COLUMNS_Y, criterion="entropy"),
        fit_case("tied_thresholds_lower_threshold_wins", TIED_THRESHOLDS_X, TIED_THRESHOLDS_Y),
        fit_case("tied_thresholds_lower_threshold_wins_entropy", TIED_THRESHOLDS_X, TIED_THRESHOLDS_Y,
                 criterion="entropy"),
        fit_case("duplicate_feature_values", integers((40, 3), 0, 3, dtype="float64"), labels(40, (0, 1, 2))),
        fit_case("duplicate_feature_values_entropy", integers((40, 3), 0, 3, dtype="float64"), labels(40, (0, 1)),
                 criterion="entropy"),
        fit_case("duplicate_rows_with_different_labels", rows((1, 1), (1, 1), (1, 1), (2, 2), (2, 2)),
                 given((0, 1, 1, 0, 1), dtype="int64")),
        fit_case("no_split_lowers_the_impurity", XOR_X, XOR_Y),
        fit_case("no_split_lowers_the_impurity_entropy", XOR_X, XOR_Y, criterion="entropy"),
        fit_case("tied_scores_apart_by_rounding_only", ROUNDING_TIE_X, ROUNDING_TIE_Y, criterion="entropy"),
        fit_case("a_gain_of_rounding_error_is_no_gain", ROUNDING_GAIN_X, ROUNDING_GAIN_Y),
        fit_case("adjacent_float64_values_midpoint_equals_the_left_one", ADJACENT_X,
                 given((0, 1, 1), dtype="int64")),
        fit_case("a_feature_that_never_helps", rows((1, 3, 0), (1, 1, 0), (1, 4, 0), (1, 2, 0), (1, 5, 0)),
                 given((1, 0, 1, 0, 1), dtype="int64")),
        fit_case("labels_not_starting_at_zero", normal((30, 2), dtype="float64"), labels(30, (3, 5, 9))),
        fit_case("int32_labels", normal((30, 3), dtype="float64"), labels(30, (0, 1, 2), dtype="int32")),
        fit_case("int32_labels_with_ties", integers((30, 2), 0, 3, dtype="float64"),
                 labels(30, (2, 4, 6), dtype="int32"), max_depth=2, criterion="entropy"),
        fit_case("float32_features", normal((40, 3)), labels(40, (0, 1, 2))),
        fit_case("float32_features_entropy", normal((40, 2)), labels(40, (0, 1)), criterion="entropy", max_depth=3),
        fit_case("integer_features", integers((30, 2), 0, 5), labels(30, (0, 1, 2))),
        fit_case("one_row", normal((1, 3), dtype="float64"), given((4,), dtype="int64")),
        fit_case("one_feature", normal((20, 1), dtype="float64"), labels(20, (0, 1))),
        fit_case("as_many_features_as_rows", normal((6, 6), dtype="float64"), given((0, 1, 1, 0, 2, 1), dtype="int64")),
        fit_case("many_rows_and_classes", normal((200, 5), dtype="float64"), labels(200, (0, 1, 2, 3, 4)),
                 min_samples_split=4),
    ]


# Trees written out, their leaves in y's dtype (numpy scalars, as fit_tree returns them).
def stump(dtype):
    kind = getattr(np, dtype)
    return {"feature": 1, "threshold": 0.5, "left": {"leaf": kind(7)}, "right": {"leaf": kind(2)}}


def deep_tree(dtype):
    kind = getattr(np, dtype)
    return {"feature": 0, "threshold": 0.25,
            "left": {"feature": 2, "threshold": -1.5, "left": {"leaf": kind(0)}, "right": {"leaf": kind(3)}},
            "right": {"feature": 1, "threshold": 0.75,
                      "left": {"leaf": kind(1)},
                      "right": {"feature": 0, "threshold": 1.5, "left": {"leaf": kind(4)}, "right": {"leaf": kind(0)}}}}


def predict_case(name, tree, X) -> Case:
    return Case(name, tree=tree, X=X)


def predict_cases() -> list[Case]:
    return [
        predict_case("a_stump", stump("int64"), normal((20, 2), dtype="float64")),
        predict_case("a_deeper_tree", deep_tree("int64"), normal((30, 3), dtype="float64")),
        predict_case("points_on_the_thresholds_go_left", deep_tree("int64"),
                     rows((0.25, 0, 0), (0.25, 0, -1.5), (1, 0.75, 0), (1.5, 1, 0), (2, 0.75, 0), (0.3, 0.8, 0))),
        predict_case("points_on_the_thresholds_float32", stump("int64"), rows((0, 0.5), (3, 0.5), (1, 0.25),
                                                                             dtype="float32")),
        predict_case("a_single_leaf", {"leaf": np.int64(6)}, normal((5, 2), dtype="float64")),
        predict_case("int32_leaves_keep_their_dtype", deep_tree("int32"), normal((12, 3), dtype="float64")),
        predict_case("one_row", deep_tree("int64"), normal((1, 3), dtype="float64")),
    ]


# Fitted by the candidate, then predicted by the candidate on the same rows: the round trip. Each
# criterion meets a depth limit and none, and a min_samples_split above 2, where leaves stay mixed
# (stopped early, or duplicate rows of different labels) so predictions differ from y.
ROUND_TRIPS = ["example_from_the_statement", "max_depth_three_entropy", "duplicate_feature_values",
               "int32_labels", "int32_labels_with_ties", "float32_features", "as_many_features_as_rows",
               "max_depth_two_with_tied_leaves", "min_samples_split_stops_small_nodes",
               "gini_and_entropy_full_trees_entropy"]


def round_trip_cases() -> list[Case]:
    return [case for case in fit_cases() if case.name in ROUND_TRIPS]


def leaf_dtype(tree: dict) -> str:
    while "leaf" not in tree:
        tree = tree["left"]
    return np.asarray(tree["leaf"]).dtype.name


def expect_predictions(dtype: str):
    def compare(actual, expected, _like, condition=1.0):
        got = str(getattr(actual, "dtype", ""))
        if isinstance(actual, np.ndarray) and got != dtype and actual.shape == tuple(np.shape(expected)):
            raise failure(_("predictions have dtype {got}, expected {dtype}, the leaves' (y's) dtype: build them "
                            "from the leaves' own labels (np.array of them) or cast with .astype").format(
                got=got, dtype=dtype), "result-dtype")
        expect_equal(actual, expected, Expected("numpy", dtype), _("predicted labels"))

    return compare


def expect_tree(label_dtype: str):
    """check_function's `compare` for fit_tree: the whole tree, exactly."""
    def compare(actual, expected, _like, condition=1.0):
        same_tree(actual, expected, "tree", label_dtype)

    return compare


def same_tree(node, expected: dict, path: str, label_dtype: str) -> None:
    if not isinstance(node, dict):
        raise CheckFailed(_('{path} is a {kind}, expected a dict: a split {{"feature", "threshold", "left", "right"}} '
                            'or a leaf {{"leaf": label}}').format(path=path, kind=type(node).__name__))
    keys = set(expected)
    if set(node) != keys:
        message = (_("{path} has keys {keys}, expected a leaf with keys {wanted} (expected {expected}, got {got})")
                   if "leaf" in keys else
                   _("{path} has keys {keys}, expected a split with keys {wanted} (expected {expected}, got {got})"))
        raise CheckFailed(message.format(path=path, keys=sorted(node), wanted=sorted(keys), expected=describe(expected),
                                         got=describe(node)))
    if "leaf" in keys:
        same_label(node["leaf"], expected["leaf"], path, label_dtype)
        return
    feature, threshold = node["feature"], node["threshold"]
    if type(feature) is not int:
        raise CheckFailed(_("{path}['feature'] is a {kind}, expected a Python int: wrap it in int(...)").format(
            path=path, kind=type(feature).__name__))
    if not isinstance(threshold, float) or isinstance(threshold, np.floating) and threshold.dtype != np.float64:
        raise CheckFailed(_("{path}['threshold'] is a {kind}, expected a Python float: the midpoint (a + b) / 2 in "
                            "float64, wrapped in float(...)").format(path=path, kind=type(threshold).__name__))
    if (feature, threshold) != (expected["feature"], expected["threshold"]):
        raise CheckFailed(_("{path} splits feature {feature} at {threshold}, expected feature {expected_feature} at "
                            "{expected_threshold} (the midpoint, in float64, between consecutive distinct values; ties "
                            "to the lower feature, then the lower threshold)").format(
            path=path, feature=feature, threshold=repr(threshold), expected_feature=expected["feature"],
            expected_threshold=repr(expected["threshold"])))
    same_tree(node["left"], expected["left"], f"{path}['left']", label_dtype)
    same_tree(node["right"], expected["right"], f"{path}['right']", label_dtype)


def same_label(label, expected: int, path: str, dtype: str) -> None:
    if not isinstance(label, np.integer) or label.dtype.name != dtype:
        kind = getattr(label, "dtype", type(label).__name__)
        raise failure(_("{path}['leaf'] is {label} ({kind}), expected an element of y ({dtype}): take the label from "
                        "y itself (np.unique(y) or y[i]), not int(...) or np.bincount's index").format(
            path=path, label=repr(label), kind=kind, dtype=dtype), "result-dtype")
    if int(label) != expected:
        raise CheckFailed(_("{path} is the leaf {label}, expected {expected} (the majority label of the node, ties to "
                            "the smallest)").format(path=path, label=int(label), expected=expected))


def describe(node: dict) -> str:
    if "leaf" in node:
        return _("leaf {label}").format(label=repr(node["leaf"]))
    if {"feature", "threshold"} <= set(node):
        return _("split on feature {feature} at {threshold}").format(
            feature=repr(node["feature"]), threshold=repr(node["threshold"]))
    return _("keys {keys}").format(keys=sorted(node))
