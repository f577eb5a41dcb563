"""Grader for vit, torch track: the output shapes of the submodules whose shapes the contract fixes
(first: they say where a sequence goes wrong); then `forward` and `forward_features`, their outputs
and the gradients of the image and of every parameter for a random upstream. When an output
differs, the message also says which submodule's output first parts from the reference's."""
import pytest
import torch

from interviewkit.grader import (
    CandidateError, CheckFailed, about, build_module, check_module, expect_close, input_dtype, sibling,
)

shared = sibling(__file__, "cases")
SYMBOL = "VisionTransformer"


def constructor(case) -> str:
    return f"{SYMBOL}({', '.join(f'{name}={value!r}' for name, value in case.init.items())})"


@pytest.mark.parametrize("case", shared.shape_cases(), ids=str)
def test_intermediate_shapes(grading, case):
    """The shapes the contract fixes, for the submodules the candidate calls as modules (one computed
    from their weights some other way leaves nothing to trace, and its values are graded below)."""
    config = case.config
    grid = config["img_size"] // config["patch_size"]
    batch, width = case.batch, config["embed_dim"]
    sequence = (batch, case.num_patches + 1, width)
    expected = {
        "patch_embed.proj": ((batch, width, grid, grid),
                             "the convolution runs on the whole batch of images, one output pixel per patch"),
        **{f"blocks.{index}": (sequence, "a block maps the sequence (B, N + 1, E), the class token followed "
                                         "by the N patches, to a sequence of the same shape")
           for index in range(config["depth"])},
        "norm": (sequence, "the final norm applies to every token of the sequence (B, N + 1, E)"),
    }
    with about(case.data, grading, f"{constructor(case)}.forward_features"):
        module, _ = build_module(grading, SYMBOL, case.data, case.oracle, case.init)
        result = module.call("forward_features", grading.inputs(case.data)["x"], trace=tuple(expected))
        for name, (shape, why) in expected.items():
            got = result.traced.get(name)
            if got is not None and tuple(got) != shape:
                raise CheckFailed(f"`{name}` returned shape {tuple(got)}, expected {shape}: {why}")


def submodules_in_order(config: dict, method: str) -> list[str]:
    names = ["patch_embed.proj"]
    for index in range(config["depth"]):
        names += [f"blocks.{index}.{part}" for part in ("norm1", "attn", "norm2", "mlp")] + [f"blocks.{index}"]
    return names + ["norm"] + (["head"] if method == "forward" else [])


def where_outputs_part(grading, case, method: str) -> str:
    """Which submodule's output first differs from the reference's, on the same weights and image:
    where to look. Submodules the candidate does not call as modules are passed over."""
    names = submodules_in_order(case.config, method)
    module, reference = build_module(grading, SYMBOL, case.data, case.oracle, case.init)
    inputs = grading.inputs(case.data)
    seen = {}
    hooks = [reference.get_submodule(name).register_forward_hook(
        lambda _module, _inputs, output, name=name: seen.__setitem__(name, output.detach())) for name in names]
    try:
        with torch.no_grad():
            getattr(reference, method)(**case.data.reference_inputs(grading.seed_offset))
    finally:
        for hook in hooks:
            hook.remove()
    like = grading.expected(input_dtype(inputs))

    def close(got, want) -> bool:
        try:
            # Generous: a diagnosis, not a verdict; rounding (or a GPU's order of sums) is not the bug.
            expect_close(got, want, like, condition=10 * case.data.condition)
        except CheckFailed:
            return False
        return True

    result = module.call(method, inputs["x"], trace=tuple(names), trace_values=True)
    again = module.call(method, inputs["x"]).output
    if isinstance(again, torch.Tensor) and isinstance(result.output, torch.Tensor) \
            and not close(again, result.output):
        return ("\n  two calls on the same image returned different outputs: is dropout left on, or are random "
                "numbers drawn in forward? The contract's ViT has no dropout")
    matched = None
    for name in names:
        got = result.traced.get(name)
        if got is None or name not in seen:
            continue
        if not close(got, seen[name]):
            if matched is None:
                return f"\n  already the first submodule traced, `{name}`, returns other values than the reference's"
            return (f"\n  the submodules' outputs match the reference's up to `{matched}` and first differ at "
                    f"`{name}`: the bug is in `{name}`, or in what feeds it after `{matched}`")
        matched = name
    return ""


def check_and_locate(grading, case, method: str) -> None:
    try:
        check_module(grading, SYMBOL, case.data, case.oracle, init=case.init, method=method)
    except CheckFailed as failure:
        if not str(failure).startswith("output"):
            raise  # a gradient: every output matched
        try:
            where = where_outputs_part(grading, case, method)
        except (CheckFailed, CandidateError):
            where = ""
        failure.args = (str(failure) + where,)
        raise


@pytest.mark.parametrize("case", shared.vit_cases(), ids=str)
def test_forward(grading, case):
    check_and_locate(grading, case, "forward")


@pytest.mark.parametrize("case", shared.feature_cases(), ids=str)
def test_forward_features(grading, case):
    """Every token after the final norm, and the gradients of the image and of every parameter but the
    head's (which forward_features does not use)."""
    check_and_locate(grading, case, "forward_features")
