"""Kata text in Chinese: every kata's statement, hints, explanation, title and [grading] notes in
zh-Hans, current with its English source (a hash stamped in each file), zh-Hant generated from it with
OpenCC, the glossary's terms used alike; the language chosen by --lang, KIT_LANG, `kit config lang`,
then the locale."""
from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from types import SimpleNamespace

import pytest

from interviewkit import language
from interviewkit.catalog import Catalog
from interviewkit.dev.translations import SIMPLIFIED, TRADITIONAL, hant_files
from interviewkit.translations import HEADER, TITLE, advice, english_words, read, state, words

REPO = Path(__file__).resolve().parent.parent
CATALOG = Catalog()
KATAS = [kata.id for kata in CATALOG.katas()]
CHINESE = re.compile("[\u4e00-\u9fff]")
GLOSSARY = tomllib.loads((REPO / "katas" / "glossary.toml").read_text(encoding="utf-8"))["terms"]


def test_every_kata_has_a_current_simplified_and_traditional_translation():
    """Lists every text whose translation is missing or older than its English source."""
    behind = [f"katas/{kata.id}/{language_name}/{name}: {status}"
              for kata in CATALOG.katas() for language_name in (SIMPLIFIED, TRADITIONAL)
              for name, status in state(kata.folder, language_name).items() if status != "current"]
    assert not behind, ("translations missing or older than their English source (translate, then "
                        "`python -m interviewkit.dev.translations stamp --force ID` and `... hant ID`; for "
                        "kata.toml, the title and [grading] notes: `python -m interviewkit.dev.messages stamp "
                        "--force` and `... hant`):\n" + "\n".join(behind))


def test_the_stale_listing_covers_the_grading_notes(tmp_path):
    """A change to a kata's [grading] notes (or its title) makes its kata.toml translation stale."""
    folder = tmp_path / "softmax"
    shutil.copytree(CATALOG.get("softmax").folder, folder)
    assert state(folder, SIMPLIFIED)[TITLE] == "current"
    meta = folder / "kata.toml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("the scale their rounding follows.",
                                                             "the scale their rounding follows. More."),
                    encoding="utf-8")
    assert state(folder, SIMPLIFIED)[TITLE] == "stale" and words(folder, SIMPLIFIED) == (None, "stale")
    (folder / SIMPLIFIED / TITLE).unlink()
    assert state(folder, SIMPLIFIED)[TITLE] == "missing"


@pytest.mark.parametrize("kata_id", KATAS)
def test_translated_grading_notes_have_the_english_keys(kata_id):
    """katas/<id>/zh-Hans/kata.toml's [grading] has a note for every English one (the same keys and
    tracks), each with Chinese in it."""
    kata = CATALOG.get(kata_id)
    english = tomllib.loads((kata.folder / TITLE).read_text(encoding="utf-8")).get("grading", {})
    assert kata._words() == english_words(kata.folder)  # the catalogue's Kata and the file: one stamp
    for language_name in (SIMPLIFIED, TRADITIONAL):
        translated, status = words(kata.folder, language_name)
        assert status == "current", f"katas/{kata_id}/{language_name}/kata.toml: {status}"
        notes = translated["grading"]
        shape = lambda table: {key: sorted(value) if isinstance(value, dict) else None for key, value in table.items()}
        assert shape(notes) == shape(english), f"katas/{kata_id}/{language_name}/kata.toml: [grading] keys"
        texts = [text for value in notes.values() for text in (value.values() if isinstance(value, dict) else [value])]
        assert all(CHINESE.search(text) for text in texts), f"katas/{kata_id}/{language_name}: a note in English"


ADVISED = [kata.id for kata in CATALOG.katas() if kata.efficiency and kata.efficiency.advice]
# What stays code in a translated advice: dotted names, names_with_underscores, keyword="arguments".
CODE = re.compile(r'[A-Za-z_]\w*(?:\.\w+)+|\w+_\w+|\w+="[^"]*"')


@pytest.mark.parametrize("kata_id", ADVISED)
def test_the_efficiency_advice_is_translated_in_both_scripts_its_code_kept(kata_id):
    """A slow solution's advice (kata.toml [efficiency]) is among the kata's translated words, in
    Chinese, with no English sentence left and its code as the English writes it."""
    folder = CATALOG.get(kata_id).folder
    english = english_words(folder)["efficiency"]["advice"]
    for language_name in (SIMPLIFIED, TRADITIONAL):
        shown = advice(folder, language_name)
        assert shown and CHINESE.search(shown), f"katas/{kata_id}/{language_name}/kata.toml: no [efficiency] advice"
        assert not _english_sentences(shown), f"{kata_id} ({language_name}): {_english_sentences(shown)}"
        assert [code for code in CODE.findall(english) if code not in shown] == [], f"{kata_id} ({language_name})"
    assert len(ADVISED) >= 7  # the check can fail: the katas that time solutions give advice


