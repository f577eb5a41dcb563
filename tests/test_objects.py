"""Objects a case hands the candidate (toolkit/objects.py, sandbox/made.py): a generator, a module with
given weights, a table step function. Each is built in the sandbox from a description that crosses
as data, its twin in the grader for the reference; check_function holds the candidate's use of each
to the reference's, and grades gradients of a module's parameters by path."""
from __future__ import annotations


import numpy as np
import pytest
import torch

from interviewkit.grader import (
    Case, check_function, linear, normal, numpy_generator, optimizer, step_table, torch_generator,
)
from interviewkit.grading.sandbox import wire
from interviewkit.grading.sandbox.errors import CheckFailed
from interviewkit.grading.sandbox.made import Made
from interviewkit.grading.sandbox.signature import parse_api
from interviewkit.grading.toolkit.checks import Grading
from loaded import loaded_candidate


def test_a_description_crosses_the_wire_as_data_and_nothing_is_built_on_reading():
    made = linear(np.ones((2, 3), dtype=np.float32), np.zeros(2, dtype=np.float32))
    back = wire.decode(wire.encode(made))
    assert isinstance(back, Made) and back.kind == "linear" and np.array_equal(back.spec["weight"], np.ones((2, 3)))
    garbage = wire.encode({"x": 1}).replace(b'"$d"', b'"$M"')
    with pytest.raises(wire.WireError):
        wire.decode(garbage)


def test_an_unknown_maker_is_refused_on_reading():
    data = wire.encode(Made("linear", {"weight": 1}))
    with pytest.raises(wire.WireError, match="unknown tag"):
        wire.decode(data.replace(b'"linear"', b'"system"'))


def test_the_table_step_function_answers_by_length_and_last_token_and_keeps_its_calls():
    table = torch.arange(2 * 3 * 3, dtype=torch.float64).reshape(2, 3, 3)
    step = step_table(table).build()
    assert torch.equal(step(torch.tensor([[0], [2]])), table[0][[0, 2]])
    assert torch.equal(step(torch.tensor([[0, 1]])), table[1][[1]])
    assert [call.tolist() for call in step.calls] == [[[0], [2]], [[0, 1]]]
    with pytest.raises(ValueError, match="prefixes of 3 tokens"):
        step(torch.zeros((1, 3), dtype=torch.long))
    with pytest.raises(TypeError, match=r"LongTensor \(n, t\)"):
        step([[0]])


SOURCE = """import numpy as np
import torch


def dropout(x, p, generator):
    return x * (torch.rand(x.shape, generator=generator, dtype=x.dtype) >= p) / (1 - p)


def dropout_global(x, p, generator):
    return x * (torch.rand(x.shape, dtype=x.dtype) >= p) / (1 - p)


def dropout_twice(x, p, generator):
    torch.rand(1, generator=generator)
    return x * (torch.rand(x.shape, generator=generator, dtype=x.dtype) >= p) / (1 - p)


def shuffle(n, rng):
    return torch.from_numpy(rng.permutation(n))


def mix(x, experts):
    return experts[0](x) + 2 * experts[1](x)


def mix_by_rows(x, experts):
    return torch.cat([experts[0](row[None]) + 2 * experts[1].forward(row[None]) for row in x])


class Scale(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.weight = torch.nn.Parameter(torch.ones(3))

    def forward(self, x):
        return x * self.weight


def train_step(model, optimizer, x):
    optimizer.zero_grad()
    loss = model(x).sum()
    loss.backward()
    optimizer.step()
    return loss.item()


def greedy(step_fn, steps):
    prefix = torch.zeros((1, 1), dtype=torch.long)
    for _ in range(steps):
        token = step_fn(prefix).argmax(-1, keepdim=True)
        prefix = torch.cat([prefix, token], 1)
    return prefix


def greedy_per_token(step_fn, steps):
    prefix = torch.zeros((1, 1), dtype=torch.long)
    for _ in range(steps):
        token = step_fn(prefix[:, -1:]).argmax(-1, keepdim=True)
        prefix = torch.cat([prefix, token], 1)
    return prefix
"""

API = ("dropout(x, p, generator)", "dropout_global(x, p, generator)", "dropout_twice(x, p, generator)",
       "shuffle(n, rng)", "mix(x, experts)", "mix_by_rows(x, experts)", "greedy(step_fn, steps)", "greedy_per_token(step_fn, steps)", "train_step(model, optimizer, x)")


