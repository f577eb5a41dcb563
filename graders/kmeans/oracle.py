"""The float64 oracle of the kmeans grader: Lloyd's algorithm exactly as the contract states it, and
k-means++ seeding for the inertia the property checks hold candidates to.

tests/test_kmeans_oracle.py proves it on data sets small enough to work out by hand."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


def squared_distances(x: np.ndarray, centers: np.ndarray) -> np.ndarray:
    """(N, k): the squared Euclidean distance of every point to every center, as differences."""
    return ((x[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2)


def nearest(x: np.ndarray, centers: np.ndarray) -> np.ndarray:
    """Each point's nearest center; argmin returns the first minimum, so ties go to the lowest index."""
    return squared_distances(x, centers).argmin(axis=1)


def cluster_means(x: np.ndarray, labels: np.ndarray, centers: np.ndarray) -> np.ndarray:
    """The update step: each center moves to the mean of its points; one without points stays."""
    means = centers.copy()
    for j in range(len(centers)):
        members = x[labels == j]
        if len(members):
            means[j] = members.mean(axis=0)
    return means


@dataclass
class Run:
    """A run of Lloyd's algorithm: the result, and every step on the way (for the proofs)."""

    centers: np.ndarray
    labels: np.ndarray
    x: np.ndarray | None = None  # the points, in float64
    visited: list = field(default_factory=list)  # the centers of each assignment step, then the final ones
    moves: list = field(default_factory=list)  # per iteration, how far each center moved

    @property
    def iterations(self) -> int:
        return len(self.moves)


def lloyd(x, init_centers, max_iters: int = 100, tol: float = 1e-6) -> Run:
    """Assign, update, stop after max_iters iterations or once no center moved by more than tol
    (Euclidean); the labels returned are the assignment to the centers returned."""
    x = np.asarray(x, dtype=np.float64)
    centers = np.array(init_centers, dtype=np.float64)
    run = Run(centers, nearest(x, centers), x)
    for _ in range(max_iters):
        run.visited.append(centers)
        updated = cluster_means(x, nearest(x, centers), centers)
        moved = np.sqrt(((updated - centers) ** 2).sum(axis=1))
        run.moves.append(moved)
        centers = updated
        if moved.max() <= tol:
            break
    run.visited.append(centers)
    run.centers, run.labels = centers, nearest(x, centers)
    return run


def kmeans_plus_plus(x: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """Arthur and Vassilvitskii's seeding: the first center uniformly, each next one with probability
    proportional to its squared distance to the nearest center chosen so far."""
    centers = [x[rng.integers(len(x))]]
    closest = squared_distances(x, centers[0][None]).ravel()
    for _ in range(1, k):
        total = closest.sum()
        chosen = rng.choice(len(x), p=closest / total) if total > 0 else rng.integers(len(x))
        centers.append(x[chosen])
        closest = np.minimum(closest, squared_distances(x, x[chosen][None]).ravel())
    return np.array(centers)


def kmeans(x, k: int, seed: int) -> Run:
    x = np.asarray(x, dtype=np.float64)
    return lloyd(x, kmeans_plus_plus(x, k, np.random.default_rng(seed)))


def inertia(x, centers, labels) -> float:
    """The sum of squared distances of the points to their own centers."""
    x = np.asarray(x, dtype=np.float64)
    return float(((x - np.asarray(centers, dtype=np.float64)[labels]) ** 2).sum())


def best_inertia(x, k: int, seeds) -> float:
    """The lowest inertia the oracle reaches over several k-means++ seeds."""
    return min(inertia(x, run.centers, run.labels) for run in (kmeans(x, k, seed) for seed in seeds))


def closest_calls(x, run: Run, tol: float) -> tuple[float, float]:
    """How near this run came to a decision that rounding could flip: the smallest gap between a
    point's two nearest squared distances (exact ties excluded: they are defined), over the noise
    that float32 differences of these magnitudes carry; and the smallest |largest move - tol| / tol."""
    x = np.asarray(x, dtype=np.float64)
    scale = float(np.abs(x).max()) or 1.0
    gap = np.inf
    for centers in run.visited:
        if len(centers) < 2:
            continue
        nearest_two = np.sort(squared_distances(x, centers), axis=1)[:, :2]
        gaps = nearest_two[:, 1] - nearest_two[:, 0]
        noise = nearest_two[:, 1] + np.sqrt(nearest_two[:, 1]) * scale
        relative = gaps[gaps > 0] / noise[gaps > 0]
        if relative.size:
            gap = min(gap, float(relative.min()))
    move = min((abs(float(moved.max()) - tol) / tol for moved in run.moves), default=np.inf)
    return gap, move


def seeding_pair_probabilities(x: np.ndarray) -> np.ndarray:
    """P(first seed = i, second = j) for k-means++: 1/N, times d(i, j)² over the sum of d(i, ·)²."""
    squared = squared_distances(x, x)
    return squared / squared.sum(axis=1, keepdims=True) / len(x)
