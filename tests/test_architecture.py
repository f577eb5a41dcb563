"""kit's shape: no import cycle, layers that import downwards only, small modules.

Every module of interviewkit is parsed, never imported. An import counts for the layers wherever it
is written (at module level, inside a function, under `if TYPE_CHECKING:`); only the imports that
run when a module loads (module level, not TYPE_CHECKING) can make a cycle."""
from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "interviewkit"
LINE_LIMIT = 300
# The command line and what only it uses; a name ending in * covers every module it begins.
CLI = ("interviewkit.__main__", "interviewkit.cli*", "interviewkit.render", "interviewkit.workspace",
       "interviewkit.progress", "interviewkit.mock*", "interviewkit.recording", "interviewkit.live",
       "interviewkit.stats", "interviewkit.dev", "interviewkit.grade_view", "interviewkit.targets",
       "interviewkit.usage")
SANDBOX, TOOLKIT, RUN = "interviewkit.grading.sandbox", "interviewkit.grading.toolkit", "interviewkit.grading.run"
# The catalogue and its parts: the data model of a kata (its text in the chosen language included), at
# the bottom of the whole package.
CATALOG = ("interviewkit.catalog", "interviewkit.kata", "interviewkit.api", "interviewkit.forbidden",
           "interviewkit.translations", "interviewkit.language", "interviewkit.messages")
# (layer, what it must not import, why)
RULES = (
    (CATALOG, ("interviewkit",), "the catalogue reads katas/ and knows nothing of the rest of kit"),
    (SANDBOX, (TOOLKIT, RUN, "interviewkit.grader", *CLI), "the sandbox is the bottom wing of grading"),
    (TOOLKIT, (RUN, *CLI), "the toolkit sits below a grade's run and the CLI"),
    (RUN, CLI, "a grade's run sits below the CLI"),
)


@dataclass(frozen=True)
class Import:
    importer: str
    imported: str
    line: int
    at_load: bool  # runs when the importer loads: module level, not under TYPE_CHECKING

    def where(self) -> str:
        return f"{self.importer.replace('.', '/')}.py:{self.line}"


def within(module: str, pattern: str) -> bool:
    if pattern.endswith("*"):
        return module.startswith(pattern[:-1])
    return module == pattern or module.startswith(pattern + ".")


