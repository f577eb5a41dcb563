"""Grader for activations, both tracks. numpy: sigmoid, relu, leaky_relu, tanh, gelu and silu and
each one's derivative, elementwise, in the dtype of x, on exact zeros and on |x| up to 1e4 with no
NumPy warning. torch: gelu and silu through the candidate's autograd.Function, outputs and the
gradient of a random upstream against F.gelu / F.silu in float64."""
import pytest

from interviewkit.grader import _, check_function, expect_outputs, failure, sibling, track

shared = sibling(__file__, "cases")
TRACK = track()
NUMPY_SYMBOLS = ("sigmoid", "relu", "leaky_relu", "tanh", "gelu", "silu")


def without_warnings(grading):
    """expect_outputs, then no RuntimeWarning printed during the call: numpy reports an overflow
    (exp(1000)) as a warning on stderr, which comes back with the reply, even where the value is right."""
    def compare(output, expected, like, condition):
        expect_outputs(output, expected, like, condition)
        printed = grading.candidate.take_printed()
        if "RuntimeWarning" in printed:
            raise failure(_("the right values, but numpy warned while computing them:\n{printed}\nexp(-x) "
                            "overflows for x < -88 in float32 (-709 in float64), and np.where computes both "
                            "branches: take exp of -|x| only, which lies in (0, 1]").format(
                              printed=printed.strip()[-600:]), "overflow-warning")
    return compare


def numpy_check(grading, symbol, case):
    grading.candidate.take_printed()  # what earlier calls printed is not this call's
    check_function(grading, symbol, case, shared.numpy_oracle(symbol), compare=without_warnings(grading),
                   diagnoses=shared.NUMPY_DIAGNOSES.get(symbol, ()))


if TRACK == "numpy":
    @pytest.mark.parametrize("case", shared.option_cases("sigmoid"), ids=str)
    def test_sigmoid(grading, case):
        numpy_check(grading, "sigmoid", case)

    @pytest.mark.parametrize("case", shared.option_cases("sigmoid"), ids=str)
    def test_sigmoid_grad(grading, case):
        numpy_check(grading, "sigmoid_grad", case)

    @pytest.mark.parametrize("case", shared.option_cases("relu"), ids=str)
    def test_relu(grading, case):
        numpy_check(grading, "relu", case)

    @pytest.mark.parametrize("case", shared.option_cases("relu"), ids=str)
    def test_relu_grad(grading, case):
        numpy_check(grading, "relu_grad", case)

    @pytest.mark.parametrize("case", shared.option_cases("leaky_relu"), ids=str)
    def test_leaky_relu(grading, case):
        numpy_check(grading, "leaky_relu", case)

    @pytest.mark.parametrize("case", shared.option_cases("leaky_relu"), ids=str)
    def test_leaky_relu_grad(grading, case):
        numpy_check(grading, "leaky_relu_grad", case)

    @pytest.mark.parametrize("case", shared.option_cases("tanh"), ids=str)
    def test_tanh(grading, case):
        numpy_check(grading, "tanh", case)

    @pytest.mark.parametrize("case", shared.option_cases("tanh"), ids=str)
    def test_tanh_grad(grading, case):
        numpy_check(grading, "tanh_grad", case)

    @pytest.mark.parametrize("case", shared.option_cases("gelu"), ids=str)
    def test_gelu(grading, case):
        numpy_check(grading, "gelu", case)

    @pytest.mark.parametrize("case", shared.option_cases("gelu"), ids=str)
    def test_gelu_grad(grading, case):
        numpy_check(grading, "gelu_grad", case)

    @pytest.mark.parametrize("case", shared.option_cases("silu"), ids=str)
    def test_silu(grading, case):
        numpy_check(grading, "silu", case)

    @pytest.mark.parametrize("case", shared.option_cases("silu"), ids=str)
    def test_silu_grad(grading, case):
        numpy_check(grading, "silu_grad", case)
else:
    @pytest.mark.parametrize("case", shared.torch_cases("gelu"), ids=str)
    def test_gelu(grading, case):
        check_function(grading, "gelu", case, shared.torch_oracle("gelu"), diagnoses=shared.TORCH_DIAGNOSES["gelu"])

    @pytest.mark.parametrize("case", shared.torch_cases("silu"), ids=str)
    def test_silu(grading, case):
        check_function(grading, "silu", case, shared.torch_oracle("silu"))
