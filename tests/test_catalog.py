"""The catalogue is data; these tests keep every kata folder honest."""
import shutil
import tomllib
from pathlib import Path

import pytest
import torch

from interviewkit import api
from interviewkit.catalog import HINT_TIERS, Catalog, UnknownKata
from interviewkit.grading.sandbox.guard import _resolve
from interviewkit.grading.run.session import run_grade
from interviewkit.grading.sandbox.signature import parse_api
from interviewkit.hints import check_matches
from interviewkit.workspace import read_header, render_stub

CATALOG = Catalog()
KATAS = [kata.id for kata in CATALOG.katas()]
TRACKS = [(kata.id, track) for kata in CATALOG.katas() for track in kata.tracks]


def test_the_first_katas_are_there():
    assert {"softmax", "conv2d", "attention"} <= set(KATAS)


@pytest.mark.parametrize("kata_id", KATAS)
def test_hints_climb_from_nudge_to_near_solution(kata_id):
    hints = CATALOG.get(kata_id).hints()
    assert len(hints) >= 3
    assert len({hint.id for hint in hints}) == len(hints)
    tiers = [hint.tier for hint in hints]
    assert set(tiers) <= set(HINT_TIERS) and set(HINT_TIERS) <= set(tiers)
    assert tiers == sorted(tiers, key=HINT_TIERS.index), "tiers must not go back down"
    assert all(len(hint.text) > 40 for hint in hints)


@pytest.mark.parametrize("kata_id", KATAS)
def test_hint_patterns_name_checks_that_exist(kata_id):
    kata = CATALOG.get(kata_id)
    names = [result.name for track in kata.tracks
             for result in run_grade(kata, track, kata.track(track).reference)]
    for hint in kata.hints():
        for pattern in hint.checks:
            assert any(check_matches(name, pattern) for name in names), f"{hint.id}: {pattern} matches no check"


@pytest.mark.parametrize("kata_id, track", TRACKS)
def test_the_stub_renders_with_a_header_kit_can_read(kata_id, track, tmp_path):
    kata = CATALOG.get(kata_id)
    stub = tmp_path / "stub.py"
    stub.write_text(render_stub(kata, track))
    compile(stub.read_text(), str(stub), "exec")
    header = read_header(stub)
    assert (header.kata, header.track) == (kata_id, track)
    for line in kata.track(track).api:
        assert parse_api(line).name in stub.read_text()


@pytest.mark.parametrize("kata_id, track", TRACKS)
def test_every_forbidden_name_and_operation_exists(kata_id, track):
    forbidden = CATALOG.get(kata_id).track(track).forbidden
    for name in (*forbidden.functions, *forbidden.modules):
        assert _resolve(name), f"{name} resolves to nothing: a typo would leave it unguarded"
    for operation in forbidden.operations:
        namespace, _, name = operation.partition("::")
        assert hasattr(getattr(torch.ops, namespace), name), f"{operation} is not an operation of this torch"


@pytest.mark.parametrize("kata_id", KATAS)
def test_statement_names_every_symbol(kata_id):
    kata = CATALOG.get(kata_id)
    text = kata.statement()
    for track in kata.tracks.values():
        for line in track.api:
            assert parse_api(line).name in text


def test_ids_accept_hyphens_and_suggest_near_misses():
    assert CATALOG.get(" SoftMax ").id == "softmax"
    with pytest.raises(UnknownKata) as caught:
        CATALOG.get("sofmax")
    assert caught.value.suggestions == ["softmax"]


def test_every_kata_folder_reads_cleanly():
    assert CATALOG.problems() == []


def content_copy(root: Path, kata_id: str = "softmax") -> Path:
    """A content root holding one kata of kit's own, to break on purpose."""
    for name in ("tracks.toml", "stub.py.j2", "signatures.md.j2"):
        (root / "katas").mkdir(parents=True, exist_ok=True)
        shutil.copy(CATALOG.root / "katas" / name, root / "katas" / name)
    for tree in ("katas", "reference_solutions", "graders"):
        shutil.copytree(CATALOG.root / tree / kata_id, root / tree / kata_id)
    return root / "katas" / kata_id / "kata.toml"


def only_problem(root: Path) -> str:
    catalog = Catalog(root)
    assert catalog.katas() == [], "a damaged kata must be left out"
    [problem] = catalog.problems()
    return problem


