"""Grader for grouped_query_attention, torch track: one call on a whole sequence (the output, the
returned cache, and the gradients of x and of every parameter for a random upstream on all three),
and a sequence fed in chunks, each call given the cache the candidate's previous call returned,
held after every call to one call on the whole sequence.

check_steps cannot feed one call's output into the next (a step's inputs are fixed before the
script runs), so the decoding loop is written here with the toolkit's comparison helpers. A failure is
diagnosed as one of the classic bugs of bugs.py."""
import pytest
import torch

from interviewkit.grader import (
    CheckFailed, _, about, build_module, check_module, diagnosed, expect_gradients, expect_outputs, expect_unmodified,
    failure, ngettext, reference_gradients, sibling,
)

shared = sibling(__file__, "cases")
bugs = sibling(__file__, "bugs")
SYMBOL = "GroupedQueryAttention"


@pytest.mark.parametrize("shape", shared.calls(), ids=str)
def test_one_call_on_a_whole_sequence(grading, shape):
    # The key bias's gradient through `out` is zero (it shifts a whole row of scores): its rounding
    # is on the scale of the largest gradient.
    check_module(grading, SYMBOL, shape.case(), shape.oracle, init=shape.init(), shared_gradient_scale=True,
                 diagnoses=bugs.diagnoses(shape))


@pytest.mark.parametrize("shape", shared.decodings(), ids=str)
def test_decoding_with_the_cache(grading, shape):
    case = shape.case()
    init = ", ".join(f"{name}={value!r}" for name, value in shape.init().items())
    with about(case, grading, f"{SYMBOL}({init}).forward"):
        module, oracle = build_module(grading, SYMBOL, case, shape.oracle, shape.init())
        x, reference_x = grading.inputs(case)["x"], case.reference_inputs(grading.seed_offset)["x"]
        with torch.no_grad():
            whole, (keys, values) = oracle(reference_x)
        like = grading.expected(shape.dtype)
        empty = torch.zeros(shape.batch, shape.num_kv_heads, 0, shape.head_dim, dtype=x.dtype, device=x.device)
        cache = (empty, empty.clone()) if shape.empty_past else None
        reference_cache = (empty.double().cpu(), empty.double().cpu()) if shape.empty_past else None
        start = 0
        for number, size in enumerate(shape.chunks, start=1):
            end = start + size
            past = _("no past") if cache is None else ngettext(
                "a past of {count} token", "a past of {count} tokens", start).format(count=start)
            label = ngettext("call {number} of {total} (x of {size} token, {past})",
                             "call {number} of {total} (x of {size} tokens, {past})", size).format(
                number=number, total=len(shape.chunks), size=size, past=past)
            try:
                result, reference_cache = decoding_step(
                    grading, case, module, oracle, number, x[:, start:end], reference_x[:, start:end], cache,
                    reference_cache, expected=(whole[:, start:end], (keys[:, :, :end], values[:, :, :end])),
                    like=like, shape=shape)
            except CheckFailed as failure:
                failure.args = (f"{label}: {failure}",)
                raise
            cache = result.output[1]
            start = end


def decoding_step(grading, case, module, oracle, number, x, reference_x, cache, reference_cache, expected, like,
                  shape):
    """One call given the candidate's own cache; its output and cache against the whole sequence's,
    the gradients of x and of every parameter against the oracle's call on its own (detached) cache.
    Also: the projections ran on the new tokens only (a decoding step must not recompute the prefix)."""
    leaf = reference_x.clone().requires_grad_()
    step = oracle(leaf, reference_cache)
    upstream = tuple(case.upstream(tuple(t.shape), grading.seed_offset, 3 * number + index)
                     for index, t in enumerate((step[0], *step[1])))
    arguments = {} if cache is None else {"past_kv": cache}
    result = module.call("forward", x, upstream=upstream, trace=("k_proj", "v_proj"), **arguments)
    expect_unmodified(result)
    try:
        expect_outputs(result.output, expected, like, 1.0)
    except CheckFailed as error:  # a classic bug, given the cache of the calls before (bugs.py)?
        raise diagnosed(error, bugs.diagnoses(shape), lambda bug: expect_outputs(
            result.output, bug.oracle(oracle, reference_x, reference_cache), like, 1.0)) from None
    for name in ("k_proj", "v_proj"):
        traced = result.traced.get(name)
        if traced is not None and tuple(traced)[:-1] != tuple(x.shape[:-1]):
            raise failure(_("`{name}` returned shape {shape}: it ran on {ran} tokens per sequence, but this call's x "
                            "holds {new} new ones. Project only the new tokens and append them to the cache: "
                            "recomputing the past makes every step cost the whole context").format(
                name=name, shape=tuple(traced), ran=traced[1], new=x.shape[1]), "prefix-recomputed")
    wanted = {**{("input", "x"): leaf}, **{("param", name): p for name, p in oracle.named_parameters()}}
    everything = reference_gradients(step, wanted, upstream)
    for kind in ("input", "param"):
        gradients = {name: value for (of, name), value in everything.items() if of == kind}
        scale = max(float(g.abs().max()) for g in gradients.values())
        expect_gradients(result.gradients, gradients, like, 1.0, parameters=kind == "param", magnitude=scale)
    return result, tuple(t.detach() for t in step[1])
