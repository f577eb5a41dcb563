"""The language kit speaks: `--lang`, else KIT_LANG, else the workspace's `kit config lang`, else the
locale (LC_ALL, LC_MESSAGES, LANG: zh_CN and zh_SG are Simplified Chinese, zh_TW, zh_HK and zh_MO
Traditional), else English. Kata text follows it where a translation is there and current
(translations.py); kit's own messages are English for now."""
from __future__ import annotations

import os
import tomllib
from pathlib import Path

LANGUAGES = ("en", "zh-Hans", "zh-Hant")
ALIASES = {"zh": "zh-Hans", "zh-cn": "zh-Hans", "zh-sg": "zh-Hans", "zh-hans": "zh-Hans",
           "zh-tw": "zh-Hant", "zh-hk": "zh-Hant", "zh-mo": "zh-Hant", "zh-hant": "zh-Hant", "en": "en"}
CONFIG = "config.toml"

current = "en"


def normalise(name: str) -> str | None:
    """The language a name means ("zh", "zh-Hant", "zh_TW"), or None when kit has none for it."""
    return ALIASES.get(name.strip().replace("_", "-").lower())


def from_locale(value: str) -> str | None:
    """zh_CN.UTF-8 -> zh-Hans, zh_TW.UTF-8 -> zh-Hant, en_US.UTF-8 -> en; None for C, POSIX or empty."""
    code = value.split(".")[0].split("@")[0]
    if not code or code in ("C", "POSIX"):
        return None
    if code.lower().startswith("zh"):
        return normalise(code) or "zh-Hans"
    return "en"


def choose(explicit: str | None, kit_dir: Path | None = None) -> str:
    """The language to use; an explicit name kit does not know is a ValueError naming the choices."""
    if explicit:
        chosen = normalise(explicit)
        if chosen is None:
            raise ValueError(f"--lang must be one of {', '.join(LANGUAGES)} (or zh), not {explicit!r}")
        return chosen
    from_environment = normalise(os.environ.get("KIT_LANG", "")) if os.environ.get("KIT_LANG") else None
    if from_environment:
        return from_environment
    configured = configured_language(kit_dir)
    if configured:
        return configured
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if os.environ.get(variable):
            return from_locale(os.environ[variable]) or "en"
    return "en"


def configured_language(kit_dir: Path | None) -> str | None:
    path = kit_dir / CONFIG if kit_dir else None
    if path is None or not path.is_file():
        return None
    try:
        return normalise(str(tomllib.loads(path.read_text(encoding="utf-8")).get("lang", "")))
    except (tomllib.TOMLDecodeError, OSError):
        return None


def save_language(kit_dir: Path, language: str) -> None:
    kit_dir.mkdir(exist_ok=True)
    (kit_dir / CONFIG).write_text(f'lang = "{language}"\n', encoding="utf-8")