def test_a_changed_advice_shows_the_english_words_with_the_notice(tmp_path, monkeypatch):
    """The advice shares the title's and the notes' stamp: a change to it shows all of them in English."""
    folder = tmp_path / "knn"
    shutil.copytree(CATALOG.get("knn").folder, folder)
    meta = folder / TITLE
    knn = CATALOG.get("knn")
    knn = dataclasses.replace(knn, folder=folder, tracks={name: dataclasses.replace(track, source=meta)
                                                          for name, track in knn.tracks.items()})
    monkeypatch.setattr(language, "current", SIMPLIFIED)
    assert advice(folder, SIMPLIFIED) in _slow_report(knn) and knn.shown_title != knn.title and not knn.untranslated()
    meta.write_text(meta.read_text(encoding="utf-8").replace("no Python loop over pairs of points",
                                                             "no Python loop over pairs"), encoding="utf-8")
    changed = dataclasses.replace(knn, efficiency=dataclasses.replace(
        knn.efficiency, advice=english_words(folder)["efficiency"]["advice"]))  # as the catalogue reads it now
    assert advice(folder, SIMPLIFIED) is None and state(folder, SIMPLIFIED)[TITLE] == "stale"
    assert f": {changed.efficiency.advice} [--strict" in _slow_report(changed)  # the grader's message: English
    assert changed.shown_title == changed.title and changed.untranslated() == [TITLE]  # kit's one-line notice


def _slow_report(kata, strict: bool = False) -> str:
    """The efficiency check's message for a solution 1000x slower than the reference (no sandbox)."""
    from interviewkit.grading.toolkit import efficiency
    from interviewkit.grading.toolkit.timing import Measured

    noted = []
    grading = SimpleNamespace(timing=SimpleNamespace(efficiency=kata.efficiency, strict=strict,
                                                     track=kata.track(kata.default_track)),
                              note=lambda message, ratio=None: noted.append(message))
    efficiency._report(grading, Measured(seconds=[0.001] * 3), Measured(seconds=[1.0] * 3))
    return noted[0]


@pytest.mark.parametrize("language_name", (SIMPLIFIED, TRADITIONAL))
def test_a_slow_solution_is_advised_in_the_chosen_language(language_name, monkeypatch):
    from interviewkit.grading.sandbox.errors import CheckFailed

    knn = CATALOG.get("knn")
    assert _slow_report(knn) == (f"1000.0x the reference's time (1000.0 ms against 1.0 ms): {knn.efficiency.advice} "
                                 "[--strict fails above 10x]")  # English, as it always was
    monkeypatch.setattr(language, "current", language_name)
    chinese = advice(knn.folder, language_name)
    shown = _slow_report(knn)
    from interviewkit.messages import _ as translated

    assert shown.endswith(f"{chinese} " + translated("[--strict fails above {bound}x]").format(bound=10)), shown
    assert "the reference's time" not in shown and "1000.0x" in shown and "超" in shown  # all of it in Chinese
    with pytest.raises(CheckFailed, match=re.escape(chinese)):
        _slow_report(knn, strict=True)


@pytest.mark.parametrize("kata_id", KATAS)
def test_the_traditional_text_is_what_opencc_makes_of_the_simplified(kata_id):
    for path, text in hant_files(CATALOG.get(kata_id).folder).items():
        assert path.is_file() and path.read_text(encoding="utf-8") == text, (
            f"{path.relative_to(REPO)} is not OpenCC's s2twp of its zh-Hans file: "
            f"`python -m interviewkit.dev.translations hant {kata_id}` regenerates it")


@pytest.mark.parametrize("kata_id", KATAS)
def test_translated_hints_keep_their_ids_tiers_and_checks_and_signatures_stay(kata_id):
    folder = CATALOG.get(kata_id).folder
    english = tomllib.loads((folder / "hints.toml").read_text(encoding="utf-8"))["hint"]
    text, _ = read(folder, "hints.toml", SIMPLIFIED)
    translated = tomllib.loads(text)["hint"]
    shape = lambda hints: [(hint["id"], hint["tier"], hint.get("checks", []), hint.get("causes", [])) for hint in hints]
    assert shape(translated) == shape(english)
    causes = lambda text: sorted(tomllib.loads(text).get("causes", {}))  # [causes]: the same ids, translated clauses
    assert causes(text) == causes((folder / "hints.toml").read_text(encoding="utf-8"))
    statement, _ = read(folder, "statement.md", SIMPLIFIED)
    assert ("{{ signatures }}" in statement) == ("{{ signatures }}" in (folder / "statement.md").read_text())


