"""Grader for batchnorm, numpy track: one instance followed through several batches, its `training`
attribute set by the grader; after every forward, its output and running statistics; after every
backward, dx, dgamma and dbeta against autograd through the float64 oracle."""
import pytest

from interviewkit.grader import check_steps, sibling

shared = sibling(__file__, "cases")
oracles = sibling(__file__, "oracle")
SYMBOL = "BatchNorm"
STATISTICS = ("running_mean", "running_var")


@pytest.mark.parametrize("scenario", shared.scenarios("numpy"), ids=str)
def test_batch_norm(grading, scenario):
    parameters, events = scenario.draw("numpy", grading.seed_offset)
    twin = oracles.ReferenceNumpyBatchNorm(oracles.reference_module(scenario, parameters))
    check_steps(grading, SYMBOL, scenario, twin, [event.step() for event in events], init=scenario.init(),
                dtype=scenario.dtype, load=("gamma", "beta") if scenario.loaded else (), state=STATISTICS,
                condition=shared.conditioning(scenario), scales=twin.scales,
                diagnoses=oracles.numpy_diagnoses(scenario, parameters))


def test_a_new_instance_starts_from_the_initial_values(grading):
    """gamma and beta at 1 and 0, the running statistics at 0 and 1, in training mode (as a new torch
    module is)."""
    scenario = shared.NEW_INSTANCE
    twin = oracles.ReferenceNumpyBatchNorm(oracles.reference_module(scenario, {}))
    check_steps(grading, SYMBOL, scenario, twin, [], init=scenario.init(),
                state=("gamma", "beta", *STATISTICS, "training"))
