"""The boundary to the candidate's code, declared once.

Every operation that crosses from the grader to the sandbox is declared here, with its name, what
it targets (the sandbox itself, the candidate's file, or a handle on an instance the candidate's
code built), how its reply is read (plain data, a CallResult, or a new handle) and the "during ..."
phrase that a timeout or a crash names. Both sides are derived from this one table: the grader's
proxies (remote.py) inherit the declared methods below, which forward through one path, and the
sandbox (serve.py) runs only an operation found here. Adding an operation is one declaration here
plus its method on the sandbox's side (candidate.py or handle.py).

Only plain data crosses (wire.py); a CallResult goes through `result_to_data`/`result_from_data`.
"""
from __future__ import annotations

import functools
import inspect
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Callable, Protocol, TypeVar

from interviewkit.grading.sandbox.values import torch_module
from interviewkit.messages import N_, _


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
    # How the call used the generators and step functions among its arguments (made.py), by path.
    usage: dict[str, Any] = field(default_factory=dict)


class Target(Enum):
    SANDBOX = "sandbox"  # the sandbox process itself: before the candidate's file is loaded
    CANDIDATE = "candidate"  # the candidate's file: its functions and classes
    HANDLE = "handle"  # an instance built by `construct`, named by the number its reply gave


class Reply(Enum):
    DATA = "data"  # plain data, as it came
    RESULT = "result"  # a CallResult (result_to_data / result_from_data)
    HANDLE = "handle"  # a new handle: the sandbox keeps the instance and replies with its number


@dataclass(frozen=True)
class Operation:
    name: str
    target: Target
    reply: Reply
    # Formatted with the call's arguments by name (defaults applied) and `handle`, the class a handle's
    # instance was built from: "{symbol}(...)" reads "softmax(...)". Words in it are marked N_ and
    # translated here, in the language of the grade.
    during: str

    def describe(self, arguments: dict, handle: str | None = None) -> str:
        return _(self.during).format_map({**arguments, "handle": handle})


Method = TypeVar("Method", bound=Callable)


def crossing(target: Target, reply: Reply, during: str) -> Callable[[Method], Method]:
    """Declares a method of an interface below as an operation. A proxy that subclasses the interface
    inherits a method that hands the call to its `_forward(operation, args, kwargs, arguments)`."""
    def declare(method: Method) -> Method:
        operation = Operation(method.__name__, target, reply, during)
        signature = inspect.signature(method)

        @functools.wraps(method)
        def forward(self, *args, **kwargs):
            bound = signature.bind(self, *args, **kwargs)
            bound.apply_defaults()
            arguments = {name: value for name, value in bound.arguments.items() if name != "self"}
            return self._forward(operation, args, kwargs, arguments)

        forward.operation = operation
        return forward  # type: ignore[return-value]

    return declare


class HandleInterface(Protocol):
    """A grader's handle on an instance of the candidate's class (a module or a plain object)."""

    @crossing(Target.HANDLE, Reply.RESULT, "{handle}.{method}(...)")
    def call(self, method: str = "forward", *args, upstream=None, trace: tuple[str, ...] = (),
             trace_values: bool = False, **kwargs) -> CallResult:
        """Calls a method; `forward` goes through `module(...)` so that hooks run as in real use.
        With `upstream`, a module's parameters get gradients too; `trace` names submodules
        (`blocks.0.attn`) whose output shapes (with `trace_values`, outputs) come back in
        `CallResult.traced`."""

    @crossing(Target.HANDLE, Reply.DATA, "{handle}.parameter_shapes(...)")
    def parameter_shapes(self) -> dict[str, tuple[int, ...]]:
        """Names and shapes of every parameter and buffer, as `state_dict()` lists them."""

    @crossing(Target.HANDLE, Reply.DATA, "{handle}.members(...)")
    def members(self) -> dict[str, list[str]]:
        """The names of the module's parameters and of its buffers, each by what it is registered as."""

    @crossing(Target.HANDLE, Reply.DATA, "{handle}.load_state_dict(...)")
    def load_state_dict(self, state: dict) -> None:
        """Loads weights by name, strictly, after checking names and shapes against the module's."""

    @crossing(Target.HANDLE, Reply.DATA, "{handle}.state_dict(...)")
    def state_dict(self) -> dict:
        """Copies of the module's parameters and buffers."""

    @crossing(Target.HANDLE, Reply.DATA, "{handle}.to(...)")
    def to(self, *, dtype=None, device=None) -> None:
        """Moves the module; a dtype travels by its name ("float32")."""

    @crossing(Target.HANDLE, Reply.DATA, "{handle}.train(...)")
    def train(self, mode: bool = True) -> None:
        """Switches the module to training (or evaluation) mode."""

    @crossing(Target.HANDLE, Reply.DATA, "{handle}.set(...)")
    def set(self, **attributes) -> None:
        """Sets attributes of a plain object (the NumPy track's weights)."""

    @crossing(Target.HANDLE, Reply.DATA, "{handle}.get(...)")
    def get(self, name: str):
        """A copy of one attribute of the instance."""

    @crossing(Target.HANDLE, Reply.DATA, "{handle}.arguments(...)")
    def arguments(self) -> tuple[list, dict]:
        """The constructor's arguments as they are now: how a grader sees updates made in place."""

    @crossing(Target.HANDLE, Reply.DATA, "{handle}.replaced_arguments(...)")
    def replaced_arguments(self) -> list[str]:
        """Paths ("params[2]") of the constructor's arrays that are no longer the objects it was given."""

    @crossing(Target.HANDLE, Reply.DATA, "{handle}.buffers_in_graph(...)")
    def buffers_in_graph(self) -> list[str]:
        """Names of the module's buffers that are part of an autograd graph."""


