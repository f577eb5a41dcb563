"""`check_efficiency`: the candidate's time against the reference's on a larger case, as a ratio in the
check's report; a failure under `kit grade --strict`, above the kata's bound, and always when a timed
call's output is wrong. `check_memory`: what the candidate allocates on a case, against a bound the
kata's contract states."""
from __future__ import annotations

from dataclasses import replace
from statistics import median
from typing import Callable

from interviewkit import language, translations
from interviewkit.grading.sandbox.errors import CheckFailed
from interviewkit.grading.toolkit.cases import Case
from interviewkit.grading.toolkit.checks import Grading, about, conditioning, expect_outputs, input_dtype
from interviewkit.grading.toolkit.timing import Measured
from interviewkit.messages import _


def check_efficiency(grading: Grading, symbol: str, case: Case, oracle: Callable, *,
                     compare: Callable = expect_outputs, condition: float | Callable[..., float] = 1.0,
                     repeat: int = 3) -> None:
    """Times the candidate against the kata's reference on a larger case (each in a fresh sandbox,
    on the grader's clock) and reports the ratio of their median times. Correct but slow code
    passes, with the ratio in its report; under `kit grade --strict`, a ratio above the kata's bound
    fails. Every call timed, the warm-up's too, runs on inputs of its own (the case drawn with the
    next seed) and its output is held to `oracle`'s as check_function holds it (`compare`,
    `condition`): an output remembered from an earlier call, or made up for the case's size, fails."""
    timing = grading.timing
    if timing is None:
        grading.note(_("not timed in this grade"))
        return
    with about(case, grading, symbol):
        if grading.device != "cpu":
            grading.note(_("not timed on {device}: kit times solutions on the CPU").format(device=grading.device))
            return
    seeded = [replace(grading, seed_offset=grading.seed_offset + number) for number in range(repeat + 1)]
    inputs = [each.inputs(case) for each in seeded]
    calls = [grading.split_arguments(symbol, given) for given in inputs]
    reference = timing.measure(True, symbol, calls)
    if reference.error or reference.timed_out:
        why = reference.error or _("it ran past the timing case's time limit")
        raise RuntimeError(_("kit's reference solution failed on the timing case ({why}): this is a bug in kit, "
                             "not in your code").format(why=why))
    measured = timing.measure(False, symbol, calls)
    for number, output in enumerate(measured.outputs):
        each = seeded[number]
        expected = _expected(each, case, oracle, condition, inputs[number])
        _expect_reference(reference.outputs[number], *expected, compare, symbol, case, each)
        with about(case, each, symbol):
            try:
                compare(output, *expected)
            except CheckFailed as failure:
                raise CheckFailed(_("timed call {number} of {total} on the timing case: {failure}").format(
                    number=number + 1, total=len(calls), failure=failure)) from None
    if measured.error:
        with about(case, seeded[len(measured.outputs)], symbol):
            raise measured.error
    with about(case, grading, symbol):
        _report(grading, reference, measured)


def _expected(each: Grading, case: Case, oracle: Callable, condition, given: dict) -> tuple:
    """What check_function holds an output to, on the inputs `each` draws (`given`): the oracle's
    output in float64, how the result must look, and the tolerance's factor."""
    reference = case.reference_inputs(each.seed_offset)
    factor = conditioning(case, reference, condition)
    return oracle(**reference), each.expected(input_dtype(given)), factor


def _expect_reference(output, expected, like, factor, compare: Callable, symbol: str, case: Case,
                      each: Grading) -> None:
    """The reference's timed outputs are held to the oracle too: a reference that fails here is kit's bug."""
    try:
        compare(output, expected, like, factor)
    except CheckFailed as failure:
        raise RuntimeError(_("kit's reference {symbol} disagrees with the grader's oracle on the timing case "
                             "({case}): {failure}; this is a bug in kit, not in your code").format(
            symbol=symbol, case=case.describe(each.seed_offset), failure=failure)) from None


def _report(grading: Grading, reference: Measured, measured: Measured) -> None:
    timing = grading.timing
    bound, limit = timing.efficiency.bound, timing.efficiency.time_limit
    reference_time = max(median(reference.seconds), 1e-6)
    if measured.timed_out:
        ratio = limit / reference_time
        message = _("over {ratio}x the reference's time: more than {limit} s on the timing case, where the "
                    "reference takes {reference} ms").format(
            ratio=f"{ratio:.0f}", limit=f"{limit:g}", reference=f"{reference_time * 1e3:.1f}")
    else:
        ratio = median(measured.seconds) / reference_time
        message = _("{ratio}x the reference's time ({time} ms against {reference} ms)").format(
            ratio=f"{ratio:.1f}", time=f"{median(measured.seconds) * 1e3:.1f}", reference=f"{reference_time * 1e3:.1f}")
    if ratio > bound and timing.efficiency.advice:
        # In kit's language where katas/<id>/<language>/kata.toml translates these very English words.
        kata = timing.track.source.parent
        message += f": {translations.advice(kata, language.current) or timing.efficiency.advice}"
    message += " " + _("[--strict fails above {bound}x]").format(bound=f"{bound:g}")
    grading.note(message, ratio)
    if timing.strict and ratio > bound:
        raise CheckFailed(message)


def check_memory(grading: Grading, symbol: str, case: Case, *, elements: int, what: str) -> dict:
    """Fails when the call allocates `elements` or more at once: on the torch track, one operation's
    output of that many elements (any dtype); on the NumPy track, that many bytes held at once beyond
    the inputs (a one-byte-per-element bound, so any dtype's L×S matrix exceeds it). `what` names
    the bound in the message ("L·S = 4096²"). Returns the measurement (output included)."""
    with about(case, grading, symbol):
        args, kwargs = grading.split_arguments(symbol, grading.inputs(case))
        measured = grading.candidate.measure_call(symbol, *args, **kwargs)
        largest = measured["largest_elements"] if grading.track == "torch" else None
        if largest is not None and largest >= elements:
            raise CheckFailed(_("allocated a tensor of {largest} elements during the call; the bound is below "
                                "{what} = {elements} elements (no intermediate of that size, of any dtype)").format(
                largest=f"{largest:,}", what=what, elements=f"{elements:,}"))
        if largest is None and measured["peak_bytes"] >= elements:
            raise CheckFailed(_("held {held} MiB at once during the call; the bound is below {bound} MiB, one byte "
                                "for each of {what} = {elements} elements, so any array of that many elements "
                                "exceeds it").format(held=f"{measured['peak_bytes'] / 2**20:.1f}",
                                                     bound=f"{elements / 2**20:.1f}", what=what,
                                                     elements=f"{elements:,}"))
        grading.note(_("largest allocation {count} elements").format(count=f"{largest:,}") if largest is not None
                     else _("peak {size} MiB").format(size=f"{measured['peak_bytes'] / 2**20:.2f}"))
        return measured
