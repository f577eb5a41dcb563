"""bpe's comparisons: merges, ids and text exactly, and in the contract's types (a list of tuples of
Python ints, a list of Python ints, a str), with messages that show where they first differ."""
from __future__ import annotations

from interviewkit.grader import N_, CheckFailed, _, failure


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
        if what == "merges" and _kind(actual) == "dict":
            raise CheckFailed(_("{what}: got a {kind}, expected a list of {item} in the order learnt (not a dict of "
                                "pair to id, as minbpe keeps them)").format(what=what, kind=_kind(actual), item=_(item)))
        raise CheckFailed(_("{what}: got a {kind}, expected a list of {item}").format(
            what=what, kind=_kind(actual), item=_(item)))
    for index, value in enumerate(actual):
        if not is_item(value):
            raise failure(_("{what}[{index}] is {value} (a {kind}), expected {item}: convert NumPy integers with "
                            "int(...), and build each pair as a tuple").format(
                what=what, index=index, value=repr(value), kind=_kind(value), item=_(item)), "not-python-ints")
    if actual != expected:
        index = _first_difference(actual, expected)
        want = repr(expected[index]) if index < len(expected) else _("the end")
        got = repr(actual[index]) if index < len(actual) else _("the end")
        raise CheckFailed(_("{what} differs first at index {index}: expected {want}, got {got} ({expected} expected, "
                            "{returned} returned)\n  expected: {expected_around}\n  got:      {got_around}").format(
            what=what, index=index, want=want, got=got, expected=len(expected), returned=len(actual),
            expected_around=_around(expected, index), got_around=_around(actual, index)))


def _pair(value) -> bool:
    return type(value) is tuple and len(value) == 2 and all(type(v) is int for v in value)


def expect_merges(actual, expected, _like=None, _condition=1.0) -> None:
    _expect_list(actual, list(expected), "merges", N_("tuples of two Python ints"), _pair)


def expect_ids(actual, expected, _like=None, _condition=1.0) -> None:
    _expect_list(actual, list(expected), "ids", N_("Python ints"), lambda v: type(v) is int)


def expect_text(actual, expected: str, what: str = "") -> None:
    what = what or _("decoded text")
    if type(actual) is not str:
        raise CheckFailed(_("{what}: got a {kind}, expected a str").format(what=what, kind=_kind(actual)))
    if actual != expected:
        index = _first_difference(list(actual), list(expected))
        raise CheckFailed(_("{what} differs first at character {index} ({expected} characters expected, {returned} "
                            "returned)\n  expected: {expected_around}\n  got:      {got_around}").format(
            what=what, index=index, expected=len(expected), returned=len(actual),
            expected_around=repr(expected[max(0, index - 8):index + 8]),
            got_around=repr(actual[max(0, index - 8):index + 8])))


def compare_text(actual, expected, _like=None, _condition=1.0) -> None:
    expect_text(actual, expected)
