"""The classic-ML references agree with scikit-learn wherever their contracts say they should, on
their graders' own cases. scikit-learn is a test-time oracle only (the test extra installs it);
graders never import it and the NumPy track forbids it.

Where a contract departs from scikit-learn on purpose, the cases that exercise the departure are
left out here, and each exclusion says why: knn breaks distance ties by training index (scikit-learn
leaves their order to a partition), decision_tree's tie rules and candidate thresholds are its own
(scikit-learn permutes features at random), the gradient-descent fits have no scikit-learn twin, and
scikit-learn refuses the empty inputs for which the metrics contract gives zeros."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest
import sklearn
from sklearn import decomposition, linear_model, metrics, naive_bayes, neighbors

from interviewkit.grader import sibling

ROOT = Path(__file__).resolve().parents[1]


def reference(kata: str):
    path = ROOT / "reference_solutions" / kata / "numpy.py"
    spec = importlib.util.spec_from_file_location(f"sklearn_oracle_{kata}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def cases(kata: str, *lists: str) -> list:
    module = sibling(str(ROOT / "graders" / kata / "test.py"), "cases")
    return [case for name in lists for case in getattr(module, name)()]


def ids(case) -> str:
    return case.name


def test_scikit_learn_is_the_oracle_s_version():
    assert tuple(int(part) for part in sklearn.__version__.split(".")[:2]) >= (1, 4)


# knn: the contract's k nearest are scikit-learn's when the k-th and (k + 1)-th distances differ.

def _no_distance_tie_at_k(X_train, X_test, k) -> bool:
    distances = np.sort(np.sqrt(((X_test[:, None, :] - X_train[None, :, :]) ** 2).sum(-1)), axis=1)
    return k == len(X_train) or bool(np.all(distances[:, k] - distances[:, k - 1] > 1e-9))


KNN = [case for case in cases("knn", "classify_cases", "regress_cases")
       if _no_distance_tie_at_k(*(case.numpy_inputs()[name].astype(np.float64) for name in ("X_train", "X_test")),
                                case.numpy_inputs()["k"])]


def test_most_knn_cases_are_free_of_distance_ties_at_k():
    assert len(KNN) >= 8


@pytest.mark.parametrize("case", KNN, ids=ids)
def test_knn_agrees_with_k_neighbors(case):
    inputs = case.numpy_inputs()
    X_train, y_train, X_test, k = (inputs[name] for name in ("X_train", "y_train", "X_test", "k"))
    ours = reference("knn").knn_predict(X_train, y_train, X_test, k, task=inputs["task"])
    if inputs["task"] == "regress":
        theirs = neighbors.KNeighborsRegressor(n_neighbors=k, algorithm="brute").fit(
            X_train.astype(np.float64), y_train).predict(X_test.astype(np.float64))
        np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=1e-12)
    else:
        theirs = neighbors.KNeighborsClassifier(n_neighbors=k, algorithm="brute").fit(
            X_train.astype(np.float64), y_train).predict(X_test.astype(np.float64))
        np.testing.assert_array_equal(ours, theirs)


# metrics: roc_auc_score, precision_recall_fscore_support(zero_division=0), confusion_matrix.

@pytest.mark.parametrize("case", cases("metrics", "roc_auc_cases"), ids=ids)
def test_roc_auc_agrees(case):
    inputs = case.numpy_inputs()
    ours = reference("metrics").roc_auc(inputs["y_true"], inputs["scores"])
    assert ours == pytest.approx(metrics.roc_auc_score(inputs["y_true"], inputs["scores"]), abs=1e-12)


@pytest.mark.parametrize("case", cases("metrics", "precision_recall_f1_cases"), ids=ids)
def test_precision_recall_f1_agree(case):
    inputs = case.numpy_inputs()
    average = inputs.get("average", "binary")
    ours = reference("metrics").precision_recall_f1(inputs["y_true"], inputs["y_pred"], average=average)
    theirs = metrics.precision_recall_fscore_support(inputs["y_true"], inputs["y_pred"], average=average,
                                                     zero_division=0)[:3]
    np.testing.assert_allclose(np.array(ours, dtype=np.float64), np.array(theirs, dtype=np.float64), atol=1e-12)


# scikit-learn refuses empty inputs; the contract's matrix of zeros for them is graded by the grader alone.
@pytest.mark.parametrize("case", [case for case in cases("metrics", "confusion_matrix_cases")
                                  if len(case.numpy_inputs()["y_true"])], ids=ids)
@pytest.mark.filterwarnings("ignore:A single label was found")
def test_confusion_matrix_agrees(case):
    inputs = case.numpy_inputs()
    ours = reference("metrics").confusion_matrix(inputs["y_true"], inputs["y_pred"], inputs["num_classes"])
    theirs = metrics.confusion_matrix(inputs["y_true"], inputs["y_pred"], labels=range(inputs["num_classes"]))
    np.testing.assert_array_equal(ours, theirs)


# linear_regression's closed form: Ridge(alpha=l2), LinearRegression for l2 = 0 (minimum norm).

@pytest.mark.parametrize("case", cases("linear_regression", "closed_form_cases"), ids=ids)
def test_the_closed_form_agrees_with_ridge_and_linear_regression(case):
    inputs = case.numpy_inputs()
    X, y = inputs["X"].astype(np.float64), inputs["y"].astype(np.float64)
    l2, fit_intercept = inputs.get("l2", 0.0), inputs.get("fit_intercept", True)
    w, b = reference("linear_regression").fit_linear_regression(X, y, l2=l2, fit_intercept=fit_intercept)
    model = (linear_model.Ridge(alpha=l2, fit_intercept=fit_intercept, solver="svd") if l2
             else linear_model.LinearRegression(fit_intercept=fit_intercept)).fit(X, y)
    scale = max(1.0, float(np.abs(model.coef_).max()))
    np.testing.assert_allclose(w, model.coef_, atol=1e-7 * scale, rtol=0)
    assert b == pytest.approx(float(model.intercept_), abs=1e-7 * max(1.0, abs(float(model.intercept_))))


# pca: PCA(svd_solver="full") with its svd_flip sign rule.

@pytest.mark.parametrize("case", cases("pca", "fit_cases"), ids=ids)
def test_pca_agrees_with_full_svd_pca(case):
    inputs = case.numpy_inputs()
    X, k = inputs["X"].astype(np.float64), inputs["n_components"]
    mean, components, variance, ratio = reference("pca").fit_pca(X, k)
    theirs = decomposition.PCA(n_components=k, svd_solver="full").fit(X)
    np.testing.assert_allclose(mean, theirs.mean_, atol=1e-12)
    np.testing.assert_allclose(components, theirs.components_, atol=1e-9)
    np.testing.assert_allclose(variance, theirs.explained_variance_, rtol=1e-9)
    np.testing.assert_allclose(ratio, theirs.explained_variance_ratio_, rtol=1e-9)


# naive_bayes: GaussianNB's priors, means, variances (var_smoothing) and log-probabilities.

@pytest.mark.parametrize("case", cases("naive_bayes", "fit_cases"), ids=ids)
def test_gaussian_naive_bayes_agrees(case):
    inputs = case.numpy_inputs()
    X, y = inputs["X"].astype(np.float64), inputs["y"]
    smoothing = inputs.get("var_smoothing", 1e-9)
    ours = reference("naive_bayes")
    classes, priors, means, variances = ours.fit_gaussian_nb(X, y, var_smoothing=smoothing)
    theirs = naive_bayes.GaussianNB(var_smoothing=smoothing).fit(X, y)
    np.testing.assert_array_equal(classes, theirs.classes_)
    np.testing.assert_allclose(priors, theirs.class_prior_, rtol=1e-12)
    np.testing.assert_allclose(means, theirs.theta_, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(variances, theirs.var_, rtol=1e-9)
    log_proba = ours.predict_log_proba(X, classes, priors, means, variances)
    np.testing.assert_allclose(log_proba, theirs.predict_log_proba(X), rtol=1e-7, atol=1e-7)
    np.testing.assert_array_equal(ours.predict(X, classes, priors, means, variances), theirs.predict(X))
