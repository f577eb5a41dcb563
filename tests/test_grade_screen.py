"""What a grade shows, at 60, 80 and 120 columns: the first failure in full, one line for each later
one (cut with a mark, never silently), what the candidate printed counted, and a timeout told as
where the grade stopped."""
from __future__ import annotations

import pytest
from rich.console import Console

from interviewkit import grade_screen, render
from interviewkit.grading.run.result import CheckResult, GradeReport
from interviewkit.grading.sandbox.kinds import Kind

LONG_NAME = "scaled_dot_product_attention[mask_shared_by_every_batch_with_as_many_queries_as_batches]"
FIRST = ("output differs from the reference at 96 of 144 elements; the largest difference is 0.73 at index "
         "(0, 1, 2, 3)\n(expected 0.12, got 0.85): a mask read per batch instead of per head?")


def failing_grade() -> list[CheckResult]:
    return [
        CheckResult("contract", True, "softmax(x, axis=-1)"),
        CheckResult("softmax[default_axis]", True),
        CheckResult("softmax[huge_magnitudes]", False, FIRST, case="case huge_magnitudes (seed 81185)",
                    output="line 1\nline 2\nline 3\n"),
        CheckResult("softmax[near_constant_rows]", False, "output has 24 NaN values where the reference is finite, "
                    "first at index (0, 0) (expected 0.11); an overflow in exp?\nsecond line never shown"),
        CheckResult(LONG_NAME, False, "the gradient of q differs at 12 of 96 elements, by up to 3.2 times the tolerance"),
        CheckResult("softmax[long_rows]", True),
    ]


def screen(width: int, verbose: bool, checks: list[CheckResult], monkeypatch, expected: int = 16) -> str:
    console = Console(width=width, record=True, force_terminal=False)
    monkeypatch.setattr(render, "console", console)
    stream = grade_screen.GradeStream(verbose, expected)
    for check in checks:
        stream.check(check)
    report = GradeReport("softmax", "numpy", "softmax_numpy.py", "cpu", checks=checks, duration_s=0.4)
    grade_screen.grade_summary(report, "", verbose, expected=expected)
    return console.export_text()


def squeezed(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("width", (60, 80, 120))
def test_the_first_failure_in_full_and_one_line_for_each_other(width, monkeypatch):
    shown = screen(width, False, failing_grade(), monkeypatch)
    assert squeezed(FIRST) in squeezed(shown)  # wrapped, never cut
    assert "yourcodeprinted3lines(-vshowsthem)" in squeezed(shown)
    assert "second line never shown" not in shown
    lines = shown.splitlines()
    near = next(index for index, line in enumerate(lines) if "✗ softmax[near_constant_rows]" in line)
    assert len(lines[near]) <= width and lines[near].endswith("…"), lines[near]  # cut, with its mark
    assert lines[near].split("  ")[-1].startswith("output has")
    long = next(index for index, line in enumerate(lines) if "✗ scaled_dot_product_attention" in line)
    name_and_message = squeezed("\n".join(lines[long:long + 4]))
    assert squeezed(LONG_NAME) in name_and_message  # a name is never cut
    assert "thegradientofq" in name_and_message
    assert "(thefirstinfull:-vshowseveryone)" in squeezed(shown)
    assert "3of6checksfailed" in squeezed(shown)
    # The first failure's report, wrapped, stays indented under its check: no line of it starts at the edge.
    first = next(index for index, line in enumerate(lines) if "✗ softmax[huge_magnitudes]" in line)
    report = lines[first + 1:near]
    assert len(report) >= 4 and all(line.startswith("      ") for line in report), report


@pytest.mark.parametrize("width", (60, 80, 120))
def test_verbose_shows_every_failure_and_what_the_code_printed(width, monkeypatch):
    shown = squeezed(screen(width, True, failing_grade(), monkeypatch))
    assert "secondlinenevershown" in shown
    assert squeezed(LONG_NAME) + "thegradientofqdiffers" in shown
    assert "yourcodeprinted:line1line2line3" in shown
    assert "-vshowseveryone" not in shown


def test_a_timeout_says_where_the_grade_stopped(monkeypatch):
    checks = [CheckResult("contract", True), CheckResult("softmax[default_axis]", False, "time limit of 3 s reached",
                                                         kind=Kind.TIMEOUT)]
    shown = squeezed(screen(80, False, checks, monkeypatch))
    assert "stoppedatcheck2of16:thetimelimitranout" in shown
    assert "checksfailed" not in shown


def test_the_progress_line_names_the_running_check_and_its_place(monkeypatch):
    console = Console(width=60, record=True, force_terminal=False)
    monkeypatch.setattr(render, "console", console)
    stream = grade_screen.GradeStream(False, expected=16)
    stream.check(CheckResult("contract", True))
    stream.running("softmax[a_case_with_a_rather_long_name_that_must_not_overflow_the_line]")
    console.print(stream)
    line = console.export_text().splitlines()[-1]
    assert line.startswith("  … check 2/16 softmax[a_case") and line.endswith("…") and len(line) <= 60


@pytest.mark.parametrize("width", (60, 80, 120))
def test_a_hint_title_too_long_for_the_border_is_shown_whole_inside_the_panel(width, monkeypatch):
    from interviewkit.catalog import Catalog

    console = Console(width=width, record=True, force_terminal=False)
    monkeypatch.setattr(render, "console", console)
    kata = Catalog().get("softmax")
    check = "softmax[rows_of_very_different_scale]"
    render.hint(kata, kata.hints()[1], 2, len(kata.hints()), tied_to=check,
                because="this is what one maximum over the whole array gives")
    shown = console.export_text()
    assert all(len(line) <= width for line in shown.splitlines())
    inside = squeezed(shown.replace("│", ""))  # the panel's text, read across its lines
    assert squeezed(check) in inside and "onemaximumoverthewholearraygives" in inside


def test_a_space_between_two_chinese_words_of_a_message_is_dropped_but_printed_text_is_kept(monkeypatch):
    """`{what} 的形状` with {what} = 输出 reads 输出 的形状: Chinese puts no space there. What the
    candidate printed is shown as printed."""
    checks = [CheckResult("softmax[vector]", False, "输出 的形状是 (3,)，期望 (4,)", output="你好 世界\n")]
    shown = screen(80, True, checks, monkeypatch, expected=1)
    assert "输出的形状是 (3,)，期望 (4,)" in shown and "你好 世界" in shown
