"""Modules: the candidate's built beside the oracle's and loaded with its weights by name, checked on
one call (output, and the gradients of the inputs and of every parameter), with the shapes of the
submodules the contract fixes and, when an output is wrong, the first submodule whose output parts
from the oracle's."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Callable

import torch

from interviewkit.grading.sandbox.errors import CandidateError, CheckFailed
from interviewkit.grading.sandbox.seam import CallResult
from interviewkit.grading.toolkit.cases import Case
from interviewkit.grading.toolkit.checks import (
    Grading, about, expect_gradients, expect_outputs, expect_unmodified, gradient_floor, input_dtype,
    reference_gradients, upstream_for,
)
from interviewkit.grading.toolkit.compare import expect_close
from interviewkit.grading.toolkit.diagnoses import Diagnosis, cause_of, diagnosed
from interviewkit.messages import _


def build_module(grading: Grading, symbol: str, case: Case, oracle: Callable[[], torch.nn.Module], init: dict):
    """The oracle module (built after seeding torch with the case's seed, in float64) and the
    candidate's, moved to the case's dtype and loaded with the oracle's weights by name."""
    dtype = getattr(torch, input_dtype(grading.inputs(case)))
    torch.manual_seed(case.seed + grading.seed_offset)
    reference = oracle().double()
    module = grading.candidate.construct(symbol, **init)
    # The dtype first: float64 weights loaded into float32 parameters would be rounded.
    module.to(device=grading.device, dtype=dtype)
    module.load_state_dict({name: value.to(dtype) for name, value in reference.state_dict().items()})
    return module, reference


def check_module(grading: Grading, symbol: str, case: Case, oracle: Callable[[], torch.nn.Module], *,
                 init: dict, method: str = "forward", grad: bool = True,
                 condition: float | Callable[..., float] = 1.0, gradient_magnitude: Callable | None = None,
                 shared_gradient_scale: bool = False, locate: tuple[str, ...] = (),
                 diagnoses: tuple[Diagnosis, ...] = ()) -> CallResult:
    """Builds the candidate's module and the oracle's (seeded by the case), loads the oracle's weights
    into the candidate's by name, calls `method` on both, and compares the output and the gradients
    of the inputs and of every parameter (those the method does not use have no gradient).

    A callable `condition` is called as condition(oracle_module, **float64_inputs). With
    `shared_gradient_scale`, every gradient is compared at the scale of the largest one of its kind
    (a gradient that is zero in exact arithmetic, like a key bias's under softmax, is rounding noise
    on that scale); `gradient_magnitude(upstream)` sets a floor the same way. `locate` names
    submodules in the order they run: a wrong output then also says which one's output first parts
    from the oracle's. A failure (or an exception) is diagnosed against `diagnoses` (module_cause)."""
    call = f"{symbol}({', '.join(f'{k}={v!r}' for k, v in init.items())}).{method}"
    with about(case, grading, call), diagnosing(grading, symbol, case, oracle, init, method, condition, diagnoses):
        inputs = grading.inputs(case)
        module, oracle_module = build_module(grading, symbol, case, oracle, init)
        reference = case.reference_inputs(grading.seed_offset)
        extra = condition(oracle_module, **reference) if callable(condition) else condition
        factor = case.condition * extra
        leaves = {
            name: value.requires_grad_() for name, value in reference.items()
            if grad and isinstance(value, torch.Tensor) and value.is_floating_point()
        }
        expected = getattr(oracle_module, method)(**reference)
        upstream = upstream_for(expected, case, grading.seed_offset) if grad else None
        args, kwargs = grading.split_arguments(f"{symbol}.{method}", inputs)
        result = module.call(method, *args, upstream=upstream, **kwargs)
        like = grading.expected(input_dtype(inputs))
        expect_unmodified(result)
        try:
            expect_outputs(result.output, expected, like, factor)
        except CheckFailed as failure:
            if locate:
                failure.args = (str(failure) + where_outputs_part(grading, symbol, case, oracle, init, method, locate),)
            raise
        if grad:
            floor = gradient_floor(upstream, gradient_magnitude)
            wanted = {**{("input", name): leaf for name, leaf in leaves.items()},
                      **{("param", name): parameter for name, parameter in oracle_module.named_parameters()}}
            everything = reference_gradients(expected, wanted, upstream)
            for kind in ("input", "param"):
                gradients = {name: value for (of, name), value in everything.items() if of == kind}
                scale = floor
                if shared_gradient_scale and gradients:
                    scale = max(scale or 0.0, max(float(g.abs().max()) for g in gradients.values()))
                expect_gradients(result.gradients, gradients, like, factor, parameters=kind == "param",
                                 magnitude=scale)
        return result


@contextmanager
def diagnosing(grading: Grading, symbol: str, case: Case, oracle: Callable[[], torch.nn.Module], init: dict,
               method: str, condition: float | Callable[..., float], diagnoses: tuple[Diagnosis, ...]):
    """A failing module check, its failure given the cause module_cause finds (one already set is kept)."""
    try:
        yield
    except (CheckFailed, CandidateError) as error:
        if diagnoses and not cause_of(error):
            error.cause = module_cause(grading, symbol, case, oracle, init, method, condition, diagnoses)
        raise


def module_cause(grading: Grading, symbol: str, case: Case, oracle: Callable[[], torch.nn.Module], init: dict,
                 method: str, condition: float | Callable[..., float], diagnoses: tuple[Diagnosis, ...]) -> str:
    """The classic bug the candidate's module is ("" for none). Each Diagnosis's `oracle` is a variant
    called as variant(oracle_module, **float64_inputs), as a callable `condition` is, and returns the
    bug's result of `method`. The candidate's module is called again in float64, loaded with the
    oracle's float64 weights, on the case's float64 inputs, and held to each variant at float64's
    tolerance times the check's condition: the case's own dtype would hide bugs as small as its
    rounding (rotary angles computed in float32, an eps of 1e-5 for 1e-6). A module whose two such
    calls differ is "random-in-forward" (dropout left on, random numbers drawn in forward)."""
    try:
        module, oracle_module = build_module(grading, symbol, case, oracle, init)
        module.to(dtype=torch.float64)
        module.load_state_dict(oracle_module.state_dict())
        inputs = {name: value.to(grading.device) if isinstance(value, torch.Tensor) else value
                  for name, value in case.reference_inputs(grading.seed_offset).items()}
        args, kwargs = grading.split_arguments(f"{symbol}.{method}", inputs)
        got = module.call(method, *args, **kwargs).output
        if not _identical(got, module.call(method, *args, **kwargs).output):
            return "random-in-forward"
    except (CheckFailed, CandidateError):
        return ""
    reference = case.reference_inputs(grading.seed_offset)
    factor = case.condition * (condition(oracle_module, **reference) if callable(condition) else condition)
    like = grading.expected("float64")
    with torch.no_grad():
        return cause_of(diagnosed(CheckFailed(""), diagnoses, lambda diagnosis: expect_outputs(
            got, diagnosis.oracle(oracle_module, **case.reference_inputs(grading.seed_offset)), like, factor)))


def _identical(first, second) -> bool:
    if isinstance(first, torch.Tensor) and isinstance(second, torch.Tensor):
        return first.shape == second.shape and torch.allclose(first, second, rtol=0, atol=0, equal_nan=True)
    if isinstance(first, (tuple, list)) and isinstance(second, (tuple, list)) and len(first) == len(second):
        return all(_identical(a, b) for a, b in zip(first, second))
    return True  # not tensors: nothing to say


def check_traced_shapes(grading: Grading, symbol: str, case: Case, oracle: Callable[[], torch.nn.Module], *,
                        init: dict, method: str, expected: dict[str, tuple[tuple, str]]) -> None:
    """Calls `method` tracing the submodules `expected` names, each with the output shape the contract
    fixes and why: a wrong shape says where a sequence goes wrong before any value does. A submodule
    the candidate does not call as a module leaves nothing to trace (its values are graded elsewhere)."""
    call = f"{symbol}({', '.join(f'{k}={v!r}' for k, v in init.items())}).{method}"
    with about(case, grading, call):
        module, _oracle_module = build_module(grading, symbol, case, oracle, init)
        args, kwargs = grading.split_arguments(f"{symbol}.{method}", grading.inputs(case))
        result = module.call(method, *args, trace=tuple(expected), **kwargs)
        for name, (shape, why) in expected.items():
            got = result.traced.get(name)
            if got is not None and tuple(got) != tuple(shape):
                raise CheckFailed(_("`{name}` returned shape {got}, expected {shape}: {why}").format(
                    name=name, got=tuple(got), shape=tuple(shape), why=why))


def where_outputs_part(grading: Grading, symbol: str, case: Case, oracle: Callable[[], torch.nn.Module],
                       init: dict, method: str, names: tuple[str, ...]) -> str:
    """Which submodule's output first differs from the oracle's, on the same weights and inputs: where
    to look ("" when nothing can be said). Submodules the candidate does not call are passed over."""
    try:
        module, reference = build_module(grading, symbol, case, oracle, init)
        inputs = grading.inputs(case)
        seen = {}
        hooks = [reference.get_submodule(name).register_forward_hook(
            lambda _module, _inputs, output, name=name: seen.__setitem__(name, output.detach())) for name in names]
        try:
            with torch.no_grad():
                getattr(reference, method)(**case.reference_inputs(grading.seed_offset))
        finally:
            for hook in hooks:
                hook.remove()
        like = grading.expected(input_dtype(inputs))

        def close(got, want) -> bool:
            try:
                # Generous: a diagnosis, not a verdict; rounding (or a GPU's order of sums) is not the bug.
                expect_close(got, want, like, condition=10 * case.condition)
            except CheckFailed:
                return False
            return True

        args, kwargs = grading.split_arguments(f"{symbol}.{method}", inputs)
        result = module.call(method, *args, trace=tuple(names), trace_values=True, **kwargs)
        again = module.call(method, *args, **kwargs).output
    except (CheckFailed, CandidateError):
        return ""
    if isinstance(again, torch.Tensor) and isinstance(result.output, torch.Tensor) and not close(again, result.output):
        return "\n  " + _("two calls on the same input returned different outputs: is dropout left on, or are random "
                          "numbers drawn in forward?")
    matched = None
    for name in names:
        got = result.traced.get(name)
        if got is None or name not in seen:
            continue
        if not close(got, seen[name]):
            if matched is None:
                return "\n  " + _("already the first submodule traced, `{name}`, returns other values than the "
                                  "reference's").format(name=name)
            return "\n  " + _("the submodules' outputs match the reference's up to `{matched}` and first differ at "
                              "`{name}`: the bug is in `{name}`, or in what feeds it after `{matched}`").format(
                matched=matched, name=name)
        matched = name
    return ""
