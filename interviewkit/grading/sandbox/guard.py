"""Watches the candidate's code for forbidden APIs while, and only while, it runs.

Forbidden means the operation, not the spelling, so four watchers work together:
- a TorchFunctionMode sees public calls (`F.softmax`, `Tensor.softmax`);
- a TorchDispatchMode sees the ATen operations that reach the Python key;
- kernels wrapped at the dispatcher itself see every call of a forbidden operation, from any
  thread, with the modes switched off, on inference tensors, and for composite operations that
  decompose before reaching a dispatch mode (CPU attention on its unfused path);
- import hooks refuse forbidden modules and kit's own references, whichever route the import
  takes (`import`, `importlib.import_module`, `importlib.__import__`), installed or not.
Each watcher records what it saw and raises; the seam fails the call if anything was recorded, so
a candidate that swallows the exception still fails.
"""
from __future__ import annotations

import builtins
import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
import threading
import warnings
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from interviewkit.catalog import Forbidden
from interviewkit.grading.sandbox.errors import ForbiddenUse, SandboxViolation

ALWAYS_FORBIDDEN_IMPORTS = ("interviewkit", "graders", "reference_solutions")


@dataclass
class _Rules:
    candidate_file: str
    function_names: dict[int, str]
    operations: frozenset[str]
    module_classes: dict[type, str]
    imports: tuple[str, ...]
    protected_roots: tuple[str, ...]


@dataclass
class _State:
    rules: _Rules | None = None
    violations: list[tuple[str, str]] = field(default_factory=list)  # (kind, what)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def _record(self, kind: str, what: str) -> None:
        with self.lock:
            if (kind, what) not in self.violations:
                self.violations.append((kind, what))

    def violate(self, what: str) -> ForbiddenUse:
        self._record("forbidden", what)
        return ForbiddenUse(forbidden_message([what]))

    def violate_sandbox(self, kind: str, message: str) -> SandboxViolation:
        self._record(kind, message)
        return SandboxViolation(message)


def forbidden_message(names: list[str]) -> str:
    return f"uses {', '.join(names)}, which this kata forbids: write it yourself from basic operations."


def violation_error(violations: list[tuple[str, str]]) -> ForbiddenUse | SandboxViolation | None:
    """The error a call's recorded violations amount to: sandbox breaches first, then forbidden APIs."""
    breaches = [what for kind, what in violations if kind != "forbidden"]
    if breaches:
        return SandboxViolation("; ".join(breaches))
    names = [what for kind, what in violations if kind == "forbidden"]
    return ForbiddenUse(forbidden_message(names)) if names else None


_state = _State()


class Guard:
    """The forbidden-API rules of one kata track, applied to one candidate file."""

    def __init__(self, forbidden: Forbidden, candidate_file: Path, protected_roots: list[Path]):
        self.forbidden = forbidden
        self.candidate_file = str(candidate_file.resolve())
        self.protected_roots = tuple(str(root.resolve()) for root in protected_roots)
        self._uses_torch = bool(forbidden.functions or forbidden.operations or forbidden.modules)
        self._rules: _Rules | None = None

    def install(self) -> None:
        """Resolves names and installs the process-wide hooks (idempotent)."""
        _install_import_hooks()
        if self._uses_torch:
            from interviewkit.grading.sandbox import torch_watch  # noqa: F401  (before sys.path is scrubbed)
        functions: dict[int, str] = {}
        classes: dict[type, str] = {}
        if self._uses_torch:
            for name in self.forbidden.functions:
                for resolved_name, obj in _resolve(name):
                    functions[id(obj)] = resolved_name
                    _watch_function(resolved_name, obj)
            classes = {obj: name for name in self.forbidden.modules for name, obj in _resolve(name)}
            _dispatcher.watch(self.forbidden.operations)
            _install_module_hook()
        self._rules = _Rules(
            candidate_file=self.candidate_file,
            function_names=functions,
            operations=frozenset(self.forbidden.operations),
            module_classes=classes,
            imports=ALWAYS_FORBIDDEN_IMPORTS + self.forbidden.imports,
            protected_roots=self.protected_roots,
        )

    @contextmanager
    def watching(self):
        """Runs the body as candidate code: forbidden uses raise, and are reported even if swallowed."""
        if self._rules is None:
            self.install()
        with ExitStack() as stack:
            _state.violations.clear()
            _state.rules = self._rules
            stack.callback(setattr, _state, "rules", None)
            if self._uses_torch:
                from interviewkit.grading.sandbox import torch_watch

                stack.enter_context(torch_watch.PublicCallWatch(self._rules, _state))
                stack.enter_context(torch_watch.OperationWatch(self._rules, _state))
            error: BaseException | None = None
            try:
                yield
            except BaseException as raised:  # re-raised below, after the violations are looked at
                error = raised
        recorded = violation_error(_state.violations)
        if recorded is not None:
            raise recorded
        if error is not None:
            raise error


