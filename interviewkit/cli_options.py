"""The arguments and options `kit`'s commands share, with their shell completions."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from interviewkit.catalog import Catalog


def complete_kata(incomplete: str) -> list[str]:
    return [kata_id for kata_id in Catalog().ids() if kata_id.startswith(incomplete.replace("-", "_"))]


def complete_track(incomplete: str) -> list[str]:
    return sorted({name for kata in Catalog().katas() for name in kata.tracks if name.startswith(incomplete)})


KataArgument = Annotated[str, typer.Argument(help="The kata's id, e.g. softmax.", autocompletion=complete_kata)]
TrackOption = Annotated[Optional[str], typer.Option("--track", "-t", help="numpy or torch (default: the kata's).",
                                                    autocompletion=complete_track)]
TargetArgument = Annotated[Optional[str], typer.Argument(
    help="A kata id or a file; default: your most recently changed kata file.", autocompletion=complete_kata)]
FileOption = Annotated[Optional[Path], typer.Option("--file", "-f", help="The kata file.")]
DeviceOption = Annotated[str, typer.Option(help="cpu, cuda or auto (torch track).")]
TimeoutOption = Annotated[Optional[float], typer.Option(help="Time limit in seconds (default: the kata's).")]
MemoryOption = Annotated[Optional[int], typer.Option(
    help="Memory your code may use, in MiB (default: the kata's, 4096 unless it says otherwise).")]
VerboseOption = Annotated[bool, typer.Option("--verbose", "-v", help="Show code that rebuilds failing inputs.")]
ColdOption = Annotated[bool, typer.Option(
    "--cold", help="Grade in a fresh process, without the workspace's warm worker (as KIT_WORKER=off does).")]
