"""The batchnorm graders' twins, proved against nn.BatchNorm2d (and the numpy track's against
nn.BatchNorm1d/2d and autograd) over whole scenarios and against the statement's hand-worked
example; and the scenarios, proved to do what their names promise and to print snippets that
rebuild exactly the values graded."""
from __future__ import annotations

import numpy as np
import pytest
import torch
from torch import nn

from interviewkit.catalog import content_root
from interviewkit.grader import sibling

GRADER = str(content_root() / "graders" / "batchnorm" / "test_torch.py")
cases, oracles = sibling(GRADER, "cases"), sibling(GRADER, "oracle")
SCENARIOS = {track: cases.scenarios(track) for track in ("numpy", "torch")}


def library_module(scenario, parameters, two_dim: bool = False) -> nn.Module:
    library = (nn.BatchNorm1d if two_dim else nn.BatchNorm2d)(**scenario.init(), dtype=torch.float64)
    with torch.no_grad():
        for name, value in parameters.items():
            getattr(library, name).copy_(torch.from_numpy(value.astype(np.float64)))
    return library


@pytest.mark.parametrize("scenario", SCENARIOS["torch"], ids=str)
def test_the_oracle_is_nn_batchnorm2d_step_by_step(scenario):
    parameters, events = scenario.draw("torch")
    oracle, library = oracles.reference_module(scenario, parameters), library_module(scenario, parameters)
    assert set(oracle.state_dict()) == {"weight", "bias", "running_mean", "running_var"}
    for event in events:
        oracle.train(event.mode == "train")
        library.train(event.mode == "train")
        x = torch.from_numpy(event.x.astype(np.float64)).requires_grad_()
        upstream = torch.from_numpy(event.upstream)
        mine, theirs = oracle(x), library(x)
        torch.testing.assert_close(mine, theirs, rtol=0, atol=0)
        grads = torch.autograd.grad((mine * upstream).sum(), (x, oracle.weight, oracle.bias))
        library_grads = torch.autograd.grad((theirs * upstream).sum(), (x, library.weight, library.bias))
        for got, want in zip(grads, library_grads):
            torch.testing.assert_close(got, want, rtol=1e-12, atol=1e-12)
        for name in ("running_mean", "running_var"):
            torch.testing.assert_close(getattr(oracle, name), getattr(library, name), rtol=0, atol=0)


@pytest.mark.parametrize("scenario", SCENARIOS["numpy"], ids=str)
def test_the_numpy_twin_is_the_library_s_forward_and_autograd_s_backward(scenario):
    """Forward in the mode its `training` says; backward of the last training-mode forward, whatever
    came after it, with dgamma and dbeta; the running statistics kept by the module it wraps."""
    parameters, events = scenario.draw("numpy")
    twin = oracles.ReferenceNumpyBatchNorm(oracles.reference_module(scenario, parameters))
    library = library_module(scenario, parameters, two_dim=events[0].x.ndim == 2)
    last = None
    for event in events:
        if event.mode == "new":  # gamma and beta set between calls, on both
            twin.gamma, twin.beta = event.x["gamma"], event.x["beta"]
            with torch.no_grad():
                library.weight.copy_(torch.from_numpy(event.x["gamma"].astype(np.float64)))
                library.bias.copy_(torch.from_numpy(event.x["beta"].astype(np.float64)))
            continue
        if event.mode == "backward":
            x, out = last
            dout = torch.from_numpy(event.upstream.astype(np.float64))
            wanted = torch.autograd.grad(out, (x, library.weight, library.bias), dout, retain_graph=True)
            got = (twin.backward(dout), twin.dgamma, twin.dbeta)
            for mine, theirs in zip(got, wanted):
                torch.testing.assert_close(mine, theirs, rtol=1e-12, atol=1e-12)
            continue
        twin.training = event.mode == "train"
        library.train(twin.training)
        x = torch.from_numpy(event.x.astype(np.float64)).requires_grad_()
        out = library(x)
        last = (x, out) if twin.training else last
        torch.testing.assert_close(twin.forward(x.detach()), out.detach(), rtol=0, atol=0)
        torch.testing.assert_close(twin.running_var, library.running_var, rtol=0, atol=0)
        torch.testing.assert_close(twin.running_mean, library.running_mean, rtol=0, atol=0)
    torch.testing.assert_close(twin.gamma, library.weight.detach(), rtol=0, atol=0)


