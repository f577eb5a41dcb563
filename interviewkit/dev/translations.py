"""Keeping translations of kata text in step with their English sources.

  python -m interviewkit.dev.translations stamp KATA... | --all
      Stamps each zh-Hans file (a translator's work) with the hash of the English file it
      translates; a file already stamped keeps its stamp (re-stamp with --force after updating
      a translation to a changed source).
  python -m interviewkit.dev.translations hant KATA... | --all
      Writes katas/<id>/zh-Hant/ from zh-Hans with OpenCC's s2twp conversion (Taiwan phrasing):
      Traditional Chinese is generated, never edited by hand; tests/test_translations.py checks
      that the committed files are what this writes."""
from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

from interviewkit.catalog import Catalog
from interviewkit.translations import HEADER, TEXTS, header, source_hash

SIMPLIFIED, TRADITIONAL = "zh-Hans", "zh-Hant"


def stamp(folder: Path, force: bool = False) -> list[Path]:
    stamped = []
    for name in TEXTS:
        path, english = folder / SIMPLIFIED / name, folder / name
        if not path.is_file() or not english.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        match = HEADER.match(text)
        if match and not force:
            continue
        body = text[match.end():] if match else text
        path.write_text(header(name, source_hash(english)) + body, encoding="utf-8")
        stamped.append(path)
    return stamped


# Where s2twp's phrase tables go wrong for kit's text. "只" (only) becomes the measure word "隻" after
# 是, 多, 就 ... ("正是只" -> "正是隻"); kit's text counts no animals, so every "隻" is that mistake.
CORRECTIONS = {"隻": "只"}
# Words s2twp must not rephrase: ML's "activation" (激活) would become software's "enable" (啟用).
# Each is held out of the conversion behind a private-use character, and put back as it was.
KEPT = ("激活",)


@cache
def _s2twp():
    import opencc

    return opencc.OpenCC("s2twp")  # making one costs a tenth of a second


def traditional(text: str) -> str:
    """OpenCC's s2twp (Taiwan phrasing) with CORRECTIONS: the one conversion of kata text and messages."""
    for index, word in enumerate(KEPT):
        text = text.replace(word, chr(0xE000 + index))
    converted = _s2twp().convert(text)
    for index, word in enumerate(KEPT):
        converted = converted.replace(chr(0xE000 + index), word)
    for wrong, right in CORRECTIONS.items():
        converted = converted.replace(wrong, right)
    return converted


def hant_files(folder: Path) -> dict[Path, str]:
    """What katas/<id>/zh-Hant/ must hold: each zh-Hans file converted, its stamp kept."""
    files = {}
    for name in TEXTS:
        source = folder / SIMPLIFIED / name
        if source.is_file():
            text = source.read_text(encoding="utf-8")
            match = HEADER.match(text)
            stamp_line = text[:match.end()] if match else ""
            files[folder / TRADITIONAL / name] = stamp_line + traditional(text[len(stamp_line):])
    return files


def write_hant(folder: Path) -> list[Path]:
    written = []
    for path, text in hant_files(folder).items():
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main(arguments: list[str]) -> None:
    if not arguments or arguments[0] not in ("stamp", "hant"):
        sys.exit(__doc__)
    action, rest = arguments[0], arguments[1:]
    force = "--force" in rest
    ids = [name for name in rest if not name.startswith("--")]
    catalog = Catalog()
    katas = catalog.katas() if "--all" in rest else [catalog.get(kata_id) for kata_id in ids]
    for kata in katas:
        done = stamp(kata.folder, force) if action == "stamp" else write_hant(kata.folder)
        for path in done:
            print(path)


if __name__ == "__main__":
    main(sys.argv[1:])
