"""Mutation operators: the slips a candidate makes, each a change of one node of a file's tree.

`Operators.operators(node)` yields every change of one node. A change carries its replacement node
(the truth, which mutants.py checks the mutated file against) and the text edits that write it in
the file's own spelling (when they do not give the replacement's tree, the node is written anew)."""
from __future__ import annotations

import ast
import io
import re
import tokenize
from dataclasses import dataclass
from functools import cached_property
from typing import Iterator

# Bump whenever an operator changes what it yields: recorded mutation scores then go stale.
OPERATORS_VERSION = 1

ARITHMETIC = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult, ast.FloorDiv: ast.Div,
              ast.Pow: ast.Mult, ast.MatMult: ast.Mult, ast.BitOr: ast.BitAnd, ast.BitAnd: ast.BitOr}
COMPARISON = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq,
              ast.NotEq: ast.Eq, ast.Is: ast.IsNot, ast.IsNot: ast.Is, ast.In: ast.NotIn, ast.NotIn: ast.In}
BOOLEAN = {ast.And: ast.Or, ast.Or: ast.And}
SPELLING = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//", ast.Pow: "**",
            ast.MatMult: "@", ast.BitOr: "|", ast.BitAnd: "&", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">",
            ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!=", ast.Is: "is", ast.IsNot: "is not", ast.In: "in",
            ast.NotIn: "not in", ast.And: "and", ast.Or: "or"}
# A term dropped: `a - b` keeps a; `a + b` and `a * b` keep either.
TERM_DROPPED = {ast.Add: (0, 1), ast.Mult: (0, 1), ast.Sub: (0,), ast.Div: (0,), ast.Pow: (0,)}
EXTREMA = {"min": "max", "max": "min", "amin": "amax", "amax": "amin", "argmin": "argmax", "argmax": "argmin",
           "minimum": "maximum", "maximum": "minimum", "nanmin": "nanmax", "nanmax": "nanmin",
           "fmin": "fmax", "fmax": "fmin"}
# Functions whose two arguments commute: swapping them is no slip (a numpy transpose of two axes
# is a permutation and would be one, but numpy code spells that `.T` or names every axis).
SYMMETRIC = {"maximum", "minimum", "fmax", "fmin", "swapaxes", "swapdims", "transpose"}
AXIS_KEYWORDS = {"axis", "axes", "dim", "dims"}
KEEPDIMS_KEYWORDS = {"keepdims", "keepdim"}

Edit = tuple[int, int, str]  # (start, end, text): character offsets in the original source


@dataclass
class Change:
    operator: str
    target: ast.AST
    replacement: ast.AST
    edits: list[Edit]


def literal(value, like: str = "") -> str:
    """A number as its author would write it: 1e-6 rather than 1e-06, and 1e-2 for a nudged 1e-3."""
    if isinstance(value, float) and "e" in like.lower():
        mantissa, exponent = f"{value:.15e}".split("e")
        return f"{mantissa.rstrip('0').rstrip('.')}e{int(exponent)}"
    return re.sub(r"e([+-]?)0+(\d)", r"e\1\2", repr(value))


def expression(text: str) -> ast.expr:
    return ast.parse(text, mode="eval").body


