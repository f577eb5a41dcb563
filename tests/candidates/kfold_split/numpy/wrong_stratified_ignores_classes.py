"""The stratified split ignores the classes: plain k-fold folds over len(y) samples."""
# expect-fail: stratified_kfold_split[two_classes_in_two_folds] stratified_kfold_split[labels_not_in_sorted_order_of_appearance] stratified_kfold_split[shuffled_balanced_classes] stratified_kfold_split_rejects[every_class_smaller_than_k]
# hint: the-stratified-deal
import numpy as np


def kfold_split(n_samples, n_splits=5, shuffle=False, rng=None):
    if n_splits < 2 or n_splits > n_samples:
        raise ValueError(f"n_splits must be between 2 and {n_samples}, got {n_splits}")
    order = rng.permutation(n_samples) if shuffle else np.arange(n_samples)
    bounds = np.cumsum([0] + [n_samples // n_splits + (fold < n_samples % n_splits) for fold in range(n_splits)])
    tests = [np.sort(order[bounds[fold]:bounds[fold + 1]]) for fold in range(n_splits)]
    return [(np.setdiff1d(np.arange(n_samples), test), test) for test in tests]


def stratified_kfold_split(y, n_splits=5, shuffle=False, rng=None):
    return kfold_split(len(y), n_splits, shuffle, rng)
