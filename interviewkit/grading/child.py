"""The child process of a grade: runs the session and streams its events, one JSON object per
line, to the file descriptor the parent passed. Run as `python -m interviewkit.grading.child REQUEST`."""
from __future__ import annotations

import json
import os
import sys
import traceback
from pathlib import Path


def main() -> None:
    request = json.loads(sys.argv[1])
    stream = os.fdopen(request["events_fd"], "w", buffering=1, encoding="utf-8")

    def emit(event: dict) -> None:
        stream.write(json.dumps(event) + "\n")
        stream.flush()

    from interviewkit.catalog import Catalog
    from interviewkit.grading.session import DeviceUnavailable, run_grade

    try:
        kata = Catalog().get(request["kata"])
        run_grade(kata, request["track"], Path(request["file"]), request["device"], emit,
                  time_limit=request["time_limit"], memory_limit_mb=request.get("memory_limit_mb"))
        emit({"event": "finished"})
    except DeviceUnavailable as error:
        emit({"event": "usage_error", "message": str(error)})
    except BaseException:  # a bug in kit: report it rather than die silently
        emit({"event": "internal_error", "message": traceback.format_exc(limit=8)})
    stream.close()
    sys.stdout.flush()
    # Candidate threads or atexit handlers must not keep the grade alive or change its outcome.
    os._exit(0)


if __name__ == "__main__":
    main()
