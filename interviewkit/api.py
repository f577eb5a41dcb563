"""A track's API, written once in kata.toml ([[tracks.<track>.api]] entries): from it come the stub
`kit new` writes, the contract lines the sandbox holds a candidate to (`softmax(x, dim=-1)`) and the
statement's signatures. Imports neither torch nor numpy: `kit list` must stay fast."""
from __future__ import annotations

import ast
import textwrap
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

# A signature written on one line that would pass this width is wrapped under its opening parenthesis.
WIDTH = 110
FUNCTION_KEYS = {"def", "doc", "body"}
CLASS_KEYS = {"class", "doc", "methods"}


class ApiError(ValueError):
    """An API entry that breaks the format; the catalog names the file."""


@dataclass(frozen=True)
class Parameter:
    name: str  # with its star, for *args and **kwargs
    annotation: str = ""
    default: str = ""  # the source text of the default, "" for none

    def typed(self) -> str:
        if not self.annotation:
            return f"{self.name}={self.default}" if self.default else self.name
        return f"{self.name}: {self.annotation}" + (f" = {self.default}" if self.default else "")

    def plain(self) -> str:
        return f"{self.name}={self.default}" if self.default else self.name


@dataclass(frozen=True)
class Function:
    """A function or a method: its signature as written (over several lines if the author broke it),
    its docstring and the lines its stub runs before `raise NotImplementedError`."""

    source: str
    doc: str = ""
    body: tuple[str, ...] = ()

    @cached_property
    def _tree(self) -> tuple[ast.FunctionDef, str]:
        code = f"def {self.source}: pass"
        try:
            node = ast.parse(code).body[0]
        except SyntaxError as error:
            raise ApiError(f"def = {self.source!r} is not a Python signature: {error.msg}") from None
        return node, code

    @property
    def name(self) -> str:
        return self._tree[0].name

    @cached_property
    def parameters(self) -> tuple[str | Parameter, ...]:
        """The parameters in order; "*" and "/" stand for the markers of keyword- and positional-only."""
        node, code = self._tree
        arguments = node.args

        def segment(part: ast.AST | None) -> str:
            return ast.get_source_segment(code, part) if part is not None else ""

        plain = arguments.posonlyargs + arguments.args
        defaults = [None] * (len(plain) - len(arguments.defaults)) + list(arguments.defaults)
        found: list[str | Parameter] = [Parameter(a.arg, segment(a.annotation), segment(d))
                                        for a, d in zip(plain, defaults)]
        if arguments.posonlyargs:
            found.insert(len(arguments.posonlyargs), "/")
        if arguments.vararg:
            found.append(Parameter(f"*{arguments.vararg.arg}", segment(arguments.vararg.annotation)))
        elif arguments.kwonlyargs:
            found.append("*")
        found += [Parameter(a.arg, segment(a.annotation), segment(d))
                  for a, d in zip(arguments.kwonlyargs, arguments.kw_defaults)]
        if arguments.kwarg:
            found.append(Parameter(f"**{arguments.kwarg.arg}", segment(arguments.kwarg.annotation)))
        return tuple(found)

    @property
    def returns(self) -> str:
        node, code = self._tree
        return ast.get_source_segment(code, node.returns) if node.returns is not None else ""

    def names_used(self) -> set[str]:
        """The global names its annotations and defaults read (np, torch, ...): what the stub imports."""
        return {node.id for node in ast.walk(self._tree[0]) if isinstance(node, ast.Name)}

    def contract(self, owner: str | None = None, skip_self: bool = False) -> str:
        """The line the sandbox checks: names and defaults, no annotations (`softmax(x, dim=-1)`)."""
        shown = [str(p) if isinstance(p, str) else p.plain() for p in self.parameters]
        if skip_self and shown:
            shown = shown[1:]
        return f"{owner + '.' if owner else ''}{self.name}({', '.join(shown)})"

    def lines(self, indent: int = 0) -> list[str]:
        """The `def` as the stub writes it, without its colon. The author's line breaks are kept:
        continuation lines go under the opening parenthesis, or, after a first line ending in "(",
        one level in (a lone ")" back out). A long one-line signature is wrapped at WIDTH."""
        self._tree  # a signature that does not parse is refused before it is laid out
        pad, written = " " * indent, [line.strip() for line in self.source.strip().splitlines()]
        head = f"{pad}def {written[0]}"
        if len(written) > 1:
            if written[0].endswith("("):
                return [head] + [(pad if line.startswith(")") else pad + "    ") + line for line in written[1:]]
            under = " " * (indent + len(f"def {self.name}("))
            return [head] + [under + line for line in written[1:]]
        if len(head) + 1 <= WIDTH or not self.parameters:
            return [head]
        return _wrap(f"{pad}def {self.name}(", self.parameters, self.returns)


