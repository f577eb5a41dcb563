"""The numeric contract that ends every statement ("How this kata is graded", interviewkit/contract.py)
and the case manifests it reads (katas/<id>/cases.toml, written by interviewkit/dev/manifest.py)."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest

from interviewkit.catalog import Catalog, Efficiency, GradingNotes
from interviewkit.contract import HEADING, block, read_manifest
from interviewkit.dev.manifest import manifest_is_current, render_manifest, write_manifest
from interviewkit.grading.toolkit.compare import tolerance
from interviewkit.grading.toolkit.tolerances import BASE_TOLERANCE

REPO = Path(__file__).resolve().parent.parent
CATALOG = Catalog()


def sections(text: str) -> dict[str, str]:
    """The block's parts: "shared" (every track), then one per "### <track> track" heading."""
    parts, name = {"shared": []}, "shared"
    for line in text.splitlines():
        if line.startswith("### ") and line.endswith(" track"):
            name = line.removeprefix("### ").removesuffix(" track")
            parts[name] = []
        else:
            parts[name].append(line)
    return {key: "\n".join(lines) for key, lines in parts.items()}


def test_the_softmax_block_states_the_formula_the_checks_the_forbidden_names_and_the_gradients():
    text = block(CATALOG.get("softmax"))
    assert text.startswith(f"## {HEADING}")
    assert "`|got − want| ≤ c·(atol·m + rtol·|want|)`" in text
    assert "float32: rtol = 1e-5, atol = 1e-6" in text and "float64: rtol = 1e-10, atol = 1e-12" in text
    assert "`softmax`: default_axis, " in text and "huge_magnitudes" in text and "rows_of_very_different_scale" in text
    assert "float64 in `huge_magnitudes_float64`, `float64_input`" in text
    parts = sections(text)
    assert set(parts) == {"shared", "numpy", "torch"}
    assert "`torch.softmax`" in parts["torch"] and "`torch.nn.Softmax`" in parts["torch"]
    assert "`torch.softmax`" not in parts["numpy"] and "`import torch`" in parts["numpy"]
    assert "Gradients**: checked for a random N(0, 1) upstream gradient" in parts["torch"]
    assert "`out.backward(g)`, never `out.sum()`" in parts["torch"]
    assert "Gradients**: not checked" in parts["numpy"] and "upstream" not in parts["numpy"]
    assert "--strict" not in text  # softmax has no [efficiency]


def test_only_public_forbidden_names_are_listed_and_the_twins_are_said_to_be_forbidden_too():
    torch_part = sections(block(CATALOG.get("softmax")))["torch"]
    assert "torch._masked_softmax" not in torch_part and "aten::" not in torch_part
    assert "the operation is forbidden, however it is spelled" in torch_part


def test_the_tolerances_stated_are_those_compare_applies():
    assert tolerance("float32", 4.0) == (BASE_TOLERANCE["float32"][0], BASE_TOLERANCE["float32"][1] * 4.0)
    for dtype in ("float32", "float64"):
        rtol, atol = BASE_TOLERANCE[dtype]
        stated = f"{dtype}: rtol = {rtol:g}, atol = {atol:g}".replace("e-0", "e-")
        assert stated in block(CATALOG.get("softmax"))


def test_a_kata_with_efficiency_states_its_bound_and_one_without_does_not():
    attention = CATALOG.get("attention")
    assert f"slower than {attention.efficiency.bound:g}× the reference on the timing case" in block(attention)
    tighter = replace(CATALOG.get("softmax"), efficiency=Efficiency(bound=7.5))
    assert "`kit grade --strict` fails code slower than 7.5× the reference" in block(tighter)


def test_the_kata_s_own_words_replace_c_1_and_the_gradient_sentence_of_a_track():
    softmax = CATALOG.get("softmax")
    assert "**Conditioning**: c = max(1, 0.1·max|x|)" in block(softmax)  # katas/softmax/kata.toml [grading]
    assert "c = 1 (accuracy here does not depend on the inputs)" in block(replace(softmax, grading=GradingNotes()))
    notes = GradingNotes(conditioning="c = max(1, 0.1·max|x|): exact only to eps·|x|.",
                         gradients={"numpy": "backward(dout) is compared with autograd."})
    text = block(replace(softmax, grading=notes))
    assert "c = 1" not in text and "**Conditioning**: c = max(1, 0.1·max|x|): exact only to eps·|x|." in text
    parts = sections(text)
    assert "backward(dout) is compared with autograd." in parts["numpy"] and "not checked" not in text
    assert "checked for a random N(0, 1) upstream gradient" in parts["torch"]


def test_a_kata_s_own_results_sentence_replaces_the_dtype_rule():
    softmax = CATALOG.get("softmax")
    assert "Float results keep the input's dtype." in block(softmax)
    text = block(replace(softmax, grading=GradingNotes(results="w is float64 whatever the input.")))
    assert "w is float64 whatever the input." in text and "keep the input's dtype" not in text


def test_what_every_track_shares_is_said_once():
    parts = sections(block(CATALOG.get("attention")))
    assert "Tolerance" in parts["shared"] and "Tolerance" not in parts["numpy"] + parts["torch"]
    assert "`scaled_dot_product_attention`: self_attention" in parts["shared"]
    assert "`multi_head_attention`, also: without_bias" in parts["torch"]
    assert "without_bias" not in parts["shared"] + parts["numpy"]
    assert "a_new_instance_has_the_weights_of_the_contract" in parts["numpy"]


def test_a_single_track_kata_has_no_track_headings():
    text = block(CATALOG.get("adam"))
    assert "###" not in text and "Gradients**: not checked" in text