def test_a_broken_kata_folder_is_left_out_and_named(tmp_path):
    content_copy(tmp_path)
    (tmp_path / "katas" / "broken").mkdir()
    (tmp_path / "katas" / "broken" / "kata.toml").write_text('format_version = 2\nid = "other"\n')
    catalog = Catalog(tmp_path)
    assert [kata.id for kata in catalog.katas()] == ["softmax"]
    assert len(catalog.problems()) == 1
    assert "broken/kata.toml: id 'other' differs from its folder 'broken'" in catalog.problems()[0]


def test_the_old_format_is_refused_by_name(tmp_path):
    meta = content_copy(tmp_path)
    meta.write_text(meta.read_text().replace("format_version = 2", "format_version = 1"))
    problem = only_problem(tmp_path)
    assert str(meta) in problem and "format_version 1" in problem and "docs/authoring.md" in problem


def test_an_unknown_family_is_refused_by_name(tmp_path):
    meta = content_copy(tmp_path)
    meta.write_text(meta.read_text().replace('forbid = ["softmax"]', 'forbid = ["sofmax"]'))
    problem = only_problem(tmp_path)
    assert str(meta) in problem and "unknown forbidden family 'sofmax'" in problem and "'softmax'?" in problem


@pytest.mark.parametrize("missing", ["reference_solutions/softmax/torch.py", "katas/softmax/hints.toml",
                                     "katas/softmax/statement.md"])
def test_a_missing_conventional_file_is_named(tmp_path, missing):
    meta = content_copy(tmp_path)
    (tmp_path / missing).unlink()
    problem = only_problem(tmp_path)
    assert str(meta) in problem and f"{tmp_path / missing} is missing" in problem


def test_one_grader_serves_both_tracks_unless_a_track_has_its_own(tmp_path):
    content_copy(tmp_path)
    graders = tmp_path / "graders" / "softmax"
    for grader in graders.glob("test*.py"):
        grader.unlink()
    (graders / "test.py").write_text("")
    tracks = Catalog(tmp_path).get("softmax").tracks
    assert tracks["numpy"].grader == tracks["torch"].grader == graders / "test.py"
    (graders / "test_torch.py").write_text("")
    tracks = Catalog(tmp_path).get("softmax").tracks
    assert (tracks["numpy"].grader, tracks["torch"].grader) == (graders / "test.py", graders / "test_torch.py")
    (graders / "test.py").unlink()
    assert "no grader for track 'numpy'" in only_problem(tmp_path)


def test_a_family_brings_the_families_it_includes():
    cross_entropy = CATALOG.get("cross_entropy").track("torch").forbidden
    softmax_family = CATALOG.family("softmax")
    assert "torch.nn.functional.cross_entropy" in cross_entropy.functions
    assert set(softmax_family.functions) <= set(cross_entropy.functions)
    assert set(CATALOG.family("attention").operations) <= set(softmax_family.operations)


def test_a_contract_that_allows_an_operation_keeps_it_allowed():
    vit = CATALOG.get("vit").track("torch").forbidden
    attention = CATALOG.get("attention").track("torch").forbidden
    assert "torch.nn.LayerNorm" not in vit.modules and "aten::softmax" not in vit.operations
    assert "torch.nn.functional.softmax" not in attention.functions + vit.functions
    assert "torch.nn.functional.scaled_dot_product_attention" in attention.functions


def test_the_statement_renders_every_tracks_signatures():
    text = CATALOG.get("attention").statement()
    assert "{{" not in text
    assert "def scaled_dot_product_attention(q: np.ndarray, k: np.ndarray, v: np.ndarray," in text
    assert "class MultiHeadAttention(nn.Module):\n    def __init__(self, embed_dim: int, num_heads: int, bias: bool = True)" in text


def test_a_stub_imports_only_what_its_signatures_use():
    softmax, attention = (render_stub(CATALOG.get(kata), "torch") for kata in ("softmax", "attention"))
    assert "import torch\n" in softmax and "from torch import nn" not in softmax
    assert "import torch\nfrom torch import nn\n" in attention


API = """
[[api]]
def = "scale(x: np.ndarray, factor: float = 2.0, *, inplace: bool = False) -> np.ndarray"
doc = "Multiplies."

[[api]]
class = "Layer(nn.Module)"
[[api.methods]]
def = "__init__(self, size: int, bias: bool = True)"
body = ["super().__init__()"]
[[api.methods]]
def = "forward(self, first_input_with_a_long_name: torch.Tensor, second_input_with_a_long_name: torch.Tensor, mask: torch.Tensor | None = None) -> torch.Tensor"
"""


