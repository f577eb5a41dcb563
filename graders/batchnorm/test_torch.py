"""Grader for batchnorm, torch track: one module followed through several batches in train() and
eval() mode; after every forward, its output, the gradients of x, weight and bias for a random
upstream, and the running statistics in its state_dict()."""
import numpy as np
import pytest
import torch

from interviewkit.grader import (
    CheckFailed, about, expect_close, expect_unmodified, reference_gradients, sibling,
)

shared = sibling(__file__, "cases")
oracles = sibling(__file__, "oracle")
SYMBOL = "BatchNorm2d"
CONTRACT = {"weight": 1.0, "bias": 0.0, "running_mean": 0.0, "running_var": 1.0}


def expect_contract_state(state: dict, num_features: int, like, what: str) -> None:
    """Exactly the contract's two parameters and two buffers, at their initial values."""
    missing = sorted(set(CONTRACT) - set(state))
    extra = sorted(set(state) - set(CONTRACT))
    if missing or extra:
        raise CheckFailed(
            f"{what} holds {sorted(state)}; the contract is exactly the parameters weight and bias and the buffers "
            f"running_mean and running_var (missing: {', '.join(missing) or 'none'}; "
            f"extra: {', '.join(extra) or 'none'})"
        )
    for name, value in CONTRACT.items():
        expect_close(state[name], torch.full((num_features,), value, dtype=torch.float64), like, f"{what}: {name}")


def expect_gradients(result, expected: dict, like, label: str, condition: float, floors: np.ndarray) -> None:
    gradients = result.gradients
    if gradients is None or gradients.problem:
        raise CheckFailed(f"{label}: no gradient: {gradients.problem if gradients else 'none was computed'}")
    extra = sorted(set(gradients.parameters) - {"weight", "bias"})
    if extra:
        raise CheckFailed(f"{label}: {', '.join(extra)} {'is a parameter' if len(extra) == 1 else 'are parameters'}; "
                          "the running statistics are buffers (self.register_buffer), which no optimizer touches")
    found = {"x": gradients.inputs.get("x"), "weight": gradients.parameters.get("weight"),
             "bias": gradients.parameters.get("bias")}
    for name, got in found.items():
        if got is None:
            raise CheckFailed(
                f"{label}: the gradient of `{name}` is None: the output does not depend on `{name}` through autograd "
                "(detached, computed under torch.no_grad(), or replaced by a new tensor?)")
    oracles.expect_per_channel(found["x"], expected["x"], like, f"{label}: gradient of `x`", condition, floors)
    for name in ("weight", "bias"):
        expect_close(found[name], expected[name], like, f"{label}: gradient of `{name}`", condition=condition)


def expect_buffer_kept(value, dtype: torch.dtype, device: str, what: str) -> None:
    """A running statistic stays in the module's dtype and on its device, as `.to()` left it."""
    if isinstance(value, torch.Tensor) and (value.dtype != dtype or value.device.type != torch.device(device).type):
        raise CheckFailed(
            f"{what} is {str(value.dtype).removeprefix('torch.')} on {value.device}, but the module was moved to "
            f"{str(dtype).removeprefix('torch.')} on {device}: update the buffer in place (copy_, mul_, add_) or "
            "assign it a tensor made from itself; torch.tensor(...) and torch.zeros(C) are float32 on the CPU")


@pytest.mark.parametrize("scenario", shared.scenarios("torch"), ids=str)
def test_batch_norm_2d(grading, scenario):
    with about(scenario, grading, SYMBOL):
        parameters, events = scenario.draw("torch", grading.seed_offset)
        dtype = getattr(torch, scenario.dtype)
        like = grading.expected(scenario.dtype)
        condition = shared.conditioning(scenario)
        oracle = oracles.reference_module(scenario, parameters)
        module = grading.candidate.construct(SYMBOL, **scenario.init())
        module.to(device=grading.device, dtype=dtype)
        if scenario.loaded:
            module.load_state_dict({name: value.to(dtype) for name, value in oracle.state_dict().items()})
        else:
            expect_contract_state(module.state_dict(), scenario.num_features, like, f"{SYMBOL}(...) when new")
        moments = oracles.SecondMoments(scenario.num_features)
        for event in events:
            training = event.mode == "train"
            module.train(training)
            oracle.train(training)
            upstream = torch.from_numpy(event.upstream)
            result = module.call("forward", torch.from_numpy(event.x).to(grading.device), upstream=upstream)
            x = oracles.reference_input(event.x, requires_grad=True)
            var = oracles.normalising_variance(oracle, x)
            floors = oracles.gradient_floor(upstream, oracle.weight, var, oracle.eps)
            expected = oracle(x)
            if training:
                moments.add(event.x)
            expect_unmodified(result)
            oracles.expect_per_channel(result.output, expected.detach(), like, f"{event.label}: output", condition)
            wanted = {"x": x, "weight": oracle.weight, "bias": oracle.bias}
            expect_gradients(result, reference_gradients(expected, wanted, upstream), like, event.label, condition,
                             floors)
            in_graph = module.buffers_in_graph()
            if in_graph:
                raise CheckFailed(
                    f"after {event.label}: {', '.join(in_graph)} is part of the autograd graph; running statistics "
                    "are bookkeeping: update them under torch.no_grad() or from detached values")
            state = module.state_dict()
            for name, scales in (("running_mean", np.sqrt(moments.value)), ("running_var", moments.value)):
                what = f"after {event.label}: {name}"
                expect_buffer_kept(state.get(name), dtype, grading.device, what)
                oracles.expect_statistic(state.get(name), getattr(oracle, name), scales, like, what, condition)


def test_a_new_module_has_exactly_the_contract_parameters_and_buffers(grading):
    module = grading.candidate.construct(SYMBOL, num_features=5)
    module.to(device=grading.device)
    expect_contract_state(module.state_dict(), 5, grading.expected("float32"), f"{SYMBOL}(num_features=5)")
    members = module.members()
    for kind, names in (("parameters", ["weight", "bias"]), ("buffers", ["running_mean", "running_var"])):
        if sorted(members[kind]) != sorted(names):
            raise CheckFailed(
                f"{SYMBOL}(num_features=5) registers the {kind} {members[kind]}, expected exactly {names}: weight "
                "and bias are nn.Parameter, the running statistics buffers (self.register_buffer), which no "
                "optimizer updates")
