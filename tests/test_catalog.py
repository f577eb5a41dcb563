"""The catalogue is data; these tests keep every kata folder honest."""
from pathlib import Path

import pytest
import torch

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


def test_a_broken_kata_folder_is_left_out_and_named(tmp_path):
    for name in ("broken", "softmax"):
        (tmp_path / "katas" / name).mkdir(parents=True)
    (tmp_path / "katas" / "tracks.toml").write_text("[numpy]\n")
    (tmp_path / "katas" / "broken" / "kata.toml").write_text('format_version = 1\nid = "other"\n')
    healthy = (CATALOG.root / "katas" / "softmax" / "kata.toml").read_text().split("[tracks.torch]")[0]
    (tmp_path / "katas" / "softmax" / "kata.toml").write_text(healthy)
    catalog = Catalog(tmp_path)
    assert [kata.id for kata in catalog.katas()] == ["softmax"]
    assert len(catalog.problems()) == 1
    assert "broken/kata.toml: id 'other' differs from its folder 'broken'" in catalog.problems()[0]


@pytest.mark.parametrize("kata_id", [kata.id for kata in CATALOG.katas() if "numpy" in kata.tracks])
def test_the_numpy_track_forbids_imports_only(kata_id):
    forbidden = CATALOG.get(kata_id).track("numpy").forbidden
    assert not (forbidden.functions or forbidden.operations or forbidden.modules), (
        "the NumPy track's sandbox holds no torch: forbid imports there, nothing else")
