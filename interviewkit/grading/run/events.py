"""The one vocabulary of a grade's events and their one encoding: one JSON object per line, its name
under "event". The grader process writes them (child.py, session.py, plugin.py); the runner reads
them (runner.py), through the workspace's warm worker when there is one (worker.py)."""
from __future__ import annotations

import json
from enum import StrEnum

from interviewkit.grading.run.result import CheckResult


class Event(StrEnum):
    START = "start"                    # a check begins: {"check": its name}
    CHECK = "check"                    # a check ended: {"result": CheckResult.to_json()}
    FINISHED = "finished"              # the grade ran to its end
    USAGE_ERROR = "usage_error"        # the grade cannot run as asked: {"message"}
    INTERNAL_ERROR = "internal_error"  # kit failed: {"message": the traceback}
    # Between the warm worker and its client only.
    READY = "ready"                    # the worker has imported everything and waits for grades
    GRADER = "grader"                  # a grade's grader process started: {"pid"}
    WORKER_TIMEOUT = "worker_timeout"  # the worker killed a grader that overran its time
    DONE = "done"                      # the grader ended: {"status": its wait status}
    STALE = "stale"                    # the worker runs another kit installation: start a fresh one
    STATUS = "status"                  # the worker's state: {"pid", "started", "served", "in_flight", ...}
    LOST = "lost"                      # never sent: the client's word for a worker gone or silent


def event(name: Event, **fields) -> dict:
    return {"event": name, **fields}


def started(check: str) -> dict:
    return event(Event.START, check=check)


def checked(result: CheckResult) -> dict:
    return event(Event.CHECK, result=result.to_json())


def encode(message: dict) -> str:
    return json.dumps(message) + "\n"


def decode(line: str | bytes) -> dict | None:
    """The event a line holds, its name as an Event; None for a line that is not one."""
    try:
        message = json.loads(line)
        message["event"] = Event(message["event"])
    except (ValueError, KeyError, TypeError):
        return None
    return message
