"""`check_steps`: one object of the candidate's followed through a scripted sequence of calls (train
and eval forwards, optimizer steps, attribute changes between calls) beside a float64 twin, with
its output, its gradients (torch track) and its state compared after every step.

The twin is the grader's float64 stand-in with the contract's own interface: an `nn.Module` for a
module (its parameters and buffers are the state; autograd gives the reference gradients), or a
plain object whose methods and attributes mirror the contract (a NumPy class, an optimizer)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np
import torch

from interviewkit.grading.sandbox.errors import CandidateError, CheckFailed
from interviewkit.grading.toolkit.checks import Grading, about, expect_unmodified, no_gradient, reference_gradients
from interviewkit.grading.toolkit.diagnoses import BugTwins, Diagnosis, diagnosed, failure
from interviewkit.grading.toolkit.state import Scale, compare_argument, compare_attribute, compare_buffer, expect_scaled
from interviewkit.messages import _


@dataclass
class Step:
    """One call of a scripted sequence: `method` with `inputs` (by parameter name, in the candidate's
    dtype), after setting `attributes` on both objects (`training` of a module means `.train(mode)`).
    With `upstream` (torch track) the same gradient is back-propagated through both outputs. `state`
    replaces check_steps' list of what is compared after this step; `checked=False` only runs it
    (an optimizer step between two checkpoints)."""

    label: str
    method: str | None = None
    inputs: dict = field(default_factory=dict)
    attributes: dict = field(default_factory=dict)
    upstream: Any = None
    state: tuple[str, ...] | None = None
    checked: bool = True


def check_steps(grading: Grading, symbol: str, case, twin, steps: list[Step], *, args: tuple = (),
                init: dict | None = None, dtype: str = "float32", load: bool | tuple[str, ...] = False,
                state: tuple[str, ...] = (), condition: float = 1.0,
                scales: Callable[[Step], dict[str, Scale]] | None = None, values: bool = True,
                call: str | None = None, diagnoses: tuple[Diagnosis, ...] = ()) -> None:
    """Builds the candidate's `symbol(*args, **init)`, then runs every step on it and on `twin`.

    A module is moved to `dtype` and the grader's device, and must register exactly the twin's
    parameters and buffers. `load` copies the twin's state into it (True: a module's state_dict;
    names: those attributes of a plain object); otherwise `state` is compared right after
    construction. After each checked step: the output, the gradients of the inputs and parameters
    (a module given an `upstream`), then every name in `state`: a module's parameters and buffers,
    the constructor's arguments as they are now (updated in place), or a plain object's attributes.
    `scales(step)` says how finely each is compared ("output", "x.grad", a state name; Scale() for
    the others). `values=False` holds state only to where it lives (in place, dtype), not to its
    values. A failure names the step, and the last after which everything matched: "step 3 of 5
    (eval forward; everything matched up to step 2): running_var[1] differs ...". `diagnoses` hold
    classic-bug twins (each Diagnosis's `oracle` a twin with the bug, built as `twin` is): they take
    every step beside it, and a failing comparison names the cause of the first one the candidate
    matches (diagnoses.py)."""
    run = _Run(grading, symbol, twin, args, dtype, condition, scales or (lambda step: {}), values,
               bugs=BugTwins(diagnoses))
    with about(case, grading, call or symbol):
        run.build(init or {}, load, state)
        matched = None
        for number, step in enumerate(steps, start=1):
            try:
                run.step(step, state if step.state is None else step.state)
            except (CheckFailed, CandidateError) as failure:
                if len(steps) > 1:  # one call needs no name
                    where = (_("step {number} of {total} ({label}; everything matched up to step {matched}): {failure}")
                             if matched else _("step {number} of {total} ({label}): {failure}"))
                    failure.args = (where.format(number=number, total=len(steps), label=step.label, matched=matched,
                                                 failure=failure),)
                raise
            if step.checked:
                matched = number


@dataclass
class _Run:
    grading: Grading
    symbol: str
    twin: Any
    args: tuple
    dtype: str
    condition: float
    scales: Callable[[Step], dict]
    values: bool
    handle: Any = None
    init: dict | None = None
    bugs: BugTwins = field(default_factory=lambda: BugTwins(()))  # classic-bug twins (diagnoses.py)

    @property
    def module(self) -> bool:
        return isinstance(self.twin, torch.nn.Module)

    @property
    def like(self):
        return self.grading.expected(self.dtype)

    def build(self, init: dict, load, state: tuple[str, ...]) -> None:
        grading, symbol = self.grading, self.symbol
        self.init = init
        self.handle = grading.candidate.construct(symbol, *_candidate(self.args, grading), **init)
        if self.module:
            # The dtype first: float64 weights loaded into float32 parameters would be rounded.
            self.handle.to(device=grading.device, dtype=getattr(torch, self.dtype))
            self._expect_members()
        if load is True:
            self.handle.load_state_dict({name: value.to(getattr(torch, self.dtype))
                                         for name, value in self.twin.state_dict().items()})
        elif load:
            self.handle.set(**{name: _candidate(getattr(self.twin, name), grading, self.dtype) for name in load})
        elif state:
            try:
                self._compare_state(state, Step("construction"))
            except CheckFailed as failure:
                failure.args = (_("right after {symbol}(...): {failure}").format(symbol=symbol, failure=failure),)
                raise

    def _expect_members(self) -> None:
        registered = {name: kind for kind, names in self.handle.members().items() for name in names}
        wanted = {**{name: "parameters" for name, _parameter in self.twin.named_parameters()},
                  **{name: "buffers" for name, _buffer in self.twin.named_buffers()}}
        if registered == wanted:
            return
        registered_as = {"parameters": _("`{name}` is registered as a parameter, the contract's is a buffer"),
                         "buffers": _("`{name}` is registered as a buffer, the contract's is a parameter")}
        parts = [_("`{name}` is not in the contract").format(name=name) for name in registered if name not in wanted]
        parts += [_("`{name}` is missing").format(name=name) for name in wanted if name not in registered]
        parts += [registered_as[registered[name]].format(name=name)
                  for name, kind in wanted.items() if registered.get(name, kind) != kind]
        raise failure(_(
            "{symbol}'s parameters and buffers are not the contract's: {problems}. Parameters (nn.Parameter) are "
            "what an optimizer trains, buffers (self.register_buffer) state it must not touch, and "
            "load_state_dict(strict=True) needs exactly the contract's names").format(
            symbol=self.symbol, problems=_("; ").join(parts)), "members-not-the-contracts")

    def step(self, step: Step, state: tuple[str, ...]) -> None:
        handle, result = self.handle, None
        for name, value in step.attributes.items():
            handle.train(value) if name == "training" and self.module else handle.set(**{name: value})
        take = lambda twin: self._take(twin, step)  # noqa: E731
        if step.method is not None:
            upstream = _float64(step.upstream) if self.module and step.upstream is not None else None
            candidate_args, candidate_kwargs = self.grading.split_arguments(
                f"{self.symbol}.{step.method}", _candidate(step.inputs, self.grading))
            try:
                result = handle.call(step.method, *candidate_args, upstream=upstream, **candidate_kwargs)
            except CandidateError as error:
                self.bugs.take(take)
                raise self.bugs.raising_like(error)
        expected, leaves = take(self.twin)
        if step.method is not None:
            expect_unmodified(result)
        variants = self.bugs.take(take)
        if not step.checked:
            return
        try:
            self._compare(step, state, result, expected, leaves)
        except CheckFailed as error:
            # A wrong output is diagnosed by the outputs and the state: the gradients of a bug's
            # twin can be far worse conditioned than the reference's (statistics of two values).
            gradients = expected is None or self._output_matches(step, result, expected)
            raise diagnosed(error, list(variants), lambda diagnosis: self._compare(
                step, state, result, *variants[diagnosis], twin=diagnosis.oracle, gradients=gradients))

    def _take(self, twin, step: Step) -> tuple:
        """The step on a twin (the reference or a classic bug's): its output, and its gradients' leaves."""
        for name, value in step.attributes.items():
            twin.train(value) if name == "training" and self.module else setattr(twin, name, value)
        if step.method is None:
            return None, {}
        grad = self.module and step.upstream is not None
        inputs = {name: _float64(value) for name, value in step.inputs.items()}
        leaves = {name: value.requires_grad_() for name, value in inputs.items()
                  if grad and isinstance(value, torch.Tensor) and value.is_floating_point()}
        args, kwargs = self.grading.split_arguments(f"{self.symbol}.{step.method}", inputs)
        return getattr(twin, step.method)(*args, **kwargs), leaves

    def _output_matches(self, step: Step, result, expected) -> bool:
        try:
            expect_scaled(result.output, _detached(expected), self.like, "output",
                          self.scales(step).get("output", Scale()), self.condition)
        except CheckFailed:
            return False
        return True

    def _compare(self, step: Step, state: tuple[str, ...], result, expected, leaves: dict, twin=None,
                 gradients: bool = True) -> None:
        """Everything a checked step compares, against the twin (or a classic bug's twin)."""
        reference, self.twin = self.twin, twin if twin is not None else self.twin
        try:
            self._compare_with_twin(step, state, result, expected, leaves, gradients)
        finally:
            self.twin = reference

    def _compare_with_twin(self, step: Step, state: tuple[str, ...], result, expected, leaves: dict,
                           gradients: bool = True) -> None:
        twin, handle = self.twin, self.handle
        scales = self.scales(step)
        if expected is not None:
            expect_scaled(result.output, _detached(expected), self.like, "output", scales.get("output", Scale()),
                          self.condition)
        if gradients and expected is not None and self.module and step.upstream is not None:
            self._compare_gradients(result, expected, leaves, _float64(step.upstream), scales)
        self._compare_state(state, step, scales)
        if self.module and any(True for _buffer in twin.buffers()):
            in_graph = handle.buffers_in_graph()
            if in_graph:
                raise failure(_("{names} joined the autograd graph: buffers are bookkeeping, updated under "
                                "torch.no_grad() or from detached values").format(names=", ".join(in_graph)),
                              "buffers-in-the-graph")

    def _compare_gradients(self, result, expected, leaves: dict, upstream, scales: dict) -> None:
        wanted = {**{("inputs", name): leaf for name, leaf in leaves.items()},
                  **{("parameters", name): parameter for name, parameter in self.twin.named_parameters()}}
        references = reference_gradients(expected, wanted, upstream)
        gradients = result.gradients
        if gradients is None or gradients.problem:
            raise CheckFailed(_("gradient: {problem}").format(
                problem=gradients.problem if gradients else _("none was computed")))
        for (kind, name), reference in references.items():
            got = getattr(gradients, kind).get(name)
            if got is None:
                raise CheckFailed(no_gradient(name))
            expect_scaled(got, reference, self.like, _("gradient of `{name}`").format(name=name),
                          scales.get(f"{name}.grad", Scale()), self.condition)

    def _compare_state(self, names: tuple[str, ...], step: Step, scales: dict | None = None) -> None:
        if not names:
            return
        scales = self.scales(step) if scales is None else scales
        if self.module:
            state, twin_state = self.handle.state_dict(), self.twin.state_dict()
            for name in names:
                compare_buffer(state.get(name), twin_state[name], self.like, name, scales.get(name, Scale()),
                               self.condition, self.grading.device, self.values)
            return
        arguments = self._arguments(names)
        replaced = self.handle.replaced_arguments() if arguments else []
        for name in names:
            scale = scales.get(name, Scale())
            if name in arguments:
                compare_argument(arguments[name], self._initial(name), getattr(self.twin, name), self.like, name,
                                 scale, self.condition, replaced, self.values)
            else:
                compare_attribute(self.handle.get(name), getattr(self.twin, name), self.like, name, scale,
                                  self.condition, self.values)

    def _parameter_names(self) -> list[str]:
        entry = next((e for e in self.grading.api if e.is_class and e.name == self.symbol), None)
        return [parameter.name for parameter in entry.parameters] if entry else []

    def _arguments(self, names: tuple[str, ...]) -> dict:
        """The constructor's arguments among `names`, as they are now in the candidate's process."""
        parameters = self._parameter_names()
        if not any(name in parameters for name in names):
            return {}
        args, kwargs = self.handle.arguments()
        bound = {**dict(zip(parameters, args)), **kwargs}
        return {name: bound.get(name) for name in names if name in parameters}

    def _initial(self, name: str):
        parameters = self._parameter_names()
        position = parameters.index(name)
        return self.args[position] if position < len(self.args) else self.init.get(name)


def _float64(value):
    """The twin's copy of an input: floating arrays and tensors as float64 CPU tensors, others kept."""
    if isinstance(value, np.ndarray):
        return torch.from_numpy(value.astype(np.float64) if value.dtype.kind == "f" else value.copy())
    if isinstance(value, torch.Tensor):
        return value.detach().to("cpu", torch.float64 if value.is_floating_point() else value.dtype)
    if isinstance(value, (list, tuple)):
        return type(value)(_float64(item) for item in value)
    return value


def _candidate(value, grading: Grading, dtype: str | None = None):
    """The candidate's copy of an input: the track's kind on the grader's device, floats cast to `dtype`."""
    if isinstance(value, dict):
        return {name: _candidate(item, grading, dtype) for name, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_candidate(item, grading, dtype) for item in value)
    if isinstance(value, torch.Tensor):
        value = value.detach().cpu().numpy()
    if not isinstance(value, np.ndarray):
        return value
    if dtype is not None and value.dtype.kind == "f":
        value = value.astype(dtype)
    return torch.from_numpy(value).to(grading.device) if grading.track == "torch" else value


def _detached(value):
    if isinstance(value, (list, tuple)):
        return type(value)(_detached(item) for item in value)
    return value.detach() if isinstance(value, torch.Tensor) else value