@pytest.fixture(scope="module")
def grading(tmp_path_factory):
    with loaded_candidate(tmp_path_factory.mktemp("objects"), SOURCE) as candidate:
        yield Grading(candidate, "torch", "cpu", tuple(parse_api(line) for line in API))


def reference_dropout(x, p, generator):
    keep = torch.rand(x.shape, generator=generator, dtype=torch.float32) >= p
    return x * keep / (1 - p)


DROPOUT = Case("half", x=normal((5, 7)), p=0.5, generator=torch_generator(11))


def test_a_generator_is_built_in_the_sandbox_and_its_draws_match_the_reference_s(grading):
    check_function(grading, "dropout", DROPOUT, reference_dropout)


def test_drawing_from_the_global_generator_fails_on_the_generator_s_state(grading):
    with pytest.raises(CheckFailed, match="not in the state the reference leaves it in"):
        check_function(grading, "dropout_global", DROPOUT, reference_dropout, compare=lambda *args: None)


def test_drawing_more_than_the_reference_fails(grading):
    with pytest.raises(CheckFailed):
        check_function(grading, "dropout_twice", DROPOUT, reference_dropout)


def test_a_numpy_generator_crosses_too(grading):
    case = Case("eight", n=8, rng=numpy_generator(4))
    check_function(grading, "shuffle", case, lambda n, rng: torch.from_numpy(rng.permutation(n)), grad=False,
                   compare=_exact)
    assert "rng: a np.random.Generator seeded 4" in case.describe()


def test_gradients_reach_the_parameters_of_given_modules_by_path(grading):
    experts = [linear(normal((3, 3)), normal((3,))), linear(normal((3, 3)))]
    case = Case("two experts", x=normal((4, 3)), experts=experts)
    result = check_function(grading, "mix", case, lambda x, experts: experts[0](x) + 2 * experts[1](x))
    assert set(result.gradients.inputs) == {"x", "experts[0].weight", "experts[0].bias", "experts[1].weight"}

    def wrong(x, experts):
        return experts[0](x) + 3 * experts[1](x)
    with pytest.raises(CheckFailed):
        check_function(grading, "mix", case, wrong)


def test_a_recorded_module_s_calls_are_compared_with_the_reference_s(grading):
    experts = [linear(normal((3, 3)), recorded=True), linear(normal((3, 3)), recorded=True)]
    case = Case("two recorded experts", x=normal((4, 3)), experts=experts)

    def mix(x, experts):
        return experts[0](x) + 2 * experts[1](x)
    check_function(grading, "mix", case, mix)
    with pytest.raises(CheckFailed, match=r"`experts\[0\]` was called 4 times, on batches of \[1, 1, 1, 1\] "
                                          r"rows; the reference calls it once, on batches of \[4\] rows"):
        check_function(grading, "mix_by_rows", case, mix)


def test_an_instance_the_candidate_built_is_passed_back_with_an_optimizer_over_it(grading):
    model = grading.candidate.construct("Scale")
    x = torch.tensor([1.0, 2.0, 3.0])
    result = grading.candidate.call("train_step", model, optimizer("SGD", model, lr=0.5), x)
    assert result.output == 6.0
    assert torch.equal(model.state_dict()["weight"], torch.tensor([0.5, 0.0, -0.5]))
    with pytest.raises(RuntimeError, match="kit builds the optimizers"):
        grading.candidate.call("train_step", model, optimizer("LBFGS", model), x)


def reference_greedy(step_fn, steps):
    prefix = torch.zeros((1, 1), dtype=torch.long)
    for _ in range(steps):
        prefix = torch.cat([prefix, step_fn(prefix).argmax(-1, keepdim=True)], 1)
    return prefix


TABLE = Case("three steps", step_fn=step_table(normal((3, 4, 4), dtype="float64")), steps=3)


def test_a_step_function_s_calls_are_compared_with_the_reference_s(grading):
    check_function(grading, "greedy", TABLE, reference_greedy, grad=False, compare=_exact)
    with pytest.raises(CheckFailed, match=r"call 2 of `step_fn` was given prefixes \[\[\d\]\]; the reference gives it \[\[0, \d\]\]"):
        check_function(grading, "greedy_per_token", TABLE, reference_greedy, grad=False, compare=lambda *a: None)


def _exact(actual, expected, like, condition):
    assert torch.equal(actual, expected)
