"""Grader for vit, torch track: the output shapes of the submodules whose shapes the contract fixes
(first: they say where a sequence goes wrong); then `forward` and `forward_features`, their outputs
and the gradients of the image and of every parameter for a random upstream."""
import pytest

from interviewkit.grading import sibling
from interviewkit.grading.checks import about, build_module, check_module
from interviewkit.grading.errors import CheckFailed

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


@pytest.mark.parametrize("case", shared.vit_cases(), ids=str)
def test_forward(grading, case):
    check_module(grading, SYMBOL, case.data, case.oracle, init=case.init)


@pytest.mark.parametrize("case", shared.feature_cases(), ids=str)
def test_forward_features(grading, case):
    """Every token after the final norm, and the gradients of the image and of every parameter but the
    head's (which forward_features does not use)."""
    check_module(grading, SYMBOL, case.data, case.oracle, init=case.init, method="forward_features")
