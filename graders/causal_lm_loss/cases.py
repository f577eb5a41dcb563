"""causal_lm_loss cases, their float64 oracle and their conditioning (torch track).

causal_lm_loss(logits, labels, ignore_index=-100): logits (B, T, V), labels (B, T); position t's
logits predict labels[:, t + 1]; one mean of -log softmax over every kept target of the batch.

Shapes are chosen so that a misreading cannot hide: B == T, T == V and T - 1 == V (the shifted
length), one target (T = 2), one sequence, one word. Ignored spans differ in length from row to
row, so a mean per sequence then over the batch is off; they sit at the start (a prompt), the end
(padding) and the middle, and some rows keep labels[:, 0] (never a target), so counting the kept
labels before the shift is off too. The known-wrong solutions these cases reject are the wrong_*.py
files of tests/candidates/causal_lm_loss/torch/, each named for its bug.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F

from interviewkit.grader import Case, Diagnosis, Recipe, _, given, normal, scaled_rows, uniform


@dataclass(frozen=True)
class labels(Recipe):
    """Token ids in [0, vocab), shape (batch, length), with spans set to `ignore_index`: each span is
    (row, start, stop), labels[row, start:stop] = ignore_index."""

    batch: int
    length: int
    vocab: int
    ignored: tuple[tuple[int, int, int], ...] = ()
    ignore_index: int = -100
    dtype: str = "int64"

    def draw(self, rng):
        values = rng.integers(0, self.vocab, (self.batch, self.length))
        for row, start, stop in self.ignored:
            values[row, start:stop] = self.ignore_index
        return values

    def lines(self, name):
        return [f"{name} = rng.integers(0, {self.vocab}, ({self.batch}, {self.length}))",
                *(f"{name}[{row}, {start}:{stop}] = {self.ignore_index}" for row, start, stop in self.ignored)]

    def describe(self):
        spans = ", ".join(f"[{row}, {start}:{stop}]" for row, start, stop in self.ignored)
        if spans:
            return _("int64 ({batch}, {length}) in [0, {vocab}), {ignore_index} at {spans}").format(
                batch=self.batch, length=self.length, vocab=self.vocab, ignore_index=self.ignore_index, spans=spans)
        return f"int64 ({self.batch}, {self.length}) in [0, {self.vocab})"


def sequences(name, batch, length, vocab, ignored=(), ignore_index=None, *, logits=None,
              dtype="float32") -> Case:
    """N(0, 1) logits (B, T, V) unless `logits` is given, and labels with `ignored` spans; an
    `ignore_index` of None is the default, -100, left unpassed."""
    marker = -100 if ignore_index is None else ignore_index
    chosen = {} if ignore_index is None else {"ignore_index": ignore_index}
    logits = normal((batch, length, vocab), dtype=dtype) if logits is None else logits
    return Case(name, logits=logits, labels=labels(batch, length, vocab, tuple(ignored), marker), **chosen)


# Every row keeps a different number of targets: (7 - 1) - 3 = 3, 6 - 1 = 5, 6 - 5 = 1.
PROMPTS = ((0, 0, 4), (1, 0, 2), (2, 0, 6))
# Padding at the end, of a different length in each row; labels[:, 0] is kept.
PADDING = ((0, 5, 7), (1, 3, 7), (3, 6, 7))


def cases() -> list[Case]:
    return [
        sequences("a_batch_without_ignored_targets", 3, 6, 11),
        sequences("as_many_sequences_as_positions", 5, 5, 8, ignored=((1, 2, 4),)),
        sequences("as_many_positions_as_words", 2, 7, 7, ignored=((0, 6, 7),)),
        # The shifted logits are (B, T - 1, V) with T - 1 == V: a reduction over time broadcasts silently.
        sequences("as_many_targets_per_sequence_as_words", 3, 6, 5),
        sequences("two_positions_make_one_target", 4, 2, 9),
        sequences("two_positions_with_one_sequence_ignored", 3, 2, 6, ignored=((1, 1, 2),)),
        sequences("one_sequence", 1, 9, 6, ignored=((0, 3, 4),)),
        sequences("a_prompt_ignored_at_the_start_of_each_sequence", 3, 7, 10, ignored=PROMPTS),
        sequences("padding_ignored_at_the_end", 4, 7, 10, ignored=PADDING),
        sequences("targets_ignored_in_the_middle", 3, 8, 6, ignored=((0, 2, 5), (2, 4, 5))),
        # The second row's targets are all ignored (its first label is no target either way):
        # a mean per sequence divides 0 by 0 there.
        sequences("a_sequence_with_every_target_ignored", 3, 5, 7, ignored=((1, 1, 5), (2, 0, 2))),
        # A real token id as the index (a pad token): labels equal to it are ignored, -100 is no marker.
        sequences("custom_ignore_index_that_is_a_word", 3, 6, 6, ignored=((0, 4, 6), (2, 1, 2)), ignore_index=3),
        sequences("custom_negative_ignore_index", 3, 6, 5, ignored=((0, 0, 3), (1, 5, 6)), ignore_index=-1),
        sequences("custom_ignore_index_in_float64", 2, 7, 4, ignored=((1, 2, 6),), ignore_index=0, dtype="float64"),
        sequences("ignored_targets_in_float64", 3, 6, 7, ignored=PROMPTS[:2], dtype="float64"),
        sequences("float64_logits", 2, 5, 9, dtype="float64"),
        sequences("a_large_vocabulary", 2, 4, 1000, logits=normal((2, 4, 1000), scale=3.0)),
        # One word: every loss is 0, and an ignored target's placeholder must be a valid id (0).
        sequences("a_vocabulary_of_one_word", 2, 4, 1, ignored=((0, 1, 3),)),
        Case("targets_at_both_ends_of_the_vocabulary", logits=normal((2, 4, 6)),
             labels=given(((5, 0, 5, 0), (0, 5, 0, 5)), dtype="int64")),
        # Kept targets whose loss is exactly 0 in float32 (their logit far above the others) still
        # count in the mean: telling kept targets by a non-zero loss halves it here.
        Case("kept_targets_with_zero_loss",
             logits=given((((50.0, 0.0, 0.0), (0.0, 1.0, 2.0), (-1.0, 0.5, 0.0)),
                           ((0.0, 60.0, -10.0), (1.0, -1.0, 0.0), (2.0, 2.0, 2.0))), dtype="float32"),
             labels=given(((1, 0, 2), (2, 1, -100)), dtype="int64")),
        # exp(±1e4) overflows even float64; a softmax underflows to 0 and its log to -inf.
        sequences("huge_logits", 3, 5, 8, ignored=((0, 3, 5),), logits=uniform((3, 5, 8), -1e4, 1e4)),
        sequences("huge_logits_in_float64", 2, 6, 7, ignored=((1, 0, 3),),
                  logits=uniform((2, 6, 7), -1e4, 1e4, dtype="float64")),
        sequences("every_logit_close_to_plus_1e4", 2, 5, 6, logits=uniform((2, 5, 6), 9990.0, 1e4)),
        sequences("every_logit_close_to_minus_1e4", 2, 5, 6, logits=uniform((2, 5, 6), -1e4, -9990.0)),
        # One maximum for the whole batch underflows every row but the largest.
        sequences("sequences_of_very_different_scale", 4, 5, 6,
                  logits=scaled_rows((4, 5, 6), (1e-3, 1.0, 1e2, 1e4))),
    ]


def reference(logits, labels, ignore_index=-100):
    """The float64 oracle: the library cross-entropy of the shifted, flattened positions."""
    vocab = logits.shape[-1]
    return F.cross_entropy(logits[:, :-1].reshape(-1, vocab), labels[:, 1:].reshape(-1), ignore_index=ignore_index)


def conditioning(logits, labels, ignore_index=-100) -> float:
    """A correct float32 loss is off by an ulp or two of the logits (logsumexp(x) - x[target]
    subtracts numbers of their size), however small the loss itself: the tolerance, relative to the
    loss, grows where the logits dwarf it."""
    with torch.no_grad():
        loss = float(reference(logits, labels, ignore_index).abs())
    return max(1.0, 0.5 * float(logits.abs().max()) / (loss or 1.0))


def gradient_scale(logits, labels, ignore_index=-100):
    """The scale of the logits' gradient's rounding: upstream · (softmax - one_hot) / kept, with
    probabilities exp(x - logsumexp(x)) off by |x|·eps relative (an ulp of a logit of 1e4 moves
    its exponent by 1e-3). Where a gradient is ~0 (a confident, correct prediction) its rounding
    is not."""
    kept = max(int((labels[:, 1:] != ignore_index).sum()), 1)
    spread = max(1.0, 0.5 * float(logits.abs().max()))

    def magnitude(upstream) -> float:
        return float(upstream.abs().max()) / kept * spread

    return magnitude


# The classic bugs (tests/candidates/causal_lm_loss/torch/wrong_*.py), each the reference with that
# slip, in autograd, named by a cause id of katas/causal_lm_loss/hints.toml [causes]. The three that
# overflow (no maximum subtracted, one for the whole batch, the log of a softmax) all give inf on the
# case that catches them first: no output tells them apart, and one hint answers them all.
def _bug(bug: str):
    def loss(logits, labels, ignore_index=-100):
        if bug == "ignore-index-hard-coded":
            ignore_index = -100
        shifted = {"no-shift": (logits, labels), "shifted-the-wrong-way": (logits[:, 1:], labels[:, :-1]),
                   "shifted-along-the-batch": (logits[:-1], labels[1:])}
        logits, targets = shifted.get(bug, (logits[:, :-1], labels[:, 1:]))
        if bug == "ignore-index-not-honoured":  # every target scored, ignored ones clamped into the vocabulary
            targets = targets.clamp(0, logits.shape[-1] - 1)
        kept = targets != ignore_index if bug != "ignore-index-not-honoured" else torch.ones_like(targets, dtype=bool)
        picked = logits.gather(-1, targets.masked_fill(~kept, 0).unsqueeze(-1)).squeeze(-1)
        losses = torch.where(kept, torch.logsumexp(logits, dim=-1) - picked, 0.0)
        if bug == "mean-per-sequence":
            return (losses.sum(dim=1) / kept.sum(dim=1)).mean()
        count = {"kept-counted-before-the-shift": (labels != ignore_index).sum(),
                 "ignored-targets-in-the-denominator": torch.tensor(losses.numel()),
                 "mean-over-nonzero-losses": (losses != 0).sum()}.get(bug, kept.sum())
        return losses.sum() / count
    return loss


DIAGNOSES = tuple(Diagnosis(bug, _bug(bug)) for bug in (
    "no-shift", "shifted-the-wrong-way", "shifted-along-the-batch", "kept-counted-before-the-shift",
    "ignored-targets-in-the-denominator", "mean-per-sequence", "mean-over-nonzero-losses", "ignore-index-hard-coded",
    "ignore-index-not-honoured"))
