"""`kit` end to end, as a user runs it: each command in a process of its own, in a fresh workspace."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from interviewkit.grading.run.result import RESULTS_VERSION, CheckResult, GradeReport
from interviewkit.grading.sandbox.kinds import Kind

REPO = Path(__file__).resolve().parent.parent
REFERENCES = REPO / "reference_solutions"
REFERENCE = REPO / "reference_solutions" / "softmax" / "numpy.py"
NO_MAX = '''import numpy as np


def softmax(x, axis=-1):
    e = np.exp(x)
    return e / e.sum(axis=axis, keepdims=True)
'''


def kit(*args: str, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "200", "KIT_WORKSPACE": str(cwd)}
    return subprocess.run([sys.executable, "-m", "interviewkit", *args], cwd=cwd, env=environment,
                          capture_output=True, text=True, timeout=timeout)


def test_new_grade_hint_grade_list(tmp_path):
    created = kit("new", "softmax", cwd=tmp_path)
    assert created.returncode == 0, created.stderr
    solution = tmp_path / "softmax_numpy.py"
    assert "raise NotImplementedError" in solution.read_text()
    assert "kit grade" in created.stdout

    untouched = kit("grade", cwd=tmp_path)
    assert untouched.returncode == 1
    assert "not implemented yet" in untouched.stdout

    solution.write_text(solution.read_text().splitlines()[0] + "\n" + NO_MAX)
    wrong = kit("grade", cwd=tmp_path)
    assert wrong.returncode == 1
    assert "✗ softmax[huge_magnitudes]" in wrong.stdout
    assert "NaN" in wrong.stdout
    assert "✓ softmax[default_axis]" in wrong.stdout

    hint = kit("hint", "softmax", cwd=tmp_path)
    assert hint.returncode == 0, hint.stderr
    assert "for the failing check softmax[huge_magnitudes]" in hint.stdout
    assert "maximum" in hint.stdout
    assert "ahead of hint 1" in " ".join(hint.stdout.split())  # a jump up the ladder says so
    assert "hint 1 of 3" in kit("hint", "softmax", cwd=tmp_path).stdout  # and the ladder resumes

    solution.write_text(REFERENCE.read_text())
    right = kit("grade", "softmax", cwd=tmp_path)
    assert right.returncode == 0, right.stdout
    assert "all 16 checks passed" in right.stdout

    listed = json.loads(kit("list", "--json", cwd=tmp_path).stdout)
    softmax = next(entry for entry in listed if entry["id"] == "softmax")
    assert softmax["status"] == "passed"
    assert softmax["passed_tracks"] == ["numpy"]
    assert softmax["best_time_s"] is not None
    assert "passed (numpy)" in kit("list", cwd=tmp_path).stdout


def test_new_never_overwrites_without_force(tmp_path):
    assert kit("new", "softmax", "--track", "torch", cwd=tmp_path).returncode == 0
    mine = tmp_path / "softmax_torch.py"
    mine.write_text("# my work\n")
    again = kit("new", "softmax", "--track", "torch", cwd=tmp_path)
    assert again.returncode == 2
    assert "already exists" in again.stderr
    assert mine.read_text() == "# my work\n"
    forced = kit("new", "softmax", "--track", "torch", "--force", cwd=tmp_path)
    assert forced.returncode == 0
    assert "raise NotImplementedError" in mine.read_text()
    backups = list((tmp_path / ".kit" / "backups").iterdir())
    assert [backup.read_text() for backup in backups] == ["# my work\n"]
    assert str(backups[0]) in "".join(forced.stdout.split())  # it says where the old file went


def test_list_refuses_filters_that_cannot_match(tmp_path):
    expert = kit("list", "--difficulty", "expert", cwd=tmp_path)
    assert expert.returncode == 2 and "easy, medium or hard" in expert.stderr and "┏" not in expert.stdout
    unknown = kit("list", "--tag", "no_such_tag", cwd=tmp_path)
    assert unknown.returncode == 2 and "the tags are: " in unknown.stderr
    neither = kit("list", "--tag", "clustering", "--difficulty", "easy", cwd=tmp_path)
    assert neither.returncode == 0 and "drop one of the filters" in neither.stdout and "┏" not in neither.stdout


def test_mock_status_resume_and_finish_with_no_session_all_exit_2(tmp_path):
    for command in ("status", "resume", "finish"):
        result = kit("mock", command, cwd=tmp_path)
        assert result.returncode == 2 and "no mock session is running" in result.stderr, command


def test_flags_are_shown_as_flags_in_help(tmp_path):
    shown = kit("grade", "--help", cwd=tmp_path).stdout
    assert "--strict" in shown and "--no-strict" not in shown and "--json" in shown and "--cold" in shown
    assert "--no-force" not in kit("solution", "--help", cwd=tmp_path).stdout


def test_a_file_is_matched_to_its_kata_by_what_it_defines(tmp_path):
    """`kit grade slow_conv.py`: no header, no telling name, but it defines conv2d (and imports numpy)."""
    solution = tmp_path / "slow_conv.py"
    solution.write_text((REPO / "reference_solutions" / "conv2d" / "numpy.py").read_text())
    graded = kit("grade", str(solution), "--json", cwd=tmp_path, timeout=300)
    report = json.loads(graded.stdout)
    assert (report["kata"], report["track"], report["passed"]) == ("conv2d", "numpy", True), graded.stderr
    torch_one = tmp_path / "mine.py"
    torch_one.write_text((REPO / "reference_solutions" / "softmax" / "torch.py").read_text())
    assert json.loads(kit("grade", str(torch_one), "--json", cwd=tmp_path).stdout)["track"] == "torch"
    vague = tmp_path / "vague.py"
    vague.write_text("def helper():\n    pass\n")
    refused = kit("grade", str(vague), cwd=tmp_path)
    assert refused.returncode == 2 and "cannot tell which kata" in refused.stderr


def test_a_numpy_file_graded_on_the_torch_track_is_warned_about(tmp_path):
    solution = tmp_path / "mine.py"
    solution.write_text((REPO / "reference_solutions" / "softmax" / "numpy.py").read_text())
    graded = kit("grade", "softmax", "--file", str(solution), "--track", "torch", "--json", cwd=tmp_path)
    assert "imports numpy but not torch" in graded.stderr and "--track numpy" in graded.stderr
    assert json.loads(graded.stdout)["track"] == "torch"  # the JSON report stays alone on stdout


@pytest.mark.parametrize("source, expected", [
    ("def softmax(x, axis=-1):\n    return x +\n", "syntax error at broken.py:2"),
    ("def softmax(x, axis=-1):\n    return 1 / 0\n", "raised ZeroDivisionError: division by zero"),
    ("import os\n\ndef softmax(x, axis=-1):\n    os._exit(0)\n", "your code ended the sandbox process"),
    ("import does_not_exist\n", "No module named 'does_not_exist'"),
    ("def softmax(x):\n    return x\n", "the contract is `softmax(x, axis=-1)`"),
    ("def softmax(x, axis=-1):\n    return x.tolist()\n", "got a list, expected a numpy.ndarray"),
])
def test_broken_solutions_get_a_message_and_exit_1(tmp_path, source, expected):
    broken = tmp_path / "broken.py"
    broken.write_text(source)
    result = kit("grade", "softmax", "--file", str(broken), cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert expected in result.stdout


def test_an_infinite_loop_is_stopped_at_the_time_limit(tmp_path):
    looping = tmp_path / "softmax_numpy.py"
    looping.write_text("def softmax(x, axis=-1):\n    while True:\n        pass\n")
    result = kit("grade", str(looping), "--timeout", "3", cwd=tmp_path, timeout=60)
    assert result.returncode == 1
    assert "✗ softmax[default_axis]" in result.stdout
    assert "time limit of 3 s reached during softmax(...)" in result.stdout


REPORT_KEYS = {"version", "kata", "track", "passed", "status", "checks", "file", "device", "duration_s"}


def test_json_report_and_exit_codes(tmp_path):
    result = kit("grade", "softmax", "--track", "numpy", "--file", str(REFERENCE), "--json", cwd=tmp_path)
    assert result.returncode == 0
    report = json.loads(result.stdout)
    assert set(report) == REPORT_KEYS
    assert report["kata"] == "softmax" and report["track"] == "numpy" and report["passed"] is True
    assert report["status"] == "pass"
    assert type(report["version"]) is int and report["version"] == RESULTS_VERSION == 2
    assert all({"name", "passed", "message"} <= set(check) for check in report["checks"])

    wrong = tmp_path / "wrong.py"
    wrong.write_text(NO_MAX)
    result = kit("grade", "softmax", "--track", "numpy", "--file", str(wrong), "--json", cwd=tmp_path)
    report = json.loads(result.stdout)
    assert result.returncode == 1 and report["passed"] is False
    assert report["status"] == "fail" and report["version"] == RESULTS_VERSION
    failed = {check["name"]: check for check in report["checks"] if not check["passed"]}
    assert "softmax[huge_magnitudes]" in failed
    assert failed["softmax[huge_magnitudes]"]["kind"] == "check"
    assert "seed" in failed["softmax[huge_magnitudes]"]["case"]
    assert "rng = np.random.default_rng(" in failed["softmax[huge_magnitudes]"]["snippet"]


@pytest.mark.parametrize("source, kind", [
    ("def softmax(x, axis=-1):\n    return x +\n", "load"),
    ("def softmax(x):\n    return x\n", "api"),
])
def test_a_file_that_cannot_be_graded_is_an_error_not_a_failure(tmp_path, source, kind):
    broken = tmp_path / "broken.py"
    broken.write_text(source)
    result = kit("grade", "softmax", "--track", "numpy", "--file", str(broken), "--json", cwd=tmp_path)
    report = json.loads(result.stdout)
    assert result.returncode == 1 and report["passed"] is False
    assert set(report) == REPORT_KEYS and report["version"] == RESULTS_VERSION
    assert report["status"] == "error"
    assert [(check["name"], check["kind"]) for check in report["checks"]] == [("contract", kind)]


def contract_passed() -> CheckResult:
    return CheckResult("contract", True, "softmax(x, axis=-1)")


@pytest.mark.parametrize("checks, status", [
    ([contract_passed(), CheckResult("softmax[default_axis]", True)], "pass"),
    ([contract_passed(), CheckResult("softmax[default_axis]", False, "wrong", kind=Kind.CHECK)], "fail"),
    # It ran, then a check ran out of time: graded, and failed.
    ([contract_passed(), CheckResult("softmax[default_axis]", False, "slow", kind=Kind.TIMEOUT)], "fail"),
    ([CheckResult("contract", False, "no softmax", kind=Kind.API)], "error"),
    ([CheckResult("contract", False, "import hung", kind=Kind.TIMEOUT)], "error"),
    ([CheckResult("the grade", False, "killed before anything ran", kind=Kind.TIMEOUT)], "error"),
    ([contract_passed(), CheckResult("grader", False, "kit failed", kind=Kind.INTERNAL)], "error"),
    ([], "error"),
])
def test_status_says_whether_the_file_was_graded(checks, status):
    report = GradeReport("softmax", "numpy", "softmax_numpy.py", "cpu", checks)
    assert report.to_json()["status"] == status
    assert report.to_json()["passed"] is (status == "pass")


def test_readme_lists_every_kind_once():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("### `kit grade --json` and exit codes", 1)[1].split("\n#", 1)[0]
    listed = re.findall(r"^  - `(\w+)`: ", section, flags=re.MULTILINE)
    assert sorted(listed) == sorted(kind.value for kind in Kind)


@pytest.mark.parametrize("args, message", [
    (["grade", "sofmax", "--track", "numpy", "--file", "x.py"], "Did you mean softmax?"),
    (["grade", "softmax", "--track", "fortran", "--file", "x.py"], "has no track 'fortran'"),
    (["grade", "softmax", "--track", "numpy", "--file", "missing.py"], "missing.py does not exist"),
    (["grade", "softmax", "--device", "tpu"], "--device must be cpu, cuda or auto"),
    (["new", "atention"], "Did you mean attention"),
    (["grade"], "no kata file found here"),
])
def test_usage_errors_exit_2_with_a_next_step(tmp_path, args, message):
    (tmp_path / "x.py").write_text("def softmax(x, axis=-1):\n    return x\n")
    result = kit(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert message in " ".join(result.stderr.split())


def test_show_and_solution(tmp_path):
    shown = kit("show", "softmax", cwd=tmp_path)
    assert shown.returncode == 0 and "Numerically stable softmax" in shown.stdout
    assert "kit new softmax" in shown.stdout
    early = kit("solution", "softmax", cwd=tmp_path)
    assert early.returncode == 2 and "grade an attempt first" in early.stderr
    forced = kit("solution", "softmax", "--force", cwd=tmp_path)
    assert forced.returncode == 0 and "x.max(axis=axis, keepdims=True)" in forced.stdout


def test_hints_climb_the_ladder_then_stop(tmp_path):
    seen = [kit("hint", "softmax", cwd=tmp_path).stdout for _ in range(4)]
    assert "hint 1 of 3 · nudge" in seen[0]
    assert "hint 2 of 3 · approach" in seen[1]
    assert "hint 3 of 3 · near-solution" in seen[2]
    assert "Every hint for softmax is revealed" in seen[3]


@pytest.mark.parametrize("args", [["list"], ["list", "--json"], ["show", "conv2d"],
                                  ["new", "softmax"], ["hint", "softmax"], ["solution", "softmax", "--force"]])
def test_commands_that_do_not_grade_never_import_torch_or_numpy(tmp_path, args):
    probe = (
        "import sys\n"
        "from interviewkit.cli import app\n"
        f"try:\n    app({args!r})\nexcept SystemExit as stop:\n    assert stop.code in (0, None), stop.code\n"
        "heavy = sorted(name for name in ('torch', 'numpy') if name in sys.modules)\n"
        "assert not heavy, heavy\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(REPO), "KIT_WORKSPACE": str(tmp_path)})
    assert result.returncode == 0, result.stderr[-2000:]


def test_a_damaged_progress_store_gets_one_line_saying_what_to_do(tmp_path):
    (tmp_path / ".kit").mkdir()
    (tmp_path / ".kit" / "progress.sqlite3").write_bytes(b"not a database, " * 400)
    for command in (["list"], ["stats"], ["hint", "softmax"]):
        result = kit(*command, cwd=tmp_path)
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        assert "progress store" in result.stderr and "move it aside" in result.stderr, result.stderr


def test_forced_stubs_back_up_every_version_even_within_one_second(tmp_path):
    assert kit("new", "softmax", cwd=tmp_path).returncode == 0
    stub = tmp_path / "softmax_numpy.py"
    for version in ("first", "second"):
        stub.write_text(stub.read_text() + f"# {version} attempt\n")
        assert kit("new", "softmax", "--force", cwd=tmp_path).returncode == 0
    backups = sorted((tmp_path / ".kit" / "backups").iterdir())
    assert len(backups) == 2
    assert {"first" in b.read_text() and "second" not in b.read_text() for b in backups} == {True, False}


@pytest.mark.parametrize("option", [["--timeout", "nan"], ["--timeout", "0"], ["--timeout", "-1"],
                                    ["--memory-limit", "1"]])
def test_nonsense_limits_are_usage_errors(tmp_path, option):
    result = kit("grade", "softmax", "--file", str(REFERENCES / "softmax" / "numpy.py"), *option, cwd=tmp_path)
    assert result.returncode == 2 and "must be" in result.stderr


def test_a_file_that_begins_with_a_byte_order_mark_is_read_like_any_other(tmp_path):
    assert kit("new", "softmax", cwd=tmp_path).returncode == 0
    stub = tmp_path / "softmax_numpy.py"
    solution = (REFERENCES / "softmax" / "numpy.py").read_text()
    header = "".join(line for line in stub.read_text().splitlines(keepends=True) if line.startswith("#"))
    stub.write_bytes(b"\xef\xbb\xbf" + (header + solution).encode())
    result = kit("grade", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stdout[-1500:] + result.stderr[-1500:]


def test_a_file_where_a_folder_belongs_is_a_usage_error(tmp_path):
    (tmp_path / "afile").write_text("")
    result = kit("new", "softmax", "--dir", "afile", cwd=tmp_path)
    assert result.returncode == 2 and "--dir must name a folder" in result.stderr
    environment_file = str(tmp_path / "afile")
    result = subprocess.run([sys.executable, "-m", "interviewkit", "new", "softmax"], cwd=tmp_path,
                            env={**os.environ, "PYTHONPATH": str(REPO), "KIT_WORKSPACE": environment_file},
                            capture_output=True, text=True)
    assert result.returncode == 2 and "workspace" in result.stderr and "Traceback" not in result.stderr


TERMINAL_TRICKS = '''import numpy as np


def softmax(x, axis=-1):
    print("\\x1b]0;retitled\\x07\\x1b[31mred\\x1b[0m\\r\\u202eevil")
    raise ValueError("\\x1b[2J\\x1b[Hcleared your screen")
'''


def test_a_candidate_s_text_never_reaches_the_terminal_as_control_characters(tmp_path):
    """Messages and prints of the candidate's are shown with their control characters (and
    bidirectional overrides) written as escapes: no cleared screen, retitled terminal or hidden text."""
    solution = tmp_path / "tricks.py"
    solution.write_text(TERMINAL_TRICKS)
    graded = kit("grade", "softmax", "--track", "numpy", "--file", str(solution), "-v", cwd=tmp_path)
    assert graded.returncode == 1
    shown = graded.stdout + graded.stderr
    assert "\\x1b[2J\\x1b[Hcleared your screen" in shown and "\\u202eevil" in shown
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]", shown)


def test_next_walks_the_path_of_topics_past_what_is_passed(tmp_path):
    first = kit("next", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "Next on the path (0 of" in first.stdout and "softmax" in first.stdout and "kit new softmax" in first.stdout
    graded = kit("grade", "softmax", "--track", "numpy", "--file", str(REFERENCE), cwd=tmp_path)
    assert graded.returncode == 0, graded.stdout
    after = kit("next", cwd=tmp_path)
    assert "(1 of" in after.stdout and "cross_entropy" in after.stdout


def test_list_groups_the_katas_by_topic_in_the_path_s_order(tmp_path):
    listed = kit("list", "--json", cwd=tmp_path)
    rows = json.loads(listed.stdout)
    assert all(row["topic"] for row in rows)
    table = kit("list", cwd=tmp_path).stdout
    assert table.index("Foundations") < table.index("softmax") < table.index("Classic machine learning") \
        < table.index("logistic_regression")


def test_an_untouched_stub_gets_the_first_hint_not_one_aimed_at_a_check(tmp_path):
    """A stub fails every check as not implemented: no check is the cause, so hints start at 1."""
    kit("new", "softmax", cwd=tmp_path)
    kit("grade", "softmax", cwd=tmp_path)
    shown = kit("hint", "softmax", cwd=tmp_path).stdout
    assert "hint 1 of" in shown and "for the failing check" not in shown


def test_the_solution_waits_for_real_work_and_shows_the_track_worked_on(tmp_path):
    """Grading an untouched stub unlocks nothing; a real attempt on the torch track shows the torch reference."""
    kit("new", "softmax", "--track", "torch", cwd=tmp_path)
    kit("grade", "softmax", cwd=tmp_path)
    refused = kit("solution", "softmax", cwd=tmp_path)
    assert refused.returncode == 2 and "untouched stub" in refused.stderr
    attempt = tmp_path / "softmax_torch.py"
    attempt.write_text(attempt.read_text().replace("raise NotImplementedError", "return x"))
    assert kit("grade", "softmax", cwd=tmp_path).returncode == 1
    shown = kit("solution", "softmax", cwd=tmp_path)
    assert shown.returncode == 0 and "softmax · torch reference" in shown.stdout


def test_run_shows_results_beside_the_reference_and_records_nothing(tmp_path):
    solution = tmp_path / "softmax_numpy.py"
    solution.write_text("import numpy as np\n\ndef softmax(x, axis=-1):\n    e = np.exp(x)\n"
                        "    return e / e.sum(axis=axis, keepdims=True)\n")
    wrong = kit("run", "softmax", "--track", "numpy", "--file", str(solution), cwd=tmp_path)
    assert wrong.returncode == 1, wrong.stdout + wrong.stderr
    shown = wrong.stdout
    assert "yours:" in shown and "reference:" in shown and "differs from the reference" in shown and "nan" in shown
    solution.write_text(REFERENCE.read_text())
    right = kit("run", "softmax", "--track", "numpy", "--file", str(solution), cwd=tmp_path)
    assert right.returncode == 0 and "Every step matches the reference" in right.stdout
    own = tmp_path / "mine.py"
    own.write_text("def example(track):\n    import numpy as np\n"
                   "    return [{'call': 'softmax', 'args': {'x': np.array([[0.0, 0.5]], dtype=np.float32)}}]\n")
    mine = kit("run", "softmax", "--track", "numpy", "--file", str(solution), "--input", str(own), cwd=tmp_path)
    assert mine.returncode == 0 and "0.377541" in mine.stdout  # softmax([0, 0.5])
    missing = kit("run", "softmax", "--file", str(solution), "--input", "nowhere.py", cwd=tmp_path)
    assert missing.returncode == 2 and "does not exist" in missing.stderr
    broken = tmp_path / "broken.py"
    broken.write_text("def example(track):\n    return 'not a list'\n")
    refused = kit("run", "softmax", "--file", str(solution), "--input", str(broken), cwd=tmp_path)
    assert refused.returncode == 2 and "list of steps" in refused.stderr
    assert json.loads(kit("list", "--json", cwd=tmp_path).stdout)[0]["status"] == "new"  # nothing recorded


def test_every_command_takes_lang_after_its_name_too(tmp_path):
    import typer

    from interviewkit.cli import app

    def commands(group, path: str):
        for name, command in group.commands.items():
            if hasattr(command, "commands"):  # a group: kit mock, kit dev, kit worker
                yield from commands(command, f"{path} {name}")
            else:
                yield f"{path} {name}", command

    everything = list(commands(typer.main.get_command(app), "kit"))
    assert len(everything) > 20
    assert [name for name, command in everything
            if not any("--lang" in parameter.opts for parameter in command.params)] == []
    after = kit("show", "softmax", "--lang", "zh", cwd=tmp_path)
    before = kit("--lang", "zh", "show", "softmax", cwd=tmp_path)
    assert after.returncode == 0 and after.stdout == before.stdout and "数值稳定" in after.stdout
    # After the name, --lang wins over the one before it; a wrong value is refused in kit's words.
    assert "數值穩定" in kit("--lang", "en", "show", "softmax", "--lang", "zh-Hant", cwd=tmp_path).stdout
    wrong = kit("list", "--lang", "xx", cwd=tmp_path)
    assert wrong.returncode == 2 and "--lang must be one of en, zh-Hans, zh-Hant" in wrong.stderr
