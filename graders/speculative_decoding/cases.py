"""speculative_decoding cases and oracles (torch track): `speculative_round(prefix, draft_fn, target_fn,
k, generator)` and `speculative_greedy_round(prefix, draft_fn, target_fn, k)`, each model a `step_table`
over a (steps, V, V) table of next-token log-probabilities (row [t - 1, last] after a prefix of t tokens).

Tables are fixed (drawn here from fixed NumPy seeds, or written out): the sampling variant is graded by
the distribution of ROUNDS rounds, each with its own generator seed, and a round's outcome
distribution is computed exactly by enumeration (`outcomes`): accepting draft token x at a position
has probability min(p(x), q(x)), rejecting it and resampling x has probability max(0, p(x) - q(x)),
and after k acceptances the bonus token has probability p(x). Draft and target tables differ a lot
(the draft favours what the target does not), so that accepting with q/p, resampling from p, a
missing bonus token or the draft's probability of the wrong position move some outcome's
probability by far more than the bound allows.

Known-wrong solutions (tests/candidates/speculative_decoding/torch/wrong_*.py), one slip each:
  wrong_accepts_with_q_over_p            acceptance ratio upside down
  wrong_resamples_from_the_target        a rejection resamples from p, not norm(max(0, p - q))
  wrong_no_bonus_token                   all k accepted: the round returns k tokens
  wrong_continues_after_a_rejection      the resampled token is followed by the rest of the draft
  wrong_target_probability_of_the_next_position   p read one position late
  wrong_residual_softmaxed               max(0, p - q) normalised by softmax, not by its sum
  wrong_accept_test_without_the_generator   the acceptance uniform drawn from torch's global state
  wrong_greedy_appends_the_draft_on_a_mismatch   greedy: the rejected draft appended, not the target's
  wrong_greedy_target_called_lazily      greedy: the target scored only until the first mismatch
"""
from __future__ import annotations

import numpy as np
import torch

from interviewkit.grader import Case, Diagnosis, given, step_table, torch_generator

ROUNDS = 100  # rounds of each sampling case, one generator seed each: a mutant's grade must end within 20 s


def log_softmax(logits: np.ndarray) -> np.ndarray:
    logits = logits - logits.max(axis=-1, keepdims=True)
    return logits - np.log(np.exp(logits).sum(axis=-1, keepdims=True))


def random_table(seed: int, steps: int, vocabulary: int, scale: float = 1.5) -> np.ndarray:
    """Log-softmax of N(0, scale²) logits, (steps, V, V), from a fixed seed."""
    return log_softmax(np.random.default_rng(seed).standard_normal((steps, vocabulary, vocabulary)) * scale)


def contrary(table: np.ndarray, strength: float = 1.5, seed: int = 0) -> np.ndarray:
    """A draft that disagrees with `table`: its logits are the target's reversed in rank, plus noise."""
    noise = np.random.default_rng(seed).standard_normal(table.shape) * 0.5
    return log_softmax(-strength * table + noise)


def table(values: np.ndarray, dtype: str = "float64"):
    return step_table(given(tuple(values.tolist()), dtype=dtype))


def tokens(values) -> given:
    return given(tuple(values), dtype="int64")


def round_case(name: str, prefix, draft: np.ndarray, target: np.ndarray, k: int, dtype: str = "float64",
               **extra) -> Case:
    return Case(name, prefix=tokens(prefix), draft_fn=table(draft, dtype), target_fn=table(target, dtype), k=k,
                **extra)


def sampling_case(name: str, prefix, draft: np.ndarray, target: np.ndarray, k: int, dtype: str = "float64"):
    """A sampling round; the grader plays it ROUNDS times, the generator reseeded each time."""
    return round_case(name, prefix, draft, target, k, dtype, generator=torch_generator(0))


def sampling_cases() -> list[Case]:
    target4 = random_table(1, 5, 4, scale=2.0)
    # Token 0 is the target's favourite everywhere; the draft gives it almost nothing.
    skewed = log_softmax(np.tile([3.0, 1.0, 0.0, -1.0], (5, 4, 1)))
    opposite = log_softmax(np.tile([-1.0, 0.0, 1.0, 3.0], (5, 4, 1)))
    # The target never says token 3 (log 0 = -inf); the draft says it most: always rejected.
    never_three = log_softmax(np.where(np.arange(4) == 3, -np.inf, random_table(4, 4, 4)))
    return [
        sampling_case("one_draft_token_and_its_bonus", [0], contrary(target4), target4, k=1),
        sampling_case("two_draft_tokens_after_a_longer_prefix_in_float32", [2, 0, 3], contrary(target4, seed=1),
                      target4, k=2, dtype="float32"),
        sampling_case("a_draft_that_prefers_what_the_target_does_not", [0, 1], opposite, skewed, k=3),
        sampling_case("a_draft_equal_to_the_target_is_always_accepted_in_float32", [2, 2], random_table(3, 4, 3),
                      random_table(3, 4, 3), k=2, dtype="float32"),
        sampling_case("the_target_gives_a_token_probability_zero", [2], contrary(never_three.clip(-30), seed=3),
                      never_three, k=2),
        sampling_case("a_prefix_of_one_token_and_a_vocabulary_of_two", [1], random_table(5, 4, 2, 2.0),
                      random_table(6, 4, 2, 2.0), k=3),
    ]