def module_names(package: Path = PACKAGE) -> dict[str, Path]:
    names = {}
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package.parent).with_suffix("").parts
        names[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return names


def imports_of(module: str, source: str, is_package: bool, known: set[str]) -> list[Import]:
    """The kit modules `module` imports, each named as deeply as it exists ("from a import b" names
    the module a.b when there is one)."""
    found: list[Import] = []
    package = module if is_package else module.rpartition(".")[0]

    def named(name: str) -> str | None:
        while name and name not in known:
            name = name.rpartition(".")[0]
        return name or None

    def visit(node: ast.AST, at_load: bool) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            at_load = False
        elif isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                visit(child, False)
            for child in node.orelse:
                visit(child, at_load)
            return
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
        for target in targets:
            resolved = named(target) if target.split(".")[0] == "interviewkit" else None
            if resolved and resolved != module:
                found.append(Import(module, resolved, node.lineno, at_load))
        for child in ast.iter_child_nodes(node):
            visit(child, at_load)

    visit(ast.parse(source), True)
    return found


def all_imports() -> list[Import]:
    modules = module_names()
    found = {imported for name, path in modules.items()
             for imported in imports_of(name, path.read_text(), path.name == "__init__.py", set(modules))}
    return sorted(found, key=lambda imported: (imported.importer, imported.line, imported.imported))


def layer_problems(imports: list[Import]) -> list[str]:
    importers = {found.importer for found in imports}
    problems = []
    for found in imports:
        for layer, forbidden, why in RULES:
            members = layer if isinstance(layer, tuple) else (layer,)
            name = members[0]
            if any(within(found.importer, m) for m in members) and \
                    not any(within(found.imported, m) for m in members) and \
                    any(within(found.imported, pattern) for pattern in forbidden):
                problems.append(f"{found.where()} imports {found.imported}: {name} must not import it ({why})")
    return problems


def cycles(imports: list[Import]) -> list[str]:
    """One import cycle per group of modules that import each other at load, as a path with lines."""
    edges: dict[str, dict[str, Import]] = {}
    for found in imports:
        if found.at_load:
            edges.setdefault(found.importer, {}).setdefault(found.imported, found)

    def reachable(start: str) -> set[str]:
        seen, todo = set(), [start]
        while todo:
            for target in edges.get(todo.pop(), {}):
                if target not in seen:
                    seen.add(target)
                    todo.append(target)
        return seen

    reach = {module: reachable(module) for module in edges}
    problems, grouped = [], set()
    for start in sorted(edges):
        if start in grouped or start not in reach[start]:
            continue
        group = {module for module in reach[start] if start in reach.get(module, set())}
        grouped |= group
        # The shortest way from `start` back to itself, within its group.
        paths, queue, closing = {start: []}, [start], None
        while closing is None:
            module = queue.pop(0)
            for target, found in sorted(edges.get(module, {}).items()):
                if target == start:
                    closing = [*paths[module], found]
                    break
                if target in group and target not in paths:
                    paths[target] = [*paths[module], found]
                    queue.append(target)
        problems.append(" -> ".join(f"{found.importer} (line {found.line})" for found in closing) + f" -> {start}")
    return problems


def test_no_import_cycle():
    problems = cycles(all_imports())
    assert not problems, "import cycles (module level):\n" + "\n".join(problems)


def test_layers_import_downwards_only():
    problems = layer_problems(all_imports())
    assert not problems, "imports against the layers:\n" + "\n".join(problems)


def test_no_module_passes_the_line_limit():
    sizes = {path: len(path.read_text().splitlines()) for path in module_names().values()}
    offenders = [f"{path.relative_to(PACKAGE.parent)}: {lines} lines" for path, lines in sizes.items()
                 if lines > LINE_LIMIT]
    assert not offenders, f"modules over {LINE_LIMIT} lines (split each by job):\n" + "\n".join(offenders)


def test_the_checks_see_what_they_must_refuse():
    # A sandbox module importing upwards, inside a function, and two modules importing each other.
    known = {"interviewkit.grading.run.session", "interviewkit.grading.sandbox.wire", "interviewkit.grading.sandbox",
             "interviewkit.grading.sandbox.values", "interviewkit.catalog"}
    upward = imports_of("interviewkit.grading.sandbox.wire",
                        "def f():\n    from interviewkit.grading.run import session\n", False, known)
    assert layer_problems(upward) == [
        "interviewkit/grading/sandbox/wire.py:2 imports interviewkit.grading.run.session: "
        "interviewkit.grading.sandbox must not import it (the sandbox is the bottom wing of grading)"]
    assert cycles(upward) == []  # an import inside a function runs after both modules loaded
    circle = [*imports_of("interviewkit.grading.sandbox.wire", "from . import values\n", False, known),
              *imports_of("interviewkit.grading.sandbox.values",
                          "import interviewkit.catalog\nfrom interviewkit.grading.sandbox.wire import x\n", False,
                          known)]
    assert cycles(circle) == ["interviewkit.grading.sandbox.values (line 2) -> interviewkit.grading.sandbox.wire "
                              "(line 1) -> interviewkit.grading.sandbox.values"]
    # The catalogue imports only its own parts, not even for types.
    catalog = imports_of("interviewkit.catalog", "import interviewkit.grading.sandbox.values\nif TYPE_CHECKING:\n"
                         "    import interviewkit.grading.sandbox.wire\n", False, known)
    assert [found.at_load for found in catalog] == [True, False]
    assert [problem.split(":")[0] for problem in layer_problems([*catalog, *upward])] == [
        "interviewkit/catalog.py", "interviewkit/catalog.py", "interviewkit/grading/sandbox/wire.py"]
