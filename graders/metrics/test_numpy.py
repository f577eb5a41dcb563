"""Grader for metrics, numpy track: roc_auc against a count of every (positive, negative) pair, ties
counting one half; precision, recall and F1 against per-label counts (binary: the label 1; macro:
the labels present in y_true or y_pred; 0 / 0 counts 0), all three at float64's tolerance; the
confusion matrix exactly, rows the true class, in an integer dtype."""
import pytest

from interviewkit.grader import check_function, sibling

shared = sibling(__file__, "cases")
oracle = sibling(__file__, "oracle")


@pytest.mark.parametrize("case", shared.roc_auc_cases(), ids=str)
def test_roc_auc(grading, case):
    check_function(grading, "roc_auc", case, oracle.roc_auc, compare=shared.expect_auc,
                   diagnoses=shared.AUC_DIAGNOSES)


@pytest.mark.parametrize("case", shared.precision_recall_f1_cases(), ids=str)
def test_precision_recall_f1(grading, case):
    check_function(grading, "precision_recall_f1", case, oracle.precision_recall_f1, compare=shared.expect_scores,
                   diagnoses=shared.SCORE_DIAGNOSES)


@pytest.mark.parametrize("case", shared.confusion_matrix_cases(), ids=str)
def test_confusion_matrix(grading, case):
    check_function(grading, "confusion_matrix", case, oracle.confusion_matrix, compare=shared.expect_counts,
                   diagnoses=shared.COUNT_DIAGNOSES)
