"""Mutants of one Python file: each slip of operators.py applied alone to the reference.

An `ast` transformer of our own: mutmut 3 only writes trampolined files that switch mutants through
an environment variable and import mutmut (which a sandbox refuses), and cosmic-ray's operators,
though drivable on one file, pull a dozen dependencies and lack the slips that matter here (an
axis, keepdims, min for max, a shifted slice, swapped arguments).

Each mutation is spliced into the original text, so the rest of the file (comments included) stays
byte-identical, and is proved by parsing the result: its tree must be the original tree with one
node replaced (else the node is written anew, parenthesised if need be)."""
from __future__ import annotations

import ast
import hashlib
import re
from dataclasses import dataclass
from typing import Iterator

from interviewkit.dev.operators import OPERATORS_VERSION, Change, Operators

__all__ = ["OPERATORS_VERSION", "Mutant", "mutants", "abridge"]

# Where a description stops climbing from the node it changes: an expression or statement a reader knows.
SHOWN = (ast.Call, ast.BinOp, ast.Compare, ast.BoolOp, ast.Subscript, ast.IfExp, ast.Assign, ast.AugAssign,
         ast.AnnAssign, ast.Return, ast.Expr)
COMPOUND = (ast.For, ast.While, ast.If, ast.With, ast.FunctionDef, ast.ClassDef, ast.Try)


@dataclass(frozen=True)
class Mutant:
    id: str        # stable across unrelated edits: no line number, no column in it
    operator: str
    line: int
    function: str  # the enclosing function's qualified name, "<module>" at top level
    original: str  # the changed expression, or simple statement, before and after, on one line
    mutated: str
    source: str    # the whole mutated file

    @property
    def description(self) -> str:
        before, after = abridge(self.original, self.mutated)
        return f"line {self.line}: `{before}` -> `{after}`"


def mutants(source: str) -> list[Mutant]:
    """Every mutant of `source`, in the order of the file; no two alike. Docstrings, annotations,
    decorators, imports, asserts (guards against inputs graders do not send) and `raise
    NotImplementedError` are left alone, and so are strings and None."""
    return _Mutator(source).mutants()


def abridge(before: str, after: str, width: int = 90, keep: int = 30) -> tuple[str, str]:
    """Long expressions, shown around what changed only."""
    if max(len(before), len(after)) <= width:
        return before, after
    prefix = _common_length(before, after)
    suffix = _common_length(before[prefix:][::-1], after[prefix:][::-1])
    start = max(0, prefix - keep)

    def cut(text: str) -> str:
        end = min(len(text), len(text) - suffix + keep)
        return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")

    return cut(before), cut(after)


def _common_length(a: str, b: str) -> int:
    size = 0
    while size < min(len(a), len(b)) and a[size] == b[size]:
        size += 1
    return size


def _is_left_alone(statement: ast.stmt) -> bool:
    docstring = isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant) \
        and isinstance(statement.value.value, str)
    if docstring or isinstance(statement, (ast.Import, ast.ImportFrom, ast.Assert)):
        return True
    if isinstance(statement, ast.Raise) and statement.exc is not None:
        raised = statement.exc.func if isinstance(statement.exc, ast.Call) else statement.exc
        return isinstance(raised, ast.Name) and raised.id == "NotImplementedError"
    return False


