"""Random results graded by their distribution, with a stated chance of failing a correct solution.

A sampler, a dropout mask drawn from the global generator or an initialisation cannot be compared
draw by draw; their draws are compared with the distribution the contract states, by bounds that
hold whatever the distribution, so the false-fail rate is proved rather than estimated:

- counts of categories (tokens drawn, units kept): Bernstein's inequality for each category's
  binomial count, with a Bonferroni share of the rate each; a category of probability 0 must never
  appear;
- continuous draws (an initialisation): the Dvoretzky–Kiefer–Wolfowitz inequality on the largest gap
  between the empirical and the stated distribution function (with Massart's constant)."""
from __future__ import annotations

import math

import numpy as np

from interviewkit.grading.sandbox.errors import CheckFailed
from interviewkit.messages import _, ngettext

FALSE_FAIL = 1e-6  # the default chance that a correct solution fails one such check


def bernstein_bound(draws: int, probability: float, rate: float) -> float:
    """The deviation |count - draws·p| that a Binomial(draws, p) count exceeds with probability at
    most `rate`: the t solving 2·exp(-t² / (2(σ² + t/3))) = rate."""
    log_term = math.log(2 / rate)
    variance = draws * probability * (1 - probability)
    return log_term / 3 + math.sqrt(log_term**2 / 9 + 2 * log_term * variance)


def expect_frequencies(counts, probabilities, what: str, false_fail: float = FALSE_FAIL) -> None:
    """`counts[..., i]` of `draws` draws, each row from `probabilities[..., i]`; every row's every
    category within its Bernstein bound (the rate shared out over all of them), and categories of
    probability 0 never drawn."""
    counts = np.asarray(counts, dtype=np.float64)
    probabilities = np.asarray(probabilities, dtype=np.float64)
    draws = counts.sum(axis=-1, keepdims=True)
    impossible = (probabilities == 0) & (counts > 0)
    if impossible.any():
        index = tuple(int(i) for i in np.argwhere(impossible)[0])
        count = int(counts[index])
        raise CheckFailed(ngettext("{what}: drew category {index} once; its probability is 0 (a removed or masked "
                                   "entry must never be drawn)",
                                   "{what}: drew category {index} {count} times; its probability is 0 (a removed or "
                                   "masked entry must never be drawn)", count).format(what=what, index=index, count=count))
    share = false_fail / max(1, int((probabilities > 0).sum()))
    expected = draws * probabilities
    bound = np.vectorize(lambda n, p: bernstein_bound(int(n), p, share) if p > 0 else 0.0)(
        np.broadcast_to(draws, probabilities.shape), probabilities)
    excess = np.abs(counts - expected) - bound
    if (excess > 0).any():
        index = tuple(int(i) for i in np.unravel_index(int(np.argmax(excess)), excess.shape))
        raise CheckFailed(_(
            "{what}: category {index} was drawn {count} times in {draws}, expected {expected} ± {bound} "
            "(probability {probability}; a correct solution falls outside with a chance below {chance})").format(
            what=what, index=index, count=int(counts[index]), draws=int(np.broadcast_to(draws, counts.shape)[index]),
            expected=f"{expected[index]:.1f}", bound=f"{bound[index]:.1f}",
            probability=f"{probabilities[index]:.4g}", chance=f"{false_fail:g}"))


def dkw_bound(draws: int, rate: float) -> float:
    """The gap sup|F_n - F| that `draws` draws exceed with probability at most `rate` (DKW, Massart)."""
    return math.sqrt(math.log(2 / rate) / (2 * draws))


def expect_distributed(samples, cdf, what: str, described: str, false_fail: float = FALSE_FAIL) -> None:
    """Independent `samples` from the continuous distribution whose distribution function is `cdf`
    (vectorised over NumPy arrays): the empirical distribution within the DKW bound of it."""
    values = np.sort(np.asarray(samples, dtype=np.float64).ravel())
    count = values.size
    if count == 0 or not np.isfinite(values).all():
        message = (_("{what}: expected {described} values, got none") if count == 0
                   else _("{what}: expected {described} values, got NaN or inf"))
        raise CheckFailed(message.format(what=what, described=described))
    stated = np.asarray(cdf(values), dtype=np.float64)
    above = np.arange(1, count + 1) / count - stated
    below = stated - np.arange(count) / count
    gap = float(max(above.max(), below.max()))
    bound = dkw_bound(count, false_fail)
    if gap > bound:
        at = values[int(np.argmax(np.maximum(above, below)))]
        raise CheckFailed(_(
            "{what}: {count} values are not distributed as {described}: their distribution function is {gap} "
            "away from it near {at}, over the bound {bound} (a correct solution exceeds it with a chance below "
            "{chance})").format(what=what, count=count, described=described, gap=f"{gap:.3f}", at=f"{at:.4g}",
                                bound=f"{bound:.3f}", chance=f"{false_fail:g}"))
