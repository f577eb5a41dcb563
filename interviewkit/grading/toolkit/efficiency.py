"""`check_efficiency`: the candidate's time against the reference's on a larger case, as a ratio in the
check's report; a failure only under `kit grade --strict`, above the kata's bound. `check_memory`:
what the candidate allocates on a case, against a bound the kata's contract states."""
from __future__ import annotations

from statistics import median

from interviewkit.grading.sandbox.errors import CheckFailed
from interviewkit.grading.toolkit.cases import Case
from interviewkit.grading.toolkit.checks import Grading, about


def check_efficiency(grading: Grading, symbol: str, case: Case, *, repeat: int = 3) -> None:
    """Times the candidate against the kata's reference on a larger case (each in a fresh sandbox)
    and reports the ratio of their median times. Correct but slow code passes, with the ratio in
    its report; under `kit grade --strict`, a ratio above the kata's bound fails."""
    timing = grading.timing
    if timing is None:
        grading.note("not timed in this grade")
        return
    with about(case, grading, symbol):
        if grading.device != "cpu":
            grading.note(f"not timed on {grading.device}: kit times solutions on the CPU")
            return
        args, kwargs = grading.split_arguments(symbol, grading.inputs(case))
        reference = timing.measure(True, symbol, args, kwargs, repeat)
        if reference is None:
            raise RuntimeError("the reference solution overran the timing case's time limit")
        measured = timing.measure(False, symbol, args, kwargs, repeat)
        bound, limit = timing.efficiency.bound, timing.efficiency.time_limit
        reference_time = max(median(reference), 1e-6)
        if measured is None:
            ratio = limit / reference_time
            message = (f"over {ratio:.0f}x the reference's time: more than {limit:g} s on the timing case, "
                       f"where the reference takes {reference_time * 1e3:.1f} ms")
        else:
            ratio = median(measured) / reference_time
            message = (f"{ratio:.1f}x the reference's time ({median(measured) * 1e3:.1f} ms against "
                       f"{reference_time * 1e3:.1f} ms)")
        if ratio > bound and timing.efficiency.advice:
            message += f": {timing.efficiency.advice}"
        message += f" [--strict fails above {bound:g}x]"
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
            raise CheckFailed(f"allocated a tensor of {largest:,} elements during the call; the bound is below "
                              f"{what} = {elements:,} elements (no intermediate of that size, of any dtype)")
        if largest is None and measured["peak_bytes"] >= elements:
            raise CheckFailed(f"held {measured['peak_bytes'] / 2**20:.1f} MiB at once during the call; the bound "
                              f"is below {elements / 2**20:.1f} MiB, one byte for each of {what} = {elements:,} "
                              "elements, so any array of that many elements exceeds it")
        grading.note(f"largest allocation {largest:,} elements" if largest is not None
                     else f"peak {measured['peak_bytes'] / 2**20:.2f} MiB")
        return measured
