"""Forbidden: finds kit's reference file on disk and executes it as a module."""
import importlib.util
from pathlib import Path

_kit = Path(importlib.util.find_spec("interviewkit").origin).parent
_path = next(p for p in (_kit / "_content", _kit.parent) if (p / "reference_solutions").is_dir())
_spec = importlib.util.spec_from_file_location("borrowed", _path / "reference_solutions" / "softmax" / "numpy.py")
_module = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_module)
softmax = _module.softmax