def greedy_cases() -> list[Case]:
    target = random_table(7, 6, 5)
    return [
        round_case("every_draft_token_accepted_then_the_bonus", [0, 2], log_softmax(target * 0.5), target, k=3),
        round_case("the_first_draft_token_rejected", [1], contrary(target, seed=4), target, k=3),
        round_case("independent_models_agree_now_and_then", [2], random_table(8, 6, 3), random_table(9, 6, 3), k=4),
        round_case("independent_models_in_float32", [0, 1, 2], random_table(10, 7, 3), random_table(11, 7, 3), k=4,
                   dtype="float32"),
        round_case("one_draft_token", [2], random_table(12, 3, 4), random_table(13, 3, 4), k=1),
        round_case("one_draft_token_accepted", [2], random_table(13, 3, 4) * 0.5, random_table(13, 3, 4), k=1,
                   dtype="float32"),
        # Every row [0, 0, -1]: tokens 0 and 1 tie; argmax takes the lower index, in both models.
        round_case("ties_go_to_the_lower_index", [2], np.tile([0.0, 0.0, -1.0], (4, 3, 1)),
                   np.tile([-1.0, 0.0, 0.0], (4, 3, 1)), k=2),
        # Mismatch at the second position: one accepted, then the target's choice.
        round_case("rejected_in_the_middle", [0], middle_draft(target), target, k=3),
    ]


def middle_draft(target: np.ndarray) -> np.ndarray:
    """The target's table with the row the second draft reads (after [0, best]) reversed."""
    draft = target.copy()
    best = int(target[0, 0].argmax())
    draft[1, best] = target[1, best][::-1]
    return draft


def probabilities(step_fn, sequence: list[int]) -> np.ndarray:
    """The model's next-token probabilities after `sequence`, read from its table (no call recorded)."""
    return np.exp(step_fn.table[len(sequence) - 1, sequence[-1]].double().numpy())


def outcomes(prefix, draft_fn, target_fn, k) -> dict[tuple[int, ...], float]:
    """Every sequence of tokens a round appends, with its exact probability (float64)."""
    found: dict[tuple[int, ...], float] = {}

    def add(appended, mass):
        found[appended] = found.get(appended, 0.0) + mass

    def walk(sequence, mass, depth):
        p = probabilities(target_fn, sequence)
        appended = tuple(sequence[len(start):])
        if depth == k:
            for token in np.flatnonzero(p):
                add(appended + (int(token),), mass * p[token])
            return
        q = probabilities(draft_fn, sequence)
        for token in range(p.size):
            if p[token] > q[token]:
                add(appended + (token,), mass * (p[token] - q[token]))
            if min(p[token], q[token]) > 0:
                walk(sequence + [token], mass * min(p[token], q[token]), depth + 1)

    start = [int(token) for token in prefix]
    walk(start, 1.0, 0)
    return found


def greedy_oracle(prefix, draft_fn, target_fn, k, bug: str = ""):
    """The contract in plain Python, calling the models as pinned: k draft calls, k + 1 target calls
    (with `bug`, that classic bug: GREEDY_DIAGNOSES)."""
    sequence = prefix.tolist()
    for _ in range(k):
        sequence.append(int(draft_fn(torch.tensor([sequence])).argmax()))
    drafted = sequence[len(prefix):]
    best = [int(target_fn(torch.tensor([sequence[:len(prefix) + i]])).argmax()) for i in range(k + 1)]
    appended = []
    for token, choice in zip(drafted + [None], best):
        appended.append(token if bug == "draft-appended-on-a-mismatch" and token is not None else choice)
        if token != choice:
            break
    return appended


def _draft_appended_on_a_mismatch(prefix, draft_fn, target_fn, k):
    return greedy_oracle(prefix, draft_fn, target_fn, k, bug="draft-appended-on-a-mismatch")


# The greedy round's classic bug of output, a cause id of katas/speculative_decoding/hints.toml; the
# others are told by the grader's own checks (test.py: how the models are called, what a round appends).
GREEDY_DIAGNOSES = (Diagnosis("draft-appended-on-a-mismatch", _draft_appended_on_a_mismatch),)