class CandidateInterface(Protocol):
    """The candidate's code as graders hold it (`Grading.candidate`)."""

    def take_printed(self) -> str:
        """What the candidate printed since the last time this was asked (kept in the grader)."""
        ...

    @crossing(Target.CANDIDATE, Reply.RESULT, "{symbol}(...)")
    def call(self, symbol: str, *args, upstream=None, **kwargs) -> CallResult:
        """Calls a function of the candidate's; with `upstream`, also back-propagates it."""

    # A timed call in three requests, so that the grader's clock (timing.py) times only the middle
    # one: the inputs cross before it and the output after it, and nothing the sandbox measures counts.
    @crossing(Target.CANDIDATE, Reply.DATA, N_("{symbol}(...) on the timing case"))
    def stage(self, symbol: str, *args, **kwargs) -> None:
        """Keeps fresh copies of a call's inputs in the sandbox for `run_staged`."""

    @crossing(Target.CANDIDATE, Reply.DATA, N_("{symbol}(...) on the timing case"))
    def run_staged(self, symbol: str) -> None:
        """Calls `symbol` on the staged inputs and keeps a copy of its output; replies nothing."""

    @crossing(Target.CANDIDATE, Reply.DATA, N_("{symbol}(...) on the timing case"))
    def staged_output(self, symbol: str):
        """The output the last `run_staged` kept, as data."""

    @crossing(Target.CANDIDATE, Reply.DATA, N_("{symbol}(...) measuring its memory"))
    def measure_call(self, symbol: str, *args, **kwargs) -> dict:
        """Calls a function and says what it allocated (measure.py): {"output", "largest_elements"
        (torch track: the largest storage an operation produced, in elements; else None), "peak_bytes"}."""

    @crossing(Target.CANDIDATE, Reply.HANDLE, "{symbol}(...)")
    def construct(self, symbol: str, *args, **kwargs) -> HandleInterface:
        """Builds an instance of a class of the candidate's; the grader holds only a handle."""


# The sandbox's own operations, which set the seam up (RemoteCandidate.protections and .load): their
# arguments are plain already (serve.Sandbox.hello and .load).
HELLO = Operation("hello", Target.SANDBOX, Reply.DATA, "starting the sandbox")
LOAD = Operation("load", Target.SANDBOX, Reply.DATA, N_("importing your file"))


def declared(interface: type) -> list[Operation]:
    return [member.operation for member in vars(interface).values() if hasattr(member, "operation")]


OPERATIONS: dict[tuple[str, str], Operation] = {
    (operation.target.value, operation.name): operation
    for operation in (HELLO, LOAD, *declared(CandidateInterface), *declared(HandleInterface))
}


def plain_argument(value):
    """An argument as it crosses: a torch dtype by its name, anything else as it is (wire.py decides)."""
    torch = torch_module()
    if torch is not None and isinstance(value, torch.dtype):
        return str(value).removeprefix("torch.")
    return value


def result_to_data(result: CallResult) -> dict:
    gradients = result.gradients
    return {
        "output": result.output,
        "gradients": None if gradients is None else {
            "inputs": gradients.inputs, "parameters": gradients.parameters, "problem": gradients.problem},
        "modified_inputs": result.modified_inputs,
        "traced": result.traced,
        "usage": result.usage,
    }


def result_from_data(data: dict) -> CallResult:
    gradients = data["gradients"]
    return CallResult(
        output=data["output"],
        gradients=None if gradients is None else Gradients(
            inputs=gradients["inputs"], parameters=gradients["parameters"], problem=gradients["problem"]),
        modified_inputs=list(data["modified_inputs"]),
        traced={name: _tuples(shape) for name, shape in data["traced"].items()},
        usage=dict(data.get("usage", {})),
    )


def _tuples(shape):
    if isinstance(shape, (list, tuple)):
        return tuple(_tuples(item) for item in shape)
    return shape
