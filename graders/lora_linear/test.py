"""Grader for lora_linear (torch): a LoRA layer over a given frozen nn.Linear, followed through
merges and unmerges beside a float64 twin (output, gradients of x, lora_A and lora_B, and the state
dict after every step); which parameters learn in each state; and a new layer's initialisation,
lora_A by its distribution."""
import numpy as np
import pytest
import torch

from interviewkit.grader import (
    N_, CheckFailed, _, about, check_steps, expect_distributed, expect_equal, expect_form, sibling,
)

shared = sibling(__file__, "cases")
oracles = sibling(__file__, "oracle")
SYMBOL = "LoRALinear"
TRAINED = {"lora_A", "lora_B"}
STATES = {"unmerged": N_("unmerged"), "merged": N_("merged"), "unmerged again": N_("unmerged again")}  # as shown


@pytest.mark.parametrize("layer", shared.layers(), ids=str)
def test_lora_linear(grading, layer):
    weights, steps = layer.draw(grading.seed_offset)
    twin = oracles.ReferenceLoRA(layer, weights)
    check_steps(grading, SYMBOL, layer, twin, steps, args=(shared.base(weights, dtype=layer.built),),
                init=layer.init(), dtype=layer.dtype, load=True, state=layer.state_names(),
                diagnoses=oracles.diagnoses(layer, weights))


TRAINING = [layer for layer in shared.layers()
            if layer.name in ("square_layer", "rank_equal_to_out_features_without_bias")]


@pytest.mark.parametrize("layer", TRAINING, ids=str)
def test_only_lora_A_and_lora_B_learn(grading, layer):
    """Unmerged, exactly lora_A and lora_B receive gradients; merged, nothing does (the frozen base
    must stay a leaf that does not require grad, so merge() records no history)."""
    weights, steps = layer.draw(grading.seed_offset)
    twin = oracles.ReferenceLoRA(layer, weights)
    forward = next(step for step in steps if step.method == "forward")
    x = torch.from_numpy(forward.inputs["x"]).to(grading.device)
    upstream = torch.from_numpy(forward.upstream)
    dtype = getattr(torch, layer.dtype)
    with about(layer, grading, SYMBOL):
        handle = grading.candidate.construct(SYMBOL, shared.base(weights, grading.device), **layer.init())
        handle.load_state_dict({name: value.to(dtype) for name, value in twin.state_dict().items()})
        for state, then in (("unmerged", "merge"), ("merged", "unmerge"), ("unmerged again", None)):
            gradients = handle.call("forward", x, upstream=upstream).gradients
            if gradients is None or gradients.problem:
                raise CheckFailed(_("{state}: gradient: {problem}").format(
                    state=_(STATES[state]), problem=gradients.problem if gradients else _("none was computed")))
            _expect_trained(gradients.parameters, state)
            if then:
                handle.call(then)


def _expect_trained(gradients: dict, state: str) -> None:
    """`gradients` holds every parameter that requires grad, None where none reached it."""
    frozen = sorted(set(gradients) - TRAINED)
    if frozen:
        raise CheckFailed(_(
            "{state}: {names} require(s) grad: only lora_A and lora_B are trained. Set requires_grad = False on every "
            "parameter of base in __init__, and change base.weight in merge()/unmerge() under torch.no_grad(), or it "
            "joins the autograd graph").format(state=_(STATES[state]), names=", ".join(f"`{name}`" for name in frozen)))
    untrained = sorted(TRAINED - set(gradients))
    if untrained:
        raise CheckFailed(_("{state}: {names} do(es) not require grad: lora_A and lora_B are the trainable "
                            "nn.Parameters").format(state=_(STATES[state]),
                                                    names=", ".join(f"`{name}`" for name in untrained)))
    reached = sorted(name for name in TRAINED if gradients[name] is not None)
    if state == "merged" and reached:
        raise CheckFailed(_("{state}: {names} received a gradient: while merged, forward is base(x) alone (the update "
                            "is already in base.weight)").format(state=_(STATES[state]),
                                                                names=", ".join(f"`{name}`" for name in reached)))
    if state != "merged" and len(reached) < len(TRAINED):
        raise CheckFailed(_("{state}: lora_A and lora_B must both receive a gradient through forward; only {reached} "
                            "did").format(state=_(STATES[state]), reached=reached or _("neither")))


def _uniform_cdf(values):
    return np.clip((values + 1) / 2, 0.0, 1.0)


def test_a_new_layer_is_the_base_with_lora_A_drawn_as_kaiming_uniform(grading):
    """lora_A · √in_features ~ U(-1, 1) (kaiming_uniform_ with a = √5), graded by distribution at a
    false-fail rate of 1e-6; lora_B exactly zero; scaling = alpha / r; both factors in base.weight's
    dtype and device; base kept as given."""
    fresh = shared.Fresh("new_layers")
    samples = []
    with about(fresh, grading, SYMBOL):
        for (in_features, out_features, r, alpha, bias, dtype), weights in fresh.draw(grading.seed_offset):
            like = grading.expected(dtype)
            handle = grading.candidate.construct(SYMBOL, shared.base(weights, grading.device), r=r, alpha=alpha)
            where = (f"LoRALinear(nn.Linear({in_features}, {out_features}, dtype=torch.{dtype}), "
                     f"r={r}, alpha={alpha!r})")
            lora_A, lora_B = handle.get("lora_A"), handle.get("lora_B")
            expect_form(lora_A, (r, in_features), like, f"{where}.lora_A")
            expect_equal(lora_B, torch.zeros(out_features, r, dtype=getattr(torch, dtype)), like,
                         _("{where}.lora_B (zeros: a new layer computes exactly base(x))").format(where=where))
            scaling = handle.get("scaling")
            if not isinstance(scaling, float) or abs(scaling - alpha / r) > 1e-12 * abs(alpha / r):
                raise CheckFailed(_("{where}.scaling is {scaling}; expected alpha / r = {expected}, a Python "
                                    "float").format(where=where, scaling=repr(scaling), expected=repr(alpha / r)))
            state = handle.state_dict()
            for name, value in weights.items():
                expect_equal(state.get(f"base.{name}"), torch.from_numpy(value), like,
                             _("{where}.base.{name} (the base layer as given: keep it, do not build a new "
                               "one)").format(where=where, name=name))
            samples.append(lora_A.double().cpu().numpy().ravel() * np.sqrt(in_features))
        expect_distributed(np.concatenate(samples), _uniform_cdf, "lora_A · √in_features",
                           _("U(-1, 1), that is lora_A ~ U(-1/√in_features, 1/√in_features) "
                             "(nn.init.kaiming_uniform_(lora_A, a=math.sqrt(5)))"))