def test_a_kata_without_a_manifest_still_states_its_tolerances(tmp_path):
    text = block(replace(CATALOG.get("softmax"), folder=tmp_path))
    assert "float32: rtol = 1e-5" in text and "Checks" not in text and "Dtypes" not in text


@pytest.mark.parametrize("kata_id", CATALOG.ids())
def test_every_manifest_says_what_its_graders_collect(kata_id):
    current, message = manifest_is_current(CATALOG.get(kata_id))
    assert current, message


def toy_kata(tmp_path: Path, cases: str):
    """softmax's metadata over a grader of our own, in tmp_path."""
    grader = tmp_path / "graders" / "toy" / "test_numpy.py"
    grader.parent.mkdir(parents=True, exist_ok=True)
    grader.write_text(textwrap.dedent(f"""\
        import pytest
        from interviewkit.grader import Case, integers, normal

        @pytest.mark.parametrize("case", [{cases}], ids=str)
        def test_toy(grading, case):
            pass

        def test_without_cases(grading):
            pass
        """))
    folder = tmp_path / "katas" / "toy"
    folder.mkdir(parents=True, exist_ok=True)
    softmax = CATALOG.get("softmax")
    return replace(softmax, id="toy", folder=folder,
                   tracks={"numpy": replace(softmax.tracks["numpy"], grader=grader)})


def test_a_grader_changed_without_regenerating_its_manifest_is_caught(tmp_path):
    kata = toy_kata(tmp_path, 'Case("small", x=normal((2, 3))), Case("labels", y=integers((4,)))')
    assert manifest_is_current(kata) == (False, f"{kata.folder / 'cases.toml'} is missing: run `kit dev manifest toy`")
    write_manifest(kata)
    assert manifest_is_current(kata)[0]
    manifest = read_manifest(kata)["numpy"]
    assert [(check.name, check.cases) for check in manifest] == [
        ("toy", (("small", ("float32",)), ("labels", ("int64",)))), ("without_cases", ())]

    toy_kata(tmp_path, 'Case("small", x=normal((2, 3))), Case("wide", x=normal((2, 9), dtype="float64"))')
    current, message = manifest_is_current(kata)
    assert not current
    assert "stale" in message and "run `kit dev manifest toy`" in message
    assert '+    { name = "wide", dtypes = ["float64"] },' in message
    assert '-    { name = "labels", dtypes = ["int64"] },' in message
    write_manifest(kata)
    assert manifest_is_current(kata)[0]
    assert "float64 in `wide`" in block(kata)


def test_a_grader_that_does_not_collect_is_reported_with_what_to_do(tmp_path):
    kata = toy_kata(tmp_path, 'Case("small", x=normal((2, 3)))')
    write_manifest(kata)
    toy_kata(tmp_path, 'Case("small", x=normal((2, 3))), undefined_recipe()')
    current, message = manifest_is_current(kata)
    assert not current and "does not collect" in message and "NameError" in message
    assert "run `kit dev manifest toy`" in message


def test_a_manifest_edited_by_hand_is_caught(tmp_path):
    kata = toy_kata(tmp_path, 'Case("small", x=normal((2, 3)))')
    path = write_manifest(kata)
    path.write_text(path.read_text().replace('"small"', '"renamed"'))
    current, message = manifest_is_current(kata)
    assert not current and '"renamed"' in message and "kit dev manifest toy" in message


def test_a_grader_shared_by_both_tracks_is_collected_once_per_track(tmp_path):
    grader = tmp_path / "graders" / "toy" / "test.py"
    grader.parent.mkdir(parents=True)
    grader.write_text(textwrap.dedent("""\
        import pytest
        from interviewkit.grader import Case, normal, track

        AXIS = {"numpy": "axis", "torch": "dim"}[track()]

        @pytest.mark.parametrize("case", [Case(f"along_{AXIS}", x=normal((2, 3)))], ids=str)
        def test_toy(grading, case):
            pass
        """))
    (tmp_path / "katas" / "toy").mkdir(parents=True)
    softmax = CATALOG.get("softmax")
    kata = replace(softmax, id="toy", folder=tmp_path / "katas" / "toy",
                   tracks={name: replace(track, grader=grader) for name, track in softmax.tracks.items()})
    write_manifest(kata)
    cases = {track: [check.cases for check in checks] for track, checks in read_manifest(kata).items()}
    assert cases == {"numpy": [(("along_axis", ("float32",)),)], "torch": [(("along_dim", ("float32",)),)]}
    assert manifest_is_current(kata)[0]


def test_the_dtypes_of_scenarios_and_wrapped_cases_are_found():
    manifest = {check.name: dict(check.cases) for check in read_manifest(CATALOG.get("batchnorm"))["torch"]}
    assert manifest["batch_norm_2d"]["small_variance_float64"] == ("float64",)
    assert manifest["batch_norm_2d"]["a_channel_far_from_zero"] == ("float32",)
    attention = {check.name: dict(check.cases) for check in read_manifest(CATALOG.get("attention"))["torch"]}
    assert attention["multi_head_attention"]["run_in_float64"] == ("float64", "bool")


def test_the_contract_module_imports_neither_torch_nor_numpy():
    probe = ("import sys\nfrom interviewkit.catalog import Catalog\nfrom interviewkit.contract import block\n"
             "block(Catalog().get('attention'))\n"
             "assert not {'torch', 'numpy', 'pytest'} & set(sys.modules), sorted(sys.modules)\n")
    result = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]


def test_render_manifest_is_deterministic():
    kata = CATALOG.get("conv2d")
    assert render_manifest(kata) == render_manifest(kata)
