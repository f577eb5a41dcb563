"""bpe's comparisons: merges, ids and text exactly, and in the contract's types (a list of tuples of
Python ints, a list of Python ints, a str), with messages that show where they first differ."""
from __future__ import annotations

from interviewkit.grader import CheckFailed, failure


def _kind(value) -> str:
    return getattr(value, "type_name", type(value).__name__)


def _first_difference(actual: list, expected: list) -> int:
    return next((i for i, (a, b) in enumerate(zip(actual, expected)) if a != b), min(len(actual), len(expected)))


def _around(values: list, index: int) -> str:
    start = max(0, index - 3)
    shown = ", ".join(repr(v) for v in values[start:index + 4])
    return f"[{'…, ' if start else ''}{shown}{', …' if index + 4 < len(values) else ''}]"


def _expect_list(actual, expected: list, what: str, item: str, is_item) -> None:
    if type(actual) is not list:
        minbpe_dict = what == "merges" and _kind(actual) == "dict"
        advice = " in the order learnt (not a dict of pair to id, as minbpe keeps them)" if minbpe_dict else ""
        raise CheckFailed(f"{what}: got a {_kind(actual)}, expected a list of {item}{advice}")
    for index, value in enumerate(actual):
        if not is_item(value):
            raise failure(f"{what}[{index}] is {value!r} (a {_kind(value)}), expected {item}: convert NumPy "
                          "integers with int(...), and build each pair as a tuple", "not-python-ints")
    if actual != expected:
        index = _first_difference(actual, expected)
        want = repr(expected[index]) if index < len(expected) else "the end"
        got = repr(actual[index]) if index < len(actual) else "the end"
        raise CheckFailed(f"{what} differs first at index {index}: expected {want}, got {got} "
                          f"({len(expected)} expected, {len(actual)} returned)\n"
                          f"  expected: {_around(expected, index)}\n  got:      {_around(actual, index)}")


def _pair(value) -> bool:
    return type(value) is tuple and len(value) == 2 and all(type(v) is int for v in value)


def expect_merges(actual, expected, _like=None, _condition=1.0) -> None:
    _expect_list(actual, list(expected), "merges", "tuples of two Python ints", _pair)


def expect_ids(actual, expected, _like=None, _condition=1.0) -> None:
    _expect_list(actual, list(expected), "ids", "Python ints", lambda v: type(v) is int)


def expect_text(actual, expected: str, what: str = "decoded text") -> None:
    if type(actual) is not str:
        raise CheckFailed(f"{what}: got a {_kind(actual)}, expected a str")
    if actual != expected:
        index = _first_difference(list(actual), list(expected))
        raise CheckFailed(f"{what} differs first at character {index} ({len(expected)} characters expected, "
                          f"{len(actual)} returned)\n  expected: {expected[max(0, index - 8):index + 8]!r}\n"
                          f"  got:      {actual[max(0, index - 8):index + 8]!r}")


def compare_text(actual, expected, _like=None, _condition=1.0) -> None:
    expect_text(actual, expected)
