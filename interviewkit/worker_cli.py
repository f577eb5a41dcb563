"""`kit worker status|stop`: the workspace's warm grading worker, which `kit grade`, `kit watch` and mock
grades start and share (interviewkit/grading/run/worker.py)."""
from __future__ import annotations

import time

import typer

from interviewkit import language_cli, render
from interviewkit.durations import duration
from interviewkit.messages import _, ngettext
from interviewkit.workspace import KIT_DIR, find_workspace

worker_app = language_cli.Typer(
    help="The workspace's warm grading worker: the first grade starts it, later grades answer in a fraction "
         "of a second, and it ends itself when idle (KIT_WORKER_IDLE_MINUTES, 10 by default).",
    no_args_is_help=True,
)


def _kit_dir():
    workspace = find_workspace()
    return workspace / KIT_DIR if workspace else None


@worker_app.command()
def status() -> None:
    """Whether a worker serves this workspace, since when, and how many grades it has run."""
    from interviewkit.grading.run.worker_client import ask

    kit_dir = _kit_dir()
    answer = ask(kit_dir, "status") if kit_dir else None
    if answer is None:
        render.note(_("No grading worker runs for this workspace; the next `kit grade` starts one."))
        return
    grades = ngettext("{served} grade", "{served} grades", answer["served"]).format(served=answer["served"])
    render.note(_("A grading worker (pid {pid}) serves {folder}: up {up}, {grades}, {in_flight} in flight; idle for "
                  "{idle}, it ends after {limit} idle.").format(
        pid=answer["pid"], folder=kit_dir.parent, up=duration(time.time() - answer["started"]), grades=grades,
        in_flight=answer["in_flight"], idle=duration(answer["idle_for"]), limit=duration(answer["idle_seconds"])))


@worker_app.command()
def stop() -> None:
    """End the workspace's worker now (grades in flight are stopped); the next grade starts a fresh one."""
    from interviewkit.grading.run.worker_client import ask

    kit_dir = _kit_dir()
    if kit_dir is None or ask(kit_dir, "stop") is None:
        render.note(_("No grading worker runs for this workspace."))
        return
    render.note(_("Stopped the workspace's grading worker."))
