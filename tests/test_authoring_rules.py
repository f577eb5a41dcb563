"""The rules `kit dev check` holds every kata to, tested on katas made to break them: options covered
pairwise (constructor arguments and tuples included), and randomness graded by its distribution or
pinned by the contract."""
from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from interviewkit.catalog import Catalog
from interviewkit.dev.manifest import plain_options
from interviewkit.dev.pairwise import gaps
from interviewkit.dev.randomness import problems
from interviewkit.grader import Case

REPO = Path(__file__).resolve().parent.parent


def content_with(root: Path, *kata_ids: str) -> Catalog:
    """A content root holding only these katas (and the shared files), to edit freely."""
    (root / "katas").mkdir(parents=True)
    for name in ("tracks.toml", "stub.py.j2", "signatures.md.j2"):
        shutil.copy(REPO / "katas" / name, root / "katas" / name)
    (root / "katas" / "topics.toml").write_text(f'[[topic]]\nname = "t"\nkatas = {list(kata_ids)!r}\n'.replace("'", '"'))
    for kata_id in kata_ids:
        for folder in ("katas", "graders", "reference_solutions"):
            shutil.copytree(REPO / folder / kata_id, root / folder / kata_id)
    return Catalog(root)


def test_a_pair_of_options_no_case_combines_is_a_gap(tmp_path):
    catalog = content_with(tmp_path, "cross_entropy")
    assert gaps(catalog.get("cross_entropy")) == []
    manifest = tmp_path / "katas" / "cross_entropy" / "cases.toml"
    text = manifest.read_text()
    # Leave label smoothing set only where the reduction is the default.
    kept = [line for line in text.splitlines()
            if not ("label_smoothing" in line and "reduction" in line)]
    manifest.write_text("\n".join(kept) + "\n")
    found = [str(gap) for gap in gaps(Catalog(tmp_path).get("cross_entropy"))]
    assert any("label_smoothing set" in gap and "reduction=" in gap for gap in found), found


@dataclass
class StackCase:
    name: str
    case: Case
    init: dict = field(default_factory=dict)
    padding: int | None = None


def test_options_are_read_from_case_objects_and_constructor_arguments():
    """Options a module kata gives its constructor count too; a None field means "not given"; a
    tuple is one setting (at its default or set)."""
    stack = StackCase("s", Case("s", dim=-1, x=object()), init={"hidden": (8, 4), "bias": False})
    assert plain_options({"stack": stack}) == {"dim": -1, "hidden": (8, 4), "bias": False, "name": "s"}


def test_randomness_taken_from_the_caller_needs_a_distribution_check_or_pinned_draws(tmp_path):
    catalog = content_with(tmp_path, "kfold_split", "dropout")
    assert problems(catalog.get("kfold_split")) == [] and problems(catalog.get("dropout")) == []
    toml = tmp_path / "katas" / "kfold_split" / "kata.toml"
    toml.write_text(re.sub(r"\[randomness\]\npinned = [^\n]*\n", "", toml.read_text()))
    found = problems(Catalog(tmp_path).get("kfold_split"))
    assert found and "numpy kfold_split(rng)" in found[0] and "expect_frequencies" in found[0]
    for path in (tmp_path / "graders" / "dropout").rglob("*.py"):  # a dropout grader without its distribution checks
        path.write_text(path.read_text().replace("expect_frequencies", "frequencies_").replace(
            "expect_distributed", "distributed_"))
    assert problems(Catalog(tmp_path).get("dropout"))


def test_an_option_s_default_is_the_one_of_the_function_its_check_grades():
    from interviewkit.dev.pairwise import defaults

    adam = Catalog().get("adam")
    assert defaults(adam, "numpy", "adamw")["weight_decay"] == 0.01  # AdamW's, not Adam's 0.0
    assert defaults(adam, "numpy", "adam")["weight_decay"] == 0.0
