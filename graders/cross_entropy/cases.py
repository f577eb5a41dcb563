"""Cross-entropy cases and their conditioning, shared by both tracks.

`cases("numpy")` holds what both tracks grade (the three reductions, shapes, huge and wildly scaled
logits, float64); `cases("torch")` adds ignore_index and label_smoothing, which only the torch
track's contract has.

The known-wrong solutions these cases must reject, one line each (tests/candidates/cross_entropy/):
  numpy/wrong_log_of_softmax               log(softmax(x)): a probability that underflows to 0 gives log 0 = -inf
  numpy/wrong_epsilon_inside_the_log       log(p + 1e-9): ~20.7 on huge logits, and 1e-9 / p off (float64 sees it)
  numpy/wrong_no_max_subtraction           log(sum(exp(x))) unshifted: exp overflows to inf, or underflows to log 0
  numpy/wrong_global_max                   one maximum for the whole batch: small rows underflow to log 0
  numpy/wrong_mean_over_classes            the mean over all N * C entries of the one-hot product, not over the rows
  numpy/wrong_targets_as_one_hot           multiplies by `targets` as if it were a one-hot (N, C) matrix
  numpy/wrong_picks_a_matrix               logits[:, targets] picks an (N, N) matrix, not one entry per row
  numpy/wrong_sum_is_the_mean              reduction="sum" ignored: always the mean
  numpy/wrong_returns_float64              losses in a float64 buffer: float32 logits give a float64 result
  numpy/wrong_two_classes_by_unshifted_softplus  C = 2 as log(1 + exp(x_other - x_target)): overflows on huge logits
  torch/wrong_log_of_softmax               log(softmax(x)): -inf on huge logits
  torch/wrong_no_max_subtraction           no maximum subtracted: exp overflows (inf - inf = NaN) or underflows
  torch/wrong_mean_over_classes            the mean over all N * C entries instead of over the rows
  torch/wrong_targets_as_one_hot           multiplies by `targets` as if it were a one-hot matrix
  torch/wrong_ignored_rows_in_the_denominator  ignored rows zeroed but still counted in the mean
  torch/wrong_ignore_index_hard_coded      ignores the targets equal to -100, whatever `ignore_index` says
  torch/wrong_smoothing_over_the_other_classes  smoothing spread as eps / (C - 1) over the other classes
  torch/wrong_smoothing_on_ignored_rows    the smoothing term still charged to ignored rows
  torch/wrong_every_row_ignored_gives_zero the mean over no kept row is 0 where PyTorch gives NaN (0 / 0)
  torch/wrong_returns_float64              computed in float64 and returned so: float32 logits give float64
  torch/wrong_detached                     the normaliser taken from detached logits: right value, wrong gradient
  torch/wrong_result_detached              computed under torch.no_grad(): the result is cut off from autograd
  torch/wrong_two_classes_by_unshifted_softplus  C = 2 as log(1 + exp(z)) unshifted: inf and NaN gradients on huge logits
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import torch
import torch.nn.functional as F

from interviewkit.grader import (
    Case, CheckFailed, Diagnosis, Recipe, _, expect_form, given, integers, normal, scaled_rows,
)


@dataclass(frozen=True)
class targets_with_ignored(Recipe):
    """Class indices in [0, classes), a share of them replaced by `ignore_index`: always the first
    row, never the last, so that some rows are ignored and at least one is kept."""

    count: int
    classes: int
    ignore_index: int = -100
    share: float = 0.4
    dtype: str = "int64"

    def draw(self, rng):
        values = rng.integers(0, self.classes, (self.count,))
        dropped = rng.random((self.count,)) < self.share
        dropped[0], dropped[-1] = True, False
        values[dropped] = self.ignore_index
        return values

    def lines(self, name):
        return [f"{name} = rng.integers(0, {self.classes}, ({self.count},))",
                f"dropped = rng.random(({self.count},)) < {self.share!r}",
                "dropped[0], dropped[-1] = True, False",
                f"{name}[dropped] = {self.ignore_index}"]

    def describe(self):
        return _("int64 ({count},) in [0, {classes}), about {share} set to {ignore_index}").format(
            count=self.count, classes=self.classes, share=f"{self.share:.0%}", ignore_index=self.ignore_index)


def classification(name, rows, classes, *, scale=1.0, shift=0.0, dtype="float32", **options) -> Case:
    """N(shift, scale²) logits of shape (rows, classes) and uniformly drawn targets."""
    return Case(name, logits=normal((rows, classes), scale=scale, shift=shift, dtype=dtype),
                targets=integers((rows,), 0, classes), **options)


def ignoring(name, rows, classes, ignore_index=None, *, dtype="float32", **options) -> Case:
    """Some rows' targets set to `ignore_index` (None: PyTorch's default, -100, not passed)."""
    marker = -100 if ignore_index is None else ignore_index
    chosen = {} if ignore_index is None else {"ignore_index": ignore_index}
    return Case(name, logits=normal((rows, classes), dtype=dtype),
                targets=targets_with_ignored(rows, classes, marker), **options, **chosen)


def cases(track: str) -> list[Case]:
    shared = [
        classification("mean_over_the_batch", 8, 5),
        classification("sum", 6, 4, reduction="sum"),
        classification("none_gives_one_loss_per_row", 7, 5, reduction="none"),
        classification("batch_of_one", 1, 4, reduction="none"),
        classification("two_classes", 9, 2),
        # As many rows as classes: treating `targets` as a one-hot matrix broadcasts silently.
        classification("as_many_rows_as_classes", 5, 5, reduction="none"),
        classification("many_classes", 3, 1000, scale=3.0),
        Case("targets_at_both_ends_of_the_class_range", logits=normal((6, 9)),
             targets=given((0, 8, 8, 0, 0, 8), dtype="int64"), reduction="none"),
        # exp(±1e4) overflows even float64; a softmax underflows to 0 and its log to -inf.
        classification("huge_logits", 6, 5, scale=1e4, reduction="none"),
        classification("huge_logits_float64", 5, 7, scale=1e4, dtype="float64", reduction="sum"),
        # Every logit near -1e4: without the maximum, every exp underflows to 0 and log 0 = -inf.
        classification("every_logit_very_negative", 4, 6, scale=5.0, shift=-1e4),
        Case("rows_of_very_different_scale", logits=scaled_rows((5, 6), (1e-3, 1.0, 1e2, 1e3, 1e4)),
             targets=integers((5,), 0, 6), reduction="none"),
        classification("float64_logits", 6, 5, dtype="float64"),
        # Every stability case again at the smallest class count: a two-class shortcut such as the
        # softplus log(1 + exp(x_other - x_target)), unshifted, overflows only at these scales.
        classification("huge_logits_two_classes", 7, 2, scale=1e4, reduction="none"),
        classification("huge_logits_two_classes_float64", 6, 2, scale=1e4, dtype="float64", reduction="sum"),
        classification("every_logit_very_negative_two_classes", 5, 2, scale=5.0, shift=-1e4),
        Case("rows_of_very_different_scale_two_classes", logits=scaled_rows((5, 2), (1e-3, 1.0, 1e2, 1e3, 1e4)),
             targets=integers((5,), 0, 2), reduction="none"),
        # Two rows of two classes: N == C == 2, where a one-hot reading of `targets` broadcasts silently.
        classification("as_many_rows_as_two_classes", 2, 2, scale=3.0, reduction="none"),
    ]
    if track == "numpy":
        return shared + [
            Case("targets_as_int32", logits=normal((6, 4)), targets=integers((6,), 0, 4, dtype="int32")),
        ]
    return shared + [
        ignoring("rows_ignored_by_the_default_index", 8, 5),
        ignoring("rows_ignored_by_the_default_index_none", 7, 4, reduction="none"),
        # An index that is a real class: targets equal to it are ignored, not merely negative ones.
        ignoring("custom_ignore_index_that_is_a_class", 9, 4, 2),
        ignoring("custom_negative_ignore_index", 8, 5, -1, reduction="none"),
        # The sum over the kept rows only, the ignored ones marked by a real class: a hard-coded -100 adds them.
        ignoring("sum_skips_rows_of_a_custom_ignore_index", 9, 5, 3, reduction="sum"),
        ignoring("rows_ignored_in_float64", 7, 3, -100, dtype="float64"),
        # One class: every kept row's loss is 0, and an ignored row's placeholder target must be a
        # valid class too (a placeholder of 1 gathers past the end of the row).
        ignoring("one_class_with_ignored_rows", 4, 1),
        # Kept rows whose loss is exactly 0 in float32 (the target's logit far above the others) still
        # count in the mean: telling kept rows by a non-zero loss halves it here.
        Case("mean_with_kept_rows_of_zero_loss",
             logits=given(((200.0, 0.0, 0.0), (0.0, 1.0, 2.0), (1e4, 0.0, -1e4), (3.0, -1.0, 0.5)), dtype="float32"),
             targets=given((0, 2, 0, -100), dtype="int64")),
        Case("every_row_ignored_sum", logits=normal((4, 5)), targets=given((-100,) * 4, dtype="int64"),
             reduction="sum"),
        Case("every_row_ignored_none", logits=normal((3, 5)), targets=given((7, 7, 7), dtype="int64"),
             reduction="none", ignore_index=7),
        Case("label_smoothing", logits=normal((8, 5)), targets=integers((8,), 0, 5), label_smoothing=0.1),
        # Full smoothing: the target no longer matters, only the mean of -log p over the classes.
        Case("full_label_smoothing", logits=normal((5, 4)), targets=integers((5,), 0, 4), reduction="sum",
             label_smoothing=1.0),
        # Three classes: eps/3 against eps/2 for the wrong spread; float64 pins the exact mixture.
        Case("label_smoothing_over_three_classes_float64", logits=normal((6, 3), dtype="float64"),
             targets=integers((6,), 0, 3), reduction="none", label_smoothing=0.2),
        Case("label_smoothing_with_huge_logits", logits=normal((5, 6), scale=1e4), targets=integers((5,), 0, 6),
             reduction="none", label_smoothing=0.1),
        Case("label_smoothing_with_huge_logits_two_classes", logits=normal((6, 2), scale=1e4),
             targets=integers((6,), 0, 2), reduction="none", label_smoothing=0.1),
        ignoring("label_smoothing_with_ignored_rows", 8, 5, label_smoothing=0.2),
        ignoring("label_smoothing_with_ignored_rows_none", 7, 4, 3, reduction="none", label_smoothing=0.25),
    ]


def every_row_ignored() -> list[Case]:
    """The mean over no kept row: PyTorch divides 0 by 0 and returns NaN (the output alone is graded:
    the gradient of a NaN is PyTorch's choice of zeros, a hand-written mean may as well give NaN)."""
    return [
        Case("mean", logits=normal((4, 5)), targets=given((-100,) * 4, dtype="int64")),
        Case("mean_with_label_smoothing", logits=normal((3, 4)),
             targets=given((1, 1, 1), dtype="int64"), ignore_index=1, label_smoothing=0.1),
        Case("mean_with_label_smoothing_and_the_default_index", logits=normal((4, 6)),
             targets=given((-100,) * 4, dtype="int64"), label_smoothing=0.2),
        Case("mean_with_a_custom_index_that_is_a_class", logits=normal((3, 4)),
             targets=given((2, 2, 2), dtype="int64"), ignore_index=2),
    ]


def conditioning(logits, targets, reduction="mean", ignore_index=-100, label_smoothing=0.0, **_) -> float:
    """A correct float32 loss is off by an ulp or two of the logits (logsumexp(x) - x[target]
    subtracts numbers of their size), however small the loss itself: the tolerance, relative to the
    loss's magnitude, grows where the logits are much larger than the losses."""
    with torch.no_grad():
        loss = F.cross_entropy(logits, targets.long(), reduction=reduction, ignore_index=ignore_index,
                               label_smoothing=label_smoothing)
    magnitude = float(loss.abs().nan_to_num().max()) or 1.0
    return max(1.0, 0.5 * float(logits.abs().max()) / magnitude)


def gradient_scale(logits, targets, reduction="mean", ignore_index=-100, **_):
    """The scale of the logits' gradient's rounding: upstream · (softmax - target distribution),
    divided by the kept rows for the mean, with probabilities exp(x - logsumexp(x)) that are off by
    |x|·eps relative (an ulp of logits of 1e4 moves the exponent by 1e-3). Where a row's gradient is
    ~0 (a confident, correct prediction) its rounding is not."""
    kept = max(int((targets != ignore_index).sum()), 1) if reduction == "mean" else 1
    spread = max(1.0, 0.5 * float(logits.abs().max()))

    def magnitude(upstream) -> float:
        return float(upstream.abs().max()) / kept * spread

    return magnitude


def expect_nan(actual, expected, like, condition: float = 1.0) -> None:
    """The mean over no kept row is F.cross_entropy's 0 / 0 = NaN (check_function's `compare`)."""
    if not math.isnan(float(expected)):
        raise RuntimeError(f"F.cross_entropy gave {float(expected)} where every row is ignored: the case no longer holds")
    expect_form(actual, (), like, "output")
    if not math.isnan(float(actual)):
        raise CheckFailed(_(
            "output is {value} where F.cross_entropy gives NaN: with every row ignored, the mean divides a sum of 0 "
            "by 0 kept rows (leave the division unguarded, as PyTorch does)").format(value=f"{float(actual):.6g}"))


# --- diagnoses: the classic bugs a failing output is recognised as (katas/cross_entropy/hints.toml,
# [causes], explains each; the proofs' `# hint:` lines prove where each leads) -----------------

def _loss(logits, targets, reduction="mean", ignore_index=-100, label_smoothing=0.0, *, divide_by="kept",
          hard_coded_index=False, detached=False, other_classes=False, smoothing_ignored=False, sum_as_mean=False):
    """The cross-entropy written out, with one classic bug switched on."""
    targets = targets.long()
    rows, classes = logits.shape
    log_probs = logits - torch.logsumexp(logits.detach() if detached else logits, dim=1, keepdim=True)
    kept = targets != (-100 if hard_coded_index else ignore_index)
    eps = label_smoothing
    one_hot = F.one_hot(torch.where(kept, targets, 0), classes).to(logits.dtype)
    spread = (1 - one_hot) * eps / (classes - 1) if other_classes else eps / classes
    wanted = one_hot * (1 - eps) + spread
    losses = -(wanted * log_probs).sum(dim=1)
    if smoothing_ignored:
        losses = torch.where(kept, losses, -eps * log_probs.mean(dim=1))
    else:
        losses = torch.where(kept, losses, 0.0)
    if reduction == "none":
        return losses
    if reduction == "sum" and not sum_as_mean:
        return losses.sum()
    if divide_by == "nonzero":  # the rows whose float32 loss, x[y] - logsumexp(x), rounds to exactly 0 drop out
        single = logits.detach().float()
        picked = (single - torch.logsumexp(single, dim=1, keepdim=True)).gather(1, one_hot.argmax(1, keepdim=True))
        return losses[kept & (picked[:, 0] != 0)].mean()
    count = {"kept": kept.sum(), "rows": rows, "entries": rows * classes}[divide_by]
    return losses.sum() / count


def _diagnosis(cause, **bug):
    return Diagnosis(cause, lambda *args, **kwargs: _loss(*args, **kwargs, **bug))


_SHARED = (_diagnosis("mean-over-classes", divide_by="entries"), _diagnosis("sum-is-the-mean", sum_as_mean=True))
NUMPY_DIAGNOSES = _SHARED
TORCH_DIAGNOSES = _SHARED + (
    _diagnosis("ignored-rows-counted", divide_by="rows"),
    _diagnosis("smoothing-over-the-other-classes", other_classes=True),  # before: with one class both give NaN
    _diagnosis("mean-over-nonzero-losses", divide_by="nonzero"),
    _diagnosis("ignore-index-hard-coded", hard_coded_index=True),
    _diagnosis("smoothing-on-ignored-rows", smoothing_ignored=True),
    _diagnosis("normaliser-detached", detached=True),
)
