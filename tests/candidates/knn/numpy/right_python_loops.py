"""Right, and slow: a Python double loop over test and training points (the efficiency check
reports its time against the reference's); ties broken by sorting (distance, index) pairs."""
import math

import numpy as np


def knn_predict(X_train, y_train, X_test, k, task="classify"):
    train = X_train.tolist()
    targets = y_train.tolist()
    predictions = []
    for x in X_test.tolist():
        pairs = []
        for j, point in enumerate(train):
            distance = math.sqrt(sum((a - b) ** 2 for a, b in zip(x, point)))
            pairs.append((distance, j))
        pairs.sort()
        chosen = [targets[j] for _, j in pairs[:k]]
        if task == "regress":
            predictions.append(sum(chosen) / k)
        else:
            counts = {}
            for label in chosen:
                counts[label] = counts.get(label, 0) + 1
            best = max(counts.values())
            predictions.append(min(label for label, count in counts.items() if count == best))
    if task == "classify":
        return np.array(predictions, dtype=y_train.dtype)
    return np.array(predictions, dtype=y_train.dtype if y_train.dtype.kind == "f" else np.float64)
