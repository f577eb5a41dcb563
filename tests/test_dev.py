"""`kit dev`: the proofs refuse what they must (a bug the grader lets through, a file without its claim,
a shortcut not caught, too few proofs, a surviving mutant), `kit dev check` prints their verdict, and
`kit dev new` scaffolds a kata that `kit list` shows and `kit dev check` refuses until it is filled in.
Grades run in this process, as in tests/test_katas.py."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from interviewkit.catalog import Catalog, content_root
from interviewkit.cli import app
from interviewkit.dev import check, proofs, report
from interviewkit.dev.mutants import Mutant
from interviewkit.dev.mutation import MutationResult

REPO = content_root()


def kit(*arguments: str, root: Path | None = None, workspace: Path | None = None):
    environment = {"COLUMNS": "200", "KIT_CONTENT_ROOT": str(root) if root else None,
                   "KIT_WORKSPACE": str(workspace) if workspace else None}
    return CliRunner().invoke(app, list(arguments), env=environment)


def empty_root(root: Path) -> Path:
    """A content root without katas: the files the format shares (katas/tracks.toml, templates)."""
    for top in (Path("katas"), Path("tests") / "candidates"):
        (root / top).mkdir(parents=True, exist_ok=True)
    for shared in (REPO / "katas").iterdir():
        if shared.is_file():
            shutil.copy(shared, root / "katas" / shared.name)
    return root


def copy_kata(kata_id: str, root: Path) -> Path:
    """A content root holding one kata of kit's own, with its grader, reference and proofs."""
    empty_root(root)
    for folder in ("katas", "reference_solutions", "graders", "tests/candidates"):
        shutil.copytree(REPO / folder / kata_id, root / folder / kata_id,
                        ignore=shutil.ignore_patterns("__pycache__", "mutation.lock"))
    return root


def mutant(number: int) -> Mutant:
    return Mutant(id=f"m{number}", operator="arithmetic", line=7, function="softmax",
                  original="shifted / total", mutated="shifted * total", source="")


def mutation_result(survivors: int, equivalent: int = 0) -> MutationResult:
    return MutationResult(kata="softmax", track="numpy", total=12, killed=12 - survivors - equivalent,
                          equivalent=[(mutant(90 + n), "the same sum, read backwards") for n in range(equivalent)],
                          survived=[mutant(n) for n in range(survivors)], fingerprint="f", from_record=False,
                          folder=REPO / "katas" / "softmax")


def test_check_passes_a_kata_that_proves_itself():
    result = kit("dev", "check", "softmax", "--no-mutation")
    assert result.exit_code == 0, result.output
    assert "softmax / numpy  ✓ holds" in result.output and "softmax / torch  ✓ holds" in result.output
    assert "right_log_domain" in result.output and "tolerance" in result.output
    assert "Every proof holds" in result.output


def test_proofs_refuse_claims_the_grader_does_not_back(tmp_path):
    kata = Catalog(copy_kata("softmax", tmp_path)).get("softmax")
    folder = proofs.candidates_folder(kata, "numpy")
    reference = kata.track("numpy").reference.read_text()
    (folder / "wrong_actually_right.py").write_text("# expect-fail: softmax[huge_magnitudes]\n" + reference)
    (folder / "wrong_without_a_claim.py").write_text(reference)
    (folder / "forbidden_not_forbidden.py").write_text(reference)

    passed = proofs.wrong_solution_fails_where_expected(kata, "numpy", folder / "wrong_actually_right.py")
    assert not passed.ok and "passed every check it names" in passed.message and "add a case" in passed.message
    unclaimed = proofs.wrong_solution_fails_where_expected(kata, "numpy", folder / "wrong_without_a_claim.py")
    assert not unclaimed.ok and "# expect-fail:" in unclaimed.message
    missed = proofs.wrong_solution_fails_where_expected(kata, "numpy", folder / "wrong_global_max.py")
    assert missed.ok, missed.message
    uncaught = proofs.forbidden_solution_is_caught(kata, "numpy", folder / "forbidden_not_forbidden.py")
    assert not uncaught.ok and "was not caught" in uncaught.message

    for path in folder.glob("right_*.py"):
        path.unlink()
    few = proofs.enough_candidates(kata, "numpy")
    assert not few.ok and "0 right_*.py of 2" in few.message


