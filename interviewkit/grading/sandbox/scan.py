"""A static look at the candidate's source, in the grader process, for forbidden APIs reached by
indirection: getattr/attrgetter with a name (or a name built from constant pieces), vars(x)["name"]
and x.__dict__["name"], importlib.import_module/__import__ of a forbidden module, and torch.ops
chains; and, in every track, the ways into the sandbox's own machinery that no kata solution needs
(sys.modules, frames, function globals, class subclasses, patching an imported module). It
complements the runtime watchers, which see what actually runs."""
from __future__ import annotations

import ast

from interviewkit.catalog import Forbidden
from interviewkit.messages import _

GETTERS = {"getattr", "builtins.getattr", "operator.attrgetter", "attrgetter"}
# torch's own Python implementations of its operations: no kata solution needs them, and each holds
# forbidden operations built from allowed ones.
INTERNALS = {"_refs", "_decomp", "_prims", "decomposition_table", "global_decomposition_table"}
IMPORTERS = {"importlib.import_module", "import_module", "__import__", "builtins.__import__"}
# Attributes that reach objects the candidate was not handed: modules dropped from sys.modules (the
# NumPy track's torch), kit's own sandbox code, the grader's frames.
INTROSPECTION = {"__subclasses__", "__globals__", "__closure__", "__builtins__", "f_globals", "f_locals",
                 "f_back", "f_builtins", "tb_frame", "gi_frame", "cr_frame", "ag_frame", "_getframe",
                 "_current_frames"}


def _dotted(node: ast.AST) -> str | None:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def _fold(node: ast.AST) -> str | None:
    """The string a constant expression evaluates to: literals, +, f-strings of literals, "".join."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _fold(node.left), _fold(node.right)
        return left + right if left is not None and right is not None else None
    if isinstance(node, ast.JoinedStr):
        pieces = [_fold(value) for value in node.values]
        return "".join(pieces) if all(piece is not None for piece in pieces) else None
    if isinstance(node, ast.FormattedValue):
        return _fold(node.value)
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "join"
            and len(node.args) == 1 and isinstance(node.args[0], (ast.List, ast.Tuple))):
        separator = _fold(node.func.value)
        pieces = [_fold(item) for item in node.args[0].elts]
        if separator is not None and all(piece is not None for piece in pieces):
            return separator.join(pieces)
    return None


def scan(source: str, forbidden: Forbidden) -> list[str]:
    """Findings, one line each ("line 7: getattr(..., 'softmax') reaches softmax"); empty if none."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    names = {name.rsplit(".", 1)[-1] for name in (*forbidden.functions, *forbidden.modules) if not name.endswith("*")}
    operations = {operation.partition("::")[2] for operation in forbidden.operations}
    reachable = names | operations
    watches_torch = bool(forbidden.functions or forbidden.operations or forbidden.modules)
    findings: set[tuple[int, str]] = set()

    def found(node: ast.AST, text: str) -> None:
        findings.add((node.lineno, text))

    imported = {alias.asname or alias.name.split(".")[0] for node in ast.walk(tree)
                if isinstance(node, ast.Import) for alias in node.names}
    for node in ast.walk(tree):
        reached = node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else None
        if reached in INTROSPECTION or (isinstance(node, ast.Attribute) and node.attr == "modules"
                                        and isinstance(node.value, ast.Name) and node.value.id == "sys"):
            found(node, _("`{name}` reaches past the values your function is given (into kit's sandbox, "
                          "or modules the track removes); a kata solution has no use for it").format(name=reached))
        elif isinstance(node, ast.ImportFrom) and node.module == "sys" and \
                any(alias.name in {"modules", "_getframe", "_current_frames"} for alias in node.names):
            found(node, _("importing sys.modules or frames reaches into kit's sandbox; a kata solution has no use "
                          "for it"))
        elif isinstance(node, (ast.Assign, ast.AugAssign, ast.Delete)):
            targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
            for target in targets:
                base = target.value if isinstance(target, ast.Attribute) else None
                if isinstance(base, ast.Name) and base.id in imported:
                    found(node, _("it changes the module {module} ({attribute}); a kata solution leaves the "
                                  "libraries it uses as they are").format(
                        module=base.id, attribute=f"{base.id}.{target.attr}"))
        if isinstance(node, ast.Call):
            function = _dotted(node.func)
            if function in GETTERS:
                position = 1 if function.endswith("getattr") else 0
                if len(node.args) > position:
                    name = _fold(node.args[position])
                    if name is not None and name.rsplit(".", 1)[-1] in reachable:
                        found(node, _("{call} reaches {name}").format(
                            call=f"{function}(..., {name!r})", name=name.rsplit(".", 1)[-1]))
                    elif name in INTROSPECTION:
                        found(node, _("{call} reaches past the values your function is given").format(
                            call=f"{function}(..., {name!r})"))
            elif function in IMPORTERS and node.args:
                module = _fold(node.args[0])
                if module is not None and module.split(".")[0] in forbidden.imports:
                    found(node, _("{call} imports {module}").format(
                        call=f"{function}({module!r})", module=module.split(".")[0]))
        elif isinstance(node, ast.Subscript):
            key = _fold(node.slice)
            holder = node.value
            is_namespace = (isinstance(holder, ast.Call) and _dotted(holder.func) == "vars") or (
                isinstance(holder, ast.Attribute) and holder.attr == "__dict__")
            if is_namespace and key in reachable:
                found(node, _("a namespace lookup of {key} reaches {name}").format(key=repr(key), name=key))
        if not watches_torch:
            pass
        elif isinstance(node, ast.Attribute) and node.attr in INTERNALS or (
                isinstance(node, ast.Name) and node.id in INTERNALS):
            found(node, _("it reaches torch's internal implementations ({name})").format(
                name=getattr(node, "attr", None) or node.id))
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            modules = [alias.name for alias in node.names] + ([node.module] if getattr(node, "module", None) else [])
            if any(part in INTERNALS for module in modules for part in module.split(".")):
                found(node, _("it imports torch's internal implementations ({modules})").format(
                    modules=", ".join(modules)))
        if isinstance(node, ast.Attribute):
            parts = (_dotted(node) or "").split(".")
            if parts[:2] == ["torch", "ops"] and len(parts) > 3 and parts[3] in operations:
                found(node, _("{expression} is the operation {operation}").format(
                    expression=".".join(parts[:4]), operation=f"{parts[2]}::{parts[3]}"))
    return [_("line {line}: {finding}").format(line=line, finding=text)
            for line, text in sorted(findings)]
