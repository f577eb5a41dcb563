"""Watches the candidate's code for forbidden APIs while, and only while, it runs.

Forbidden means the operation, not the spelling, so four watchers work together:
- a TorchFunctionMode sees public calls (`F.softmax`, `Tensor.softmax`) (torch_watch.py);
- a TorchDispatchMode sees the ATen operations that reach the Python key (torch_watch.py);
- kernels wrapped at the dispatcher itself see every call of a forbidden operation, from any
  thread, with the modes switched off, on inference tensors, and for composite operations that
  decompose before reaching a dispatch mode (kernels.py);
- import hooks refuse forbidden modules and kit's own references, whichever route the import
  takes, installed or not (import_hooks.py).
Each watcher records what it saw (rules.py) and raises; the seam fails the call if anything was
recorded, so a candidate that swallows the exception still fails.
"""
from __future__ import annotations

import functools
import importlib
import sys
from contextlib import ExitStack, contextmanager
from pathlib import Path

from interviewkit.catalog import Forbidden
from interviewkit.grading.sandbox.import_hooks import install_import_hooks
from interviewkit.grading.sandbox.kernels import dispatcher
from interviewkit.grading.sandbox.rules import Rules, state, violation_error

ALWAYS_FORBIDDEN_IMPORTS = ("interviewkit", "graders", "reference_solutions")


class Guard:
    """The forbidden-API rules of one kata track, applied to one candidate file."""

    def __init__(self, forbidden: Forbidden, candidate_file: Path, protected_roots: list[Path]):
        self.forbidden = forbidden
        self.candidate_file = str(candidate_file.resolve())
        self.protected_roots = tuple(str(root.resolve()) for root in protected_roots)
        self._uses_torch = bool(forbidden.functions or forbidden.operations or forbidden.modules)
        self._rules: Rules | None = None

    def install(self) -> None:
        """Resolves names and installs the process-wide hooks (idempotent)."""
        install_import_hooks()
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
            dispatcher.watch(self.forbidden.operations)
            _install_module_hook()
            _guard_forwards(classes)
        self._rules = Rules(
            candidate_file=self.candidate_file,
            function_names=functions,
            operations=frozenset(self.forbidden.operations),
            module_classes=classes,
            imports=ALWAYS_FORBIDDEN_IMPORTS + self.forbidden.imports,
            protected_roots=self.protected_roots,
        )
        _forget_loaded(self.forbidden.imports)

    @contextmanager
    def watching(self):
        """Runs the body as candidate code: forbidden uses raise, and are reported even if swallowed."""
        if self._rules is None:
            self.install()
        with ExitStack() as stack:
            state.violations.clear()
            state.rules = self._rules
            stack.callback(setattr, state, "rules", None)
            if self._uses_torch:
                from interviewkit.grading.sandbox import torch_watch

                stack.enter_context(torch_watch.PublicCallWatch(self._rules, state))
                stack.enter_context(torch_watch.OperationWatch(self._rules, state))
            error: BaseException | None = None
            try:
                yield
            except BaseException as raised:  # re-raised below, after the violations are looked at
                error = raised
        recorded = violation_error(state.violations)
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
        rules = state.rules
        if rules is not None and name in rules.function_names.values():
            raise state.violate(name)
        return function(*args, **kwargs)

    watched._kit_watched = True
    setattr(owner[0][1], attribute, watched)


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


_module_hook_installed = False


def _install_module_hook() -> None:
    global _module_hook_installed
    if _module_hook_installed:
        return
    import torch

    def before_forward(module, _inputs):
        rules = state.rules
        if rules is not None and isinstance(module, tuple(rules.module_classes)):
            name = next(name for cls, name in rules.module_classes.items() if isinstance(module, cls))
            raise state.violate(name)

    torch.nn.modules.module.register_module_forward_pre_hook(before_forward)
    _module_hook_installed = True


_forbidden_classes: set[type] = set()


def _guard_forwards(classes: dict[type, str]) -> None:
    """A direct `.forward(...)` call skips forward pre-hooks, so the forward of every forbidden module
    class, and of the library's subclasses of one (torch.ao's quantizable MultiheadAttention runs
    attention in Python, from matmuls), checks the rules itself: those defined now, and those a later
    import defines (through nn.Module.__init_subclass__)."""
    import torch

    if not _forbidden_classes:
        def init_subclass(cls, **kwargs):
            super(torch.nn.Module, cls).__init_subclass__(**kwargs)
            if issubclass(cls, tuple(_forbidden_classes)):
                _guard_forward(cls)

        torch.nn.Module.__init_subclass__ = classmethod(init_subclass)
    _forbidden_classes.update(classes)
    pending = list(classes)
    while pending:
        cls = pending.pop()
        _guard_forward(cls)
        pending.extend(cls.__subclasses__())


def _guard_forward(cls: type) -> None:
    original = vars(cls).get("forward")
    if original is None or getattr(original, "_kit_watched", False) or not cls.__module__.startswith("torch."):
        return

    @functools.wraps(original)
    def forward(self, *args, **kwargs):
        rules = state.rules
        if rules is not None:
            name = next((name for forbidden, name in rules.module_classes.items() if isinstance(self, forbidden)), None)
            if name is not None:
                raise state.violate(name)
        return original(self, *args, **kwargs)

    forward._kit_watched = True
    cls.forward = forward


def _forget_loaded(forbidden: tuple[str, ...]) -> None:
    """Drops the forbidden libraries the grader's process had loaded before it forked the sandbox
    (scipy, under scikit-learn in a test run): an import of a module already in sys.modules reaches
    no finder, so the import hooks would never see it. Kit's own modules stay (its lazy imports
    need them)."""
    tops = {name.split(".")[0] for name in forbidden}
    for name in list(sys.modules):
        if name.split(".")[0] in tops:
            del sys.modules[name]
