"""Random results graded by distribution (toolkit/distribution.py): the bounds hold for correct draws
over many seeds (their proved false-fail rate is far below what these seeds could reveal, so a failure
here means a wrong bound) and catch the classic slips: a temperature applied twice, a removed token
drawn, a uniform initialisation of the wrong width, a normal one where a uniform is stated."""
from __future__ import annotations

import math

import numpy as np
import pytest

from interviewkit.grading.sandbox.errors import CheckFailed
from interviewkit.grading.toolkit.distribution import (
    bernstein_bound, dkw_bound, expect_distributed, expect_frequencies,
)

PROBABILITIES = np.array([0.5, 0.25, 0.15, 0.1, 0.0])


def counts(probabilities, draws, seed):
    return np.random.default_rng(seed).multinomial(draws, probabilities)


@pytest.mark.parametrize("seed", range(50))
def test_correct_counts_pass(seed):
    expect_frequencies(counts(PROBABILITIES, 20_000, seed), PROBABILITIES, "tokens")


def test_a_sharper_distribution_fails():
    sharper = PROBABILITIES**2 / (PROBABILITIES**2).sum()  # a temperature of 1/2 applied by mistake
    with pytest.raises(CheckFailed, match=r"category \(0,\) was drawn \d+ times in 20000, expected 10000.0 ±"):
        expect_frequencies(counts(sharper, 20_000, 0), PROBABILITIES, "tokens")


def test_a_category_of_probability_zero_must_never_appear():
    drawn = counts(PROBABILITIES, 20_000, 0)
    drawn[4] += 1
    with pytest.raises(CheckFailed, match=r"drew category \(4,\) once; its probability is 0"):
        expect_frequencies(drawn, PROBABILITIES, "tokens")


def test_rows_are_held_each_to_their_own_distribution():
    rows = np.array([PROBABILITIES, PROBABILITIES[::-1]])
    drawn = np.stack([counts(row, 5_000, i) for i, row in enumerate(rows)])
    expect_frequencies(drawn, rows, "tokens")
    with pytest.raises(CheckFailed, match=r"drew category \(0, 4\) \d+ time"):
        expect_frequencies(drawn[::-1], rows, "tokens")


def test_the_bounds_are_the_inequalities_stated():
    t = bernstein_bound(10_000, 0.3, 1e-6)
    assert 2 * math.exp(-t**2 / (2 * (10_000 * 0.3 * 0.7 + t / 3))) == pytest.approx(1e-6)
    assert 2 * math.exp(-2 * 4_000 * dkw_bound(4_000, 1e-6) ** 2) == pytest.approx(1e-6)


def uniform_cdf(bound):
    return lambda x: np.clip((x + bound) / (2 * bound), 0, 1)


@pytest.mark.parametrize("seed", range(50))
def test_correct_continuous_draws_pass(seed):
    expect_distributed(np.random.default_rng(seed).uniform(-0.25, 0.25, 4_096), uniform_cdf(0.25), "lora_A", "U(-1/4, 1/4)")


@pytest.mark.parametrize("wrong", [
    lambda rng: rng.uniform(-0.5, 0.5, 4_096),          # the width of fan_in = 4, not 16
    lambda rng: rng.normal(0, 0.25 / math.sqrt(3), 4_096),  # the right variance, the wrong shape
    lambda rng: rng.uniform(0, 0.25, 4_096),             # one-sided
])
def test_wrong_continuous_draws_fail(wrong):
    with pytest.raises(CheckFailed, match="are not distributed as U"):
        expect_distributed(wrong(np.random.default_rng(0)), uniform_cdf(0.25), "lora_A", "U(-1/4, 1/4)")


def test_nan_draws_fail_with_a_message():
    with pytest.raises(CheckFailed, match="got NaN or inf"):
        expect_distributed(np.array([0.1, np.nan]), uniform_cdf(0.25), "lora_A", "U(-1/4, 1/4)")