def _watch_function(name: str, function) -> None:
    """Replaces a forbidden function, where it is looked up, by one that reports its use from any
    thread and whatever modes are on: the function mode is thread-local and can be switched off,
    some functions (torch.nn.grad.*) never reach it, and some (F.multi_head_attention_forward) run
    only allowed operations. Only the sandbox, which runs nothing but the candidate, calls this."""
    module_name, _, attribute = name.rpartition(".")
    owner = _resolve(module_name)
    if not owner or not callable(function) or getattr(function, "_kit_watched", False):
        return

    def watched(*args, **kwargs):
        rules = _state.rules
        if rules is not None and name in rules.function_names.values():
            raise _state.violate(name)
        return function(*args, **kwargs)

    watched._kit_watched = True
    setattr(owner[0][1], attribute, watched)


# Where torch keeps Python implementations of its operations (decompositions, references): built
# from allowed operations only, they would compute a forbidden one out of every watcher's sight.
DECOMPOSITION_MODULES = ("torch._decomp.decompositions", "torch._refs", "torch._refs.nn.functional",
                         "torch._refs.special", "torch._refs.linalg")


def _watch_decompositions(packet_name: str, op) -> None:
    """Wraps the Python decompositions of a forbidden operation overload, in the decomposition tables
    and wherever a module of torch's holds the same function."""
    from torch._decomp import global_decomposition_table

    for table in global_decomposition_table.values():
        original = table.get(op)
        if original is None or getattr(original, "_kit_watched", False):
            continue

        def watched(*args, _original=original, **kwargs):
            rules = _state.rules
            if rules is not None and packet_name in rules.operations:
                raise _state.violate(f"the operation {packet_name}")
            return _original(*args, **kwargs)

        watched._kit_watched = True
        table[op] = watched
        for module_name in DECOMPOSITION_MODULES:
            module = sys.modules.get(module_name)
            for attribute, value in list(vars(module).items()) if module else ():
                if value is original:
                    setattr(module, attribute, watched)


def _resolve(dotted: str) -> list[tuple[str, object]]:
    """'torch.nn.functional.softmax' -> the object; 'torch.nn.grad.*' -> every public callable there."""
    wildcard = dotted.endswith(".*")
    parts = dotted.removesuffix(".*").split(".")
    for split in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:split]))
        except ImportError:
            continue
        try:
            for attribute in parts[split:]:
                obj = getattr(obj, attribute)
        except AttributeError:
            return []  # not in this version of the library: nothing to watch
        if not wildcard:
            return [(dotted, obj)]
        return [
            (f"{dotted[:-2]}.{name}", value) for name, value in vars(obj).items()
            if callable(value) and not name.startswith("_")
        ]
    return []


class _DispatcherGuard:
    """Wraps the kernels of watched ATen operations; a wrapper raises while its operation is forbidden."""

    def __init__(self):
        self._libraries: dict = {}
        self._wrapped: set[str] = set()

    def watch(self, packets: tuple[str, ...]) -> None:
        import torch

        for packet_name in packets:
            if packet_name in self._wrapped:
                continue
            namespace, _, name = packet_name.partition("::")
            packet = getattr(getattr(torch.ops, namespace), name, None)
            if packet is None:
                continue
            if namespace not in self._libraries:
                self._libraries[namespace] = torch.library.Library(namespace, "IMPL")
            for overload in packet.overloads():
                self._wrap(packet_name, getattr(packet, overload), self._libraries[namespace])
                _watch_decompositions(packet_name, getattr(packet, overload))
            self._wrapped.add(packet_name)

    def _wrap(self, packet_name: str, op, library) -> None:
        import torch

        composite = torch._C._dispatch_has_kernel_for_dispatch_key(op.name(), "CompositeImplicitAutograd")
        # Every backend with kernels of its own: sparse, nested and quantized tensors reach their own.
        backends = ("CPU", "CUDA", "SparseCPU", "SparseCUDA", "SparseCsrCPU", "SparseCsrCUDA",
                    "NestedTensorCPU", "NestedTensorCUDA", "QuantizedCPU", "QuantizedCUDA")
        keys = ("CPU", "CUDA", "AutogradCPU", "AutogradCUDA") if composite else backends
        for key in keys:
            if not torch._C._dispatch_has_computed_kernel_for_dispatch_key(op.name(), key):
                continue
            original = torch.library.get_kernel(op, key)

            def kernel(keyset, *args, _original=original, _op=op, _composite=composite, **kwargs):
                rules = _state.rules
                if rules is not None and packet_name in rules.operations:
                    raise _state.violate(f"the operation {packet_name}")
                if _composite:
                    # Calling the composite kernel at an autograd key would skip autograd's
                    # bookkeeping; decomposing keeps every sub-operation differentiable.
                    return _op.decompose(*args, **kwargs)
                return _original.call_boxed(keyset, *args, **kwargs)

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # "Overriding a previously registered kernel"
                library.impl(op, kernel, key, with_keyset=True)


