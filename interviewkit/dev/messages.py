"""Keeping the catalogues of kit's own messages (interviewkit/messages.py) and the kata titles in step
with the code. Babel and OpenCC are test dependencies (`pip install -e ".[test]"`).

  python -m interviewkit.dev.messages extract
      Extracts every `_()`, `ngettext()` and `N_()` of interviewkit/ and graders/ and every `{% trans %}`
      and `_()` of katas/*.j2 with Babel, and updates interviewkit/locale/zh_Hans/LC_MESSAGES/kit.po: a new
      message gets an empty msgstr to translate, one the code no longer has is dropped.
  python -m interviewkit.dev.messages hant
      Writes zh_Hant's kit.po from zh_Hans's with OpenCC's s2twp, and each katas/<id>/zh-Hant/kata.toml
      (the kata's title and [grading] notes) from its zh-Hans one: Traditional Chinese is generated,
      never edited.
  python -m interviewkit.dev.messages stamp [--force]
      Stamps each katas/<id>/zh-Hans/kata.toml (the title and the [grading] notes) with one hash of
      the English words it translates: a change to either shows both in English until re-stamped.
  python -m interviewkit.dev.messages compile
      Compiles each kit.po into the kit.mo that ships in the wheel.
  python -m interviewkit.dev.messages all
      extract, hant, compile: what to run after changing a message or its translation.

tests/test_messages.py checks that the committed files are what these write."""
from __future__ import annotations

import io
import sys
from pathlib import Path

from interviewkit.dev.translations import traditional
from interviewkit.messages import DOMAIN, LOCALE
from interviewkit.translations import TITLE, english_words, header, words_hash

ROOT = Path(__file__).resolve().parents[2]
SIMPLIFIED, TRADITIONAL = "zh_Hans", "zh_Hant"
DATA = "interviewkit.dev.messages:extract_data"
METHODS = [("interviewkit/**.py", "python"), ("graders/**.py", "python"), ("katas/*.j2", "jinja2.ext:babel_extract"),
           ("katas/*/kata.toml", DATA), ("katas/*/hints.toml", DATA), ("katas/topics.toml", DATA)]
JINJA_OPTIONS = {"katas/*.j2": {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}}
PO_OPTIONS = dict(width=100, include_lineno=False, sort_output=True, ignore_obsolete=True)


def po_path(name: str) -> Path:
    return LOCALE / name / "LC_MESSAGES" / f"{DOMAIN}.po"


