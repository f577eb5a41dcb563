"""The seam: the one way graders reach the candidate's code.

Graders send calls with their inputs (and, for gradients, an upstream gradient) and get back plain
data: copies of tensors and arrays of the base classes, numbers, tuples; never a live object of the
candidate's. Everything the candidate's code does runs under the guard, and every exception it
raises comes back as a CandidateError whose message is written for the user. Because nothing but
data crosses it, the candidate can later run in a process of its own without graders changing.
"""
from __future__ import annotations

import itertools
import sys
import time
import types
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from interviewkit.grading.sandbox.errors import CandidateError, LoadFailed, WrongApi, describe_exception
from interviewkit.grading.sandbox.guard import Guard
from interviewkit.grading.sandbox.signature import api_problems, parse_api
from interviewkit.grading.sandbox import values

_module_numbers = itertools.count()


@dataclass
class Gradients:
    """Gradients by input name (functions) and by parameter name (modules), or why there are none."""

    inputs: dict[str, Any] = field(default_factory=dict)
    parameters: dict[str, Any] = field(default_factory=dict)
    problem: str | None = None


@dataclass
class CallResult:
    output: Any
    gradients: Gradients | None = None
    modified_inputs: list[str] = field(default_factory=list)
    # Output shapes of the submodules a grader asked to trace (None: the submodule never ran).
    traced: dict[str, Any] = field(default_factory=dict)


class Candidate:
    """The candidate's code in this process (the sandbox's side of the seam)."""

    def __init__(self, path: Path, namespace: dict, guard: Guard):
        self.path = path
        self._namespace = namespace
        self._guard = guard

    @classmethod
    def load(cls, path: Path, api: tuple[str, ...], guard: Guard, source: str | None = None) -> "Candidate":
        """Compiles and imports the candidate's file (or `source`, read from it by the grader), then
        holds it to the contract's API."""
        path = path.resolve()
        if source is None:
            source = read_source(path)
        try:
            code = compile(source, str(path), "exec")
        except SyntaxError as error:
            raise LoadFailed(_syntax_message(path, error)) from None
        name = f"kit_candidate_{next(_module_numbers)}"
        module = types.ModuleType(name)
        module.__file__ = str(path)
        sys.modules[name] = module  # dataclasses and pickling look their module up here
        guard.install()
        candidate = cls(path, module.__dict__, guard)
        with candidate._running("importing your file"):
            exec(code, module.__dict__)
        problems = [problem for line in api for problem in api_problems(module.__dict__, parse_api(line))]
        if problems:
            raise WrongApi("\n".join(problems))
        return candidate

    @contextmanager
    def _running(self, during: str):
        try:
            with self._guard.watching():
                yield
        except CandidateError:
            raise
        except BaseException as error:  # SystemExit and KeyboardInterrupt from the candidate too
            raise describe_exception(error, self.path, during) from None

    def call(self, symbol: str, *args, upstream=None, **kwargs) -> CallResult:
        """Calls a function of the candidate's; with `upstream`, also back-propagates it."""
        function = self._namespace[symbol]
        return self._invoke(function, symbol, args, kwargs, upstream, parameters={})

    def time_call(self, symbol: str, *args, repeat: int = 3, **kwargs) -> list[float]:
        """Wall times of `repeat` calls after one warm-up call, each on fresh copies of the inputs."""
        function = self._namespace[symbol]
        times = []
        for run in range(repeat + 1):
            call_args, call_kwargs = values.copy_in(args), values.copy_in(kwargs)
            with self._running(f"{symbol}(...) on the timing case"):
                started = time.perf_counter()
                function(*call_args, **call_kwargs)
                elapsed = time.perf_counter() - started
            if run:
                times.append(elapsed)
        return times

    def construct(self, symbol: str, *args, **kwargs) -> "Handle":
        """Builds an instance of a class of the candidate's; the grader holds only a handle."""
        cls = self._namespace[symbol]
        args, kwargs = values.copy_in(args), values.copy_in(kwargs)
        with self._running(f"{symbol}(...)"):
            instance = cls(*args, **kwargs)
        return Handle(self, symbol, instance, (args, kwargs))

    def _invoke(self, function, label: str, args, kwargs, upstream, parameters: dict,
                traced: dict | None = None, signature=None) -> CallResult:
        """Calls `function`; arguments are named after `signature` (a module's forward, not its __call__)."""
        signature = signature or function
        args, kwargs = values.copy_in(args), values.copy_in(kwargs)
        originals = values.copy_in(values.bind_names(signature, args, kwargs))
        leaves = values.enable_grad(values.bind_names(signature, args, kwargs)) if upstream is not None else {}
        with self._running(f"{label}(...)"):
            output = function(*args, **kwargs)
        result = CallResult(
            output=values.copy_out(output),
            modified_inputs=values.modified(originals, values.bind_names(signature, args, kwargs)),
            traced=dict(traced or {}),
        )
        if upstream is not None:
            result.gradients = self._backward(output, upstream, leaves, parameters, label)
        return result

    def _backward(self, output, upstream, leaves: dict, parameters: dict, label: str) -> Gradients:
        pairs, problem = values.pair_with_upstream(output, upstream)
        if problem:
            return Gradients(problem=problem)
        targets = {**{f"input:{k}": v for k, v in leaves.items()},
                   **{f"param:{k}": v for k, v in parameters.items() if v.requires_grad}}
        with self._running(f"the backward pass of {label}"):
            grads = values.vector_jacobian_product(
                [out for out, _ in pairs], [up for _, up in pairs], list(targets.values())
            )
        gradients = Gradients()
        for key, grad in zip(targets, grads):
            kind, name = key.split(":", 1)
            bucket = gradients.inputs if kind == "input" else gradients.parameters
            bucket[name] = None if grad is None else values.copy_out(grad)
        return gradients