_dispatcher = _DispatcherGuard()
_hooks_installed: set[str] = set()


def _install_module_hook() -> None:
    if "module" in _hooks_installed:
        return
    import torch

    def before_forward(module, _inputs):
        rules = _state.rules
        if rules is not None and isinstance(module, tuple(rules.module_classes)):
            name = next(name for cls, name in rules.module_classes.items() if isinstance(module, cls))
            raise _state.violate(name)

    torch.nn.modules.module.register_module_forward_pre_hook(before_forward)
    _hooks_installed.add("module")


_KIT_PACKAGE = str(Path(__file__).resolve().parents[2])
_IMPORTLIB_FILES = ("<frozen importlib", str(Path(importlib.__file__).parent))


_IMPORT_WRAPPERS: set = set()


def _importer() -> tuple[bool, bool]:
    """Who asks for an import: (kit's own code, only `importlib.util.find_spec` probing). The asker
    is the first frame past the import machinery and kit's import wrappers."""
    frame, probe = sys._getframe(2), False
    while frame is not None and (frame.f_code in _IMPORT_WRAPPERS
                                 or frame.f_code.co_filename.startswith(_IMPORTLIB_FILES)):
        probe = probe or frame.f_code is importlib.util.find_spec.__code__
        frame = frame.f_back
    return frame is not None and frame.f_code.co_filename.startswith(_KIT_PACKAGE), probe


def forbidden_module(rules: _Rules, name: str) -> str | None:
    top = name.split(".")[0]
    for forbidden in rules.imports:
        if name == forbidden or name.startswith(forbidden + ".") or top == forbidden:
            return forbidden
    return None


def _install_import_hooks() -> None:
    if "imports" in _hooks_installed:
        return
    original_import = builtins.__import__
    original_import_module = importlib.import_module
    loaders = (importlib.machinery.SourceFileLoader, importlib.machinery.SourcelessFileLoader)
    original_get_data = importlib.machinery.SourceFileLoader.get_data

    # While candidate code runs (in the sandbox, nothing else does), every import of a forbidden
    # module is the candidate's doing, whichever frame or thread asks for it, but kit's own.
    def guarded_import(name, globals=None, locals=None, fromlist=(), level=0):
        rules = _state.rules
        if rules is not None and level == 0 and not _importer()[0]:
            forbidden = forbidden_module(rules, name)
            if forbidden:
                raise _state.violate(f"import {forbidden}")
        return original_import(name, globals, locals, fromlist, level)

    def guarded_import_module(name, package=None):
        rules = _state.rules
        if rules is not None and not _importer()[0]:
            forbidden = forbidden_module(rules, name)
            if forbidden:
                raise _state.violate(f"import {forbidden}")
        return original_import_module(name, package)

    class ForbiddenModuleFinder(importlib.abc.MetaPathFinder):
        # First on sys.meta_path: every route to a module not yet loaded passes here, so a forbidden
        # one is refused by name even if it is not installed (the candidate learns it is forbidden,
        # not that it is missing).
        def find_spec(self, name, path=None, target=None):
            rules = _state.rules
            forbidden = forbidden_module(rules, name) if rules is not None else None
            if forbidden:
                from_kit, probe = _importer()
                # `importlib.util.find_spec` only asks whether a module is there (torch asks so of
                # optional libraries); the import that may follow is what is refused.
                if not from_kit and not probe:
                    raise _state.violate(f"import {forbidden}")
            return None

    def guarded_get_data(loader, path):
        rules = _state.rules
        if rules is not None and str(path).startswith(rules.protected_roots):
            raise _state.violate("kit's own reference solutions or graders")
        return original_get_data(loader, path)

    builtins.__import__ = guarded_import
    importlib.import_module = guarded_import_module
    sys.meta_path.insert(0, ForbiddenModuleFinder())
    _IMPORT_WRAPPERS.update({guarded_import.__code__, guarded_import_module.__code__})
    for loader in loaders:
        loader.get_data = guarded_get_data
    _hooks_installed.add("imports")
