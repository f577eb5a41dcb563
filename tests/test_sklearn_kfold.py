"""kfold_split's reference and its grader's oracle agree with scikit-learn's KFold and StratifiedKFold
on the grader's own cases: the unshuffled folds exactly, the shuffled ones too when both draw from
the same RandomState (the contract pins scikit-learn's draws, rng.permutation(n) once and one
rng.shuffle per class, with a np.random.Generator in its RandomState's place; a RandomState offers
the same two calls), and the rejected n_splits raise ValueError in scikit-learn as well.
scikit-learn is a test-time oracle only: the grader never imports it and the NumPy track forbids it."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest
from sklearn.model_selection import KFold, StratifiedKFold

from interviewkit.grader import sibling

ROOT = Path(__file__).resolve().parents[1]
GRADER = str(ROOT / "graders" / "kfold_split" / "test.py")
shared = sibling(GRADER, "cases")

# scikit-learn warns where a class has fewer members than n_splits; the contract accepts it silently.
pytestmark = pytest.mark.filterwarnings("ignore:The least populated class")


def _reference():
    spec = importlib.util.spec_from_file_location("sklearn_kfold_reference",
                                                  ROOT / "reference_solutions" / "kfold_split" / "numpy.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


IMPLEMENTATIONS = {"reference": _reference(), "oracle": sibling(GRADER, "oracle")}


def arguments(case) -> dict:
    """The case's inputs, without its generator (scikit-learn takes a seed instead)."""
    inputs = {name: value for name, value in case.numpy_inputs().items() if name != "rng"}
    inputs.setdefault("n_splits", 5)
    inputs.setdefault("shuffle", False)
    return inputs


def theirs(inputs: dict, seed: int) -> list:
    state = np.random.RandomState(seed) if inputs["shuffle"] else None
    if "y" in inputs:
        splitter = StratifiedKFold(inputs["n_splits"], shuffle=inputs["shuffle"], random_state=state)
        return list(splitter.split(np.zeros(len(inputs["y"])), inputs["y"]))
    splitter = KFold(inputs["n_splits"], shuffle=inputs["shuffle"], random_state=state)
    return list(splitter.split(np.zeros(inputs["n_samples"])))


def ours(implementation, inputs: dict, seed: int) -> list:
    symbol = "stratified_kfold_split" if "y" in inputs else "kfold_split"
    rng = np.random.RandomState(seed) if inputs["shuffle"] else None
    return getattr(implementation, symbol)(**inputs, rng=rng)


def assert_same_splits(got: list, want: list) -> None:
    assert len(got) == len(want)
    for (train, test), (their_train, their_test) in zip(got, want):
        assert test.dtype == train.dtype == np.int64
        np.testing.assert_array_equal(test, their_test)
        np.testing.assert_array_equal(train, their_train)


CASES = shared.kfold_cases() + shared.stratified_cases()
REJECTS = shared.kfold_rejects() + shared.stratified_rejects()


def test_the_grader_shuffles_and_stratifies():
    assert sum(arguments(case)["shuffle"] for case in CASES) >= 8
    assert sum("y" in case.inputs for case in CASES) >= 8


@pytest.mark.parametrize("name", IMPLEMENTATIONS)
@pytest.mark.parametrize("case", CASES, ids=str)
def test_the_folds_are_scikit_learn_s(case, name):
    inputs = arguments(case)
    for seed in (0, 1, 2):
        assert_same_splits(ours(IMPLEMENTATIONS[name], inputs, seed), theirs(inputs, seed))


@pytest.mark.parametrize("case", REJECTS, ids=lambda case: f"{'y' in case.inputs and 'stratified_' or ''}{case}")
def test_scikit_learn_rejects_the_same_n_splits(case):
    inputs = arguments(case)
    with pytest.raises(ValueError):
        ours(IMPLEMENTATIONS["reference"], inputs, 0)
    with pytest.raises(ValueError):
        theirs(inputs, 0)


@pytest.mark.parametrize("seed", range(4))
def test_random_splits_agree_beyond_the_grader_s_cases(seed):
    """Random sizes, k and labels (negative, gapped, some classes smaller than k), both functions,
    with and without shuffle: the reference's folds or ValueError, as scikit-learn's."""
    rng = np.random.default_rng(seed)
    for _ in range(50):
        n = int(rng.integers(2, 40))
        k = int(rng.integers(2, n + 1))
        y = rng.integers(-2, int(rng.integers(0, 5)), n) * 3
        for inputs in ({"n_samples": n}, {"y": y}):
            for shuffle in (False, True):
                case = {**inputs, "n_splits": k, "shuffle": shuffle}
                try:
                    want = theirs(case, seed)
                except ValueError:
                    with pytest.raises(ValueError):
                        ours(IMPLEMENTATIONS["reference"], case, seed)
                    continue
                assert_same_splits(ours(IMPLEMENTATIONS["reference"], case, seed), want)