def _wrap(opening: str, parameters: tuple[str | Parameter, ...], returns: str) -> list[str]:
    pieces = [p if isinstance(p, str) else p.typed() for p in parameters]
    pieces = [f"{piece}," for piece in pieces[:-1]] + [f"{pieces[-1]})" + (f" -> {returns}" if returns else "")]
    lines, under = [opening + pieces[0]], " " * len(opening)
    for piece in pieces[1:]:
        if len(lines[-1]) + 1 + len(piece) + 1 <= WIDTH:  # + 1 for the colon the template adds
            lines[-1] += " " + piece
        else:
            lines.append(under + piece)
    return lines


@dataclass(frozen=True)
class Class:
    """A class: its header as written after `class` (`MultiHeadAttention(nn.Module)`), its docstring
    and its methods; `__init__`'s parameters are the constructor's."""

    header: str
    doc: str
    methods: tuple[Function, ...]

    @cached_property
    def _tree(self) -> ast.ClassDef:
        try:
            return ast.parse(f"class {self.header}: pass").body[0]
        except SyntaxError as error:
            raise ApiError(f"class = {self.header!r} is not a Python class header: {error.msg}") from None

    @property
    def name(self) -> str:
        return self._tree.name

    def names_used(self) -> set[str]:
        bases = {node.id for base in self._tree.bases for node in ast.walk(base) if isinstance(node, ast.Name)}
        return bases.union(*(method.names_used() for method in self.methods))

    def contract(self) -> list[str]:
        init = next((method for method in self.methods if method.name == "__init__"), None)
        arguments = init.contract(skip_self=True).partition("(")[2] if init else ")"
        return [f"class {self.name}({arguments}"] + [
            method.contract(owner=self.name, skip_self=True) for method in self.methods if method.name != "__init__"
        ]


Entry = Function | Class


def read(entries: object) -> tuple[Entry, ...]:
    """A track's `api` list from kata.toml, checked for shape (the signatures parse when first used)."""
    if not isinstance(entries, list) or not entries:
        raise ApiError("every track needs its API: one or more [[tracks.<track>.api]] entries")
    return tuple(_entry(entry, f"api entry {number}") for number, entry in enumerate(entries, 1))


def _entry(entry: object, where: str) -> Entry:
    if not isinstance(entry, dict) or ("def" in entry) == ("class" in entry):
        raise ApiError(f"{where}: give it either def = \"name(...)\" or class = \"Name\" (with methods)")
    if "class" in entry:
        _check_keys(entry, CLASS_KEYS, where)
        methods = entry.get("methods", [])
        if not isinstance(methods, list) or not methods:
            raise ApiError(f"{where}: a class lists its methods as [[tracks.<track>.api.methods]] entries")
        return Class(_text(entry, "class", where), _doc(entry, where),
                     tuple(_function(m, f"{where}, method {n}") for n, m in enumerate(methods, 1)))
    return _function(entry, where)