@pytest.mark.parametrize("kata_id", KATAS)
def test_glossary_terms_are_translated_one_way(kata_id):
    """A term of katas/glossary.toml has one translation: none of its other usual ones appears."""
    folder = CATALOG.get(kata_id).folder
    found = []
    translated = words(folder, SIMPLIFIED)[0] or {}
    notes = json.dumps([translated.get("grading", {}), translated.get("efficiency", {})],
                       ensure_ascii=False)  # [grading]'s notes and the [efficiency] advice
    for name in ("statement.md", "hints.toml", "explanation.md", TITLE):
        chinese = notes if name == TITLE else read(folder, name, SIMPLIFIED)[0] or ""
        for term, entry in GLOSSARY.items():
            found += [f"{name}: {other!r} for {term!r}; the glossary says {entry['zh']!r}"
                      for other in entry["avoid"] if other in chinese]
    assert not found, "\n".join(found)


def test_the_language_is_chosen_by_flag_then_environment_then_workspace_then_locale(tmp_path, monkeypatch):
    for variable in ("KIT_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    assert language.choose(None) == "en"
    monkeypatch.setenv("LANG", "zh_TW.UTF-8")
    assert language.choose(None) == "zh-Hant"
    monkeypatch.setenv("LC_ALL", "zh_SG.UTF-8")  # LC_ALL before LANG
    assert language.choose(None) == "zh-Hans"
    language.save_language(tmp_path, "zh-Hant")
    assert language.choose(None, tmp_path) == "zh-Hant"  # the workspace's setting before the locale
    monkeypatch.setenv("KIT_LANG", "en")
    assert language.choose(None, tmp_path) == "en"
    assert language.choose("zh", tmp_path) == "zh-Hans"  # --lang before all
    with pytest.raises(ValueError, match="must be one of"):
        language.choose("fr")
    assert language.from_locale("zh_HK.UTF-8") == "zh-Hant" and language.from_locale("C") is None


def kit(*args: str, cwd: Path, **environment: str) -> subprocess.CompletedProcess:
    clean = {key: value for key, value in os.environ.items() if key not in ("KIT_LANG", "LC_ALL", "LC_MESSAGES", "LANG")}
    return subprocess.run([sys.executable, "-m", "interviewkit", *args], cwd=cwd, capture_output=True, text=True,
                          env={**clean, "PYTHONPATH": str(REPO), "KIT_WORKSPACE": str(cwd), "COLUMNS": "100",
                               **environment}, timeout=120)


def test_kit_show_speaks_the_chosen_chinese_and_says_when_it_falls_back(tmp_path):
    folder = CATALOG.get("softmax").folder
    simplified = read(folder, "statement.md", SIMPLIFIED)[0]
    traditional = read(folder, "statement.md", TRADITIONAL)[0]
    first_line = next(line for line in simplified.splitlines() if re.search("[\u4e00-\u9fff]", line))
    shown = kit("--lang", "zh", "show", "softmax", cwd=tmp_path).stdout
    assert _chinese(first_line)[:12] in _chinese(shown) and "shown in English" not in shown
    by_locale = kit("show", "softmax", cwd=tmp_path, LANG="zh_TW.UTF-8").stdout
    first_traditional = next(line for line in traditional.splitlines() if re.search("[\u4e00-\u9fff]", line))
    assert _chinese(first_traditional)[:12] in _chinese(by_locale)
    # A translation older than its source gives way to the English text, with a notice.
    content = tmp_path / "content"
    for part in ("katas", "graders", "reference_solutions"):
        shutil.copytree(REPO / part, content / part, ignore=shutil.ignore_patterns("__pycache__"))
    statement = content / "katas" / "softmax" / "statement.md"
    statement.write_text(statement.read_text() + "\nOne more sentence.\n")
    meta = content / "katas" / "softmax" / "kata.toml"  # a [grading] note changed: its translation is stale
    meta.write_text(meta.read_text().replace("the scale their rounding follows.", "the scale their rounding follows. "
                                                                                  "A note changed."))
    stale = kit("--lang", "zh", "show", "softmax", cwd=tmp_path, KIT_CONTENT_ROOT=str(content)).stdout
    assert "One more sentence." in stale and "softmax 的 statement.md 以英文显示" in stale  # the notice in kit's Chinese
    flat = " ".join(stale.split())
    assert "A note changed." in flat and "a stable softmax is exact only" in flat  # the English notes, whole
    assert "softmax 的 kata.toml 以英文显示" in stale  # and the one-line notice
    assert "数值稳定的 softmax" not in stale  # the title shares the notes' stamp: English too
    assert "本 kata 如何评分" in stale  # kit's own words stay Chinese
    hint = kit("--lang", "zh-Hant", "hint", "softmax", cwd=tmp_path).stdout
    assert re.search("[\u4e00-\u9fff]", hint) and "shown in English" not in hint


def _chinese(text: str) -> str:
    return "".join(re.findall("[\u4e00-\u9fff]", text))


# Three English words in a row, outside code: a sentence left untranslated. Names and code stay
# English in Chinese text (`Python float`, `Hugging Face`, `import torch`), never three words at once.
ENGLISH_SENTENCE = re.compile(r"[A-Za-z][A-Za-z'-]*(?: [A-Za-z][A-Za-z'-]*){2,}")


def _english_sentences(markdown: str) -> list[str]:
    return ENGLISH_SENTENCE.findall(re.sub(r"`[^`]*`", "", markdown))


@pytest.mark.parametrize("language_name", (SIMPLIFIED, TRADITIONAL))
@pytest.mark.parametrize("kata_id", KATAS)
def test_how_this_kata_is_graded_reads_in_chinese(kata_id, language_name, monkeypatch):
    """The section, its generated lines and the kata's own [grading] notes, has no English sentence
    left in Chinese; every translated note is in it. (In English the same check finds sentences.)"""
    from interviewkit.contract import block

    kata = CATALOG.get(kata_id)
    english = block(kata)
    assert _english_sentences(english)  # the check can fail: English has sentences
    monkeypatch.setattr(language, "current", language_name)
    section = block(kata)
    assert not _english_sentences(section), f"{kata_id} ({language_name}): {_english_sentences(section)}"
    # Each note the English section shows (a results note needs a dtypes line) shows translated.
    english_notes, notes = _notes(english_words(kata.folder)["grading"]), _notes(words(kata.folder, language_name)[0]["grading"])
    assert [notes[key] for key in english_notes if english_notes[key] in english] == \
        [notes[key] for key in english_notes if notes[key] in section]


def _notes(table: dict) -> dict[str, str]:
    """[grading] flattened: "conditioning", "gradients.torch"... -> the note."""
    return {f"{key}.{track}" if isinstance(value, dict) else key: text
            for key, value in table.items() for track, text in (value.items() if isinstance(value, dict) else [("", value)])}


def _section(screen: str, kata_id: str) -> str:
    """The lines of "How this kata is graded" on a captured screen, up to the line of the next step."""
    from interviewkit.contract import HEADING
    from interviewkit.messages import _ as translate

    start = screen.index(translate(HEADING))
    return screen[start:screen.index(f"kit new {kata_id}", start)]


@pytest.mark.parametrize("kata_id", ("softmax", "moe_router"))
@pytest.mark.parametrize("width", (60, 80, 120))
def test_a_chinese_statement_is_wrapped_never_cut(width, kata_id, monkeypatch):
    from rich.cells import cell_len
    from rich.console import Console

    from interviewkit import render

    monkeypatch.setattr(language, "current", "zh-Hans")
    kata = CATALOG.get(kata_id)
    console = Console(width=width, record=True, force_terminal=False)
    monkeypatch.setattr(render, "console", console)
    render.statement(kata, CATALOG)
    screen = console.export_text()
    assert all(cell_len(line) <= width for line in screen.splitlines())  # a wide character takes two cells
    assert _chinese(kata.statement()) in _chinese(screen)  # its signatures' headings in Chinese too
    # "How this kata is graded": the kata's own notes in Chinese, and no English sentence left in it.
    section = " ".join(_section(screen, kata_id).split())  # lines joined: a sentence may wrap
    assert _chinese(kata.shown_grading.conditioning) in _chinese(section)
    assert not ENGLISH_SENTENCE.findall(section), ENGLISH_SENTENCE.findall(section)
    assert "shown in English" not in screen and "以英文显示" not in screen


def test_a_line_broken_between_chinese_characters_shows_no_space():
    from interviewkit.translations import join_wide_lines

    text = "## 标题\n正文还要写出\n  两者的梯度\n- 列表\n\n```\n代码\n行\n```\n英文 and\n中文"
    assert join_wide_lines(text) == "## 标题\n正文还要写出两者的梯度\n- 列表\n\n```\n代码\n行\n```\n英文 and\n中文"
