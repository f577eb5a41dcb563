"""The guard's import hooks: while the candidate's code runs, a forbidden module (or kit's own
references and graders) is refused whichever route the import takes (`import`,
`importlib.import_module`, `importlib.__import__`, the import machinery itself), installed or not;
kit's own imports, asked for by code in kit's package, pass."""
from __future__ import annotations

import builtins
import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
from pathlib import Path

from interviewkit.grading.sandbox.rules import forbidden_module, state
from interviewkit.messages import _

# The interviewkit package folder (this file is interviewkit/grading/sandbox/import_hooks.py).
_KIT_PACKAGE = str(Path(__file__).resolve().parents[2])
_IMPORTLIB_FILES = ("<frozen importlib", str(Path(importlib.__file__).parent))
_IMPORT_WRAPPERS: set = set()
_installed = False


def _importer() -> tuple[bool, bool]:
    """Who asks for an import: (kit's own code, only `importlib.util.find_spec` probing). The asker
    is the first frame past the import machinery and kit's import wrappers."""
    frame, probe = sys._getframe(2), False
    while frame is not None and (frame.f_code in _IMPORT_WRAPPERS
                                 or frame.f_code.co_filename.startswith(_IMPORTLIB_FILES)):
        probe = probe or frame.f_code is importlib.util.find_spec.__code__
        frame = frame.f_back
    return frame is not None and frame.f_code.co_filename.startswith(_KIT_PACKAGE), probe


def install_import_hooks() -> None:
    """Installs the hooks once per process; they act only while rules are in force."""
    global _installed
    if _installed:
        return
    original_import = builtins.__import__
    original_import_module = importlib.import_module
    loaders = (importlib.machinery.SourceFileLoader, importlib.machinery.SourcelessFileLoader)
    original_get_data = importlib.machinery.SourceFileLoader.get_data

    # While candidate code runs (in the sandbox, nothing else does), every import of a forbidden
    # module is the candidate's doing, whichever frame or thread asks for it, but kit's own.
    def guarded_import(name, globals=None, locals=None, fromlist=(), level=0):
        rules = state.rules
        if rules is not None and level == 0 and not _importer()[0]:
            forbidden = forbidden_module(rules, name)
            if forbidden:
                raise state.violate(f"import {forbidden}")
        return original_import(name, globals, locals, fromlist, level)

    def guarded_import_module(name, package=None):
        rules = state.rules
        if rules is not None and not _importer()[0]:
            forbidden = forbidden_module(rules, name)
            if forbidden:
                raise state.violate(f"import {forbidden}")
        return original_import_module(name, package)

    class ForbiddenModuleFinder(importlib.abc.MetaPathFinder):
        # First on sys.meta_path: every route to a module not yet loaded passes here, so a forbidden
        # one is refused by name even if it is not installed (the candidate learns it is forbidden,
        # not that it is missing).
        def find_spec(self, name, path=None, target=None):
            rules = state.rules
            forbidden = forbidden_module(rules, name) if rules is not None else None
            if forbidden:
                from_kit, probe = _importer()
                # `importlib.util.find_spec` only asks whether a module is there (torch asks so of
                # optional libraries); the import that may follow is what is refused.
                if not from_kit and not probe:
                    raise state.violate(f"import {forbidden}")
            return None

    def guarded_get_data(loader, path):
        rules = state.rules
        if rules is not None and str(path).startswith(rules.protected_roots):
            raise state.violate(_("kit's own reference solutions or graders"))
        return original_get_data(loader, path)

    builtins.__import__ = guarded_import
    importlib.import_module = guarded_import_module
    sys.meta_path.insert(0, ForbiddenModuleFinder())
    _IMPORT_WRAPPERS.update({guarded_import.__code__, guarded_import_module.__code__})
    for loader in loaders:
        loader.get_data = guarded_get_data
    _installed = True