class Handle:
    """A grader's handle on an instance of the candidate's class (a module or a plain object)."""

    def __init__(self, candidate: Candidate, symbol: str, instance, arguments: tuple):
        self._candidate = candidate
        self._symbol = symbol
        self._instance = instance
        self._arguments = arguments
        # The very objects the constructor was given, by path (kept alive, so identity is meaningful).
        self._originals = self._arrays()

    def _module(self):
        import torch

        if not isinstance(self._instance, torch.nn.Module):
            raise WrongApi(f"`{self._symbol}` must subclass torch.nn.Module (class {self._symbol}(nn.Module)).")
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
                raise WrongApi(f"`{self._symbol}` has no method `{method}`.")
        parameters = dict(self._module().named_parameters()) if upstream is not None else {}
        label = f"{self._symbol}.{method}"
        traced: dict = {name: None for name in trace}
        removers = [self._trace(name, traced, trace_values) for name in trace]
        try:
            return self._candidate._invoke(function, label, args, kwargs, upstream, parameters, traced, signature)
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
            raise WrongApi(f"`{self._symbol}` has no submodule `{name}` (see the contract's names).") from None

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
        return {path: array for name, value in named.items() for path, array in values.arrays_by_path(value, name).items()}

    def replaced_arguments(self) -> list[str]:
        """Paths ("params[2]") of the constructor's arrays that are no longer the objects it was given:
        a list entry replaced by a new array instead of being updated in place."""
        now = self._arrays()
        return [path for path, original in self._originals.items() if now.get(path) is not original]

    def parameter_shapes(self) -> dict[str, tuple[int, ...]]:
        """Names and shapes of every parameter and buffer, as `state_dict()` lists them."""
        with self._candidate._running(f"{self._symbol}.state_dict()"):
            state = self._module().state_dict()
        return {name: tuple(value.shape) for name, value in state.items()}

    def members(self) -> dict[str, list[str]]:
        """The names of the module's parameters and of its buffers, each by what it is registered as."""
        with self._candidate._running(f"{self._symbol}.named_parameters()"):
            module = self._module()
            return {"parameters": [name for name, _ in module.named_parameters()],
                    "buffers": [name for name, _ in module.named_buffers()]}

    def load_state_dict(self, state: dict) -> None:
        module = self._module()
        expected = set(self.parameter_shapes())
        given = set(state)
        if expected != given:
            missing = ", ".join(sorted(given - expected)) or "none"
            unexpected = ", ".join(sorted(expected - given)) or "none"
            raise WrongApi(
                f"`{self._symbol}` has the wrong parameters and buffers: missing {missing}; "
                f"not in the contract: {unexpected}."
            )
        shapes = self.parameter_shapes()
        wrong = [f"{name} is {shapes[name]}, expected {tuple(value.shape)}"
                 for name, value in state.items() if shapes[name] != tuple(value.shape)]
        if wrong:
            raise WrongApi(f"`{self._symbol}` has parameters of the wrong shape: {'; '.join(wrong)}.")
        state = values.copy_in(state)
        with self._candidate._running(f"{self._symbol}.load_state_dict(...)"):
            module.load_state_dict(state, strict=True)

    def state_dict(self) -> dict:
        with self._candidate._running(f"{self._symbol}.state_dict()"):
            state = self._module().state_dict()
        return values.copy_out(dict(state))

    def buffers_in_graph(self) -> list[str]:
        """Names of the module's buffers that are part of an autograd graph (they require grad or have
        a grad_fn): running statistics updated without torch.no_grad(), for example."""
        with self._candidate._running(f"{self._symbol}.named_buffers()"):
            buffers = list(self._module().named_buffers())
        return [name for name, buffer in buffers if buffer.requires_grad or buffer.grad_fn is not None]

    def to(self, *, dtype=None, device=None) -> None:
        import torch

        if isinstance(dtype, str):
            dtype = getattr(torch, dtype)
        with self._candidate._running(f"{self._symbol}.to(...)"):
            self._module().to(device=device, dtype=dtype)

    def train(self, mode: bool = True) -> None:
        with self._candidate._running(f"{self._symbol}.train({mode})"):
            self._module().train(mode)

    def set(self, **attributes) -> None:
        """Sets attributes of a plain object (the NumPy track's weights)."""
        attributes = values.copy_in(attributes)
        with self._candidate._running(f"setting attributes of {self._symbol}"):
            for name, value in attributes.items():
                setattr(self._instance, name, value)

    def get(self, name: str):
        with self._candidate._running(f"reading {self._symbol}.{name}"):
            if not hasattr(self._instance, name):
                raise WrongApi(f"`{self._symbol}` has no attribute `{name}`.")
            value = getattr(self._instance, name)
        return values.copy_out(value)


def read_source(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")  # an editor may begin the file with a BOM
    except (OSError, UnicodeDecodeError) as error:
        raise LoadFailed(f"cannot read {path.name}: {error}") from None


def _syntax_message(path: Path, error: SyntaxError) -> str:
    lines = [f"syntax error at {path.name}:{error.lineno}: {error.msg}"]
    if error.text:
        text = error.text.rstrip("\n")
        indent = len(text) - len(text.lstrip())
        lines.append(f"    {text.strip()}")
        if error.offset:
            lines.append("    " + " " * max(error.offset - 1 - indent, 0) + "^")
    return "\n".join(lines)
