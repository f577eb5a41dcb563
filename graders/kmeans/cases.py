"""kmeans cases: Lloyd's algorithm from given centers (compared with the oracle: labels exactly, centers
within float tolerance), and k-means++ seeding (graded by properties of its result).

Cases from given centers are built so that no decision of the algorithm hinges on rounding: the
designed data sets hold small integers whose ties are exact in float32, and every blob is far enough
from the others, or the case float64, that no point lies within rounding of two centers and no
center moves within rounding of `tol` (tests/test_kmeans_oracle.py proves it over many seeds).

Known-wrong solutions (tests/candidates/kmeans/numpy/wrong_*.py), one bug each:
  wrong_empty_cluster_mean_is_nan          the mean of a cluster without points: 0 / 0 = NaN
  wrong_empty_cluster_back_to_its_start    a cluster without points returns to its initial center
  wrong_empty_cluster_takes_farthest_point scikit-learn's relocation: an empty cluster jumps to a far point
  wrong_labels_before_last_update          returns the assignment made before the last update
  wrong_argmax                             each point to its farthest center
  wrong_ties_to_the_highest_index          equal distances go to the last center
  wrong_stops_when_inertia_stops_moving    compares the change in inertia, not the centers' moves, with tol
  wrong_one_iteration_too_many             range(max_iters + 1): max_iters is off by one
  wrong_modifies_init_centers              updates the caller's init_centers in place
  wrong_ignores_init_centers               starts from the first k points whatever init_centers says
  wrong_squared_move_against_tol           compares squared moves with tol (not tol ** 2)
  wrong_total_move_against_tol             compares the norm of all moves together with tol
  wrong_move_per_coordinate                compares each coordinate's move with tol (np.allclose)
  wrong_farthest_point_seeding             takes the farthest point instead of drawing it by D²
  wrong_strictly_below_tol                 stops only when the largest move is < tol, not <= tol
  wrong_ignores_tol                        runs until no label changes
  wrong_uniform_seeding                    k points drawn uniformly instead of k-means++
  wrong_unseeded_generator                 np.random.default_rng() ignores `seed`
  wrong_centers_in_float64                 float32 points give float64 centers
  wrong_expanded_distances_in_float32      |x|² - 2x·c + |c|² in float32: cancellation far from the origin
  wrong_returns_labels_then_centers        (labels, centers), the order of the seed notes' sample
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from interviewkit.grader import Case, Diagnosis, Recipe, _, given, normal, uniform, sibling

oracle = sibling(__file__, "oracle")

# 1-D points whose Lloyd's run from (4, 3, 1) is worked out by hand in tests/test_kmeans_oracle.py:
# the centers go (6.5, 3, 1), (22/3, 3.5, 1), (8.5, 4, 1), where they stay; the largest moves are
# 2.5, 5/6, 7/6, then 0. No point is ever equally far from two centers.
LINE = ((9.0,), (4.0,), (5.0,), (8.0,), (1.0,), (3.0,))
LINE_START = ((4.0,), (3.0,), (1.0,))


@dataclass(frozen=True)
class blobs(Recipe):
    """`sizes[i]` points ~N(means[i], spread²) in every coordinate, one blob after the other."""

    means: tuple[tuple[float, ...], ...]
    sizes: tuple[int, ...]
    spread: float = 1.0
    dtype: str = "float32"

    @property
    def shape(self) -> tuple[int, int]:
        return sum(self.sizes), len(self.means[0])

    def draw(self, rng):
        centers = np.repeat(np.array(self.means, dtype=np.float64), self.sizes, axis=0)
        return centers + rng.standard_normal(self.shape) * self.spread

    def code(self):
        means = [list(mean) for mean in self.means]
        return (f"np.repeat(np.array({means!r}), {list(self.sizes)!r}, axis=0)"
                f" + rng.standard_normal({self.shape!r}) * {self.spread!r}")

    def describe(self):
        return _("{dtype} {shape}: {count} blobs of {sizes} points, spread {spread}").format(
            dtype=self.dtype, shape=self.shape, count=len(self.sizes), sizes="/".join(map(str, self.sizes)),
            spread=f"{self.spread:g}")


def points(*rows, dtype="float32") -> given:
    return given(tuple(tuple(float(v) for v in row) for row in rows), dtype=dtype)


def spaced(count: int, step: float, dimension: int) -> tuple[tuple[float, ...], ...]:
    """Blob means `step` apart along the first axes: one per axis, the first at the origin."""
    return tuple(tuple(step if axis == i - 1 else 0.0 for axis in range(dimension)) for i in range(count))


# A larger case, for timing only (its correctness is what the cases above prove): four thousand
# points in eight dimensions, ten clusters, twenty iterations at most.
TIMING_CASE = Case("four_thousand_points_in_ten_clusters",
                   x=blobs(spaced(10, 8.0, 8), (400,) * 10), k=10, init_centers=normal((10, 8), scale=4.0),
                   max_iters=20)


def given_center_cases() -> list[Case]:
    means = ((0.0, 0.0), (2.5, 0.0), (1.2, 2.2))
    random_start = normal((3, 2), scale=1.5, dtype="float64")
    far = blobs(((3e4, 3e4), (3e4 + 10, 3e4), (3e4, 3e4 + 10)), (10, 10, 10), spread=0.5)
    wide = blobs(spaced(3, 6.0, 16), (10, 10, 10))
    return [
        Case("well_separated_blobs",
             x=blobs(((-6.0, -6.0), (6.0, -6.0), (-6.0, 6.0), (6.0, 6.0)), (8, 12, 10, 10), spread=0.8),
             k=4, init_centers=points((-4, -4), (3, -7), (-7, 3), (5, 5))),
        Case("overlapping_blobs_float64", x=blobs(means, (20, 20, 20), dtype="float64"), k=3,
             init_centers=random_start),
        Case("single_cluster", x=blobs(((0.0, 0.0), (4.0, 1.0)), (9, 7)), k=1, init_centers=points((10, -10))),
        # k = N: the first update puts every center on its own point; labels are the permutation.
        Case("one_cluster_per_point", x=points((0, 0), (3, 0), (0, 3), (3, 3), (6, 1), (1, 6)), k=6,
             init_centers=points((3.25, 3), (1, 6.25), (0, 0.25), (6.25, 1), (0.25, 3), (3, 0.25))),
        # Center 3 is nearest to no point, ever: it stays where it started.
        Case("a_center_far_from_every_point", x=blobs(((0.0, 0.0), (5.0, 0.0), (0.0, 5.0)), (10, 10, 10), 0.5),
             k=4, init_centers=points((1, 1), (4, 0), (0, 4), (50, 50))),
        # Center 2 wins two points, moves to (1.5, 4), then loses both: it stays at (1.5, 4).
        Case("cluster_emptied_after_it_moved", x=points((2, 0), (5, 5), (3, 7), (4, 6), (0, 1)), k=3,
             init_centers=points((5, 0), (7, 4), (0, 4))),
        # Centers 0 and 1 start on the same spot: every tie goes to 0, and 1 stays empty at (1, 0).
        Case("duplicate_points_and_a_duplicate_center",
             x=points((0, 0), (0, 0), (0, 0), (2, 1), (2, 1), (5, 5), (5, 5), (6, 5)), k=4,
             init_centers=points((1, 0), (1, 0), (5, 4), (0, 5))),
        # (2, 3) and (4, 3) are as far from (1, 2) as from (1, 4): both go to center 0, which moves to
        # (2, 2) and center 1 to (2, 4), between which they are tied again. Every cluster holds a power
        # of two points, so the means are exact however they are computed.
        Case("exact_ties_go_to_the_lowest_index", x=points((0, 4), (2, 1), (4, 4), (2, 3), (0, 1), (4, 3)), k=2,
             init_centers=points((1, 2), (1, 4))),
        # N == D: four points in four dimensions, where a sum or a mean over the wrong axis of x keeps
        # its shape. Clusters of two: the means are exact in float32.
        Case("as_many_points_as_dimensions", x=points((0, 0, 0, 0), (1, 0, 0, 0), (6, 6, 6, 6), (6, 7, 6, 6)), k=2,
             init_centers=points((1, 1, 0, 0), (5, 5, 5, 5))),
        Case("one_dimension", x=blobs(((-4.0,), (0.0,), (5.0,)), (10, 10, 10), spread=0.4), k=3,
             init_centers=points((-1,), (1,), (2,))),
        Case("many_dimensions", x=wide, k=3,
             init_centers=points((0,) * 15 + (2,), (5, 1) + (0,) * 14, (1, 5) + (0,) * 14)),
        # |x|² is near 2e9 here: float32's |x|² - 2x·c + |c|² loses every digit of the distances.
        Case("far_from_the_origin", x=far, k=3,
             init_centers=points((3e4 + 1, 3e4 + 1), (3e4 + 9, 3e4 - 1), (3e4 - 1, 3e4 + 9))),
        # Moves 2.5, then 5/6 <= 0.95: stop at (22/3, 3.5, 1); continuing would change them.
        Case("stops_on_tol_before_max_iters", x=given(LINE), k=3, init_centers=given(LINE_START), tol=0.95),
        # 5/6 > 0.75 although (5/6)² <= 0.75: two more iterations, to (8.5, 4, 1).
        Case("tol_is_a_distance_not_a_squared_one", x=given(LINE), k=3, init_centers=given(LINE_START), tol=0.75),
        # The same run on the diagonal: the second move is 5/6 in each coordinate but 5/6·√2 ≈ 1.18 as
        # a distance, more than tol, so it goes on to (8.5, 4, 1) like the line with tol = 0.75.
        Case("tol_is_a_euclidean_distance", x=given(tuple((v, v) for (v,) in LINE)), k=3,
             init_centers=given(tuple((v, v) for (v,) in LINE_START)), tol=0.95),
        # The same points at 1/64 of the scale: after the first iteration the inertia changes by less
        # than tol, while the centers move by more until they settle.
        Case("tol_on_the_moves_of_small_coordinates", x=given(tuple((v / 64,) for (v,) in LINE), dtype="float64"),
             k=3, init_centers=given(tuple((v / 64,) for (v,) in LINE_START), dtype="float64"), tol=0.005),
        # The centers move by 0.5 and exactly 2 = tol, which is not more than tol: stop at (1.5, 7).
        Case("stops_when_the_largest_move_equals_tol", x=points((3,), (0,), (10,), (4,)), k=2,
             init_centers=points((2,), (5,)), tol=2.0),
        # Both limits set, tol first: the second move, 5/6 <= 0.95, stops the run one iteration before
        # max_iters would; running to max_iters gives (8.5, 4, 1).
        Case("tol_stops_the_run_one_iteration_before_max_iters", x=given(LINE), k=3, init_centers=given(LINE_START),
             tol=0.95, max_iters=3),
        Case("stops_after_one_iteration", x=given(LINE), k=3, init_centers=given(LINE_START), max_iters=1),
        Case("stops_after_two_iterations", x=given(LINE), k=3, init_centers=given(LINE_START), max_iters=2),
        # Still moving after two iterations, for every seed offset the proofs try.
        Case("stops_after_two_iterations_float64", x=blobs(means, (30, 30, 30), dtype="float64"), k=3,
             init_centers=random_start, max_iters=2),
    ]


@dataclass(frozen=True)
class SeededCase:
    """A case run without init_centers, once per seed, graded by properties of each result: the labels
    are the nearest centers, one more Lloyd's step changes nothing, and (where `inertia_bar`) the
    inertia is within INERTIA_FACTOR of the best the oracle's k-means++ reaches over REFERENCE_SEEDS."""

    data: Case
    inertia_bar: bool
    runs: int = 4

    def __str__(self) -> str:
        return self.data.name

    def seeds(self, seed_offset: int) -> list[int]:
        return [self.data.seed + seed_offset + run for run in range(self.runs)]


