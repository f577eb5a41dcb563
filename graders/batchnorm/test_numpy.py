"""Grader for batchnorm, numpy track: one instance followed through several batches, its `training`
attribute set by the grader; after every forward, its output and running statistics; after every
backward, dx, dgamma and dbeta against autograd through the float64 oracle."""
import numpy as np
import pytest
import torch

from interviewkit.grader import CheckFailed, Expected, about, expect_unmodified, reference_gradients, sibling

shared = sibling(__file__, "cases")
oracles = sibling(__file__, "oracle")
SYMBOL = "BatchNorm"
FLOATS = ("float32", "float64")


def attribute_like(value, dtype: str) -> Expected:
    """Attributes may be kept in float32 or float64 (np.zeros makes float64); they are graded at the
    case's tolerance either way. Method results keep the input's dtype."""
    kept = value.dtype.name if isinstance(value, np.ndarray) and value.dtype.name in FLOATS else dtype
    return Expected("numpy", kept)


def expect_attribute(bn, name: str, expected: torch.Tensor, scales: np.ndarray, dtype: str, what: str,
                     condition: float) -> None:
    value = bn.get(name)
    oracles.expect_statistic(value, expected, scales, attribute_like(value, dtype), f"{what}: {name}", condition,
                            tolerance_dtype=dtype)


@pytest.mark.parametrize("scenario", shared.scenarios("numpy"), ids=str)
def test_batch_norm(grading, scenario):
    with about(scenario, grading, SYMBOL):
        parameters, events = scenario.draw("numpy", grading.seed_offset)
        like = grading.expected(scenario.dtype)
        condition = shared.conditioning(scenario)
        oracle = oracles.reference_module(scenario, parameters)
        bn = grading.candidate.construct(SYMBOL, **scenario.init())
        if scenario.loaded:
            bn.set(gamma=parameters["weight"], beta=parameters["bias"])
        moments = oracles.SecondMoments(scenario.num_features)
        last_training = None
        for event in events:
            if event.mode == "backward":
                x, expected, var = last_training
                dout = torch.from_numpy(event.upstream.astype(np.float64))
                floors = oracles.gradient_floor(dout, oracle.weight, var, oracle.eps)
                wanted = {"dx": x, "dgamma": oracle.weight, "dbeta": oracle.bias}
                gradients = reference_gradients(expected, wanted, dout)
                result = bn.call("backward", event.upstream)
                expect_unmodified(result)
                oracles.expect_per_channel(result.output, gradients["dx"], like, f"{event.label}: dx", condition,
                                           floors)
                # dgamma and dbeta are sums over N·H·W: at the scale of their largest entry.
                for name in ("dgamma", "dbeta"):
                    scale = np.full(scenario.num_features, float(gradients[name].abs().max()))
                    expect_attribute(bn, name, gradients[name], scale, scenario.dtype, event.label, condition)
                continue
            training = event.mode == "train"
            bn.set(training=training)
            oracle.train(training)
            result = bn.call("forward", event.x)
            x = oracles.reference_input(event.x, requires_grad=training)
            var = oracles.normalising_variance(oracle, x)  # before the forward updates the statistics
            expected = oracle(x)
            if training:
                moments.add(event.x)
                last_training = (x, expected, var)
            expect_unmodified(result)
            oracles.expect_per_channel(result.output, expected.detach(), like, f"{event.label}: output", condition)
            for name, scales in (("running_mean", np.sqrt(moments.value)), ("running_var", moments.value)):
                expect_attribute(bn, name, getattr(oracle, name), scales, scenario.dtype, f"after {event.label}",
                                 condition)


def test_a_new_instance_starts_from_the_initial_values(grading):
    num_features = 5
    bn = grading.candidate.construct(SYMBOL, num_features=num_features)
    for name, value in (("gamma", 1.0), ("beta", 0.0), ("running_mean", 0.0), ("running_var", 1.0)):
        expected = torch.full((num_features,), value, dtype=torch.float64)
        expect_attribute(bn, name, expected, np.zeros(num_features), "float64", f"{SYMBOL}(num_features=5)", 1.0)
    training = bn.get("training")
    if not isinstance(training, (bool, np.bool_)) or not training:
        raise CheckFailed(f"{SYMBOL}(num_features=5).training is {training!r}; a new instance is in training mode "
                          "(training = True), as a new torch module is")
