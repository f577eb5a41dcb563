"""Softmax cases, shared by both tracks (the numpy track names the axis `axis`, torch `dim`)."""
from interviewkit.grader import Case, normal, scaled_rows


def cases(axis: str) -> list[Case]:
    def case(name, x, along=None):
        return Case(name, x=x) if along is None else Case(name, x=x, **{axis: along})

    return [
        case("default_axis", normal((4, 7))),
        case("last_axis_of_3d", normal((2, 3, 5)), -1),
        case("first_axis_of_a_square_matrix", normal((5, 5)), 0),
        case("last_axis_of_a_square_matrix", normal((5, 5)), -1),
        case("middle_axis_of_4d", normal((2, 3, 4, 5)), 1),
        case("negative_axis", normal((3, 4, 5)), -2),
        case("vector", normal((9,))),
        case("single_element_slices", normal((6, 1)), -1),
        case("huge_magnitudes", normal((4, 9), scale=1e4)),
        case("huge_magnitudes_float64", normal((4, 9), scale=1e4, dtype="float64")),
        case("rows_of_very_different_scale", scaled_rows((5, 8), (1e-3, 1.0, 1e2, 1e3, 1e4))),
        case("all_very_negative", normal((3, 6), scale=10.0, shift=-1e4)),
        case("near_constant_rows", normal((4, 6), scale=1e-3, shift=1e3)),
        case("float64_input", normal((3, 7), dtype="float64")),
        case("long_rows", normal((2, 2000), scale=3.0)),
    ]


def conditioning(x, **_):
    """A stable softmax is exact for inputs perturbed by eps·|x| (exp(x - logsumexp(x)) is such a
    one), so its error grows with the inputs' magnitude: the tolerance grows with it."""
    return max(1.0, 0.1 * float(x.abs().max()))


def gradient_magnitude(upstream):
    """Softmax's gradient is p * (g - sum(p * g)): its rounding scales with the upstream g, even
    where the gradient itself is ~0 (a one-hot row)."""
    return float(upstream.abs().max())
