"""kit's own messages in the chosen language: `_("{n} of {total} checks failed").format(...)` looks the
English text up in the gettext catalogue interviewkit/locale/<lang>/LC_MESSAGES/kit.mo (stdlib
gettext; Babel only makes the catalogues, see interviewkit/dev/messages.py). Traditional Chinese
falls back to Simplified, then to English, message by message.

The language is interviewkit.language.current, looked up at each call: the CLI sets it from
--lang, KIT_LANG, the workspace or the locale, and a grader process from the KIT_LANG its parent
hands it (runner.child_environment)."""
from __future__ import annotations

import gettext
import os
from functools import cache
from pathlib import Path

from interviewkit import language

DOMAIN = "kit"
LOCALE = Path(__file__).resolve().parent / "locale"
# gettext's names of kit's languages, each followed by the one it falls back to.
CATALOGUES = {"en": (), "zh-Hans": ("zh_Hans",), "zh-Hant": ("zh_Hant", "zh_Hans")}


@cache
def translation(name: str) -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, LOCALE, languages=list(CATALOGUES.get(name, ())) or ["en"], fallback=True)


def _(message: str) -> str:
    return translation(language.current).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return translation(language.current).ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Marks a text for the catalogue where it is defined; `_()` translates it where it is shown."""
    return message


def from_environment() -> None:
    """A grader process speaks the language of the kit that started it (KIT_LANG)."""
    language.current = language.normalise(os.environ.get("KIT_LANG") or "en") or "en"
