"""The contract's API lines (`softmax(x, dim=-1)`, `class MultiHeadAttention(embed_dim, ...)`,
`MultiHeadAttention.forward(query, key, value, mask=None)`) and how a candidate's code is held to them."""
from __future__ import annotations

import ast
import difflib
import inspect
from dataclasses import dataclass

_NO_DEFAULT = object()


@dataclass(frozen=True)
class Parameter:
    name: str
    default: object = _NO_DEFAULT

    @property
    def has_default(self) -> bool:
        return self.default is not _NO_DEFAULT

    def __str__(self) -> str:
        return f"{self.name}={self.default!r}" if self.has_default else self.name


@dataclass(frozen=True)
class ApiEntry:
    """One line of a track's `api`: a function, a class (its constructor) or a method."""

    text: str
    owner: str | None  # the class of a method
    name: str
    is_class: bool
    parameters: tuple[Parameter, ...]

    @property
    def symbol(self) -> str:
        return self.owner or self.name


def parse_api(text: str) -> ApiEntry:
    line = text.strip()
    is_class = line.startswith("class ")
    line = line.removeprefix("class ").strip()
    head, _, rest = line.partition("(")
    owner, _, name = head.strip().rpartition(".")
    tree = ast.parse(f"def _({rest.rstrip().removesuffix(')')}): pass")
    arguments = tree.body[0].args
    plain = arguments.posonlyargs + arguments.args
    defaults = [_NO_DEFAULT] * (len(plain) - len(arguments.defaults)) + [
        ast.literal_eval(node) for node in arguments.defaults
    ]
    parameters = [Parameter(arg.arg, default) for arg, default in zip(plain, defaults)]
    parameters += [
        Parameter(arg.arg, _NO_DEFAULT if node is None else ast.literal_eval(node))
        for arg, node in zip(arguments.kwonlyargs, arguments.kw_defaults)
    ]
    return ApiEntry(text.strip(), owner or None, name, is_class, tuple(parameters))


def _same_default(a: object, b: object) -> bool:
    normalise = lambda value: tuple(value) if isinstance(value, list) else value
    return type(normalise(a)) is type(normalise(b)) and normalise(a) == normalise(b) or (
        isinstance(a, (int, float)) and isinstance(b, (int, float))
        and not isinstance(a, bool) and not isinstance(b, bool) and a == b
    )


def api_problems(module_namespace: dict, entry: ApiEntry) -> list[str]:
    """What keeps the candidate's code from matching one API line; empty when it matches."""
    contract = entry.text
    obj = module_namespace.get(entry.symbol)
    if obj is None:
        close = difflib.get_close_matches(entry.symbol, [n for n in module_namespace if not n.startswith("_")], n=1)
        guess = f" (is `{close[0]}` meant to be it?)" if close else ""
        kind = "class" if entry.is_class or entry.owner else "function"
        return [f"your file defines no {kind} `{entry.symbol}`{guess}; the contract is `{contract}`"]
    if entry.owner:
        if not inspect.isclass(obj):
            return [f"`{entry.owner}` should be a class; the contract is `{contract}`"]
        target = inspect.getattr_static(obj, entry.name, None)
        if target is None:
            return [f"class `{entry.owner}` has no method `{entry.name}`; the contract is `{contract}`"]
        target = getattr(obj, entry.name)
        skip_self = True
    elif entry.is_class:
        if not inspect.isclass(obj):
            return [f"`{entry.name}` should be a class; the contract is `{contract}`"]
        target, skip_self = obj.__init__, True
    else:
        if inspect.isclass(obj) or not callable(obj):
            return [f"`{entry.name}` should be a function; the contract is `{contract}`"]
        target, skip_self = obj, False
    try:
        signature = inspect.signature(target)
    except (TypeError, ValueError):
        return []  # a builtin or C callable: nothing to hold it to
    return _compare(signature, entry, skip_self)


def _compare(signature: inspect.Signature, entry: ApiEntry, skip_self: bool) -> list[str]:
    contract = entry.text
    where = f"`{entry.owner + '.' if entry.owner else ''}{entry.name}`"
    params = list(signature.parameters.values())
    if skip_self and params and params[0].kind in (params[0].POSITIONAL_ONLY, params[0].POSITIONAL_OR_KEYWORD):
        params = params[1:]
    named = [p for p in params if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
    takes_any_keyword = any(p.kind == p.VAR_KEYWORD for p in params)
    problems = []
    names = [p.name for p in named]
    expected = [p.name for p in entry.parameters]
    if names[: len(expected)] != expected and not (takes_any_keyword and not named):
        problems.append(f"{where} takes ({', '.join(names)}) but the contract is `{contract}`")
        return problems
    for wanted, actual in zip(entry.parameters, named):
        if wanted.has_default:
            if actual.default is inspect.Parameter.empty:
                problems.append(f"{where}: `{wanted.name}` should default to {wanted.default!r} (`{contract}`)")
            elif not _same_default(actual.default, wanted.default):
                problems.append(
                    f"{where}: `{wanted.name}` defaults to {actual.default!r}, the contract says "
                    f"{wanted.default!r} (`{contract}`)"
                )
    for extra in named[len(expected):]:
        if extra.default is inspect.Parameter.empty and extra.kind != extra.KEYWORD_ONLY:
            problems.append(f"{where} has an extra parameter `{extra.name}` without a default (`{contract}`)")
        elif extra.default is inspect.Parameter.empty:
            problems.append(f"{where} needs keyword `{extra.name}`, which the contract does not pass (`{contract}`)")
    return problems
