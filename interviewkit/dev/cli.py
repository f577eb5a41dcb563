"""`kit dev`: the commands for kata authors. Thin: parse, call interviewkit.dev, render."""
from __future__ import annotations

import typer

dev_app = typer.Typer(help="For kata authors: scaffold a kata and prove it.", no_args_is_help=True)
