"""kit's own messages in Chinese: the gettext catalogues (interviewkit/locale) hold every message of the
code, translated, with its placeholders and markup; the committed .mo and zh-Hant files are what
`python -m interviewkit.dev.messages all` makes of them; kata titles are translated; and the screens
a user meets most (a failing grade, a hint, `kit list`, `kit stats`, the mock report) read in Chinese
at 60, 80 and 120 columns, nothing cut."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console

from interviewkit import language, messages, render
from interviewkit.catalog import Catalog
from interviewkit.dev import messages as catalogues
from interviewkit.translations import title

REPO = Path(__file__).resolve().parent.parent
CATALOG = Catalog()
GLOSSARY = tomllib.loads((REPO / "katas" / "glossary.toml").read_text(encoding="utf-8"))["terms"]
WIDTHS = (60, 80, 120)
PLACEHOLDER = re.compile(r"\{[a-z_]*\}|%\([a-z_]+\)s")
MARKUP = re.compile(r"\[/?[a-z ]*\]")
CHINESE = re.compile("[\u4e00-\u9fff]")
WORD = re.compile(r"[A-Za-z][A-Za-z0-9_'-]*")  # int8, conv2d, kv-cache: one word each


def _strings(message) -> list[str]:
    return list(message.string) if isinstance(message.string, (tuple, list)) else [message.string]


def _ids(message) -> list[str]:
    return list(message.id) if isinstance(message.id, (tuple, list)) else [message.id]


def test_every_message_of_the_code_is_in_the_catalogue_and_translated():
    simplified = catalogues.read(catalogues.SIMPLIFIED)
    in_code = {_ids(message)[0] for message in catalogues.template() if message.id}
    in_catalogue = {_ids(message)[0] for message in simplified if message.id}
    assert in_code - in_catalogue == set(), (
        "messages missing from interviewkit/locale/zh_Hans/LC_MESSAGES/kit.po (`python -m interviewkit.dev."
        f"messages extract`, translate them, then `... all`): {sorted(in_code - in_catalogue)}")
    assert in_catalogue - in_code == set(), f"messages the code no longer has (`... extract` drops them): " \
                                            f"{sorted(in_catalogue - in_code)}"
    untranslated = [message.id for message in simplified if message.id and (
        message.fuzzy or not all(_strings(message)))]
    assert not untranslated, f"messages without a (non-fuzzy) translation in zh_Hans/kit.po: {untranslated}"


def test_translations_keep_every_placeholder_and_markup_tag():
    problems = []
    for message in catalogues.read(catalogues.SIMPLIFIED):
        if not message.id:
            continue
        english = " ".join(_ids(message))
        for translated in _strings(message):
            for pattern in (PLACEHOLDER, MARKUP):
                if sorted(set(pattern.findall(english))) != sorted(set(pattern.findall(translated))):
                    problems.append(f"{english!r} -> {translated!r}")
    assert not problems, "\n".join(problems)


def test_glossary_terms_are_translated_one_way_in_the_messages_too():
    found = [f"{other!r} for {term!r} in {message.id!r}; the glossary says {entry['zh']!r}"
             for message in catalogues.read(catalogues.SIMPLIFIED) if message.id
             for text in _strings(message) for term, entry in GLOSSARY.items()
             for other in entry["avoid"] if other in text]
    assert not found, "\n".join(found)


def test_the_committed_catalogues_are_what_the_script_makes():
    """zh_Hant's kit.po is OpenCC's s2twp of zh_Hans's; each kit.mo is its kit.po compiled."""
    hant = catalogues.po_path(catalogues.TRADITIONAL)
    assert hant.read_bytes() == catalogues.po_bytes(catalogues.hant_catalog()), (
        "zh_Hant/kit.po is not OpenCC's s2twp of zh_Hans/kit.po: `python -m interviewkit.dev.messages all`")
    for name in (catalogues.SIMPLIFIED, catalogues.TRADITIONAL):
        compiled = catalogues.po_path(name).with_suffix(".mo")
        assert compiled.read_bytes() == catalogues.mo_bytes(catalogues.read(name)), (
            f"{compiled.relative_to(REPO)} is not its kit.po compiled: `python -m interviewkit.dev.messages compile`")


def test_every_kata_has_a_current_chinese_title_and_traditional_is_generated():
    for path, text in catalogues.hant_titles().items():
        assert path.read_text(encoding="utf-8") == text, f"{path}: `python -m interviewkit.dev.messages hant`"
    for kata in CATALOG.katas():
        for name in ("zh-Hans", "zh-Hant"):
            shown = title(kata.folder, name)  # current with the English title and [grading] notes
            assert shown and CHINESE.search(shown), (
                f"katas/{kata.id}/{name}/kata.toml: missing, or made for another English title (translate it, "
                "then `python -m interviewkit.dev.messages stamp --force` and `... hant`)")


