"""The forbidden-API guard: active only while the candidate's code runs, invisible otherwise."""
from pathlib import Path

import pytest
import torch
import torch.nn.functional as F

import interviewkit
from interviewkit.catalog import Forbidden
from interviewkit.grading.sandbox import import_hooks
from interviewkit.grading.sandbox.errors import ForbiddenUse
from interviewkit.grading.sandbox.guard import Guard

SOFTMAX = Forbidden(
    functions=("torch.nn.functional.softmax", "torch.Tensor.softmax"),
    operations=("aten::_softmax", "aten::softmax", "aten::scaled_dot_product_attention"),
    modules=("torch.nn.Softmax",),
    imports=("scipy", "jax"),  # jax is not installed here
)


@pytest.fixture
def guard(tmp_path):
    candidate = tmp_path / "candidate.py"
    candidate.write_text("")
    guard = Guard(SOFTMAX, candidate, protected_roots=[tmp_path / "protected"])
    guard.install()
    return guard


def values_and_gradients():
    generator = torch.Generator().manual_seed(0)
    x = torch.randn(4, 6, dtype=torch.float64, generator=generator, requires_grad=True)
    q = torch.randn(2, 3, 4, dtype=torch.float64, generator=generator, requires_grad=True)
    outputs = [torch.softmax(x, 1), F.log_softmax(x, 0), F.scaled_dot_product_attention(q, q, q)]
    grads = torch.autograd.grad([o.sum() * 0 + (o * o).sum() for o in outputs], [x, q])
    return [o.detach() for o in outputs], grads


def test_outside_candidate_code_the_wrapped_kernels_change_nothing(guard):
    before = values_and_gradients()
    with pytest.raises(ForbiddenUse):
        with guard.watching():
            torch.softmax(torch.ones(3), 0)
    after = values_and_gradients()
    for first, second in zip([*before[0], *before[1]], [*after[0], *after[1]]):
        assert torch.equal(first, second)


@pytest.mark.parametrize("use, named", [
    (lambda x: F.softmax(x, 0), "torch.nn.functional.softmax"),
    (lambda x: x.softmax(0), "torch.Tensor.softmax"),
    (lambda x: torch.nn.Softmax(0)(x), "torch.nn.Softmax"),
    (lambda x: F.softmin(-x, 0), "softmax"),
    (lambda x: torch.ops.aten._softmax(x, 0, False), "aten::_softmax"),
    (lambda x: F.scaled_dot_product_attention(x[None, None], x[None, None], x[None, None]),
     "aten::scaled_dot_product_attention"),
])
def test_each_watcher_names_what_was_used(guard, use, named):
    with pytest.raises(ForbiddenUse, match=named.replace(".", r"\.")):
        with guard.watching():
            use(torch.randn(3, 3))


def test_a_swallowed_violation_is_still_reported(guard):
    with pytest.raises(ForbiddenUse, match="softmax"):
        with guard.watching():
            try:
                torch.softmax(torch.ones(3), 0)
            except Exception:
                pass


def test_forbidden_imports_only_from_the_candidate_file(guard, tmp_path):
    with guard.watching():
        import json  # noqa: F401  (this test file is not the candidate: nothing is forbidden here)
    code = compile("import scipy.special\n", str(tmp_path / "candidate.py"), "exec")
    with pytest.raises(ForbiddenUse, match="import scipy"):
        with guard.watching():
            exec(code, {})


@pytest.mark.parametrize("route", [
    "import jax.nn",
    "importlib.import_module('jax.nn')",
    "importlib.__import__('jax.nn', fromlist=['softmax'])",
    "importlib._bootstrap._gcd_import('jax')",
])
def test_a_forbidden_module_is_refused_by_name_on_every_route_installed_or_not(guard, tmp_path, route):
    code = compile(f"import importlib\n{route}\n", str(tmp_path / "candidate.py"), "exec")
    with pytest.raises(ForbiddenUse, match="import jax"):
        with guard.watching():
            exec(code, {})


def test_asking_whether_a_forbidden_module_exists_is_not_using_it(guard, tmp_path):
    code = compile("import importlib.util\nfound = importlib.util.find_spec('jax')\n",
                   str(tmp_path / "candidate.py"), "exec")
    namespace = {}
    with guard.watching():
        exec(code, namespace)
    assert namespace["found"] is None