def test_api_entries_give_the_contract_lines_the_sandbox_reads():
    entries = api.read(tomllib.loads(API)["api"])
    lines = api.contract_lines(entries)
    assert lines == ("scale(x, factor=2.0, *, inplace=False)", "class Layer(size, bias=True)",
                     "Layer.forward(first_input_with_a_long_name, second_input_with_a_long_name, mask=None)")
    assert [parse_api(line).name for line in lines] == ["scale", "Layer", "forward"]
    assert parse_api(lines[0]).parameters[2].default is False


def test_a_long_signature_wraps_under_its_parenthesis():
    forward = api.read(tomllib.loads(API)["api"])[1].methods[1]
    lines = forward.lines(indent=4)
    assert len(lines) > 1 and all(len(line) + len(":") <= api.WIDTH for line in lines)
    under = len("    def forward(")
    assert all(len(line) - len(line.lstrip()) == under for line in lines[1:])
    assert " ".join(line.strip() for line in lines).endswith("mask: torch.Tensor | None = None) -> torch.Tensor")
    compile("class Layer:\n" + "\n".join(lines) + ":\n        pass\n", "stub", "exec")


@pytest.mark.parametrize("entry, complaint", [
    ({"def": "softmax(x"}, "is not a Python signature"),
    ({"def": "f(x)", "docs": "typo"}, "unknown key docs"),
    ({"class": "Layer"}, "lists its methods"),
    ({"def": "f(x)", "class": "Layer"}, "either def"),
])
def test_a_malformed_api_entry_is_refused(entry, complaint):
    with pytest.raises(api.ApiError, match=complaint):
        api.contract_lines(api.read([entry]))


@pytest.mark.parametrize("kata_id", [kata.id for kata in CATALOG.katas() if "numpy" in kata.tracks])
def test_the_numpy_track_forbids_imports_only(kata_id):
    forbidden = CATALOG.get(kata_id).track("numpy").forbidden
    assert not (forbidden.functions or forbidden.operations or forbidden.modules), (
        "the NumPy track's sandbox holds no torch: forbid imports there, nothing else")


@pytest.mark.parametrize("width", (60, 80, 120))
def test_kit_list_shows_every_kata_whole_at_60_80_and_120_columns(width):
    from rich.console import Console

    from interviewkit import listing

    from interviewkit.progress import KataProgress

    katas = CATALOG.katas()
    # The widest statuses a user sees: passed on both tracks, with a best time.
    progress = {kata.id: KataProgress(attempts=3, passed_tracks=set(kata.tracks), best_time_s=245.0)
                for kata in katas}
    console = Console(width=width, record=True, force_terminal=False)
    console.print(listing.kata_table(katas, progress, width=width, topics=CATALOG.topics()))
    screen = console.export_text()
    assert "…" not in screen, screen
    # Rich crops a line too wide for the terminal without a mark: every row must end on its border.
    assert all(len(line) <= width and line.rstrip().endswith(("│", "┃", "┓", "┩", "┘", "┤", "katas"))
               for line in screen.splitlines() if line.strip()), screen
    for kata in katas:
        assert kata.id in screen.split(), f"{kata.id} is not whole at {width} columns:\n{screen}"
    for header in ("kata", "difficulty", "status"):
        assert header in screen


@pytest.mark.parametrize("width", (60, 80, 120))
def test_kit_solution_wraps_code_and_never_cuts_it(width, monkeypatch):
    from rich.console import Console

    from interviewkit import render

    kata = CATALOG.get("conv2d")
    code = kata.track("numpy").reference.read_text()
    console = Console(width=width, record=True, force_terminal=False)
    monkeypatch.setattr(render, "console", console)
    render.solution(kata, "numpy", code)
    screen = "".join(console.export_text().split())
    shown = "".join(code.split())
    # Every character of the code is on the screen, in order (line numbers and borders between).
    position = 0
    for character in shown:
        position = screen.find(character, position)
        assert position >= 0, f"code cut at {width} columns near {character!r}"
        position += 1
    assert "…" not in console.export_text()


def test_every_kata_is_on_the_path_in_exactly_one_topic():
    import tomllib

    from interviewkit.catalog import Catalog, content_root

    data = tomllib.loads((content_root() / "katas" / "topics.toml").read_text())
    named = [kata_id for topic in data["topic"] for kata_id in topic["katas"]]
    assert len(named) == len(set(named)), "a kata is in two topics"
    assert set(named) == set(Catalog().ids()), "katas/topics.toml and the catalogue name different katas"