def test_traditional_falls_back_to_simplified_then_english(monkeypatch):
    monkeypatch.setattr(language, "current", "zh-Hant")
    assert messages._("not started") == "未開始"
    assert messages._("a message no catalogue has") == "a message no catalogue has"
    # zh_Hant's catalogue chains to zh_Hans's: a message only zh_Hans knows is still Chinese.
    chain = messages.translation("zh-Hant")
    assert chain._fallback is not None and chain._fallback.gettext("not started") == "未开始"
    monkeypatch.setattr(language, "current", "en")
    assert messages._("not started") == "not started"


# --- the screens ---------------------------------------------------------------------------------

def _english_left(screen: str, allowed: set[str], fragments: bool = False) -> set[str]:
    """Words of English on a screen, once code, names, numbers and the allowed words are taken out.
    With `fragments`, a piece of at most 3 letters of an allowed name passes too: a table squeezed
    into 60 columns folds `numpy, torch` into its cell's width, as it does in English."""
    screen = re.sub(r"`[^`]*`", "", screen)
    screen = re.sub(r"\b\d+(?:\.\d+)?(?:e[-+]?\d+|s|m|h)\b", "", screen)  # 6.1 s, 1m 15s: numbers and their units
    words = set(re.findall(WORD, screen))
    left = {word for word in words if word not in allowed and word.lower() not in allowed}
    if fragments:
        left = {word for word in left if len(word) > 3 or not any(word in name for name in allowed)}
    return left


NAMES = {"kit", "numpy", "torch", "np", "float32", "float64", "int64", "NaN", "inf", "cpu", "py", "CNN", "LLM", "RNN",
         "KV", "Transformer", "PyTorch", "ms", "min", "x", "grade", "hint", "solution", "show", "new", "mock",
         "status", "next", "review", "list", "track", "all", "force", "seed", "kata", "v", "s"}
IDENTIFIERS = {part for kata in CATALOG.katas() for part in [kata.id, *kata.id.split("_")]} | \
    {word for kata in CATALOG.katas() for word in re.findall(WORD, kata.shown_title or "")}


def _title_words() -> set[str]:
    """The names Chinese titles keep (softmax, Adam, LoRA...): the words of their zh-Hans titles."""
    return {word for path in (REPO / "katas").glob("*/zh-Hans/kata.toml")
            for word in re.findall(WORD, tomllib.loads(path.read_text(encoding="utf-8")
                                                                       .partition("\n")[2])["title"])}


ALLOWED = NAMES | IDENTIFIERS | _title_words()


def _screen(monkeypatch, width: int, draw) -> str:
    console = Console(width=width, record=True, force_terminal=False, color_system=None)
    monkeypatch.setattr(render, "console", console)
    draw()
    text = console.export_text()
    assert all(cell_len(line) <= width for line in text.splitlines()), text
    return text


@pytest.fixture
def chinese(monkeypatch):
    monkeypatch.setattr(language, "current", "zh-Hans")


@pytest.mark.parametrize("width", WIDTHS)
def test_kit_list_reads_in_chinese_nothing_cut(chinese, monkeypatch, width):
    from interviewkit import listing
    from interviewkit.progress import KataProgress

    katas = CATALOG.katas()
    progress = {"softmax": KataProgress(attempts=2, passed_tracks={"numpy"}, best_time_s=75.0),
                "attention": KataProgress(attempts=1, attempted_tracks={"torch"})}
    screen = _screen(monkeypatch, width, lambda: render.console.print(
        listing.kata_table(katas, progress, width=width, topics=CATALOG.topics())))
    assert "…" not in screen
    assert _english_left(screen, ALLOWED) == set()
    for kata in katas:  # every id whole: it is what the user types next
        assert re.search(rf"\b{kata.id}\b", screen), kata.id