def test_the_oracle_on_the_statement_s_example():
    """Channel 0 holds 1 and 3 (mean 2, biased variance 1, unbiased 2), channel 1 holds 10 and 20
    (mean 15, variances 25 and 50); one step of momentum 0.1 from 0 and 1."""
    oracle = oracles.ReferenceBatchNorm(2)
    out = oracle(torch.tensor([[1.0, 10.0], [3.0, 20.0]], dtype=torch.float64))
    root = np.sqrt(np.array([1.0, 25.0]) + 1e-5)
    np.testing.assert_allclose(out.detach().numpy(), np.array([[-1.0, -5.0], [1.0, 5.0]]) / root, rtol=1e-14)
    np.testing.assert_allclose(oracle.running_mean.numpy(), [0.2, 1.5], rtol=1e-14)
    np.testing.assert_allclose(oracle.running_var.numpy(), [1.1, 5.9], rtol=1e-14)
    oracle.eval()
    out = oracle(torch.tensor([[2.0, 15.0]], dtype=torch.float64))
    np.testing.assert_allclose(out.detach().numpy(), [[1.8 / np.sqrt(1.1 + 1e-5), 13.5 / np.sqrt(5.9 + 1e-5)]],
                               rtol=1e-14)
    np.testing.assert_allclose(out.detach().numpy(), [[1.716225, 5.557857]], atol=1e-6)  # as the statement prints


def test_the_small_variance_case_tells_eps_and_the_variances_apart():
    """In float64, eps outside the square root and an unbiased variance to normalise are each off by
    far more than the float64 tolerance (1e-10) in the first step of both small-variance cases."""
    for scenario in (s for s in SCENARIOS["numpy"] if s.name.startswith("small_variance_float64")):
        _, events = scenario.draw("numpy")
        x = events[0].x
        axes = (0,) + tuple(range(2, x.ndim))
        var, n, eps = x.var(axis=axes)[:2], x.size // x.shape[1], 1e-5  # the two small channels
        std = np.sqrt(var + eps)
        assert np.all(np.abs(np.sqrt(var) + eps - std) / std > 1e-3)
        assert np.all(np.abs(np.sqrt(var * n / (n - 1) + eps) / std - 1) > 1e-2)


def test_the_channels_really_differ_in_scale():
    scenario = next(s for s in SCENARIOS["torch"] if s.name == "channels_of_very_different_scales")
    _, events = scenario.draw("torch")
    stds = events[0].x.astype(np.float64).std(axis=(0, 2, 3))
    assert stds.max() / stds.min() > 1e5


class Recorder:
    """Stands in for the candidate's class in a snippet: records what the snippet feeds it."""

    def __init__(self, *args, **kwargs):
        self.fed, self.training = [], True

    def double(self):
        return self

    def load_state_dict(self, state):
        self.state = state

    def train(self, mode=True):
        self.training = mode

    def eval(self):
        self.training = False

    def forward(self, x):
        self.fed.append(("train" if self.training else "eval", np.asarray(x)))

    __call__ = forward

    def backward(self, dout):
        self.fed.append(("backward", np.asarray(dout)))


@pytest.mark.parametrize("track", ["numpy", "torch"])
@pytest.mark.parametrize("seed_offset", [0, 3])
def test_the_snippets_replay_the_values_graded(track, seed_offset):
    for scenario in SCENARIOS[track]:
        parameters, events = scenario.draw(track, seed_offset)
        namespace = {"BatchNorm": Recorder, "BatchNorm2d": Recorder}
        exec(scenario.snippet("BatchNorm2d" if track == "torch" else "BatchNorm", track, seed_offset), namespace)
        bn = namespace["bn"]
        calls = [event for event in events if event.mode != "new"]  # a "new" event sets gamma and beta
        assert [mode for mode, _ in bn.fed] == [event.mode for event in calls], scenario.name
        for (_, fed), event in zip(bn.fed, calls):
            want = event.upstream if event.mode == "backward" else event.x
            np.testing.assert_array_equal(fed, want)
            assert fed.dtype == want.dtype
        if track == "torch" and parameters:
            np.testing.assert_array_equal(bn.state["weight"].numpy(), parameters["weight"])
        elif parameters:
            last = [event.x for event in events if event.mode == "new"][-1:] or [
                {"gamma": parameters["weight"], "beta": parameters["bias"]}]
            np.testing.assert_array_equal(bn.gamma, last[0]["gamma"])
            np.testing.assert_array_equal(bn.beta, last[0]["beta"])
