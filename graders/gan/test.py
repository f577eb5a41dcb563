"""Grader for gan, torch track: the MLP both networks are built from (output, and the gradients of x
and of every parameter); then each step function in a script of calls on the same two modules, with
optimizers kit builds afresh over each one for every call. After every call, the returned losses and
every parameter of G and of D are held to the same calls made in float64 on the oracle's twins."""
import pytest
import torch

from interviewkit.grader import (
    N_, Case, CheckFailed, Expected, Scale, _, about, check_module, expect_close, expect_scaled, expect_unmodified,
    failure, normal, optimizer, sibling, tolerance,
)

shared = sibling(__file__, "cases")
SYMBOL = "MLP"
NETWORKS = ("generator", "discriminator")
NAMES = {"generator": N_("generator"), "discriminator": N_("discriminator")}  # the networks, as messages name them

MLPS = [
    (Case("a_generator", x=normal((5, 3))), {"in_dim": 3, "hidden_dim": 6, "out_dim": 2}),
    (Case("a_discriminator_in_float64", x=normal((6, 2), dtype="float64")), {"in_dim": 2, "hidden_dim": 4, "out_dim": 1}),
    (Case("input_as_wide_as_the_hidden_layer", x=normal((4, 4))), {"in_dim": 4, "hidden_dim": 4, "out_dim": 3}),
    (Case("one_row", x=normal((1, 3), dtype="float64")), {"in_dim": 3, "hidden_dim": 5, "out_dim": 3}),
]


@pytest.mark.parametrize("case, init", MLPS, ids=[case.name for case, _init in MLPS])
def test_forward(grading, case, init):
    check_module(grading, SYMBOL, case, lambda: shared.ReferenceMLP(**init), init=init)


@pytest.mark.parametrize("gan", shared.scripts("discriminator_step"), ids=str)
def test_discriminator_step(grading, gan):
    _run_script(grading, gan)


@pytest.mark.parametrize("gan", shared.scripts("generator_step"), ids=str)
def test_generator_step(grading, gan):
    _run_script(grading, gan)


@pytest.mark.parametrize("gan", shared.scripts("train_gan_step"), ids=str)
def test_train_gan_step(grading, gan):
    _run_script(grading, gan)


def _run_script(grading, gan) -> None:
    case = gan.case()
    with about(case, grading, gan.describe_script()):
        oracles = gan.oracles(grading.seed_offset)
        handles = {name: _build(grading, gan, name, oracles[name]) for name in NETWORKS}
        inputs, reference_inputs = grading.inputs(case), case.reference_inputs(grading.seed_offset)
        like = grading.expected(gan.dtype)
        before = {name: handle.state_dict() for name, handle in handles.items()}
        for number, call in enumerate(gan.calls, start=1):
            try:
                result = grading.candidate.call(call, *_arguments(call, gan, handles, inputs))
                expect_unmodified(result)
                arguments = _arguments(call, gan, oracles, reference_inputs, oracle=True)
                variants = shared.loss_variants(call, arguments)  # before the oracle steps the twins
                want = shared.ORACLES[call](*arguments)
                _expect_losses(call, result.output, want, gan.dtype, variants)
                after = {name: handle.state_dict() for name, handle in handles.items()}
                for name in NETWORKS:
                    _expect_parameters(call, name, before[name], after[name], oracles[name], like)
                before = after
            except CheckFailed as failure:
                if len(gan.calls) > 1:
                    failure.args = (_("call {number} of {total} ({call}): {failure}").format(
                        number=number, total=len(gan.calls), call=call, failure=failure),)
                raise


def _build(grading, gan, name: str, oracle):
    """The candidate's MLP at the case's dtype, loaded with the oracle's weights by name."""
    module = grading.candidate.construct(SYMBOL, **gan.inits()[name])
    dtype = getattr(torch, gan.dtype)
    # The dtype first: float64 weights loaded into float32 parameters would be rounded.
    module.to(device=grading.device, dtype=dtype)
    module.load_state_dict({key: value.to(dtype) for key, value in oracle.state_dict().items()})
    return module


