"""Grader for kfold_split, numpy track: every fold's (train, test) indices exactly (int64, ascending),
against an oracle of scikit-learn's KFold and StratifiedKFold rules; with shuffle, the generator
drawn from exactly as the contract pins (its state after the call is the reference's); n_splits
out of range, or larger than every class, raises ValueError."""
import pytest

from interviewkit.grader import CandidateError, CheckFailed, _, about, check_function, failure, raised_a, sibling

shared = sibling(__file__, "cases")
oracle = sibling(__file__, "oracle")


@pytest.mark.parametrize("case", shared.kfold_cases(), ids=str)
def test_kfold_split(grading, case):
    check_function(grading, "kfold_split", case, oracle.kfold_split, compare=shared.compare_for(case),
                   diagnoses=shared.KFOLD_DIAGNOSES)


@pytest.mark.parametrize("case", shared.stratified_cases(), ids=str)
def test_stratified_kfold_split(grading, case):
    check_function(grading, "stratified_kfold_split", case, oracle.stratified_kfold_split,
                   compare=shared.compare_for(case), diagnoses=shared.STRATIFIED_DIAGNOSES)


@pytest.mark.parametrize("case", shared.kfold_rejects(), ids=str)
def test_kfold_split_rejects(grading, case):
    expect_value_error(grading, "kfold_split", case)


@pytest.mark.parametrize("case", shared.stratified_rejects(), ids=str)
def test_stratified_kfold_split_rejects(grading, case):
    expect_value_error(grading, "stratified_kfold_split", case)


def expect_value_error(grading, symbol, case):
    with about(case, grading, symbol):
        args, kwargs = grading.split_arguments(symbol, grading.inputs(case))
        try:
            result = grading.candidate.call(symbol, *args, **kwargs)
        except CandidateError as error:
            # Only an ordinary exception is judged: not implemented, a timeout or a forbidden call stay as they are.
            if type(error).__name__ != "CandidateCrashed":
                raise
            if not raised_a(error, "ValueError"):
                raise CheckFailed(_("this n_splits must raise ValueError; instead the call {error}").format(
                    error=error)) from None
            return
        output = result.output
        got = _("{count} splits").format(count=len(output)) if isinstance(output, (list, tuple)) else f"{output!r:.60}"
        raise failure(_("this n_splits must raise ValueError, as scikit-learn's splitters do; the call returned "
                        "{got}").format(got=got), "n-splits-not-rejected")
