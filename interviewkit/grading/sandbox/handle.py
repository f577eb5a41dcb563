"""The sandbox's side of a handle: an instance the candidate's code built, kept here while the grader
holds only its number, and the operations seam.py declares on it."""
from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Protocol

from interviewkit.grading.sandbox import values
from interviewkit.grading.sandbox.errors import WrongApi
from interviewkit.grading.sandbox.seam import CallResult
from interviewkit.messages import _


class Runner(Protocol):
    """What a handle needs of candidate.Candidate (which builds handles): running the candidate's code
    under the guard. Named here so that handle.py does not import candidate.py back."""

    def running(self, during: str) -> AbstractContextManager: ...

    def invoke(self, function, label: str, args, kwargs, upstream, parameters: dict,
               traced: dict | None = None, signature=None) -> CallResult: ...


class Handle:
    """An instance of the candidate's class (a module or a plain object) that the grader holds by number;
    its public methods that seam.py declares are the operations on it (HandleInterface)."""

    def __init__(self, candidate: Runner, symbol: str, instance, arguments: tuple):
        self._candidate = candidate
        self._symbol = symbol
        self._instance = instance
        self._arguments = arguments
        # The very objects the constructor was given, by path (kept alive, so identity is meaningful).
        self._originals = self._arrays()

    @property
    def instance(self):
        """The instance itself, for a call that takes it as an argument (serve.Sandbox resolves references)."""
        return self._instance

    def _module(self):
        import torch

        if not isinstance(self._instance, torch.nn.Module):
            raise WrongApi(_("`{symbol}` must subclass torch.nn.Module (class {symbol}(nn.Module)).").format(
                symbol=self._symbol))
        return self._instance

    def call(self, method: str = "forward", *args, upstream=None, trace: tuple[str, ...] = (),
             trace_values: bool = False, **kwargs) -> CallResult:
        """Calls a method; `forward` goes through `module(...)` so that hooks run as in real use.

        With `upstream`, a module's parameters get gradients too; `trace` names submodules
        (`blocks.0.attn`) whose output shapes (with `trace_values`, outputs) come back in
        `CallResult.traced`."""
        signature = None
        if method == "forward" and callable(self._instance):
            function, signature = self._instance, getattr(self._instance, "forward", None)
        else:
            function = getattr(self._instance, method, None)
            if function is None:
                raise WrongApi(_("`{symbol}` has no method `{method}`.").format(symbol=self._symbol, method=method))
        parameters = dict(self._module().named_parameters()) if upstream is not None else {}
        label = f"{self._symbol}.{method}"
        traced: dict = {name: None for name in trace}
        removers = [self._trace(name, traced, trace_values) for name in trace]
        try:
            return self._candidate.invoke(function, label, args, kwargs, upstream, parameters, traced, signature)
        finally:
            for remove in removers:
                remove()

    def _trace(self, name: str, traced: dict, keep_values: bool = False):
        """Records the output shape (or a copy of the output) of submodule `name` on its last call;
        returns the undo."""
        module = self._module()
        try:
            submodule = module.get_submodule(name)
        except AttributeError:
            raise WrongApi(_("`{symbol}` has no submodule `{name}` (see the contract's names).").format(
                symbol=self._symbol, name=name)) from None

        def record(_module, _inputs, output):
            traced[name] = values.copy_out(output) if keep_values else values.shapes_of(output)

        return submodule.register_forward_hook(record).remove

    def arguments(self) -> tuple[list, dict]:
        """The constructor's arguments as they are now: how a grader sees updates made in place."""
        args, kwargs = self._arguments
        return values.copy_out(list(args)), values.copy_out(dict(kwargs))

    def _arrays(self) -> dict:
        args, kwargs = self._arguments
        named = values.bind_names(type(self._instance), list(args), dict(kwargs))
        return {path: array for name, value in named.items()
                for path, array in values.arrays_by_path(value, name).items()}

    def replaced_arguments(self) -> list[str]:
        """Paths ("params[2]") of the constructor's arrays that are no longer the objects it was given:
        a list entry replaced by a new array instead of being updated in place."""
        now = self._arrays()
        return [path for path, original in self._originals.items() if now.get(path) is not original]

    def parameter_shapes(self) -> dict[str, tuple[int, ...]]:
        """Names and shapes of every parameter and buffer, as `state_dict()` lists them."""
        with self._candidate.running(f"{self._symbol}.state_dict()"):
            state = self._module().state_dict()
        return {name: tuple(value.shape) for name, value in state.items()}

    def members(self) -> dict[str, list[str]]:
        """The names of the module's parameters and of its buffers, each by what it is registered as."""
        with self._candidate.running(f"{self._symbol}.named_parameters()"):
            module = self._module()
            return {"parameters": [name for name, _ in module.named_parameters()],
                    "buffers": [name for name, _ in module.named_buffers()]}

    def load_state_dict(self, state: dict) -> None:
        module = self._module()
        expected = set(self.parameter_shapes())
        given = set(state)
        if expected != given:
            missing = ", ".join(sorted(given - expected)) or _("none")
            unexpected = ", ".join(sorted(expected - given)) or _("none")
            raise WrongApi(_("`{symbol}` has the wrong parameters and buffers: missing {missing}; not in the "
                             "contract: {unexpected}.").format(symbol=self._symbol, missing=missing,
                                                               unexpected=unexpected))
        shapes = self.parameter_shapes()
        wrong = [_("{name} is {shape}, expected {expected}").format(name=name, shape=shapes[name],
                                                                     expected=tuple(value.shape))
                 for name, value in state.items() if shapes[name] != tuple(value.shape)]
        if wrong:
            raise WrongApi(_("`{symbol}` has parameters of the wrong shape: {wrong}.").format(
                symbol=self._symbol, wrong="; ".join(wrong)))
        state = values.copy_in(state)
        with self._candidate.running(f"{self._symbol}.load_state_dict(...)"):
            module.load_state_dict(state, strict=True)

    def state_dict(self) -> dict:
        with self._candidate.running(f"{self._symbol}.state_dict()"):
            state = self._module().state_dict()
        return values.copy_out(dict(state))

    def buffers_in_graph(self) -> list[str]:
        """Names of the module's buffers that are part of an autograd graph (they require grad or have
        a grad_fn): running statistics updated without torch.no_grad(), for example."""
        with self._candidate.running(f"{self._symbol}.named_buffers()"):
            buffers = list(self._module().named_buffers())
        return [name for name, buffer in buffers if buffer.requires_grad or buffer.grad_fn is not None]

    def to(self, *, dtype=None, device=None) -> None:
        import torch

        if isinstance(dtype, str):
            dtype = getattr(torch, dtype)
        with self._candidate.running(f"{self._symbol}.to(...)"):
            self._module().to(device=device, dtype=dtype)

    def train(self, mode: bool = True) -> None:
        with self._candidate.running(f"{self._symbol}.train({mode})"):
            self._module().train(mode)

    def set(self, **attributes) -> None:
        """Sets attributes of a plain object (the NumPy track's weights)."""
        attributes = values.copy_in(attributes)
        with self._candidate.running(_("setting attributes of {symbol}").format(symbol=self._symbol)):
            for name, value in attributes.items():
                setattr(self._instance, name, value)

    def get(self, name: str):
        with self._candidate.running(_("reading {symbol}.{name}").format(symbol=self._symbol, name=name)):
            if not hasattr(self._instance, name):
                raise WrongApi(_("`{symbol}` has no attribute `{name}`.").format(symbol=self._symbol, name=name))
            value = getattr(self._instance, name)
        return values.copy_out(value)
