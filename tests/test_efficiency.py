"""Efficiency: the candidate against the reference on a larger case, each in a sandbox of its own.
Correct but slow code passes with its ratio reported; `--strict` holds it to the kata's bound."""
from __future__ import annotations

import dataclasses
from pathlib import Path

from interviewkit.catalog import Catalog
from interviewkit.grading.run.session import run_grade
from interviewkit.grading.toolkit.cases import Case

REPO = Path(__file__).resolve().parent.parent
CONV2D = Catalog().get("conv2d")
SLEEPY = '''import time

import numpy as np


def conv2d(x, weight, bias=None, stride=1, padding=0):
    if x.shape[0] >= 4:  # only the timing case is this large
        time.sleep(30)
    return np.asarray(__import__("reference").conv2d(x, weight, bias, stride, padding))
'''


def efficiency(results):
    return next(result for result in results if result.name.startswith("efficiency"))


def test_the_reference_runs_at_about_its_own_speed():
    check = efficiency(run_grade(CONV2D, "numpy", CONV2D.track("numpy").reference))
    assert check.passed and 0.2 < check.ratio < 5, check.message
    assert "the reference's time" in check.message


def test_correct_but_slow_code_passes_with_its_ratio_and_fails_under_strict(tmp_path):
    slow = tmp_path / "conv2d_numpy.py"
    slow.write_text((REPO / "tests" / "candidates" / "conv2d" / "numpy" / "right_nested_loops.py").read_text())
    results = run_grade(CONV2D, "numpy", slow)
    check = efficiency(results)
    assert all(result.passed for result in results)
    assert check.ratio > CONV2D.efficiency.bound and CONV2D.efficiency.advice in check.message
    strict = efficiency(run_grade(CONV2D, "numpy", slow, strict=True))
    assert not strict.passed and strict.kind == "check"


def test_a_hopelessly_slow_solution_is_reported_at_the_timing_limit(tmp_path):
    sleepy = tmp_path / "conv2d_numpy.py"
    reference = CONV2D.track("numpy").reference.read_text()
    sleepy.write_text(SLEEPY.replace('__import__("reference").conv2d', "_reference") + "\n\n"
                      + reference.replace("def conv2d(", "def _reference("))
    quick = dataclasses.replace(CONV2D, efficiency=dataclasses.replace(CONV2D.efficiency, time_limit=1.0))
    results = run_grade(quick, "numpy", sleepy)
    check = efficiency(results)
    assert check.passed and "more than 1 s on the timing case" in check.message
    assert all(result.passed for result in results)


def test_a_wrong_output_on_the_timing_case_fails_without_strict_naming_the_call_and_its_case(tmp_path):
    """Each timed call runs on the timing case drawn with its own seed and is held to the oracle: an
    output made up for the case's size, or remembered from the warm-up, fails a plain grade too."""
    for trick, call in (("zeros_on_the_timing_case", 1), ("cached_result_on_the_timing_case", 2)):
        candidate = tmp_path / f"{trick}.py"
        candidate.write_text((REPO / "tests" / "hostile" / f"{trick}.py").read_text())
        results = run_grade(CONV2D, "numpy", candidate, seed_offset=3)
        assert all(result.passed for result in results if not result.name.startswith("efficiency"))
        check = efficiency(results)
        assert not check.passed and check.kind == "check", check.message
        assert check.message.startswith(f"timed call {call} of 4 on the timing case: output differs")
        seed = Case("larger_batch_of_feature_maps").seed + 3 + call - 1  # the grade's offset, then one per call
        assert check.case.startswith(f"case larger_batch_of_feature_maps (seed {seed})"), check.case
