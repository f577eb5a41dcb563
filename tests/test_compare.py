"""The comparison helper every grader uses: the first thing wrong is what the message says."""
import numpy as np
import pytest
import torch

from interviewkit.grading.toolkit.compare import Expected, expect_close, expect_equal, higher_precision, tolerance
from interviewkit.grading.sandbox.errors import CheckFailed
from interviewkit.grading.sandbox.values import Foreign

NUMPY32 = Expected("numpy", "float32")
TORCH32 = Expected("torch", "float32")


def failure(actual, expected, like=NUMPY32, **options) -> str:
    with pytest.raises(CheckFailed) as caught:
        expect_close(actual, expected, like, **options)
    return str(caught.value)


def test_kind_shape_dtype_and_device_come_before_values():
    expected = torch.zeros(2, 3, dtype=torch.float64)
    assert "got a list, expected a numpy.ndarray" in failure([[0.0] * 3] * 2, expected)
    assert "got None" in failure(None, expected)
    assert "got a MyTensor" in failure(Foreign("MyTensor"), expected, TORCH32)
    assert "has shape (3, 2), expected (2, 3)" in failure(np.zeros((3, 2), np.float32), expected)
    assert "has dtype int64, expected float32" in failure(np.zeros((2, 3), np.int64), expected)
    higher_precision.strict = True
    try:
        assert "--strict holds results to the input's dtype" in failure(np.zeros((2, 3)), expected)
    finally:
        higher_precision.strict = False
    assert "is on meta, expected cuda" in failure(torch.zeros(2, 3, device="meta"), expected,
                                                  Expected("torch", "float32", "cuda"))


def test_nan_where_the_reference_is_finite_is_named_with_its_first_index():
    actual = np.zeros((2, 3), np.float32)
    actual[1, 2] = np.nan
    message = failure(actual, torch.zeros(2, 3, dtype=torch.float64))
    assert "1 NaN value where the reference is finite, first at index (1, 2)" in message


def test_a_value_difference_names_the_worst_index_and_how_far_off():
    expected = torch.arange(12, dtype=torch.float64).reshape(3, 4)
    actual = expected.numpy().astype(np.float32)
    actual[2, 1] += 0.5
    message = failure(actual, expected)
    assert "at 1 of 12 elements" in message
    assert "worst at index (2, 1): expected 9, got 9.5 (off by 0.5, 5.56% off)" in message
    assert "expected[2, ...] = [8, 9, 10, 11]" in message


def test_values_within_the_dtype_tolerance_pass():
    expected = torch.randn(50, 50, dtype=torch.float64)
    expect_close(expected.float(), expected, TORCH32)
    expect_close(expected.clone(), expected, Expected("torch", "float64"))


def test_float64_tolerance_catches_eps_inside_versus_outside_the_square_root():
    variance = torch.rand(100, dtype=torch.float64) + 0.5
    right = 1 / torch.sqrt(variance + 1e-5)
    slip = 1 / (torch.sqrt(variance) + 1e-5)
    with pytest.raises(CheckFailed):
        expect_close(slip, right, Expected("torch", "float64"))


def test_tolerance_scales_with_magnitude_and_condition():
    assert tolerance("float32", 1.0) == (1e-5, 1e-6)
    rtol, atol = tolerance("float32", 100.0, condition=3.0)
    assert rtol == pytest.approx(3e-5) and atol == pytest.approx(3e-4)
    assert tolerance("float32", 0.0)[1] == 1e-6


def test_exact_comparison_for_integers():
    expect_equal(np.array([1, 2, 3]), np.array([1, 2, 3]), Expected("numpy", "int64"))
    with pytest.raises(CheckFailed, match="differs at 1 of 3 entries; first at index 1: expected 2, got 5"):
        expect_equal(np.array([1, 5, 3]), np.array([1, 2, 3]), Expected("numpy", "int64"))


def test_a_numpy_result_of_higher_precision_passes_with_a_note_unless_strict():
    """float64 for float32 input (np.zeros(shape) gives it): graded at float32's tolerance, noted."""
    higher_precision.take()
    expect_close(np.zeros((2, 3)), torch.zeros(2, 3, dtype=torch.float64), NUMPY32)
    assert "output is float64 for float32 input" in higher_precision.take()
    assert higher_precision.take() is None
    with pytest.raises(CheckFailed, match="has dtype float16, expected float32"):
        expect_close(np.zeros((2, 3), np.float16), torch.zeros(2, 3, dtype=torch.float64), NUMPY32)
