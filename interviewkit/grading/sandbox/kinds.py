"""The one vocabulary for how a check ended: every failing check carries one of these kinds, in the
report, in `kit grade --json` and in the progress store. A kind also says whether it ends the grade
(the sandbox is gone, or the time is up, so no later check can run)."""
from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    CHECK = "check"                      # the result is wrong; the message says how
    NOT_IMPLEMENTED = "not_implemented"  # the stub's NotImplementedError
    EXCEPTION = "exception"              # the candidate's code raised
    FORBIDDEN = "forbidden"              # a forbidden API ran, or was reached
    API = "api"                          # a missing symbol or a signature off the contract
    LOAD = "load"                        # the file does not compile or import
    SANDBOX = "sandbox"                  # files, network, processes, native code: what no solution does
    BACKGROUND = "background"            # threads left running after a call returned
    TIMEOUT = "timeout"                  # the time limit was reached
    CRASH = "crash"                      # the sandbox process ended
    MEMORY = "memory"                    # the memory limit was reached
    NOT_RUN = "not_run"                  # not run: an earlier check ended the grade
    INTERNAL = "internal"                # a bug in kit, never the candidate's

    @property
    def stops_grade(self) -> bool:
        return self in _STOPPING


_STOPPING = frozenset({Kind.TIMEOUT, Kind.CRASH, Kind.NOT_RUN, Kind.MEMORY})

