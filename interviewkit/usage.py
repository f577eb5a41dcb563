"""What a command needs from its arguments and its surroundings, or else a usage error: one line on
stderr that says what to do next, and exit status 2. Shared by every `kit` command group."""
from __future__ import annotations

from pathlib import Path
from typing import NoReturn

import typer

from interviewkit import render
from interviewkit.catalog import Catalog, CatalogError, Kata, UnknownKata, UnknownTrack
from interviewkit.messages import _
from interviewkit.progress import Store
from interviewkit.workspace import open_workspace

USAGE_ERROR = 2


def fail_usage(message: str) -> NoReturn:
    render.error(message)
    raise typer.Exit(USAGE_ERROR)


def load_kata(catalog: Catalog, kata_id: str) -> Kata:
    try:
        return catalog.get(kata_id)
    except UnknownKata as problem:
        fail_usage(str(problem))
    except CatalogError as problem:
        fail_usage(_("the catalogue is damaged: {problem}").format(problem=problem))


def check_track(kata: Kata, track: str | None) -> str:
    try:
        return kata.track(track).name
    except UnknownTrack as problem:
        fail_usage(str(problem))


def workspace_store() -> tuple[Path, Store]:
    try:
        workspace = open_workspace()
    except OSError as error:
        fail_usage(_("cannot use {folder} as kit's workspace ({why}): KIT_WORKSPACE, or the current folder, must be "
                     "a folder you can write to.").format(folder=error.filename, why=error.strerror))
    return workspace, Store(workspace)
