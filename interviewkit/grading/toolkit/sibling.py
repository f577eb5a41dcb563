"""Loads a module from a grader's own folder, so that a kata's graders can share their cases."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType


def sibling(grader_file: str, name: str) -> ModuleType:
    """Loads `name`.py from the folder of `grader_file` (once per process)."""
    path = Path(grader_file).resolve().with_name(f"{name}.py")
    module_name = f"kit_grader_{path.parent.name}_{name}"
    if module_name in sys.modules and getattr(sys.modules[module_name], "__file__", None) == str(path):
        return sys.modules[module_name]
    spec = importlib.util.spec_from_file_location(module_name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module
