"""Kata text in other languages: katas/<id>/<language>/statement.md, hints.toml and explanation.md.
Each translation's first line records the hash of the English file it was made from
(`<!-- source: … -->`, `# source: …`): a translation that is missing, or older than its source,
gives way to the English text, and kit says so in one line."""
from __future__ import annotations

import hashlib
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


TITLE = "kata.toml"  # katas/<id>/<language>/kata.toml: the title, stamped with the English title's hash


def title_hash(english: str) -> str:
    return hashlib.sha256(english.encode("utf-8")).hexdigest()[:12]


def title_file(english: str, translated: str) -> str:
    return header(TITLE, title_hash(english)) + f'title = "{translated}"\n'


def title(folder: Path, english: str, language: str) -> str | None:
    """The kata's title in `language`, where a translation of this very English title is there."""
    path = folder / language / TITLE
    if language == "en" or not path.is_file():
        return None
    import tomllib

    text = path.read_text(encoding="utf-8")
    match = HEADER.match(text)
    if match is None or match.group(2) != title_hash(english):
        return None
    return tomllib.loads(text[match.end():]).get("title")


def state(folder: Path, language: str) -> dict[str, str]:
    """Each text file of a kata that has an English version -> "current", "missing" or "stale"."""
    return {name: read(folder, name, language)[1] for name in TEXTS if (folder / name).is_file()}