@pytest.mark.parametrize("width", WIDTHS)
def test_kit_stats_reads_in_chinese_nothing_cut(chinese, monkeypatch, width):
    from interviewkit.progress import KataProgress, MockSession

    katas = CATALOG.katas()
    progress = {"softmax": KataProgress(attempts=3, passed_tracks={"numpy", "torch"}, best_time_s=312.0),
                "grouped_query_attention": KataProgress(attempts=1)}
    session = MockSession(id=1, started_at=time.time() - 3600, deadline=time.time(), seed=7, folder=Path("mock/1"),
                          katas=[{"kata": "softmax", "track": "numpy", "file": "x"}], finished_at=time.time(),
                          score=62.5, report="")
    screen = _screen(monkeypatch, width, lambda: render.stats_tables(
        katas, progress, {"softmax": 1}, [session], 3, "▅"))
    assert "…" not in screen
    assert _english_left(screen, ALLOWED, fragments=True) == set()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_hint_reads_in_chinese(chinese, monkeypatch, width):
    kata = CATALOG.get("softmax")
    hints = kata.hints()
    screen = _screen(monkeypatch, width, lambda: render.hint(kata, hints[1], 2, len(hints), "softmax[huge_magnitudes]",
                                                             skipped=[1]))
    assert "提示 2/3" in screen and "针对失败的检查" in screen
    # The hint's text is the kata's (its own test checks it is translated): the frame must be kit's Chinese.
    frame = "\n".join(line for line in screen.splitlines() if not line.startswith("│"))
    # (A panel's title is cropped to the panel, in English as in Chinese: the check's name may end early.)
    check = "huge_magnitudes"
    assert _english_left(frame, ALLOWED | {check[:end] for end in range(1, len(check) + 1)}) == set()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_mock_report_reads_in_chinese(chinese, monkeypatch, width):
    from interviewkit.mock import KataState, report_markdown
    from interviewkit.progress import MockSession

    session = MockSession(id=4, started_at=0.0, deadline=2700.0, seed=11, folder=Path("mock/4"), katas=[],
                          finished_at=2000.0, score=None, report=None)
    states = [KataState("softmax", "x", "numpy", Path("softmax_numpy.py"), hints=1),
              KataState("attention", "x", "torch", Path("attention_torch.py"))]
    states[0].passed_after_s, states[0].checks_passed, states[0].checks_total, states[0].points = 600.0, 16, 16, 40.0
    screen = _screen(monkeypatch, width, lambda: render.markdown(report_markdown(session, states, 40.0, 2000.0)))
    assert "模拟面试 4" in screen and "得分" in screen
    assert _english_left(screen, ALLOWED, fragments=True) == set()


def _kit(*args: str, cwd: Path, columns: int = 100, **environment: str) -> subprocess.CompletedProcess:
    clean = {key: value for key, value in os.environ.items() if key not in ("KIT_LANG", "LC_ALL", "LC_MESSAGES", "LANG")}
    return subprocess.run([sys.executable, "-m", "interviewkit", *args], cwd=cwd, capture_output=True, text=True,
                          env={**clean, "PYTHONPATH": str(REPO), "KIT_WORKSPACE": str(cwd), "COLUMNS": str(columns),
                               **environment}, timeout=180)


def test_a_failing_grade_reads_in_chinese_at_every_width(tmp_path, monkeypatch):
    """The grader process explains failures in the language of the kit that started it (KIT_LANG in
    its environment); the screen around them is kit's."""
    from interviewkit import grade_screen
    from interviewkit.grading.run.result import CheckResult, GradeReport

    assert _kit("new", "softmax", cwd=tmp_path).returncode == 0
    (tmp_path / "softmax_numpy.py").write_text(
        "import numpy as np\n\ndef softmax(x, axis=-1):\n    e = np.exp(x)\n    return e / e.sum(axis=axis, keepdims=True)\n")
    graded = _kit("--lang", "zh", "grade", "--json", "softmax_numpy.py", cwd=tmp_path)
    data = json.loads(graded.stdout)
    report = GradeReport(data["kata"], data["track"], data["file"], data["device"],
                         [CheckResult.from_json(check) for check in data["checks"]], data["duration_s"])
    assert report.failing and all(CHINESE.search(check.message) for check in report.failing)
    monkeypatch.setattr(language, "current", "zh-Hans")
    for width in WIDTHS:
        def draw():
            grade_screen.grade_header(report.kata, report.track, report.file, report.device, 60.0)
            stream = grade_screen.GradeStream(verbose=False, expected=len(report.checks))
            for check in report.checks:
                stream.check(check)
            grade_screen.grade_summary(report, "", verbose=False, expected=len(report.checks))
        screen = _screen(monkeypatch, width, draw)
        # The grade's own words; check names are `kata[case]`, code.
        words = screen.replace(str(report.file), "")
        for check in report.checks:
            words = words.replace(check.name, "")
        cases = {part for check in report.checks for part in re.findall(r"[A-Za-z0-9_]+", check.name)}
        # A later failure is one line, cut to the width with a mark (grade_screen): a name may end early.
        assert _english_left(words, ALLOWED | cases | {"N", "contract", "exp"}, fragments=True) == set(), screen
        assert re.search(rf"{len(report.checks)}\s*项检查中\s*{len(report.failing)}\s*项失败", screen), screen
    # The same screen in English is unchanged by the catalogue.
    monkeypatch.setattr(language, "current", "en")
    english = _screen(monkeypatch, 120, lambda: grade_screen.grade_summary(report, "", False))
    assert f"✗ {len(report.failing)} of {len(report.checks)} checks failed" in english


def test_traditional_chinese_is_chosen_by_the_locale_for_kit_list(tmp_path):
    shown = _kit("list", cwd=tmp_path, columns=80, LANG="zh_TW.UTF-8").stdout
    assert "數值穩定的 softmax" in shown and "難度" in shown and "Numerically stable" not in shown
