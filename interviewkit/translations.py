"""Kata text in other languages: katas/<id>/<language>/statement.md, hints.toml and explanation.md,
and kata.toml (the title and the [grading] notes of "How this kata is graded").
Each translation's first line records the hash of the English file it was made from
(`<!-- source: … -->`, `# source: …`): a translation that is missing, or older than its source,
gives way to the English text, and kit says so in one line."""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

TEXTS = ("statement.md", "hints.toml", "explanation.md")
WIDE = re.compile("[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]")
CELL_BREAK = re.compile("([，；、：])(?=\\S)")
HEADER = re.compile(r"^(?:<!-- source: ([0-9a-f]{12}) -->|# source: ([0-9a-f]{12}))\n")


def source_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def header(name: str, digest: str) -> str:
    return f"<!-- source: {digest} -->\n" if name.endswith(".md") else f"# source: {digest}\n"


def read(folder: Path, name: str, language: str) -> tuple[str | None, str]:
    """(the translated text without its header, "current") where there is a current translation;
    else (None, "missing" or "stale")."""
    if language == "en":
        return None, "current"
    path = folder / language / name
    if not path.is_file():
        return None, "missing"
    text = path.read_text(encoding="utf-8")
    match = HEADER.match(text)
    english = folder / name
    if match is None or not english.is_file() or (match.group(1) or match.group(2)) != source_hash(english):
        return None, "stale"
    body = text[match.end():]
    return (join_wide_lines(body) if language.startswith("zh") else body), "current"


def join_wide_lines(text: str) -> str:
    """Joins a paragraph's line to the next where the break falls between two Chinese characters:
    Markdown would show it as a space, which Chinese text does not have. Headings, table rows and
    code blocks keep their lines."""
    lines, fenced = [], False
    for line in text.split("\n"):
        if line.lstrip().startswith("```"):
            fenced = not fenced
        previous = lines[-1] if lines else ""
        if (not fenced and line.strip() and WIDE.match(line.lstrip()) and previous.strip()
                and WIDE.match(previous[-1:]) and not previous.lstrip().startswith(("#", "|", "```"))):
            lines[-1] = previous + line.lstrip()
        elif not fenced and line.lstrip().startswith("|"):
            # A table cell wraps at spaces only: let it break after a Chinese comma or semicolon too.
            lines.append(CELL_BREAK.sub(r"\1 ", line))
        else:
            lines.append(line)
    return "\n".join(lines)


TITLE = "kata.toml"  # katas/<id>/<language>/kata.toml: the kata's own words (title, [grading], advice), stamped
WORDS = ("title", "grading", "efficiency")  # what of katas/<id>/kata.toml a translation covers, under one stamp


def words_hash(words: dict) -> str:
    """The stamp of a kata's own words: one hash over its title and its [grading] table (canonical
    JSON), so that a change to either shows them in English until the translation follows."""
    canonical = json.dumps(words, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]


NOTES = ("conditioning", "gradients", "results")  # the [grading] notes kit shows (kata.GradingNotes)


def kata_words(title: str, grading: dict, advice: str = "") -> dict:
    """What a kata.toml translation stands for: the title, the [grading] notes kit shows, empty ones
    left out, and the [efficiency] advice a slow solution is given, where there is one (a kata without
    it keeps the stamp it had before advice was translated). The catalogue's Kata and the file give
    the same words, so the same stamp."""
    words = {"title": title, "grading": {key: grading[key] for key in NOTES if grading.get(key)}}
    return {**words, "efficiency": {"advice": advice}} if advice else words


def english_words(folder: Path) -> dict:
    """The words of katas/<id>/kata.toml (kata_words), read from the file."""
    import tomllib

    data = tomllib.loads((folder / TITLE).read_text(encoding="utf-8"))
    return kata_words(data.get("title", ""), data.get("grading", {}), data.get("efficiency", {}).get("advice", ""))


def words(folder: Path, language: str, english: dict | None = None) -> tuple[dict | None, str]:
    """(the kata's title, [grading] and [efficiency] advice in `language`, "current") where a translation
    of these very English words is there; else (None, "missing" or "stale"): all are then shown in English.
    `english`: the kata's words (kata_words) where the caller has read them already, else the file's."""
    if language == "en":
        return None, "current"
    path = folder / language / TITLE
    if not path.is_file() or not (folder / TITLE).is_file():
        return None, "missing"
    import tomllib

    text = path.read_text(encoding="utf-8")
    match = HEADER.match(text)
    if match is None or match.group(2) != words_hash(english or english_words(folder)):
        return None, "stale"
    data = tomllib.loads(text[match.end():])
    return {key: data.get(key, "" if key == "title" else {}) for key in WORDS}, "current"


def title(folder: Path, language: str, english: dict | None = None) -> str | None:
    """The kata's title in `language`, where a current translation of its words is there."""
    translated = words(folder, language, english)[0]
    return translated["title"] if translated else None


def advice(folder: Path, language: str, english: dict | None = None) -> str | None:
    """The kata's [efficiency] advice in `language`, where a current translation of its words has it:
    a grader's process, which has no Kata, reads the English words from the file."""
    translated = words(folder, language, english)[0]
    return (translated["efficiency"].get("advice") or None) if translated else None


def state(folder: Path, language: str) -> dict[str, str]:
    """Each text file of a kata that has an English version, and its kata.toml (title, [grading]
    notes and advice) -> "current", "missing" or "stale"."""
    found = {name: read(folder, name, language)[1] for name in TEXTS if (folder / name).is_file()}
    if (folder / TITLE).is_file():
        found[TITLE] = words(folder, language)[1]
    return found
