"""conv2d cases, shared by both tracks: x (N, C_in, H, W), weight (C_out, C_in, KH, KW), bias (C_out,)."""
import math

from interviewkit.grader import Case, normal


def conv(name, x, weight, bias=True, dtype="float32", **options):
    """A case from shapes: N(0, 1) inputs; bias=False leaves `bias` out (its default, None)."""
    inputs = {"x": normal(x, dtype=dtype), "weight": normal(weight, dtype=dtype)}
    if bias:
        inputs["bias"] = normal((weight[0],), dtype=dtype)
    return Case(name, **inputs, **options)


def cases() -> list[Case]:
    return [
        conv("three_by_three_kernel_with_defaults", (2, 3, 6, 6), (4, 3, 3, 3)),
        conv("without_bias", (2, 2, 5, 5), (3, 2, 3, 3), bias=False),
        Case("bias_given_as_none", x=normal((2, 2, 5, 4)), weight=normal((3, 2, 2, 2)), bias=None),
        conv("stride_two", (2, 2, 7, 7), (3, 2, 3, 3), stride=2),
        conv("padding_one", (2, 2, 5, 5), (3, 2, 3, 3), padding=1),
        conv("padding_wider_than_half_the_kernel", (1, 2, 4, 4), (2, 2, 3, 3), padding=2),
        conv("stride_and_padding_as_pairs", (2, 2, 7, 6), (3, 2, 3, 3), stride=(2, 1), padding=(1, 2)),
        conv("padding_only_along_the_width", (1, 2, 5, 5), (2, 2, 3, 3), padding=(0, 2)),
        conv("stride_only_along_the_height", (1, 2, 8, 5), (2, 2, 2, 2), stride=(3, 1)),
        conv("stride_that_does_not_divide_evenly", (2, 2, 8, 10), (2, 2, 3, 3), stride=(3, 2)),
        conv("stride_that_does_not_divide_evenly_with_padding", (1, 2, 8, 8), (2, 2, 3, 2), stride=3, padding=1),
        conv("stride_larger_than_the_kernel", (1, 2, 7, 7), (2, 2, 2, 2), stride=3),
        conv("tall_kernel", (2, 3, 7, 6), (2, 3, 3, 1)),
        conv("wide_kernel", (2, 2, 6, 7), (3, 2, 2, 4)),
        conv("wide_kernel_with_stride_and_padding_pairs", (1, 2, 6, 9), (2, 2, 2, 5), stride=(1, 2), padding=(2, 1)),
        conv("wide_image", (2, 2, 4, 9), (2, 2, 3, 3), padding=1),
        conv("tall_image", (1, 2, 9, 4), (3, 2, 3, 3), stride=2),
        conv("batch_of_one", (1, 3, 5, 5), (2, 3, 3, 3), padding=1),
        conv("one_input_and_one_output_channel", (2, 1, 6, 6), (1, 1, 3, 3)),
        conv("one_input_channel_many_output_channels", (2, 1, 5, 5), (4, 1, 3, 3)),
        conv("many_input_channels_one_output_channel", (2, 4, 5, 5), (1, 4, 3, 3)),
        conv("many_channels", (2, 8, 5, 5), (6, 8, 3, 3), padding=1),
        # C_in == C_out: a weight read as (C_in, C_out, KH, KW), ConvTranspose2d's layout, fits the shapes.
        conv("as_many_output_channels_as_input_channels", (2, 3, 5, 5), (3, 3, 3, 3), padding=1),
        conv("one_by_one_kernel", (2, 3, 5, 6), (4, 3, 1, 1)),
        conv("one_by_one_kernel_with_stride_and_padding", (1, 3, 5, 5), (2, 3, 1, 1), stride=2, padding=1),
        conv("kernel_as_large_as_the_image", (2, 3, 4, 4), (2, 3, 4, 4)),
        conv("kernel_as_large_as_the_padded_image", (2, 2, 4, 5), (3, 2, 6, 7), padding=1),
        conv("float64_input", (2, 3, 6, 5), (2, 3, 3, 2), dtype="float64", stride=(1, 2), padding=1),
        conv("float64_input_without_bias", (1, 2, 5, 5), (2, 2, 3, 3), bias=False, dtype="float64", stride=2),
    ]


# A larger case, for timing only (its correctness is what the cases above prove).
TIMING_CASE = Case("larger_batch_of_feature_maps", x=normal((4, 8, 24, 24)), weight=normal((16, 8, 3, 3)),
                   bias=normal((16,)), padding=1)


def _pair(value) -> tuple[int, int]:
    return (value, value) if isinstance(value, int) else tuple(value)


def conditioning(x, weight, stride=1, padding=0, **_):
    """Every output and gradient is a sum of products: of C_in·KH·KW terms for the output, up to
    C_out·KH·KW for x's gradient, N·H_out·W_out for weight's and bias's. Accumulated one term at a
    time in float32, a sum of L random-signed terms is off by about eps·sqrt(L) of its own scale;
    the base tolerance (about 8 eps of the largest value) covers L up to 64, and grows beyond."""
    batch, channels_in, height, width = x.shape
    channels_out, _, kernel_h, kernel_w = weight.shape
    (stride_h, stride_w), (pad_h, pad_w) = _pair(stride), _pair(padding)
    out_h = (height + 2 * pad_h - kernel_h) // stride_h + 1
    out_w = (width + 2 * pad_w - kernel_w) // stride_w + 1
    longest = max(channels_in * kernel_h * kernel_w, channels_out * kernel_h * kernel_w, batch * out_h * out_w)
    return max(1.0, math.sqrt(longest) / 8)
