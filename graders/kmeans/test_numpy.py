"""Grader for kmeans, numpy track: Lloyd's algorithm from given centers against the float64 oracle
(labels exactly, centers within float tolerance), and k-means++ seeding by the properties of its
result (nearest-center labels, a fixed point of Lloyd's, an inertia near the best), by the
distribution of its first two draws (exact on four points, with a false-fail chance below 1e-6) and
by its determinism under one seed."""
from contextlib import contextmanager

import numpy as np
import pytest

from interviewkit.grader import (
    CandidateError, CheckFailed, Expected, _, about, check_efficiency, check_function, expect_close, expect_equal,
    expect_form, expect_frequencies, expect_unmodified, failure, input_dtype, sibling,
)

shared = sibling(__file__, "cases")
oracle = sibling(__file__, "oracle")
SYMBOL = "kmeans"
DEFAULTS = {"max_iters": 100, "tol": 1e-6}


def expect_clustering(output, like, k: int, points: int, dimension: int) -> tuple[np.ndarray, np.ndarray]:
    """The contract's form: (centers (k, D) in x's dtype, labels (N,) of any integer dtype in [0, k)),
    the labels returned as int64."""
    if not isinstance(output, (tuple, list)) or len(output) != 2:
        raise CheckFailed(_("expected a tuple (centers, labels), got {got}").format(got=f"{output!r:.80}"))
    centers, labels = output
    if np.ndim(centers) == 1 and np.shape(labels) == (k, dimension):
        raise failure(_("returned (labels, centers); the contract's order is (centers, labels)"),
                      "labels-and-centers-swapped")
    expect_form(centers, (k, dimension), like, "centers")
    if not isinstance(labels, np.ndarray) or labels.shape != (points,) or labels.dtype.kind not in "iu":
        if isinstance(labels, np.ndarray):
            raise CheckFailed(_("labels: got an array of shape {shape} and dtype {dtype}, expected an integer "
                                "numpy.ndarray of shape ({points},)").format(
                shape=labels.shape, dtype=labels.dtype, points=points))
        raise CheckFailed(_("labels: got a {kind}, expected an integer numpy.ndarray of shape ({points},)").format(
            kind=type(labels).__name__, points=points))
    if len(labels) and (labels.min() < 0 or labels.max() >= k):
        raise CheckFailed(_("labels must lie in [0, {k}); got values from {low} to {high}").format(
            k=k, low=labels.min(), high=labels.max()))
    return centers, labels.astype(np.int64)


def run_candidate(grading, inputs: dict, **extra) -> tuple[np.ndarray, np.ndarray]:
    args, kwargs = grading.split_arguments(SYMBOL, inputs)
    result = grading.candidate.call(SYMBOL, *args, **kwargs, **extra)
    expect_unmodified(result)
    x = inputs["x"]
    return expect_clustering(result.output, Expected("numpy", input_dtype(inputs)), inputs["k"], *x.shape)


def centers_condition(x64: np.ndarray, centers: np.ndarray) -> float:
    """Means of float32 points carry rounding at the scale of the points, which can be larger than
    that of the centers the tolerance is scaled with (points around a center near the origin)."""
    return max(1.0, float(np.abs(x64).max()) / max(float(np.abs(centers).max()), 1e-300))


def unexplained_labels(x64: np.ndarray, centers: np.ndarray, labels: np.ndarray) -> str:
    """Why labels that differ from the oracle's may be wrong even for these centers: not their nearest."""
    nearest = oracle.nearest(x64, centers.astype(np.float64))
    wrong = np.flatnonzero(nearest != labels)
    if not len(wrong):
        return ""
    i = wrong[0]
    return "\n  " + _("your labels are not the assignment to your own centers either: point {i} is labelled "
                      "{label}, but center {nearest} is nearer (or as near, with a lower index); the labels returned "
                      "must be the nearest centers of the centers returned, after the last update").format(
        i=i, label=labels[i], nearest=nearest[i])


