"""Correct, in another style: plain Python loops over points and centers with math.dist, means
accumulated point by point, labels as int32, k-means++ with random.choices' cumulative weights
replaced by rng.choice."""
import math

import numpy as np


def nearest(point, centers):
    best, best_distance = 0, math.inf
    for j, center in enumerate(centers):
        distance = math.dist(point, center)
        if distance < best_distance:  # strictly nearer: a tie keeps the lower index
            best, best_distance = j, distance
    return best


def kmeans(x, k, init_centers=None, max_iters=100, tol=1e-6, seed=None):
    points = [list(map(float, row)) for row in x]
    if init_centers is None:
        rng = np.random.default_rng(seed)
        centers = [points[int(rng.integers(len(points)))]]
        while len(centers) < k:
            weights = np.array([math.dist(p, centers[nearest(p, centers)]) ** 2 for p in points])
            centers.append(points[int(rng.choice(len(points), p=weights / weights.sum()))])
    else:
        centers = [list(map(float, row)) for row in init_centers]
    for _ in range(max_iters):
        sums = [[0.0] * len(points[0]) for _ in range(k)]
        counts = [0] * k
        for point in points:
            j = nearest(point, centers)
            counts[j] += 1
            sums[j] = [s + v for s, v in zip(sums[j], point)]
        updated = [[s / counts[j] for s in sums[j]] if counts[j] else centers[j] for j in range(k)]
        moved = max(math.dist(old, new) for old, new in zip(centers, updated))
        centers = updated
        if not moved > tol:
            break
    labels = np.array([nearest(point, centers) for point in points], dtype=np.int32)
    return np.array(centers, dtype=x.dtype), labels