class _Mutator(Operators):
    def __init__(self, source: str):
        super().__init__(source)
        self.defaults: dict[int, ast.arg] = {}  # id(a default's node) -> its parameter
        for arguments in ast.walk(self.tree):
            if isinstance(arguments, ast.arguments):
                positional = arguments.posonlyargs + arguments.args
                for default, arg in zip(arguments.defaults, positional[len(positional) - len(arguments.defaults):]):
                    self.defaults[id(default)] = arg
                for default, arg in zip(arguments.kw_defaults, arguments.kwonlyargs):
                    if default is not None:
                        self.defaults[id(default)] = arg

    def mutants(self) -> list[Mutant]:
        found, seen, occurrences = [], {self.source}, {}
        for function, change in self.changes(self.tree, "<module>"):
            rendered = self.render(change)
            if rendered is None or rendered[0] in seen:
                continue
            mutated, (start, end) = rendered
            seen.add(mutated)
            shown_end = end + len(mutated) - len(self.source)
            before, after = _one_line(self.source[start:end]), _one_line(mutated[start:shown_end])
            # Identical changes in one function are told apart by their rank, never by their line.
            key = (function, change.operator, before, after)
            occurrences[key] = occurrences.get(key, -1) + 1
            digest = hashlib.sha256("\0".join(map(str, (*key, occurrences[key]))).encode()).hexdigest()[:8]
            found.append(Mutant(f"{change.operator}-{digest}", change.operator, change.target.lineno, function,
                                before, after, mutated))
        return found

    def changes(self, node: ast.AST, function: str) -> Iterator[tuple[str, Change]]:
        """Every change, in the order of the file, with the qualified name of the function it is in."""
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            if not isinstance(node, ast.Module):
                function = node.name if function == "<module>" else f"{function}.{node.name}"
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                yield from self.changes(node.args, function)
            for statement in node.body:
                if not _is_left_alone(statement):
                    yield from self.changes(statement, function)
            return
        for change in self.operators(node):
            yield function, change
        if isinstance(node, ast.JoinedStr):
            return
        for field, value in ast.iter_fields(node):
            if field in ("annotation", "returns"):
                continue
            for child in value if isinstance(value, list) else [value]:
                if isinstance(child, ast.stmt) and _is_left_alone(child):
                    continue
                if isinstance(child, ast.AST) and not self.is_part_of_a_number(child):
                    yield from self.changes(child, function)

    def render(self, change: Change) -> tuple[str, tuple[int, int]] | None:
        """The mutated file and the span a description shows; None if no text gives the mutated tree.
        Only the statement around the change is compared: the text outside it is left as it was."""
        statement = change.target
        while not isinstance(statement, ast.stmt):
            statement = self.parent(statement)
        expected = self.dump_with(change.target, change.replacement, statement)
        path = self.path(statement)
        start, end = self.span(change.target)
        written = ast.unparse(change.replacement)
        for edits in (change.edits, [(start, end, written)], [(start, end, f"({written})")]):
            if not edits:
                continue
            mutated = self.source
            for edit_start, edit_end, text in sorted(edits, reverse=True):
                mutated = mutated[:edit_start] + text + mutated[edit_end:]
            try:
                found = _follow(ast.parse(mutated), path)
            except SyntaxError:
                continue
            added_lines = mutated.count("\n") - self.source.count("\n")
            if isinstance(found, ast.stmt) and found.lineno == statement.lineno \
                    and found.end_lineno == statement.end_lineno + added_lines and ast.dump(found) == expected:
                return mutated, self.shown_span(change.target)
        return None

    def dump_with(self, target: ast.AST, replacement: ast.AST, root: ast.AST) -> str:
        """`root`'s dump with one node below it replaced (and put back afterwards)."""
        parent, field, index = self.parents[id(target)]
        container = getattr(parent, field)
        if index is None:
            setattr(parent, field, replacement)
        else:
            container[index] = replacement
        try:
            return ast.dump(replacement if target is root else root)
        finally:
            if index is None:
                setattr(parent, field, target)
            else:
                container[index] = target

    def path(self, node: ast.AST) -> list[tuple[str, int | None]]:
        """The fields and indices that lead from the module to `node`."""
        steps = []
        while id(node) in self.parents:
            node, field, index = self.parents[id(node)]
            steps.append((field, index))
        return steps[::-1]

    def shown_span(self, target: ast.AST) -> tuple[int, int]:
        """What a description shows: the smallest expression or simple statement around the change."""
        node = target
        while True:
            if id(node) in self.defaults:  # a parameter's default, shown with its name: `eps=1e-5`
                return self.span(self.defaults[id(node)])[0], self.span(node)[1]
            if isinstance(node, SHOWN):
                return self.span(node)
            parent = self.parent(node)
            if parent is None or isinstance(parent, COMPOUND) or not hasattr(parent, "lineno"):
                return self.span(target)
            node = parent


def _follow(node: ast.AST, path: list[tuple[str, int | None]]) -> ast.AST | None:
    for field, index in path:
        node = getattr(node, field, None)
        if index is not None:
            node = node[index] if isinstance(node, list) and index < len(node) else None
        if node is None:
            return None
    return node


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