def lloyd(x, k, init_centers, max_iters=DEFAULTS["max_iters"], tol=DEFAULTS["tol"]) -> oracle.Run:
    return oracle.lloyd(x.numpy(), init_centers.numpy(), max_iters, tol)


def expect_lloyd(output, expected: oracle.Run, like, condition: float = 1.0) -> None:
    """Labels exactly, centers within tolerance; labels that differ are explained by the centers
    returned when they are the nearest ones to them (then the centers are what is off)."""
    x64 = expected.x
    centers, labels = expect_clustering(output, like, len(expected.centers), *x64.shape)
    if not np.isfinite(centers).all():
        expect_close(centers, expected.centers, like, "centers")  # names the NaN or inf
    condition *= centers_condition(x64, expected.centers)
    try:
        expect_equal(labels, expected.labels, Expected("numpy", "int64"), "labels")
    except CheckFailed as failure:
        explanation = unexplained_labels(x64, centers, labels)
        if not explanation:  # the labels follow the centers returned: the centers are what is off
            expect_close(centers, expected.centers, like, "centers", condition=condition)
        raise CheckFailed(str(failure) + explanation) from None
    expect_close(centers, expected.centers, like, "centers", condition=condition)


@pytest.mark.parametrize("case", shared.given_center_cases(), ids=str)
def test_kmeans_from_given_centers(grading, case):
    check_function(grading, SYMBOL, case, lloyd, compare=expect_lloyd, diagnoses=shared.DIAGNOSES)


@contextmanager
def about_seeded(case, grading, seed: int):
    """`about`, with the seed in the call that rebuilds the failure."""
    try:
        with about(case, grading, SYMBOL):
            yield
    except (CheckFailed, CandidateError) as error:
        error.snippet = error.snippet.removesuffix(")") + f", seed={seed})"
        raise


@pytest.mark.parametrize("case", shared.seeded_cases(), ids=str)
def test_kmeans_plus_plus_seeding(grading, case):
    inputs = grading.inputs(case.data)
    x64, k = inputs["x"].astype(np.float64), inputs["k"]
    like = grading.expected(input_dtype(inputs))
    best = oracle.best_inertia(x64, k, shared.REFERENCE_SEEDS) if case.inertia_bar else None
    for seed in case.seeds(grading.seed_offset):
        with about_seeded(case.data, grading, seed):
            centers, labels = run_candidate(grading, inputs, seed=seed)
            centers64 = centers.astype(np.float64)
            if not np.isfinite(centers).all():
                raise CheckFailed(_("with seed={seed}, the centers hold NaN or inf: {centers}").format(
                    seed=seed, centers=f"{centers!r:.120}"))
            nearest = oracle.nearest(x64, centers64)
            if (nearest != labels).any():
                i = np.flatnonzero(nearest != labels)[0]
                raise CheckFailed(_("with seed={seed}, point {i} is labelled {label}, but center {nearest} is nearer "
                                    "(or as near, with a lower index): the labels returned must be the nearest "
                                    "centers of the centers returned").format(
                    seed=seed, i=i, label=labels[i], nearest=nearest[i]))
            means = oracle.cluster_means(x64, labels, centers64)
            expect_close(centers, means, like, _("with seed={seed}, the centers (against the means of their own "
                                                 "points: Lloyd's did not converge)").format(seed=seed),
                         condition=centers_condition(x64, means))
            if best is not None:
                reached = oracle.inertia(x64, centers64, labels)
                if reached > shared.INERTIA_FACTOR * best:
                    raise CheckFailed(_(
                        "with seed={seed}, the inertia (sum of squared distances to the centers) is {reached}, more "
                        "than {factor}x the {best} that k-means++ seeding reaches: some blob got no center of its own. "
                        "Seed with k-means++: each next center drawn with probability proportional to its squared "
                        "distance to the nearest center so far").format(
                        seed=seed, reached=f"{reached:.4g}", factor=shared.INERTIA_FACTOR, best=f"{best:.4g}"))