def _function(entry: object, where: str) -> Function:
    if not isinstance(entry, dict) or "def" not in entry:
        raise ApiError(f"{where}: give it def = \"name(...)\"")
    _check_keys(entry, FUNCTION_KEYS, where)
    if str(entry["def"]).lstrip().startswith("def "):
        raise ApiError(f"{where}: write the signature without 'def': def = \"name(...) -> type\"")
    body = entry.get("body", [])
    if not isinstance(body, list) or not all(isinstance(line, str) for line in body):
        raise ApiError(f"{where}: body is a list of lines, e.g. [\"super().__init__()\"]")
    return Function(_text(entry, "def", where), _doc(entry, where), tuple(body))


def _check_keys(entry: dict, allowed: set[str], where: str) -> None:
    unknown = sorted(set(entry) - allowed)
    if unknown:
        raise ApiError(f"{where}: unknown key {', '.join(unknown)} (allowed: {', '.join(sorted(allowed))})")


def _text(entry: dict, key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ApiError(f"{where}: '{key}' must be a non-empty string")
    return value


def _doc(entry: dict, where: str) -> str:
    doc = entry.get("doc", "")
    if not isinstance(doc, str):
        raise ApiError(f"{where}: 'doc' must be a string")
    return textwrap.dedent(doc)


def contract_lines(entries: tuple[Entry, ...]) -> tuple[str, ...]:
    """Track.api: one line per function, and per class its constructor and each other method."""
    lines: list[str] = []
    for entry in entries:
        lines += entry.contract() if isinstance(entry, Class) else [entry.contract()]
    return tuple(lines)


def imports_for(entries: tuple[Entry, ...], candidates: tuple[str, ...]) -> list[str]:
    """The import lines (of a track's, in katas/tracks.toml) that bind a name the signatures use."""
    used = set().union(*(entry.names_used() for entry in entries))
    return [line for line in candidates if _bound_name(line) in used]


def _bound_name(line: str) -> str:
    node = ast.parse(line).body[0]
    alias = node.names[0]
    return alias.asname or (alias.name if isinstance(node, ast.ImportFrom) else alias.name.split(".")[0])


def docstring(doc: str, indent: int) -> str:
    """A docstring as written in kata.toml: a doc that ends with a newline closes on its own line."""
    pad = " " * indent
    lines = doc.rstrip("\n").split("\n")
    text = "\n".join([f'{pad}"""{lines[0]}'] + [pad + line if line.strip() else "" for line in lines[1:]])
    return text + (f'\n{pad}"""' if doc.endswith("\n") else '"""')


def render_statement(path: Path, tracks: list, text: str | None = None) -> str:
    """A statement.md (or `text`, its translation), its `{{ signatures }}` filled with every track's
    API (katas/signatures.md.j2)."""
    import jinja2

    templates = environment(path.parent.parent)
    try:
        signatures = templates.get_template("signatures.md.j2").render(tracks=tracks).strip("\n")
        source = path.read_text(encoding="utf-8") if text is None else text
        return templates.from_string(source).render(signatures=signatures)
    except jinja2.TemplateError as error:
        raise ApiError(f"{type(error).__name__}: {error}") from None


@lru_cache(maxsize=None)
def environment(folder: Path):
    """The Jinja2 environment of the templates in katas/ (the stub, the statement's signatures)."""
    import jinja2  # only the commands that render pay for it

    from interviewkit import messages

    templates = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder), undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True, autoescape=False,
        extensions=["jinja2.ext.i18n"],
    )
    # The templates' words ({% trans %}) come from kit's message catalogue, in kit's language.
    templates.install_gettext_callables(messages._, messages.ngettext, newstyle=True)
    templates.filters["docstring"] = docstring
    templates.filters["signature"] = lambda function, indent=0: "\n".join(function.lines(indent))
    templates.tests["class"] = lambda entry: isinstance(entry, Class)
    return templates