def test_kits_own_imports_are_known_by_the_interviewkit_package_folder():
    # The import hooks let kit's own code import what the candidate may not: the whole package, no less.
    assert import_hooks._KIT_PACKAGE == str(Path(interviewkit.__file__).resolve().parent)


def test_protected_files_cannot_be_loaded_by_path(guard, tmp_path):
    protected = tmp_path / "protected"
    protected.mkdir()
    (protected / "secret.py").write_text("ANSWER = 42\n")
    import importlib.util

    spec = importlib.util.spec_from_file_location("secret", protected / "secret.py")
    with pytest.raises(ForbiddenUse, match="reference solutions or graders"):
        with guard.watching():
            spec.loader.exec_module(importlib.util.module_from_spec(spec))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # the grader itself may
    assert module.ANSWER == 42


def test_a_watched_function_is_only_forbidden_under_rules_that_name_it(guard, tmp_path):
    other = Guard(Forbidden(functions=("torch.nn.functional.conv2d",)), tmp_path / "candidate.py", [])
    other.install()
    with other.watching():
        F.softmax(torch.ones(3), 0)  # watched for the softmax rules, which are not the ones on now


def test_other_exceptions_pass_through_untouched(guard):
    with pytest.raises(ZeroDivisionError):
        with guard.watching():
            1 / 0


def test_the_dispatcher_guard_alone_catches_an_operation_run_in_another_thread(guard):
    from concurrent.futures import ThreadPoolExecutor

    with pytest.raises(ForbiddenUse, match="aten::_softmax"):
        with guard.watching():
            with ThreadPoolExecutor(1) as pool:
                try:
                    pool.submit(torch.ops.aten._softmax, torch.ones(3), 0, False).result()
                except Exception:
                    pass  # raised in the worker thread, swallowed: the guard still reports it


def test_a_forbidden_library_the_grader_had_loaded_is_still_refused():
    """A test run (or any grader process) may have imported scipy before forking the sandbox; an
    import of a module already in sys.modules reaches no finder, so the sandbox forgets them first."""
    import scipy.special  # noqa: F401  (loaded in the grader's process, as scikit-learn's tests do)

    from pathlib import Path

    from interviewkit.catalog import Catalog
    from interviewkit.dev import proofs

    kata = Catalog().get("softmax")
    path = Path(__file__).parent / "candidates" / "softmax" / "numpy" / "forbidden_importlib_dunder_import.py"
    verdict = proofs.forbidden_solution_is_caught(kata, "numpy", path)
    assert verdict.ok, verdict.message


def test_every_dispatch_key_where_a_forbidden_operation_computes_is_watched(guard):
    """MKL-DNN tensors reach kernels at a key of their own (MkldnnCPU), which no list of the usual
    backends names: the keys are read from the dispatcher's table, so that one is watched too."""
    from interviewkit.grading.sandbox.kernels import computing_keys

    op = torch.ops.aten._softmax.default
    assert {"CPU", "MkldnnCPU", "NestedTensorCPU"} <= set(computing_keys(op))
    from concurrent.futures import ThreadPoolExecutor

    opaque = torch.ones(2, 3).to_mkldnn()  # made before the watch: to_mkldnn is forbidden in every track
    nested = torch.nested.nested_tensor([torch.ones(2), torch.ones(3)])
    for tensor in (opaque, nested):
        with pytest.raises(ForbiddenUse, match="aten::_softmax"):
            with guard.watching():
                with ThreadPoolExecutor(1) as pool:  # another thread: the dispatcher's watchers alone
                    try:
                        pool.submit(torch.ops.aten._softmax, tensor, 1, False).result()
                    except Exception:
                        pass


@pytest.mark.parametrize("character", ["x", "文", "😀"])
def test_an_alarm_line_fits_in_one_pipe_write_whatever_its_characters(character):
    """A line on the alarm channel must be below PIPE_BUF to be written whole; JSON writes a Chinese
    character as six bytes and an emoji as twelve, so the cut goes by the line's bytes."""
    import json
    import select

    from interviewkit.grading.sandbox.rules import _fitting

    what = "tried to write /tmp/" + character * 5000
    cut = _fitting("sandbox", what)
    assert len((json.dumps(["sandbox", cut]) + "\n").encode()) < select.PIPE_BUF
    assert cut.startswith("tried to write /tmp/" + character * 100)
