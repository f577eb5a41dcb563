"""The grader process of a grade: runs the session and streams its events, one JSON object per
line, to the file descriptor the parent passed. Run as `python -m interviewkit.grading.run.child REQUEST`,
or forked from a warm worker (see worker.py)."""
from __future__ import annotations

import json
import os
import sys
import traceback
from pathlib import Path

from interviewkit.grading.run.events import Event, encode, event


def run_request(request: dict, emit) -> None:
    """One grade, every event sent through `emit`; never raises."""
    from interviewkit.catalog import Catalog
    from interviewkit.grading.run.session import DeviceUnavailable, run_grade

    from interviewkit.grading.run.trial import ExampleError, run_trial
    from interviewkit.messages import from_environment

    from_environment()
    try:
        kata = Catalog().get(request["kata"])
        if request.get("example"):  # `kit run`: the example's steps, shown beside the reference's
            run_trial(kata, request["track"], Path(request["file"]), request["device"], emit, Path(request["example"]),
                      request["time_limit"], request.get("memory_limit_mb"))
        else:
            run_grade(kata, request["track"], Path(request["file"]), request["device"], emit,
                      time_limit=request["time_limit"], memory_limit_mb=request.get("memory_limit_mb"),
                      strict=request.get("strict", False))
        emit(event(Event.FINISHED))
    except (DeviceUnavailable, ExampleError) as error:
        emit(event(Event.USAGE_ERROR, message=str(error)))
    except BaseException:  # a bug in kit: report it rather than die silently
        emit(event(Event.INTERNAL_ERROR, message=traceback.format_exc(limit=8)))


def event_writer(descriptor: int):
    stream = os.fdopen(descriptor, "w", buffering=1, encoding="utf-8")

    def emit(message: dict) -> None:
        stream.write(encode(message))
        stream.flush()

    return emit, stream


def main() -> None:
    request = json.loads(sys.argv[1])
    emit, stream = event_writer(request["events_fd"])
    run_request(request, emit)
    stream.close()
    sys.stdout.flush()
    # Threads or atexit handlers must not keep the grade alive or change its outcome.
    os._exit(0)


if __name__ == "__main__":
    main()
