"""`check_efficiency`: the candidate's time against the reference's on a larger case, as a ratio in the
check's report; a failure only under `kit grade --strict`, above the kata's bound."""
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
