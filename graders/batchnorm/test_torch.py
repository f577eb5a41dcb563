"""Grader for batchnorm, torch track: one module followed through several batches in train() and
eval() mode; after every forward, its output, the gradients of x, weight and bias for a random
upstream, and the running statistics in its state_dict()."""
import pytest

from interviewkit.grader import check_steps, sibling

shared = sibling(__file__, "cases")
oracles = sibling(__file__, "oracle")
SYMBOL = "BatchNorm2d"
STATISTICS = ("running_mean", "running_var")


@pytest.mark.parametrize("scenario", shared.scenarios("torch"), ids=str)
def test_batch_norm_2d(grading, scenario):
    parameters, events = scenario.draw("torch", grading.seed_offset)
    twin = oracles.reference_module(scenario, parameters)
    check_steps(grading, SYMBOL, scenario, twin, [event.step() for event in events], init=scenario.init(),
                dtype=scenario.dtype, load=scenario.loaded, state=STATISTICS,
                condition=shared.conditioning(scenario), scales=twin.scales,
                diagnoses=oracles.torch_diagnoses(scenario, parameters))


def test_a_new_module_has_exactly_the_contract_parameters_and_buffers(grading):
    """The parameters weight and bias (ones and zeros) and the buffers running_mean and running_var
    (zeros and ones), and nothing else: an optimizer trains what is registered as a parameter."""
    scenario = shared.NEW_INSTANCE
    twin = oracles.reference_module(scenario, {})
    check_steps(grading, SYMBOL, scenario, twin, [], init=scenario.init(),
                state=("weight", "bias", *STATISTICS))
