"""The sandbox's side of the seam: the candidate's file, imported and called here.

The grader reaches it only through the operations seam.py declares: calls with their inputs (and,
for gradients, an upstream gradient) come in, and plain data goes back: copies of tensors and
arrays of the base classes, numbers, tuples; never a live object of the candidate's. Everything
the candidate's code does runs under the guard, and every exception it raises comes back as a
CandidateError whose message is written for the user.
"""
from __future__ import annotations

import itertools
import sys
import types
from contextlib import ExitStack, contextmanager
from pathlib import Path

from interviewkit.grading.sandbox import measure, values
from interviewkit.grading.sandbox.errors import CandidateError, LoadFailed, WrongApi, describe_exception
from interviewkit.grading.sandbox.guard import Guard
from interviewkit.grading.sandbox.handle import Handle
from interviewkit.grading.sandbox.seam import CallResult, Gradients
from interviewkit.grading.sandbox.signature import api_problems, parse_api
from interviewkit.messages import _

_module_numbers = itertools.count()


class Candidate:
    """The candidate's code in this process; its public methods that seam.py declares are the
    operations the grader may ask for (CandidateInterface)."""

    def __init__(self, path: Path, namespace: dict, guard: Guard):
        self.path = path
        self._namespace = namespace
        self._guard = guard
        self._staged: tuple | None = None  # (symbol, args, kwargs) for run_staged
        self._staged_output = None

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
        with candidate.running(_("importing your file")):
            exec(code, module.__dict__)
        problems = [problem for line in api for problem in api_problems(module.__dict__, parse_api(line))]
        if problems:
            raise WrongApi("\n".join(problems))
        return candidate

    @contextmanager
    def running(self, during: str):
        """Runs the body as the candidate's code: under the guard, its exceptions told in the user's words."""
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
        return self.invoke(function, symbol, args, kwargs, upstream, parameters={})

    def stage(self, symbol: str, *args, **kwargs) -> None:
        """Keeps fresh copies of a call's inputs for `run_staged`: the grader times that request with
        its own clock, and the inputs' crossing is not part of it."""
        self._staged = (symbol, values.copy_in(args), values.copy_in(kwargs))

    def run_staged(self, symbol: str) -> None:
        """Calls `symbol` on the staged inputs and keeps its output, copied inside the watch: all of the
        candidate's work (a lazy result's too) happens in the request the grader times."""
        staged, self._staged = self._staged, None
        if staged is None or staged[0] != symbol:
            raise RuntimeError(f"run_staged({symbol!r}) asked without staged inputs for it")
        args, kwargs = staged[1:]
        function = self._namespace[symbol]
        with self.running(_("{symbol}(...) on the timing case").format(symbol=symbol)):
            self._staged_output = values.copy_out(function(*args, **kwargs))

    def staged_output(self, symbol: str):
        output, self._staged_output = self._staged_output, None
        return output

    def measure_call(self, symbol: str, *args, **kwargs) -> dict:
        """Calls a function and says what it allocated (measure.py)."""
        function = self._namespace[symbol]
        args, kwargs = values.copy_in(args), values.copy_in(kwargs)
        record = {"largest_elements": None, "peak_bytes": 0}
        with self.running(_("{symbol}(...) measuring its memory").format(symbol=symbol)), ExitStack() as stack:
            if values.torch_module() is not None:
                stack.enter_context(measure.largest_torch_allocation(record))
            stack.enter_context(measure.traced_peak(record))
            output = function(*args, **kwargs)
        return {"output": values.copy_out(output), **record}

    def construct(self, symbol: str, *args, **kwargs) -> "Handle":
        """Builds an instance of a class of the candidate's; the grader holds only a handle."""
        cls = self._namespace[symbol]
        args, kwargs = values.copy_in(args), values.copy_in(kwargs)
        with self.running(f"{symbol}(...)"):
            instance = cls(*args, **kwargs)
        return Handle(self, symbol, instance, (args, kwargs))

    def invoke(self, function, label: str, args, kwargs, upstream, parameters: dict,
               traced: dict | None = None, signature=None) -> CallResult:
        """Calls `function`; arguments are named after `signature` (a module's forward, not its __call__)."""
        signature = signature or function
        args, kwargs = values.copy_in(args), values.copy_in(kwargs)
        originals = values.copy_in(values.bind_names(signature, args, kwargs))
        leaves = values.enable_grad(values.bind_names(signature, args, kwargs)) if upstream is not None else {}
        with self.running(f"{label}(...)"):
            output = function(*args, **kwargs)
        arguments = values.bind_names(signature, args, kwargs)
        result = CallResult(
            output=values.copy_out(output),
            modified_inputs=values.modified(originals, arguments),
            traced=dict(traced or {}),
            usage=values.copy_out(values.usage(arguments)),
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
        with self.running(_("the backward pass of {label}").format(label=label)):
            grads = values.vector_jacobian_product(
                [out for out, _ in pairs], [up for _, up in pairs], list(targets.values())
            )
        gradients = Gradients()
        for key, grad in zip(targets, grads):
            kind, name = key.split(":", 1)
            bucket = gradients.inputs if kind == "input" else gradients.parameters
            bucket[name] = None if grad is None else values.copy_out(grad)
        return gradients


def read_source(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")  # an editor may begin the file with a BOM
    except (OSError, UnicodeDecodeError) as error:
        raise LoadFailed(_("cannot read {file}: {error}").format(file=path.name, error=error)) from None


def _syntax_message(path: Path, error: SyntaxError) -> str:
    lines = [_("syntax error at {file}:{line}: {message}").format(file=path.name, line=error.lineno, message=error.msg)]
    if error.text:
        text = error.text.rstrip("\n")
        indent = len(text) - len(text.lstrip())
        lines.append(f"    {text.strip()}")
        if error.offset:
            lines.append("    " + " " * max(error.offset - 1 - indent, 0) + "^")
    return "\n".join(lines)