def _arguments(call: str, gan, modules: dict, inputs: dict, oracle: bool = False) -> list:
    """The call's arguments: the two modules, their optimizers (a description kit builds over the
    candidate's module; the oracle's kind and options, which it builds itself), the batches."""
    def step(network: str):
        kind = gan.g_kind if network == "generator" else gan.d_kind
        return kind if oracle else optimizer(kind[0], modules[network], **kind[1])

    g, d = modules["generator"], modules["discriminator"]
    if call == "discriminator_step":
        return [g, d, step("discriminator"), inputs["real"], inputs["z"]]
    if call == "generator_step":
        return [g, d, step("generator"), inputs["z"]]
    return [g, d, step("generator"), step("discriminator"), inputs["real"], inputs["z"]]


def _expect_losses(call: str, got, want, dtype: str, variants: dict | None = None) -> None:
    """The returned loss(es); a wrong loss that one of `variants` (a classic bug's) matches names its cause."""
    try:
        _expect_returned(call, got, want, dtype)
    except CheckFailed as error:
        for cause, loss in (variants or {}).items():
            try:
                _expect_returned(call, got, loss, dtype)
            except CheckFailed:
                continue
            raise failure(str(error), cause) from None
        raise


def _expect_returned(call: str, got, want, dtype: str) -> None:
    if isinstance(want, tuple):
        if not isinstance(got, (tuple, list)) or len(got) != 2:
            raise CheckFailed(_("{call} returned {got}, expected a tuple (d_loss, g_loss) of Python floats").format(
                call=call, got=f"{got!r:.80}"))
        for item, expected, what in zip(got, want, ("d_loss", "g_loss")):
            _expect_loss(item, expected, dtype, _("{call}'s {what}").format(call=call, what=what))
        return
    _expect_loss(got, want, dtype, _("the loss {call} returned").format(call=call))


def _expect_loss(got, want: torch.Tensor, dtype: str, what: str) -> None:
    if isinstance(got, torch.Tensor):
        raise CheckFailed(_("{what} is a tensor, expected a Python float: return loss.item() (a tensor keeps the "
                            "whole autograd graph alive)").format(what=what))
    if not isinstance(got, float):
        raise CheckFailed(_("{what} is {got}, expected a Python float (loss.item())").format(
            what=what, got=f"{got!r:.80}"))
    rtol, atol = tolerance(dtype, max(1.0, float(want.abs())))
    expect_close(torch.tensor(got, dtype=torch.float64), want, Expected("torch", "float64"),
                 _("{what} (computed before the step)").format(what=what), rtol=rtol, atol=atol)


def _expect_parameters(call: str, network: str, before: dict, after: dict, oracle, like) -> None:
    trained = network in shared.TRAINS[call]
    state = oracle.state_dict()
    # A scalar bias near 0 is stepped with gradients summed from the network's activations: its
    # rounding is on the scale of the network's weights, not on its own.
    floor = max(float(value.abs().max()) for value in state.values())
    for name, want in state.items():
        got = after.get(name)
        if not trained and isinstance(got, torch.Tensor) and not torch.equal(got, before[name]):
            other = "discriminator" if network == "generator" else "generator"
            raise CheckFailed(_("{call} changed the {network}'s {name}: only the {other} is trained in this step (step "
                                "only its own optimizer, and {advice})").format(
                call=call, network=_(NAMES[network]), name=name, other=_(NAMES[other]), advice=_advice(network)))
        expect_scaled(got, want, like, _("the {network}'s {name} after {call}").format(
            network=_(NAMES[network]), name=name, call=call), Scale(floor=floor))


def _advice(network: str) -> str:
    if network == "generator":
        return _("detach G's samples: D's loss must reach no parameter of G")
    return _("leave D's parameters alone: G's loss flows through D, but only g_optimizer steps")
