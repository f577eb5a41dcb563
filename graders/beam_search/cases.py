"""beam_search cases (torch track): `beam_search(step_fn, bos_id, eos_id, beam_size, max_len,
length_penalty=1.0)`, step_fn reading a (max_len, V, V) float64 table of next-token log-probabilities
by prefix length and last token (`step_table`).

Two kinds of tables:
- designed ones, with small dyadic values (-1, -0.5, -0.25, ...) that need not sum to one: every sum
  is exact in float64, and scores tie only over equal L or after a division by L = 1 or 2, so the
  scores that tie, tie whatever order a solution adds them in, and the tie rules (the lower
  flattened index; an earlier finish; eos before max_len within a step) decide alone. Each answer is
  worked out by hand in its comment.
- random ones (`log_probabilities`): N(0, scale²) logits, log-softmaxed per row, the eos column
  shifted so that hypotheses finish early and often, or rarely. Where beam_size >= V ** max_len the
  beam is exhaustive: its answer is every complete sequence, ranked, as an enumeration gives it.

Known-wrong solutions (tests/candidates/beam_search/torch/wrong_*.py), one slip each:
  wrong_greedy_ignores_beam_size        one survivor per step: greedy decoding
  wrong_log_probs_not_added_to_scores   extensions ranked by the new token's log-probability alone
  wrong_no_length_penalty               finished hypotheses ranked by their summed log-probability
  wrong_length_counts_bos               L = len(tokens), bos included
  wrong_finished_replaced               finished hypotheses replaced: the beam keeps beam_size live ones
  wrong_finished_stay_in_the_beam       finished hypotheses extended by eos at no cost instead of leaving
  wrong_beam_shrinks_as_they_finish     beam_size - (number finished) survive each step
  wrong_survivors_in_flattened_order    the new beam parent by parent, not best first
  wrong_eos_dropped                     tokens returned without their eos
  wrong_eos_anywhere_counts_as_finished a prefix holding eos anywhere is finished: eos == bos ends at once
  wrong_max_len_counts_bos              max_len taken as the prefix length: one step too few
  wrong_ties_to_the_higher_index        ascending argsort reversed: equal scores go higher index first
  wrong_topk_past_the_vocabulary        topk(beam_size) of n·V scores: raises when beam_size > n·V
  wrong_ranked_ascending_then_reversed  equal final scores come out latest first
  wrong_equal_final_scores_ordered_by_tokens  equal final scores broken by the tokens, not the finishing order
  wrong_final_list_unsorted             the finished returned in finishing order
  wrong_every_finished_returned         every finished hypothesis returned, not the best beam_size
  wrong_scores_in_float32               scores kept in float32
  wrong_scores_left_as_tensors          scores returned as 0-d tensors, not Python floats
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from interviewkit.grader import (
    Case, CheckFailed, Expected, Recipe, _, expect_close, failure, given, step_table,
)


@dataclass(frozen=True)
class log_probabilities(Recipe):
    """A (steps, V, V) table of log-probabilities: N(0, scale²) logits, `eos_shift` added to the eos
    column, log-softmaxed over the last axis (row [t - 1, last] is the next token's distribution)."""

    steps: int
    vocabulary: int
    eos_id: int
    scale: float = 2.0
    eos_shift: float = 1.0
    dtype: str = "float64"

    @property
    def shape(self) -> tuple[int, int, int]:
        return (self.steps, self.vocabulary, self.vocabulary)

    def draw(self, rng):
        logits = rng.standard_normal(self.shape) * self.scale
        logits[..., self.eos_id] += self.eos_shift
        logits -= logits.max(axis=-1, keepdims=True)
        return logits - np.log(np.exp(logits).sum(axis=-1, keepdims=True))

    def lines(self, name):
        return [f"{name} = rng.standard_normal({self.shape}) * {self.scale!r}",
                f"{name}[..., {self.eos_id}] += {self.eos_shift!r}",
                f"{name} -= {name}.max(axis=-1, keepdims=True)",
                f"{name} = {name} - np.log(np.exp({name}).sum(axis=-1, keepdims=True))"]

    def describe(self):
        return _("{dtype} {shape} log-softmax of N(0, {scale}²) logits, eos {eos} raised by {shift}").format(
            dtype=self.dtype, shape=self.shape, scale=f"{self.scale:g}", eos=self.eos_id, shift=f"{self.eos_shift:g}")


def designed(steps: int, vocabulary: int, rows: dict, fill: float = -8.0):
    """A given float64 table: every entry `fill`, then rows[(t, last)] = the row after a prefix of t
    tokens ending in `last` (t = 1 is bos alone)."""
    table = np.full((steps, vocabulary, vocabulary), fill)
    for (length, last), row in rows.items():
        table[length - 1, last] = row
    return given(tuple(table.tolist()), dtype="float64")


def search(name: str, table, bos_id: int, eos_id: int, beam_size: int, max_len: int, **options) -> Case:
    return Case(name, step_fn=step_table(table), bos_id=bos_id, eos_id=eos_id, beam_size=beam_size,
                max_len=max_len, **options)


def random_search(name: str, vocabulary: int, bos_id: int, eos_id: int, beam_size: int, max_len: int,
                  eos_shift: float = 1.0, **options) -> Case:
    table = log_probabilities(max_len, vocabulary, eos_id, eos_shift=eos_shift)
    return search(name, table, bos_id, eos_id, beam_size, max_len, **options)


def designed_cases() -> list[Case]:
    return [
        # Every log-probability -1: every extension ties. Step 1 keeps tokens 0-3 (lowest index);
        # step 2 the first four of parent [0, 0] (flattened order is parent-major), and so on:
        # [0,0,0,0] to [0,0,0,3], each -3 / 3. eos (7) is never among the first four. 32 equal
        # scores at step 2: more than an unstable sort keeps in order.
        search("equal_scores_keep_the_lower_flattened_index", designed(3, 8, {}, fill=-1.0), 0, 7, 4, 3),
        # Step 1: [0,1] (-0.25) and [0,2] (eos, -1: finished). Step 2 from [0,1]: [0,1,0] and [0,1,2]
        # (eos), both -0.75, survive. Step 3 from [0,1,0]: [0,1,0,2] (eos, -1.25) and [0,1,0,0] (-4.75).
        # Without length penalty [0,1,2] (-0.75) and [0,2] (-1) are the best. A beam that keeps its
        # finished hypotheses (extended by eos at no cost) loses [0,2] at step 2, pushed out by the
        # two at -0.75, and returns [0,1,0,2] instead. It comes before the next case, where that beam and
        # a tie broken by the tokens give the same answer: the grade names the bug by its first failure.
        search("a_finished_hypothesis_is_never_pushed_out",
               designed(3, 3, {(1, 0): [-2, -0.25, -1], (2, 1): [-0.5, -1, -0.5], (3, 0): [-4, -4, -0.5]}),
               0, 2, 2, 3, length_penalty=0.0),
        # max_len 1, three tokens tie at -1: [0,0], [0,1], [0,2] survive in that order; [0,1] ends in
        # eos, the other two reach max_len. Ranked: eos first, then the max_len ones in beam order.
        search("at_max_len_those_ending_in_eos_come_first", designed(1, 4, {(1, 0): [-1, -1, -1, -4]}), 0, 1, 3, 1),
        # Step 1: [0,1] (-1) and [0,3] (eos, -1 / 1 = -1) survive. Step 2 from [0,1]: [0,1,0] (-2) and
        # [0,1,3] (eos, -2). Every final score is -1: [0,3] (step 1) first, then [0,1,3] (eos at step
        # 2) before [0,1,0] (max_len at step 2), which beam_size 2 leaves out.
        search("equal_final_scores_go_to_the_earlier_finish",
               designed(2, 4, {(1, 0): [-2, -1, -8, -1], (2, 1): [-1, -4, -4, -1]}), 0, 3, 2, 2),
        # Step 1 keeps [0,1] (-0.5) and [0,2] (-1). From [0,1] everything is poor (eos -3); from [0,2]
        # eos costs -0.25: [0,2,3] (-1.25 / 2) beats [0,1,3] (-3.5 / 2). Greedy takes token 1 first.
        search("the_best_first_token_is_not_the_best_start",
               designed(2, 4, {(1, 0): [-2, -0.5, -1, -8], (2, 1): [-4, -4, -4, -3], (2, 2): [-4, -4, -4, -0.25]}),
               0, 3, 2, 2),
        # Step 1: [0,1] (-0.5) and [0,2] (eos, -1: finished) survive; one live hypothesis is left.
        # Step 2 from [0,1]: [0,1,1] (-1) and [0,1,0] (-2), both live: the beam keeps 2 survivors
        # every step, however many finished before. Step 3: from [0,1,1] everything costs -4 (-5);
        # from [0,1,0] eos costs -0.5: [0,1,0,2] (-2.5) is second to [0,2] (-1). A beam that shrank
        # to one live hypothesis after step 1 keeps [0,1,1] alone and returns [0,1,1,0] (-5).
        search("the_beam_keeps_its_size_after_a_hypothesis_finishes",
               designed(3, 3, {(1, 0): [-4, -0.5, -1], (2, 1): [-1.5, -0.5, -4], (3, 1): [-4, -4, -4],
                               (3, 0): [-4, -4, -0.5]}), 0, 2, 2, 3, length_penalty=0.0),
        # Step 1: [0,2] (eos, -1) and [0,1] (-2). A finished hypothesis leaves without being replaced:
        # step 2 extends [0,1] alone, to [0,1,2] (eos, -2.5) and [0,1,0] (-6). With length_penalty 2
        # [0,1,2] scores -2.5 / 4 = -0.625 and beats [0,2] (-1 / 1); with 0 or 1 it would not.
        search("a_finished_hypothesis_is_not_replaced",
               designed(2, 3, {(1, 0): [-4, -2, -1], (2, 1): [-4, -8, -0.5], (2, 0): [-0.5, -0.5, -0.5]}),
               0, 2, 2, 2, length_penalty=2.0),
        # One token, bos and eos at once: the start is live (only survivors can finish), step 1 gives
        # [0, 0], which ends in eos.
        search("a_vocabulary_of_eos_alone", designed(3, 1, {}, fill=-0.5), 0, 0, 4, 3),
        # eos == bos (as in GPT-2): [bos] is live, and eos among the generated tokens ends a hypothesis.
        # Step 1 keeps [0,1] (-0.5) and [0,0] (eos, -1); step 2 extends [0,1] to [0,1,0] (eos,
        # -0.75 / 2) and [0,1,1] (-2.5 / 2).
        search("eos_is_also_bos", designed(2, 2, {(1, 0): [-1, -0.5], (2, 1): [-0.25, -2]}), 0, 0, 2, 2),
        # Step 1 keeps all three: [0,0] (-0.5), [0,1] (-1) and [0,2] (eos, -4: finished). Step 2 keeps
        # [0,0,0] (-1), [0,1,0] (-1.25) and, of the two at -1.5, [0,0,1] (lower flattened index): as
        # many live hypotheses as tokens (n == V, where scores[None, :] broadcasts silently). Step 3:
        # [0,0,0,2] (-1.5), then [0,1,0,2] and [0,0,1,2], both eos at -1.75, both -1.75 / 3: in beam
        # order, not token order. [0,2] (-4) is left out.
        search("equal_eos_finishes_keep_beam_order_with_as_many_live_as_tokens",
               designed(3, 3, {(1, 0): [-0.5, -1, -4], (2, 0): [-0.5, -1, -8], (2, 1): [-0.25, -0.5, -8],
                               (3, 0): [-1, -2, -0.5], (3, 1): [-2, -1, -0.25]}), 0, 2, 3, 3),
    ]


def random_cases() -> list[Case]:
    return [
        random_search("a_beam_of_four", 6, 0, 5, 4, 5),
        random_search("a_beam_of_four_without_length_penalty", 6, 0, 5, 4, 5, length_penalty=0.0),
        random_search("a_beam_of_four_with_length_penalty_two", 6, 0, 5, 4, 5, length_penalty=2.0),
        random_search("a_beam_of_three_with_a_fractional_length_penalty", 7, 2, 4, 3, 6, length_penalty=0.6),
        # beam_size 1 is greedy decoding, with eos or max_len ending it.
        random_search("a_beam_of_one_is_greedy", 5, 0, 4, 1, 6),
        random_search("a_beam_of_one_with_length_penalty_two", 5, 1, 3, 1, 4, length_penalty=2.0),
        # beam_size == V: step 1 keeps every token.
        random_search("as_many_beams_as_tokens", 4, 0, 3, 4, 5, length_penalty=0.0),
        # beam_size > V: step 1 has only V extensions.
        random_search("more_beams_than_tokens", 3, 0, 2, 5, 4, length_penalty=2.0),
        # beam_size >= V ** max_len: exhaustive search; the answer is every complete sequence, ranked.
        random_search("a_beam_wide_enough_to_be_exhaustive", 3, 1, 2, 27, 3, eos_shift=0.0),
        random_search("a_large_vocabulary", 40, 0, 39, 5, 6, eos_shift=2.5),
        random_search("a_single_step", 6, 0, 2, 3, 1),
        random_search("eos_is_also_bos_in_a_random_model", 6, 0, 0, 3, 6, length_penalty=2.0),
        random_search("eos_is_also_bos_without_length_penalty", 5, 3, 3, 4, 5, length_penalty=0.0),
        random_search("a_beam_of_one_where_eos_is_bos", 4, 2, 2, 1, 5, length_penalty=0.0),
        random_search("more_beams_than_tokens_where_eos_is_bos", 3, 1, 1, 4, 4, length_penalty=0.6),
        # eos is rare: most hypotheses run to max_len.
        random_search("eos_rarely_chosen", 6, 0, 1, 3, 5, eos_shift=-3.0),
        # eos is likely: most hypotheses finish within a step or two, and more than beam_size finish.
        random_search("eos_chosen_early_and_often", 6, 0, 1, 3, 6, eos_shift=3.0),
    ]


def oracle(step_fn, bos_id, eos_id, beam_size, max_len, length_penalty=1.0):
    """The contract in plain Python, one rule per line (the reference is the tensor version)."""
    beam, finished = [([bos_id], 0.0)], []           # finished: (tokens, summed log-prob), as they finish
    for _ in range(max_len):
        rows = step_fn(torch.tensor([tokens for tokens, _ in beam])).tolist()
        extensions = [(score + value, parent * len(row) + token, tokens + [token])
                      for parent, ((tokens, score), row) in enumerate(zip(beam, rows))
                      for token, value in enumerate(row)]
        # Best first; equal scores by the lower index in the flattened (n·V) order.
        survivors = sorted(extensions, key=lambda extension: (-extension[0], extension[1]))[:beam_size]
        finished += [(tokens, score) for score, _, tokens in survivors if tokens[-1] == eos_id]
        beam = [(tokens, score) for score, _, tokens in survivors if tokens[-1] != eos_id]
        if not beam:
            break
    finished += beam                                  # those left reached max_len
    ranked = [(tokens, score / (len(tokens) - 1) ** length_penalty) for tokens, score in finished]
    order = sorted(range(len(ranked)), key=lambda position: (-ranked[position][1], position))
    return [ranked[position] for position in order[:beam_size]]


def _kind(value) -> str:
    return getattr(value, "type_name", type(value).__name__)


def _problem(value) -> str | None:
    """What is wrong with one returned hypothesis's types, or None."""
    if type(value) is not tuple or len(value) != 2:
        return _("a {kind}, not a tuple (tokens, score)").format(kind=_kind(value))
    tokens, score = value
    if type(tokens) is not list or not all(type(token) is int for token in tokens):
        kinds = sorted({_kind(token) for token in tokens}) if isinstance(tokens, list) else []
        if kinds:
            return _("its tokens are a {kind} of {items}, not a list of Python ints: use prefix.tolist()").format(
                kind=_kind(tokens), items=", ".join(kinds))
        return _("its tokens are a {kind}, not a list of Python ints: use prefix.tolist()").format(kind=_kind(tokens))
    if type(score) is not float:
        return _("its score is a {kind}, not a Python float: use score.item()").format(kind=_kind(score))
    return None


def _listing(hypotheses: list) -> str:
    return "\n".join(f"    {tokens}  {score!r}" for tokens, score in hypotheses) or "    " + _("(none)")


def expect_hypotheses(actual, expected, _like=None, condition: float = 1.0) -> None:
    """The returned list: its types, its length, each hypothesis's tokens exactly and in order, then
    the final scores to float64's tolerance (check_function's `compare`)."""
    if type(actual) is not list:
        raise CheckFailed(_("beam_search returned a {kind}, expected a list of (tokens, score) tuples").format(
            kind=_kind(actual)))
    for index, value in enumerate(actual):
        if (problem := _problem(value)) is not None:
            raise failure(_("hypothesis {index}, {value}: {problem} (each is a tuple (tokens, score), tokens a list "
                            "of Python ints, score a Python float)").format(index=index, value=repr(value),
                                                                           problem=problem), "hypothesis-types")
    tokens, want = [value[0] for value in actual], [value[0] for value in expected]
    if tokens != want:
        first = next((i for i, (a, b) in enumerate(zip(tokens, want)) if a != b), min(len(tokens), len(want)))
        raise CheckFailed(_("{returned} hypotheses returned, {expected} expected; the first difference is "
                            "hypothesis {first}\n  expected:\n{expected_listing}\n  got:\n{got_listing}").format(
            returned=len(actual), expected=len(expected), first=first, expected_listing=_listing(expected),
            got_listing=_listing(actual)))
    expect_close(torch.tensor([value[1] for value in actual], dtype=torch.float64),
                 torch.tensor([value[1] for value in expected], dtype=torch.float64),
                 Expected("torch", "float64"), _("final scores"), condition=condition)
