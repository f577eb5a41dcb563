"""Hints follow the diagnosed cause: every known-wrong proof (tests/candidates/<kata>/<track>/wrong_*.py)
names, on a `# hint: HINT_ID` line beside its `# expect-fail:` line, the hint `kit hint` must give
after grading it (nothing revealed yet). The wrong_ proofs themselves prove it: tests/test_katas.py's
known-wrong test grades each file once (every check up to the first failure, the one `next_hint`
decides by, then the checks the file names) and asks `next_hint` (interviewkit/dev/hint_proofs.py).
Here: that every file names a hint its kata has, the engine's rules, and the whole path end to end."""
from __future__ import annotations

import os
import subprocess
import sys

from interviewkit.catalog import Catalog, Hint
from interviewkit.dev import proofs
from interviewkit.dev.hint_proofs import named_hint
from interviewkit.grading.sandbox.errors import CheckFailed
from interviewkit.grading.toolkit.diagnoses import Diagnosis, cause_of, diagnosed, failure
from interviewkit.hints import next_hint

CATALOG = Catalog()


def test_every_known_wrong_proof_names_a_hint_of_its_kata():
    problems = []
    for kata in CATALOG.katas():
        ids = {hint.id for hint in kata.hints()}
        for track in kata.tracks:
            for path in proofs.candidates(kata, track, "wrong_"):
                named = named_hint(path)
                if named not in ids:
                    problems.append(f"{proofs.relative(kata, path)}: "
                                    + (f"names {named!r}, not a hint of {kata.id}" if named else "no '# hint:' line"))
    assert not problems, "\n".join(problems)


def _hint(hint_id: str, checks=(), causes=()) -> Hint:
    return Hint(id=hint_id, tier="nudge", text="", checks=tuple(checks), causes=tuple(causes))


def test_a_hint_tied_to_the_first_failures_cause_comes_before_one_tied_to_a_check_name_then_the_ladder():
    ladder = [_hint("first"), _hint("by-name", checks=["f[rows]"]), _hint("by-cause", causes=["unbiased-variance"])]
    assert next_hint(ladder, [], ["f[rows]"], "unbiased-variance") == (ladder[2], "f[rows]")
    assert next_hint(ladder, [], ["f[rows]"], "another-cause") == (ladder[1], "f[rows]")
    assert next_hint(ladder, ["by-cause"], ["f[rows]"], "unbiased-variance") == (ladder[1], "f[rows]")
    assert next_hint(ladder, [], [], "unbiased-variance") == (ladder[0], None)  # a passing grade has no cause


def test_a_failure_takes_the_cause_of_the_first_classic_bug_it_matches_and_keeps_one_it_has():
    def matches_only(cause):
        def matches(diagnosis):
            if diagnosis.cause != cause:
                raise CheckFailed("not this one")
        return matches

    bugs = (Diagnosis("eps-outside", None), Diagnosis("unbiased-variance", None))
    assert diagnosed(CheckFailed("off"), bugs, matches_only("unbiased-variance")).cause == "unbiased-variance"
    assert cause_of(diagnosed(CheckFailed("off"), bugs, matches_only("none of them"))) == ""
    assert diagnosed(failure("dtype", "result-dtype"), bugs, matches_only("eps-outside")).cause == "result-dtype"


def test_kit_hint_follows_the_cause_the_last_grade_diagnosed_and_says_so(tmp_path):
    """End to end: the grade records its first failure's cause, the grade screen explains it, and
    `kit hint` picks the hint tied to it (by check name alone it would be `which-axes`)."""
    kata = CATALOG.get("layer_norm")
    source = proofs.candidates_folder(kata, "torch") / "wrong_unbiased_variance.py"
    (tmp_path / "layer_norm.py").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    environment = {**os.environ, "KIT_WORKER": "off", "COLUMNS": "200", "KIT_LANG": "en",
                   "KIT_WORKSPACE": str(tmp_path)}
    run = lambda *args: subprocess.run([sys.executable, "-m", "interviewkit", *args], cwd=tmp_path,  # noqa: E731
                                       capture_output=True, text=True, env=environment, timeout=300)
    graded = run("grade", "layer_norm.py", "--track", "torch")
    clause = kata.causes()["unbiased-variance"]
    assert graded.returncode == 1 and clause in graded.stdout, graded.stdout
    shown = run("hint", "layer_norm").stdout
    assert "hint 2 of" in shown and f"diagnosed: {clause}" in shown, shown
