"""kit's language: the `--lang` option, before or after any command's name, and `kit config lang`
(interviewkit/language.py decides)."""
from __future__ import annotations

from typing import Annotated, Optional

import typer
from typer.core import TyperCommand, TyperOption

from interviewkit import render
from interviewkit.usage import fail_usage, workspace_store
from interviewkit.workspace import KIT_DIR, find_workspace


LANG_HELP = ("en, zh-Hans or zh-Hant (zh: zh-Hans), for kata text and kit's messages; default: KIT_LANG, then "
             "`kit config lang`, then the locale.")


def options(lang: Annotated[Optional[str], typer.Option("--lang", help=LANG_HELP)] = None) -> None:
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


def _chosen_after_the_name(context, parameter, value: Optional[str]) -> None:
    if value is not None:  # `kit --lang` was applied before this command's own options were read
        options(value)


class LanguageCommand(TyperCommand):
    """A command that also takes `--lang` after its name (`kit show softmax --lang zh`)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.params.append(TyperOption(param_decls=["--lang"], help=LANG_HELP, expose_value=False, is_eager=True,
                                       callback=_chosen_after_the_name))


class Typer(typer.Typer):
    """typer.Typer whose every command takes `--lang`."""

    def command(self, *args, cls=None, **kwargs):
        return super().command(*args, cls=cls or LanguageCommand, **kwargs)