# Where the bar applies, every local optimum but the best is worse than it by orders of magnitude
# (tests/test_kmeans_oracle.py measures both), so 1.5 only leaves room for rounding and for other
# k-means++ variants (greedy k-means++, as scikit-learn's) while failing a stuck run.
REFERENCE_SEEDS = range(10)
INERTIA_FACTOR = 1.5


def seeded_cases() -> list[SeededCase]:
    pairs = ((0.0, 0.0), (100.0, 10.0), (100.0, -10.0), (-100.0, 10.0), (-100.0, -10.0))
    return [
        # Uniform seeding mostly puts every center in the big blob; Lloyd's then drags one center to
        # each pair of small blobs and leaves it between them: 1 run in 85 escapes. k-means++ picks
        # a point of every blob but about once in a million runs.
        SeededCase(Case("a_big_blob_and_two_far_pairs_of_small_ones",
                        x=blobs(pairs, (40, 4, 4, 4, 4), spread=0.002, dtype="float64"), k=5), inertia_bar=True),
        # Local optima up to twice the best inertia are legitimate here: no bar, only a fixed point.
        SeededCase(Case("overlapping_blobs_float64",
                        x=blobs(((0.0, 0.0), (3.0, 0.0), (1.5, 2.6)), (25, 25, 25), spread=1.0, dtype="float64"),
                        k=3), inertia_bar=False),
        SeededCase(Case("well_separated_blobs",
                        x=blobs(((-20.0, -20.0), (20.0, -20.0), (-20.0, 20.0), (20.0, 20.0)), (10, 10, 10, 10),
                                spread=0.5), k=4), inertia_bar=False),
    ]


