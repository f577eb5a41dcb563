"""kit's language: the global `--lang` option and `kit config lang` (interviewkit/language.py decides)."""
from __future__ import annotations

from typing import Annotated, Optional

import typer

from interviewkit import render
from interviewkit.usage import fail_usage, workspace_store
from interviewkit.workspace import KIT_DIR, find_workspace


def options(lang: Annotated[Optional[str], typer.Option(
        "--lang", help="en, zh-Hans or zh-Hant (zh: zh-Hans), for kata text and kit's messages; default: KIT_LANG, then "
                       "`kit config lang`, then the locale.")] = None) -> None:
    from interviewkit import language

    workspace = find_workspace()
    try:
        language.current = language.choose(lang, workspace / KIT_DIR if workspace else None)
    except ValueError as error:
        fail_usage(str(error))


def config(
    key: Annotated[str, typer.Argument(help="lang: the language of kata text and kit's messages in this workspace.")],
    value: Annotated[str, typer.Argument(help="en, zh-Hans or zh-Hant (zh: zh-Hans).")],
) -> None:
    """Store a setting in this workspace (.kit/config.toml): `kit config lang zh-Hant`."""
    from interviewkit import language
    from interviewkit.messages import _

    if key != "lang":
        fail_usage(_("kit config knows one setting, lang, not {key}.").format(key=repr(key)))
    chosen = language.normalise(value)
    if chosen is None:
        fail_usage(_("lang must be one of {choices} (or zh), not {value}.").format(
            choices=", ".join(language.LANGUAGES), value=repr(value)))
    workspace = workspace_store()[0]
    language.save_language(workspace / KIT_DIR, chosen)
    render.note(_("kit speaks {language} in this workspace now (KIT_LANG and --lang still win).").format(language=chosen))