def test_a_wrong_reference_fails_with_its_failing_checks(tmp_path):
    kata = Catalog(copy_kata("softmax", tmp_path)).get("softmax")
    wrong = proofs.candidates_folder(kata, "numpy") / "wrong_no_max_subtraction.py"
    kata.track("numpy").reference.write_text(wrong.read_text())
    verdict = proofs.reference_passes(kata, "numpy")
    assert not verdict.ok
    assert "softmax[huge_magnitudes]" in verdict.message and "Fix the reference" in verdict.message


def test_surviving_mutants_fail_naming_each_and_what_to_do():
    verdict = proofs.mutation_verdict(mutation_result(survivors=2, equivalent=1))
    assert not verdict.ok
    assert "2 mutants of the numpy reference survive" in verdict.message
    assert "m0: line 7: `shifted / total` -> `shifted * total`" in verdict.message
    assert "equivalent_mutants.toml" in verdict.message and "graders/softmax/" in verdict.message
    complete = proofs.mutation_verdict(mutation_result(survivors=0, equivalent=1))
    assert complete.ok and "11/12 killed, 1 equivalent" in complete.message


def test_check_all_ends_with_the_mutation_table_as_markdown(monkeypatch):
    def proved(kata, track, options, progress=None):
        proved_report = check.Report(kata.id, track, [check.Row("reference passes", True, seeds=3, share=0.02)])
        proved_report.mutation = mutation_result(survivors=0, equivalent=2)
        return proved_report

    monkeypatch.setattr(check, "check_track", proved)
    monkeypatch.setattr(check, "check_kata_wide",
                        lambda kata: check.Report(kata.id, None, [check.Row("no TODO left", True)]))
    result = kit("dev", "check", "--all", "--markdown")
    assert result.exit_code == 0, result.output
    assert "| kata | track | mutants | killed | equivalent | score |" in result.output
    assert "| `softmax` | numpy | 12 | 10 | 2 | 100% |" in result.output
    assert result.output.count("| `") == sum(len(kata.tracks) for kata in Catalog().katas())


def test_a_failed_proof_names_its_kata_track_and_a_misused_check_exits_2():
    rows = [check.Row("mutants killed", False, ["2 mutants survive"], mutants="9/12 (1 eq.)")]
    failed = check.Report("softmax", "numpy", rows, mutation_result(survivors=2, equivalent=1))
    assert not failed.ok
    assert report.problems(failed) == ["softmax / numpy: mutants killed: 2 mutants survive"]
    assert "| `softmax` | numpy | 12 | 9 | 1 | 82% |" in report.mutation_markdown([failed])
    assert kit("dev", "check").exit_code == 2  # neither an id nor --all
    unknown = kit("dev", "check", "sofmax")
    assert unknown.exit_code == 2 and "softmax" in unknown.output


SCAFFOLD = ["katas/rms_norm/kata.toml", "katas/rms_norm/statement.md", "katas/rms_norm/hints.toml", "katas/rms_norm/explanation.md",
            "katas/rms_norm/promises.toml", "katas/rms_norm/example.py",
            "graders/rms_norm/test.py", "graders/rms_norm/cases.py",
            *(f"{folder}/{track}{name}" for track in ("numpy", "torch") for folder, name in (
                ("reference_solutions/rms_norm", ".py"),
                ("tests/candidates/rms_norm", "/right_another_style.py"),
                ("tests/candidates/rms_norm", "/wrong_a_classic_bug.py"),
                ("tests/candidates/rms_norm", "/forbidden_a_shortcut.py")))]