# k-means++ draws each next center at random. Here it lands on the lone point at (-25, 0) in about
# one run in ten, and Lloyd's then leaves that point a cluster of its own (6x the best inertia);
# taking the farthest point instead of drawing lands on it every time. The check fails when half
# of SAMPLED_RUNS runs or more end so: for k-means++ a chance below 1e-6
# (tests/test_kmeans_oracle.py measures the oracle's rate).
LONE_OUTLIER_CASE = Case("a_lone_outlier_beside_two_blobs",
                         x=blobs(((0.0, 0.0), (10.0, 0.0), (-25.0, 0.0)), (100, 60, 1), spread=0.1,
                                 dtype="float64"), k=2)
SAMPLED_RUNS = 40

# Points without clusters: each seed finds another local optimum (or the same one in another order).
# Four points on a line, far from evenly spaced: the chance of each ordered pair of first two seeds
# differs by two orders of magnitude between squared distance and plain distance.
SEEDING_CASE = Case("four_points_two_seeds", x=given(((0.0, 0.0), (1.0, 0.0), (3.0, 0.0), (10.0, 0.0)),
                                                     dtype="float64"), k=2, max_iters=0)
SEEDING_DRAWS = 1200
SAME_SEED_CASE = Case("points_without_clusters", x=uniform((40, 2), dtype="float64"), k=5)


