"""The contract's API lines (`softmax(x, dim=-1)`, `class MultiHeadAttention(embed_dim, ...)`,
`MultiHeadAttention.forward(query, key, value, mask=None)`) and how a candidate's code is held to them."""
from __future__ import annotations

import ast
import difflib
import inspect
from dataclasses import dataclass

from interviewkit.messages import _

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
        guess = _(" (is `{name}` meant to be it?)").format(name=close[0]) if close else ""
        missing = _("your file defines no class `{name}`") if entry.is_class or entry.owner else \
            _("your file defines no function `{name}`")
        return [missing.format(name=entry.symbol) + guess + _("; the contract is `{contract}`").format(contract=contract)]
    if entry.owner:
        if not inspect.isclass(obj):
            return [_("`{name}` should be a class; the contract is `{contract}`").format(name=entry.owner, contract=contract)]
        target = inspect.getattr_static(obj, entry.name, None)
        if target is None:
            return [_("class `{owner}` has no method `{name}`; the contract is `{contract}`").format(
                owner=entry.owner, name=entry.name, contract=contract)]
        target = getattr(obj, entry.name)
        skip_self = True
    elif entry.is_class:
        if not inspect.isclass(obj):
            return [_("`{name}` should be a class; the contract is `{contract}`").format(name=entry.name, contract=contract)]
        target, skip_self = obj.__init__, True
    else:
        if inspect.isclass(obj) or not callable(obj):
            return [_("`{name}` should be a function; the contract is `{contract}`").format(
                name=entry.name, contract=contract)]
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
        problems.append(_("{where} takes ({names}) but the contract is `{contract}`").format(
            where=where, names=", ".join(names), contract=contract))
        return problems
    for wanted, actual in zip(entry.parameters, named):
        if wanted.has_default:
            if actual.default is inspect.Parameter.empty:
                problems.append(_("{where}: `{name}` should default to {default} (`{contract}`)").format(
                    where=where, name=wanted.name, default=repr(wanted.default), contract=contract))
            elif not _same_default(actual.default, wanted.default):
                problems.append(_("{where}: `{name}` defaults to {actual}, the contract says {default} (`{contract}`)")
                                .format(where=where, name=wanted.name, actual=repr(actual.default),
                                        default=repr(wanted.default), contract=contract))
    for extra in named[len(expected):]:
        if extra.default is inspect.Parameter.empty and extra.kind != extra.KEYWORD_ONLY:
            problems.append(_("{where} has an extra parameter `{name}` without a default (`{contract}`)").format(
                where=where, name=extra.name, contract=contract))
        elif extra.default is inspect.Parameter.empty:
            problems.append(_("{where} needs keyword `{name}`, which the contract does not pass (`{contract}`)").format(
                where=where, name=extra.name, contract=contract))
    return problems
