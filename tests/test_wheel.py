"""`pip install .` gives a working kit: the wheel carries the katas, references and graders."""
import json
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def run(*args, cwd, check=True):
    environment = {**os.environ, "KIT_WORKSPACE": str(cwd)}
    environment.pop("PYTHONPATH", None)
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=600, env=environment)
    assert not check or result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return result


def test_a_wheel_installed_in_a_fresh_environment_lists_and_grades(tmp_path):
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(tmp_path), str(REPO),
        cwd=tmp_path)
    wheel = next(tmp_path.glob("interviewkit-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for expected in ("interviewkit/_content/katas/softmax/kata.toml", "interviewkit/_content/katas/tracks.toml",
                     "interviewkit/_content/katas/softmax/example.py",
                     "interviewkit/_content/katas/softmax/zh-Hans/statement.md",
                     "interviewkit/_content/katas/softmax/zh-Hant/hints.toml",
                     "interviewkit/_content/katas/softmax/zh-Hant/kata.toml",
                     "interviewkit/locale/zh_Hans/LC_MESSAGES/kit.mo",
                     "interviewkit/locale/zh_Hant/LC_MESSAGES/kit.mo",
                     "interviewkit/_content/graders/softmax/test.py",
                     "interviewkit/_content/reference_solutions/softmax/numpy.py",
                     "interviewkit/grading/run/pytest.ini"):
        assert expected in names

    # The environment borrows the dependencies of the interpreter running the tests (torch is large),
    # through a .pth file: system_site_packages would borrow the base interpreter's instead, which
    # inside a virtual environment lacks them. kit itself comes from the wheel.
    environment = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(environment)
    python = environment / "bin" / "python"
    own_site = run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=tmp_path).stdout.strip()
    borrowed = [path for path in sys.path if path.endswith("site-packages") and Path(path).is_dir()]
    (Path(own_site) / "borrowed_dependencies.pth").write_text("\n".join(borrowed) + "\n")
    run(sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", str(wheel),
        cwd=tmp_path)
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    where = run(python, "-c", "import interviewkit; print(interviewkit.__file__)", cwd=workspace).stdout
    assert str(environment) in where

    kit = environment / "bin" / "kit"
    listed = json.loads(run(kit, "list", "--json", cwd=workspace).stdout)
    assert "softmax" in [entry["id"] for entry in listed]
    run(kit, "new", "softmax", cwd=workspace)
    solution = workspace / "softmax_numpy.py"
    solution.write_text((REPO / "reference_solutions" / "softmax" / "numpy.py").read_text())
    graded = run(kit, "grade", "--json", cwd=workspace)
    report = json.loads(graded.stdout)
    assert report["passed"] is True and report["kata"] == "softmax" and len(report["checks"]) > 10
    chinese = run(kit, "--lang", "zh-Hant", "show", "softmax", cwd=workspace).stdout
    assert "數值穩定" in chinese and "shown in English" not in chinese
    # kit's own messages come from the catalogues the wheel carries.
    assert "難度" in run(kit, "--lang", "zh-Hant", "list", cwd=workspace).stdout
    assert "開始：" in chinese and "Start with" not in chinese
