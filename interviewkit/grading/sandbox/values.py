"""How values cross the seam: inputs are copied in, results are copied out as plain data.

A result holds only base-class tensors and arrays, numbers, strings, None, and tuples, lists and
dicts of them; anything else becomes a Foreign marker that names its type, so a tensor subclass
whose comparisons always say "equal" never reaches a grader's comparison."""
from __future__ import annotations

import inspect
import sys
from dataclasses import dataclass

import numpy as np

from interviewkit.messages import _
from interviewkit.grading.sandbox.made import Made, usage_of


@dataclass(frozen=True)
class Foreign:
    """A value of a type that does not cross the seam; graders report its type name."""

    type_name: str

    def __repr__(self) -> str:
        return f"<a {self.type_name} object>"


def torch_module():
    """torch, if this process has it (the NumPy track's sandbox, a fresh interpreter, has not)."""
    return sys.modules.get("torch")


def copy_out(value):
    """A plain copy of a result, decided by its exact type before anything of it is touched: no method
    of a class the candidate defined runs here (a tensor subclass's own `detach`, a list subclass's
    `__iter__`, an int subclass's `__int__`), whether or not the watch is on. A tensor subclass other
    than torch's own Parameter, and a tensor of a layout other than strided, become Foreign."""
    torch = torch_module()
    kind = type(value)
    if torch is not None and kind in (torch.Tensor, torch.nn.Parameter):
        if value.layout != torch.strided:
            return Foreign(f"{str(value.layout).replace('torch.', '')} tensor")
        with torch._C.DisableTorchFunction():
            return torch.Tensor.clone(torch.Tensor.detach(value))
    if torch is not None and issubclass(kind, torch.Tensor):
        return Foreign(f"torch.Tensor subclass {kind.__qualname__}")
    if kind is np.ndarray or (issubclass(kind, np.ndarray) and kind.__module__.startswith("numpy.")):
        return np.array(value, copy=True, subok=False)
    if issubclass(kind, np.ndarray):
        return Foreign(f"np.ndarray subclass {kind.__qualname__}")
    if isinstance(kind, type) and issubclass(kind, np.generic) and kind.__module__ == "numpy":
        return np.asarray(value).copy()[()]
    if value is None or kind in (bool, int, float, str, complex):
        return value
    for base in (int, float, str):  # a subclass: keep only the plain value, read by the base class
        if issubclass(kind, base):
            return base.__add__(base(), value) if base is str else base.__add__(value, base())
    if issubclass(kind, (tuple, list)):
        base = tuple if issubclass(kind, tuple) else list
        items = [copy_out(base.__getitem__(value, index)) for index in range(base.__len__(value))]
        return tuple(items) if base is tuple else items
    if issubclass(kind, dict):
        return {str(key) if key is None or type(key) in (str, int, float, bool) else repr(Foreign(type(key).__qualname__)):
                copy_out(item) for key, item in dict.items(value)}
    return Foreign(kind.__qualname__)


def copy_in(value):
    """Fresh copies of the grader's inputs, so the candidate can never touch the grader's own; a
    Made value is built here, afresh for every call."""
    if isinstance(value, Made):
        return value.build()
    torch = torch_module()
    if torch is not None and isinstance(value, torch.Tensor):
        return value.detach().clone()
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, tuple):
        return tuple(copy_in(item) for item in value)
    if isinstance(value, list):
        return [copy_in(item) for item in value]
    if isinstance(value, dict):
        return {key: copy_in(item) for key, item in value.items()}
    return value


def bind_names(function, args: tuple, kwargs: dict) -> dict:
    """The call's arguments by parameter name (positions as arg0, arg1 when binding fails)."""
    try:
        bound = inspect.signature(function).bind(*args, **kwargs)
    except (TypeError, ValueError):
        return {**{f"arg{i}": value for i, value in enumerate(args)}, **kwargs}
    return dict(bound.arguments)


def enable_grad(arguments: dict) -> dict:
    """Marks every floating-point tensor argument as requiring grad; returns them by name, with the
    trainable parameters of the modules among the arguments ("experts[1].0.weight")."""
    torch = torch_module()
    leaves = {}
    for name, value in arguments.items():
        if torch is not None and isinstance(value, torch.Tensor) and value.is_floating_point():
            value.requires_grad_(True)
            leaves[name] = value
    return {**leaves, **module_parameters(arguments)}