def signed_number(node: ast.AST):
    """The value of a numeric literal, `-3` included (a unary minus over a constant); None otherwise."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner = signed_number(node.operand)
        return None if inner is None else -inner
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        return node.value
    return None


def nudges(value) -> list:
    """Semantic slips on a number: an integer off by one; a float's decimal exponent off by one for
    powers of ten (1e-5 for 1e-6), else the float doubled or halved (0.5 for 0.25)."""
    if isinstance(value, int):
        return [value + 1, value - 1]
    if value == 0:
        return [1.0]
    mantissa, power = f"{abs(value):e}".split("e")
    if mantissa == "1.000000":
        sign = "-" if value < 0 else ""
        return [float(f"{sign}1e{int(power) + 1}"), float(f"{sign}1e{int(power) - 1}")]
    return [value * 2, value / 2]


def axis_slips(value: int) -> list[int]:
    """axis=-1 becomes -2 or 0; axis=1 becomes 2 or 0; axis=0 becomes 1 or -1."""
    return list(dict.fromkeys([value - 1 if value < 0 else value + 1, 0 if value else -1]))


class SourceFile:
    """One file's tree, with what edits need: each node's parent, and positions in characters."""

    def __init__(self, source: str):
        self.source = source
        self.tree = ast.parse(source)
        self.parents: dict[int, tuple[ast.AST, str, int | None]] = {}  # id(node) -> (parent, field, index)
        for parent in ast.walk(self.tree):
            for field, value in ast.iter_fields(parent):
                for index, child in (enumerate(value) if isinstance(value, list) else [(None, value)]):
                    if isinstance(child, ast.AST):
                        self.parents[id(child)] = (parent, field, index)
        self.lines = source.splitlines(keepends=True)
        self.line_starts = [0]
        for line in self.lines:
            self.line_starts.append(self.line_starts[-1] + len(line))

    def parent(self, node: ast.AST) -> ast.AST | None:
        return self.parents.get(id(node), (None,))[0]

    def offset(self, line: int, column: int) -> int:
        """ast counts columns in UTF-8 bytes; edits splice characters."""
        text = self.lines[line - 1].encode("utf-8")[:column].decode("utf-8", errors="ignore")
        return self.line_starts[line - 1] + len(text)

    def span(self, node: ast.AST) -> tuple[int, int]:
        return self.offset(node.lineno, node.col_offset), self.offset(node.end_lineno, node.end_col_offset)

    def text(self, node: ast.AST) -> str:
        start, end = self.span(node)
        return self.source[start:end]

    @cached_property
    def tokens(self) -> list[tuple[str, int, int]]:
        """The file's operator and name tokens, with their character offsets (comments are neither)."""
        kept = (tokenize.OP, tokenize.NAME)
        return [(token.string, self.line_starts[token.start[0] - 1] + token.start[1],
                 self.line_starts[token.end[0] - 1] + token.end[1])
                for token in tokenize.generate_tokens(io.StringIO(self.source).readline) if token.type in kept]

    def token_edit(self, start: int, end: int, old: str, new: str) -> list[Edit]:
        """`old` (one or two words: `is not`) respelled `new`, where it stands between two offsets."""
        words = old.split()
        between = [token for token in self.tokens if start <= token[1] and token[2] <= end]
        for index in range(len(between) - len(words) + 1):
            if [token[0] for token in between[index:index + len(words)]] == words:
                return [(between[index][1], between[index + len(words) - 1][2], new)]
        return []  # not found: the node is written anew