def test_kmeans_plus_plus_draws_its_centers_at_random(grading):
    case = shared.LONE_OUTLIER_CASE
    inputs = grading.inputs(case)
    x64, k = inputs["x"].astype(np.float64), inputs["k"]
    best = oracle.best_inertia(x64, k, shared.REFERENCE_SEEDS)
    seeds = [case.seed + grading.seed_offset + run for run in range(shared.SAMPLED_RUNS)]
    stuck = []
    for seed in seeds:
        with about_seeded(case, grading, seed):
            centers, labels = run_candidate(grading, inputs, seed=seed)
        if oracle.inertia(x64, centers.astype(np.float64), labels) > shared.INERTIA_FACTOR * best:
            stuck.append(seed)
    if 2 * len(stuck) >= len(seeds):
        with about_seeded(case, grading, stuck[0]):
            raise CheckFailed(_(
                "in {stuck} of {runs} runs (seeds {first} to {last}) the inertia is more than {factor}x the {best} "
                "k-means++ reaches: the lone point at (-25, 0) got a center of its own. k-means++ draws each next "
                "center at random, with probability proportional to its squared distance to the nearest center so "
                "far (here it picks that point about one run in ten); taking the farthest point instead picks it "
                "every time").format(stuck=len(stuck), runs=len(seeds), first=seeds[0], last=seeds[-1],
                                     factor=shared.INERTIA_FACTOR, best=f"{best:.4g}"))


def test_kmeans_plus_plus_draws_by_squared_distance(grading):
    """The seeding's distribution, not only its outcome: with max_iters=0 the centers returned are the
    seeds. On four points the chance of each ordered pair (first, second) is known exactly,
    1/4 · d(first, second)² / Σ d(first, ·)², and the counts over many seeds are held to it."""
    case = shared.SEEDING_CASE
    inputs = grading.inputs(case)
    x64 = inputs["x"].astype(np.float64)
    counts = np.zeros((len(x64), len(x64)))
    first_seed = case.seed + grading.seed_offset * shared.SEEDING_DRAWS
    for seed in range(first_seed, first_seed + shared.SEEDING_DRAWS):
        with about_seeded(case, grading, seed):
            centers, _labels = run_candidate(grading, inputs, seed=seed)
            picked = [np.flatnonzero((x64 == center.astype(np.float64)).all(axis=1)) for center in centers]
            if any(len(found) != 1 for found in picked):
                raise CheckFailed(_("with seed={seed} and max_iters=0, the centers {centers} are not points of x: "
                                    "k-means++ seeds with points of x, and max_iters=0 returns the seeds").format(
                    seed=seed, centers=centers.tolist()))
            counts[picked[0][0], picked[1][0]] += 1
    expect_frequencies(counts.ravel(), oracle.seeding_pair_probabilities(x64).ravel(),
                       _("the (first, second) seed pairs over seeds {first} to {last} (a pair (i, j) is category "
                         "i·4 + j)").format(first=first_seed, last=first_seed + shared.SEEDING_DRAWS - 1))


def test_the_same_seed_gives_the_same_result(grading):
    case = shared.SAME_SEED_CASE
    seed = case.seed + grading.seed_offset
    with about_seeded(case, grading, seed):
        inputs = grading.inputs(case)
        first, second = run_candidate(grading, inputs, seed=seed), run_candidate(grading, inputs, seed=seed)
        for name, one, other in zip(("centers", "labels"), first, second):
            if not np.array_equal(one, other):
                raise CheckFailed(_("two calls with seed={seed} returned different {name}: draw every random number "
                                    "from np.random.default_rng(seed), not from np.random's global state or an "
                                    "unseeded generator").format(seed=seed, name=name))


def test_efficiency(grading):
    check_efficiency(grading, SYMBOL, shared.TIMING_CASE, lloyd, compare=expect_lloyd)