def template():
    """Every message of the code, as a Babel catalogue with no translations."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    catalog = Catalog(project="kit", domain=DOMAIN)
    def searched(directory: str) -> bool:  # kit's code, graders and katas' data; not tests, caches or templates
        parts = Path(directory).relative_to(ROOT).parts
        return parts[0] in ("interviewkit", "graders", "katas") and not any(
            part.startswith((".", "_")) or part in ("scaffold", "zh-Hans", "zh-Hant") for part in parts)

    for filename, lineno, message, comments, context in extract_from_dir(
            ROOT, METHODS, JINJA_OPTIONS, directory_filter=searched):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def extract_data(fileobj, keywords, comment_tags, options):
    """Babel's extractor of the words of kata data kit shows through the catalogue: a kata's
    difficulty and tags, a hint's tier, a topic's name."""
    import tomllib

    data = tomllib.loads(fileobj.read().decode("utf-8"))
    words = [data.get("difficulty"), *data.get("tags", ()), *(hint["tier"] for hint in data.get("hint", ())),
             *(topic["name"] for topic in data.get("topic", ()))]
    for word in dict.fromkeys(word for word in words if word):
        yield 1, "_", word, []


def read(name: str):
    from babel.messages.pofile import read_po

    with po_path(name).open("rb") as handle:
        return read_po(handle, locale=name)


def po_bytes(catalog) -> bytes:
    from babel.messages.pofile import write_po

    buffer = io.BytesIO()
    write_po(buffer, catalog, **PO_OPTIONS)
    return buffer.getvalue()


def mo_bytes(catalog) -> bytes:
    from babel.messages.mofile import write_mo

    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def extract() -> Path:
    from babel.messages.catalog import Catalog

    path = po_path(SIMPLIFIED)
    catalog = read(SIMPLIFIED) if path.is_file() else Catalog(locale=SIMPLIFIED, project="kit", domain=DOMAIN)
    created = catalog.creation_date
    catalog.update(template(), no_fuzzy_matching=True)
    catalog.obsolete.clear()
    # Only the messages change a catalogue: dates and the header stay as they were, so that an
    # extraction with nothing new writes the very same file.
    catalog.creation_date = catalog.revision_date = created
    catalog.fuzzy = False
    catalog.project, catalog.version = "kit", "0.1"
    catalog.msgid_bugs_address, catalog.last_translator, catalog.language_team = "", "kit", "kit"
    catalog.header_comment = "# kit's own messages in Simplified Chinese (zh-Hant is generated from this file).\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(po_bytes(catalog))
    return path


def hant_catalog():
    """zh_Hant's catalogue: zh_Hans's, every translation converted with s2twp."""
    catalog = read(SIMPLIFIED)
    catalog.locale = TRADITIONAL
    catalog.header_comment = ("# kit's own messages in Traditional Chinese, generated from zh_Hans/kit.po with OpenCC's "
                              "s2twp\n# (`python -m interviewkit.dev.messages hant`): do not edit.\n")
    for message in catalog:
        if message.id and message.string:
            message.string = (tuple(traditional(text) for text in message.string)
                              if isinstance(message.string, (tuple, list)) else traditional(message.string))
    return catalog


def hant_titles() -> dict[Path, str]:
    """What each katas/<id>/zh-Hant/kata.toml must hold: its zh-Hans words converted, the stamp kept."""
    files = {}
    for source in sorted((ROOT / "katas").glob(f"*/zh-Hans/{TITLE}")):
        stamp, _, body = source.read_text(encoding="utf-8").partition("\n")
        files[source.parent.parent / "zh-Hant" / TITLE] = stamp + "\n" + traditional(body)
    return files


def hant() -> list[Path]:
    path = po_path(TRADITIONAL)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(po_bytes(hant_catalog()))
    for target, text in hant_titles().items():
        target.parent.mkdir(exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return [path, *hant_titles()]


def stamp(force: bool = False) -> list[Path]:
    """Stamps each zh-Hans kata.toml with the hash of the English words it translates (the title and
    the [grading] notes, interviewkit.translations.words_hash); its translated body is kept as it is."""
    import tomllib

    stamped = []
    for source in sorted((ROOT / "katas").glob(f"*/zh-Hans/{TITLE}")):
        text = source.read_text(encoding="utf-8")
        if text.startswith("# source: ") and not force:
            continue
        body = text.partition("\n")[2] if text.startswith("# source: ") else text
        tomllib.loads(body)  # a translation that does not parse is named here, not stamped
        source.write_text(header(TITLE, words_hash(english_words(source.parent.parent))) + body, encoding="utf-8")
        stamped.append(source)
    return stamped


def compile_all() -> list[Path]:
    written = []
    for name in (SIMPLIFIED, TRADITIONAL):
        target = po_path(name).with_suffix(".mo")
        target.write_bytes(mo_bytes(read(name)))
        written.append(target)
    return written


def main(arguments: list[str]) -> None:
    actions = {"extract": lambda: [extract()], "hant": hant, "stamp": lambda: stamp("--force" in arguments),
               "compile": compile_all, "all": lambda: [extract(), *hant(), *compile_all()]}
    if not arguments or arguments[0] not in actions:
        sys.exit(__doc__)
    for path in actions[arguments[0]]():
        print(path.relative_to(ROOT))


if __name__ == "__main__":
    main(sys.argv[1:])