class Operators(SourceFile):
    def operators(self, node: ast.AST) -> Iterator[Change]:
        """Every change of this one node (its children get their own turn)."""
        if isinstance(node, ast.BinOp):
            yield from self.binary(node)
        elif isinstance(node, ast.AugAssign) and type(node.op) in ARITHMETIC:
            swapped = ARITHMETIC[type(node.op)]
            yield self.swapped(node, node.target, node.value, SPELLING[type(node.op)] + "=", SPELLING[swapped] + "=",
                               "arithmetic", ast.AugAssign(node.target, swapped(), node.value))
        elif isinstance(node, ast.BoolOp):
            yield self.boolean(node)
        elif isinstance(node, ast.Compare):
            yield from self.comparison(node)
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.Not, ast.Invert)):
            yield Change("unary", node, node.operand, [(*self.span(node), self.text(node.operand))])
        elif isinstance(node, ast.Call):
            yield from self.call(node)
        elif isinstance(node, ast.keyword):
            yield from self.keyword(node)
        elif isinstance(node, ast.Slice):
            yield from self.slice(node)
        if signed_number(node) is not None and not self.is_axis(node):
            for value in nudges(signed_number(node)):
                yield self.replaced(node, "constant", literal(value, self.text(node)))
        elif isinstance(node, ast.Constant) and isinstance(node.value, bool):
            parent = self.parent(node)
            keepdims = isinstance(parent, ast.keyword) and parent.arg in KEEPDIMS_KEYWORDS
            yield self.replaced(node, "keepdims" if keepdims else "constant", repr(not node.value))

    def is_part_of_a_number(self, node: ast.AST) -> bool:
        """The 3 of `-3`: the signed literal is nudged as a whole."""
        return isinstance(node, ast.Constant) and signed_number(self.parent(node)) is not None

    def is_axis(self, node: ast.AST) -> bool:
        parent = self.parent(node)
        return isinstance(parent, ast.keyword) and parent.arg in AXIS_KEYWORDS

    def replaced(self, node: ast.AST, operator: str, text: str) -> Change:
        return Change(operator, node, expression(text), [(*self.span(node), text)])

    def swapped(self, node, left, right, old: str, new: str, operator: str, replacement) -> Change:
        """The operator `old` between `left` and `right` spelled `new` instead."""
        return Change(operator, node, replacement, self.token_edit(self.span(left)[1], self.span(right)[0], old, new))

    def binary(self, node: ast.BinOp) -> Iterator[Change]:
        kind = type(node.op)
        if kind in ARITHMETIC:
            yield self.swapped(node, node.left, node.right, SPELLING[kind], SPELLING[ARITHMETIC[kind]], "arithmetic",
                               ast.BinOp(node.left, ARITHMETIC[kind](), node.right))
        for side in TERM_DROPPED.get(kind, ()):
            kept = (node.left, node.right)[side]
            yield Change("term", node, kept, [(*self.span(node), self.text(kept))])

    def boolean(self, node: ast.BoolOp) -> Change:
        old, new = SPELLING[type(node.op)], SPELLING[BOOLEAN[type(node.op)]]
        edits = [edit for left, right in zip(node.values, node.values[1:])
                 for edit in self.token_edit(self.span(left)[1], self.span(right)[0], old, new)]
        return Change("boolean", node, ast.BoolOp(BOOLEAN[type(node.op)](), node.values), edits)

    def comparison(self, node: ast.Compare) -> Iterator[Change]:
        operands = [node.left, *node.comparators]
        for index, op in enumerate(node.ops):
            ops = [*node.ops[:index], COMPARISON[type(op)](), *node.ops[index + 1:]]
            yield self.swapped(node, operands[index], operands[index + 1], SPELLING[type(op)],
                               SPELLING[COMPARISON[type(op)]], "comparison", ast.Compare(node.left, ops, node.comparators))

    def call(self, node: ast.Call) -> Iterator[Change]:
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
        if name in EXTREMA:  # x.max() for x.min(), np.maximum for np.minimum
            end = self.span(node.func)[1]
            func = ast.Attribute(node.func.value, EXTREMA[name], ast.Load()) if isinstance(node.func, ast.Attribute) \
                else ast.Name(EXTREMA[name], ast.Load())
            yield Change("extremum", node, ast.Call(func, node.args, node.keywords),
                         [(end - len(name), end, EXTREMA[name])])
        if name in SYMMETRIC and len(node.args) == 2:
            return
        for first, second in zip(node.args, node.args[1:]):
            if isinstance(first, ast.Starred) or isinstance(second, ast.Starred) or self.text(first) == self.text(second):
                continue
            args = [second if arg is first else first if arg is second else arg for arg in node.args]
            yield Change("arguments", node, ast.Call(node.func, args, node.keywords),
                         [(*self.span(first), self.text(second)), (*self.span(second), self.text(first))])

    def keyword(self, node: ast.keyword) -> Iterator[Change]:
        if node.arg in EXTREMA:  # clamp(min=0) for clamp(max=0)
            start = self.span(node)[0]
            yield Change("extremum", node, ast.keyword(EXTREMA[node.arg], node.value),
                         [(start, start + len(node.arg), EXTREMA[node.arg])])
        if node.arg in AXIS_KEYWORDS:
            value = signed_number(node.value)
            if isinstance(value, int):
                for slip in axis_slips(value):
                    yield self.replaced(node.value, "axis", str(slip))
            elif isinstance(node.value, (ast.Name, ast.Attribute)):
                yield self.replaced(node.value, "axis", "-1")  # the axis asked for, ignored

    def slice(self, node: ast.Slice) -> Iterator[Change]:
        """a[i:j] -> a[i+1:j] and a[i:j-1]; a missing bound counts as the start or the end."""
        if node.lower is None and node.upper is None:
            return
        for bound, step in (("lower", 1), ("upper", -1)):
            value = getattr(node, bound)
            if value is None:
                moved, edits = expression("1" if step > 0 else "-1"), []
            elif isinstance(signed_number(value), int):
                moved = expression(literal(signed_number(value) + step))
                edits = [(*self.span(value), literal(signed_number(value) + step))]
            else:
                moved = ast.BinOp(value, ast.Add() if step > 0 else ast.Sub(), ast.Constant(1))
                edits = [(*self.span(value), f"{self.text(value)} {'+' if step > 0 else '-'} 1")]
            bounds = {"lower": node.lower, "upper": node.upper, bound: moved}
            yield Change("slice", node, ast.Slice(bounds["lower"], bounds["upper"], node.step), edits)