# --- diagnoses: the classic bugs a failing run from given centers is recognised as
# (katas/kmeans/hints.toml, [causes], explains each; the proofs' `# hint:` lines prove where each leads) --

def _nearest(x, centers, bug):
    distances = oracle.squared_distances(x, centers)
    if bug == "farthest-center":
        return distances.argmax(axis=1)
    if bug == "ties-to-the-highest-index":
        return len(centers) - 1 - distances[:, ::-1].argmin(axis=1)
    return distances.argmin(axis=1)


def _update(x, labels, centers, start, bug):
    means = oracle.cluster_means(x, labels, centers)
    for j in np.flatnonzero(np.bincount(labels, minlength=len(centers)) == 0):
        if bug == "empty-cluster-mean-is-nan":
            means[j] = np.nan
        elif bug == "empty-cluster-back-to-its-start":
            means[j] = start[j]
        elif bug == "empty-cluster-takes-the-farthest-point":
            means[j] = x[oracle.squared_distances(x, centers).min(axis=1).argmax()]
    return means


def _stops(x, old, new, tol, bug) -> bool:
    squared = ((new - old) ** 2).sum(axis=1)
    rules = {
        "squared-move-against-tol": lambda: squared.max() <= tol,
        "total-move-against-tol": lambda: np.sqrt(squared.sum()) <= tol,
        "move-per-coordinate": lambda: np.allclose(new, old, atol=tol),
        "inertia-change-against-tol": lambda: (oracle.squared_distances(x, old).min(axis=1).sum()
                                               - oracle.squared_distances(x, new).min(axis=1).sum()) <= tol,
        "strictly-below-tol": lambda: np.sqrt(squared).max() < tol,
        "ignores-tol": lambda: not squared.any(),
    }
    return rules.get(bug, lambda: np.sqrt(squared).max() <= tol)()


def _lloyd_with(bug: str):
    """The oracle's Lloyd's algorithm (oracle.lloyd), with one classic bug switched on."""
    def variant(x, k, init_centers, max_iters=100, tol=1e-6):
        x = x.numpy()
        start = (x[:k] if bug == "ignores-init-centers" else init_centers.numpy()).copy()
        centers, labels = start, _nearest(x, start, bug)
        for _ in range(max_iters + (bug == "one-iteration-too-many")):
            labels = _nearest(x, centers, bug)
            updated = _update(x, labels, centers, start, bug)
            stop, centers = _stops(x, centers, updated, tol, bug), updated
            if stop:
                break
        final = labels if bug == "labels-before-the-last-update" else _nearest(x, centers, bug)
        return oracle.Run(centers, final, x)
    return variant


# The stopping rules one case cannot tell apart (stopping too late looks the same whatever the
# rule) share one cause.
_STOPPING_RULES = ("squared-move-against-tol", "total-move-against-tol", "move-per-coordinate",
                   "inertia-change-against-tol", "strictly-below-tol", "ignores-tol")
DIAGNOSES = tuple(Diagnosis(bug, _lloyd_with(bug)) for bug in (
    "farthest-center", "ties-to-the-highest-index", "ignores-init-centers", "empty-cluster-mean-is-nan",
    "empty-cluster-back-to-its-start", "empty-cluster-takes-the-farthest-point", "labels-before-the-last-update",
    "one-iteration-too-many",
)) + tuple(Diagnosis("another-stopping-rule", _lloyd_with(rule)) for rule in _STOPPING_RULES)