def test_new_scaffolds_a_kata_that_is_listed_and_fails_check_saying_what_to_fill_in(tmp_path):
    root = empty_root(tmp_path / "content")
    created = kit("dev", "new", "rms-norm", "--title", "RMS normalisation", root=root)
    assert created.exit_code == 0, created.output
    written = sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()
                     and path.parent != root / "katas")
    assert written == sorted(SCAFFOLD)
    assert "kit dev check rms_norm" in " ".join(created.output.split())

    listed = kit("list", "--json", root=root, workspace=tmp_path)
    assert listed.exit_code == 0, listed.output
    assert [(entry["id"], entry["title"], entry["tracks"]) for entry in json.loads(listed.stdout)] == [
        ("rms_norm", "RMS normalisation", ["numpy", "torch"])]
    shown = kit("show", "rms_norm", root=root, workspace=tmp_path)
    assert shown.exit_code == 0 and "def rms_norm(x: torch.Tensor) -> torch.Tensor" in shown.output, shown.output

    checked = kit("dev", "check", "rms_norm", "--no-mutation", root=root)
    assert checked.exit_code == 1
    output = " ".join(checked.output.split())  # Rich wraps long messages
    assert "TODO markers left in 16 files" in output and "katas/rms_norm/kata.toml: lines" in output
    assert "has too few proofs: 1 right_*.py of 2; 1 wrong_*.py of 4" in output
    assert "kit dev manifest rms_norm" in output
    assert "TODO: write the numpy reference of rms_norm" in output or "the grader's oracle in graders/rms_norm/test.py" in output


def test_new_refuses_a_taken_or_invalid_id_and_never_overwrites(tmp_path):
    root = empty_root(tmp_path / "content")
    taken = kit("dev", "new", "softmax")
    assert taken.exit_code == 2 and "exists already" in taken.output
    for name, why in (("RMSNorm", "lowercase snake_case"), ("2d_conv", "lowercase snake_case"),
                      ("rms__norm", "lowercase snake_case"), ("lambda", "Python keyword")):
        refused = kit("dev", "new", name, root=root)
        assert refused.exit_code == 2 and why in refused.output, (name, refused.output)
    unknown = kit("dev", "new", "rms_norm", "--tracks", "numpy,jax", root=root)
    assert unknown.exit_code == 2 and "unknown track jax" in unknown.output
    leftover = root / "graders" / "rms_norm" / "cases.py"
    leftover.parent.mkdir(parents=True)
    leftover.write_text("an author's work in progress")
    refused = kit("dev", "new", "rms_norm", root=root)
    assert refused.exit_code == 2 and "never writes into them" in refused.output
    assert leftover.read_text() == "an author's work in progress"
    assert not (root / "katas" / "rms_norm").exists() and not (root / "reference_solutions").exists()


def test_the_proof_table_keeps_every_verdict_and_figure_at_60_80_and_120_columns():
    from rich.console import Console

    rows = [check.Row("reference passes", True, seeds=3, share=0.27),
            check.Row("right_float64_inside_loop_over_heads_with_a_long_name", False, seeds=2, share=0.19),
            check.Row("mutants killed", True, mutants="135/142 (7 eq.)")]
    table = report.proof_table(check.Report("vit", "torch", rows))
    for width in (60, 80, 120):
        console = Console(width=width, record=True, force_terminal=False)
        console.print(table)
        screen = console.export_text()
        assert screen.count("✓") == 2 and screen.count("✗") == 2, screen  # each row's, and the title's ✗
        for text in ("seeds", "tolerance", "mutants", "0.27", "0.19", "135/142 (7 eq.)"):
            assert text in screen, f"{text!r} cut at {width} columns:\n{screen}"
        assert "…" not in screen, screen


def test_the_readme_catalogue_shows_every_kata_and_its_mutation_score():
    import re

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    rows = {match[0]: match[1] for match in re.findall(r"^\| `(\w+)` \| [^|]+ \| [^|]+ \| ([^|]+) \|$", readme, re.M)}
    catalog = Catalog()
    assert set(rows) == set(catalog.ids()), "the README's catalogue lists other katas than kit does"
    from interviewkit.dev.mutation import mutation_score

    for kata in catalog.katas():
        for track in kata.tracks:
            score = mutation_score(kata, track)
            shown = f"{track} {score.killed}/{score.total - len(score.equivalent)}"
            assert shown in rows[kata.id], f"README shows {rows[kata.id]!r} for {kata.id}, the record says {shown}"