def _walk(value, path: str):
    """(path, item) for `value` and everything inside its lists, tuples and dicts."""
    yield path, value
    if isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _walk(item, f"{path}[{index}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, f"{path}[{key!r}]")


def module_parameters(arguments: dict) -> dict:
    """The trainable parameters of every module among the arguments, by path and parameter name."""
    torch = torch_module()
    if torch is None:
        return {}
    return {f"{path}.{name}": parameter
            for argument, value in arguments.items() for path, item in _walk(value, argument)
            if isinstance(item, torch.nn.Module)
            for name, parameter in item.named_parameters() if parameter.requires_grad}


def usage(arguments: dict) -> dict:
    """How the call used the generators and step functions among its arguments, by path."""
    return {path: used for argument, value in arguments.items() for path, item in _walk(value, argument)
            if (used := usage_of(item)) is not None}


def arrays_by_path(value, path: str) -> dict[str, object]:
    """Every array and tensor in `value` (through lists, tuples and dicts), by path: "grads[1]"."""
    torch = torch_module()
    kinds = (np.ndarray,) if torch is None else (np.ndarray, torch.Tensor)
    return {where: item for where, item in _walk(value, path) if isinstance(item, kinds)}


def modified(originals: dict, after: dict) -> list[str]:
    """Paths of the arrays among the arguments (at any depth) whose contents the call changed in place."""
    torch = torch_module()
    before_arrays = {path: array for name, value in originals.items() for path, array in arrays_by_path(value, name).items()}
    after_arrays = {path: array for name, value in after.items() for path, array in arrays_by_path(value, name).items()}
    changed = []
    for path, before in before_arrays.items():
        now = after_arrays.get(path)
        if isinstance(before, np.ndarray) and isinstance(now, np.ndarray):
            if before.shape != now.shape or not np.array_equal(before, now, equal_nan=True):
                changed.append(path)
        elif torch is not None and isinstance(before, torch.Tensor) and isinstance(now, torch.Tensor):
            if before.shape != now.shape or not torch.equal(before.nan_to_num(), now.detach().nan_to_num()):
                changed.append(path)
    return changed


def shapes_of(value):
    """The shape of a tensor or array, or of each one in a tuple or list (None for anything else)."""
    if hasattr(value, "shape") and not isinstance(value, type):
        return tuple(int(n) for n in value.shape)
    if isinstance(value, (tuple, list)):
        return tuple(shapes_of(item) for item in value)
    return None


def _tensors(value) -> list | None:
    torch = torch_module()
    if isinstance(value, torch.Tensor):
        return [value]
    if isinstance(value, (tuple, list)):
        parts = [_tensors(item) for item in value]
        return None if any(part is None for part in parts) else [t for part in parts for t in part]
    return None


def _upstreams(value) -> list:
    """The upstream gradients in the order of the output's tensors; None marks an output that the
    contract returns detached (a DPO loss's rewards): nothing flows back through it."""
    if isinstance(value, (tuple, list)):
        return [up for item in value for up in _upstreams(item)]
    return [value]


def pair_with_upstream(output, upstream) -> tuple[list, str | None]:
    """Pairs each output tensor with its upstream gradient, or says why backward cannot run. An
    upstream of None asks for an output without a gradient: one that carries one is the problem."""
    outputs, upstreams = _tensors(output), _upstreams(upstream)
    if outputs is None:
        return [], _("the output is a {type}, not tensors, so no gradient can flow").format(type=type(output).__name__)
    if len(outputs) != len(upstreams):
        return [], _("the output has {count} tensors, the contract {expected}").format(count=len(outputs),
                                                                                      expected=len(upstreams))
    pairs = []
    for index, (out, up) in enumerate(zip(outputs, upstreams)):
        which = _("the output") if len(outputs) == 1 else _("output tensor {index}").format(index=index)
        if up is None:
            if out.requires_grad:
                return [], _("{which} carries a gradient, but the contract returns it detached: compute it from "
                             "`.detach()`ed tensors (or under torch.no_grad())").format(which=which)
            continue
        if tuple(out.shape) != tuple(up.shape):
            return [], _("{which} has shape {shape}, expected {expected}").format(
                which=which, shape=tuple(out.shape), expected=tuple(up.shape))
        if not out.requires_grad:
            return [], _("{which} is not connected to the inputs through autograd (is it detached, computed under "
                         "torch.no_grad(), rebuilt from .numpy() or .item(), or made only of new tensors such as "
                         "torch.zeros(...) on this input?), so no gradient reaches the inputs").format(which=which)
        pairs.append((out, up.to(dtype=out.dtype, device=out.device)))
    return pairs, None


def vector_jacobian_product(outputs: list, upstreams: list, inputs: list) -> tuple:
    """Gradients of sum(output * upstream) with respect to `inputs` (None where unused).

    Contracting first gives the same numbers as passing the upstream to autograd.grad (the sum's
    backward is exactly 1.0) without autograd importing its symbolic-shape machinery (0.3 s)."""
    import torch

    total = sum((out * up).sum() for out, up in zip(outputs, upstreams))
    return torch.autograd.grad(total, inputs, allow_unused=True)
