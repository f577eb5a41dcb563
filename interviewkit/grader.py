"""The one module graders import: cases and input recipes, the checks that run the candidate and the
float64 oracle side by side (one call, one module call, or one object followed through a sequence
of steps), the comparison helpers, the verdict exceptions, and the track being graded.

    from interviewkit.grader import Case, normal, check_function

A grader is a list of named cases handed to these helpers, not bespoke assertion code."""
from interviewkit.grading.sandbox.errors import CandidateError, CheckFailed, raised_a
# A grader's own messages go through kit's catalogue too (`python -m interviewkit.dev.messages extract`
# reads graders/): `_("...{name}...").format(name=...)`, `N_()` for a module constant shown later.
from interviewkit.messages import N_, _, ngettext
from interviewkit.grading.toolkit.cases import (
    Case, Recipe, causal_mask, given, integers, mask, normal, scaled_rows, uniform,
)
from interviewkit.grading.toolkit.checks import (
    Grading, about, check_function, expect_gradients, expect_outputs, expect_unmodified, input_dtype,
    reference_gradients, track, upstream_for,
)
from interviewkit.grading.toolkit.compare import Expected, expect_close, expect_equal, expect_form, tolerance
from interviewkit.grading.toolkit.diagnoses import Diagnosis, diagnosed, failure
from interviewkit.grading.toolkit.distribution import FALSE_FAIL, expect_distributed, expect_frequencies
from interviewkit.grading.toolkit.efficiency import check_efficiency, check_memory
from interviewkit.grading.toolkit.objects import (
    expect_same_usage, linear, mlp, numpy_generator, optimizer, step_table, torch_generator,
)
from interviewkit.grading.toolkit.modules import build_module, check_module, check_traced_shapes
from interviewkit.grading.toolkit.sibling import sibling
from interviewkit.grading.toolkit.state import Scale, expect_scaled
from interviewkit.grading.toolkit.steps import Step, check_steps

def transposed(recipe) -> "Made":
    """The recipe's values with their last two axes swapped, handed over as a view that is not
    contiguous (sandbox/made.py): the case a solution following memory layout (`rand_like`) fails.
    A transposed (m, n) input is drawn as (n, m)."""
    from interviewkit.grading.sandbox.made import Made

    return Made("transposed", {"tensor": recipe})


__all__ = [
    "_", "ngettext", "N_",
    "CandidateError", "CheckFailed", "raised_a", "Case", "Recipe", "causal_mask", "given", "integers", "mask", "normal",
    "scaled_rows", "uniform", "Grading", "about", "build_module", "check_efficiency", "check_memory", "check_function",
    "check_module", "expect_gradients", "expect_outputs", "expect_unmodified", "input_dtype",
    "reference_gradients", "track", "upstream_for", "Expected", "expect_close", "expect_equal", "expect_form",
    "tolerance", "sibling", "Scale", "expect_scaled", "Step", "check_steps", "check_traced_shapes",
    "expect_same_usage", "transposed", "Diagnosis", "diagnosed", "failure", "FALSE_FAIL", "expect_distributed", "expect_frequencies", "linear", "mlp", "numpy_generator", "optimizer", "step_table", "torch_generator",
]
