"""The sandbox's parts: the wire format, the seam's one table of operations, the static scan, and
what confinement holds here."""
import inspect
import json
import string
import struct
import time

import numpy as np
import pytest
import torch

from interviewkit.catalog import Forbidden
from interviewkit.grading.sandbox import wire
from interviewkit.grading.sandbox.candidate import Candidate
from interviewkit.grading.sandbox.errors import SandboxCrashed
from interviewkit.grading.sandbox.handle import Handle
from interviewkit.grading.sandbox.process import SandboxSettings, start_sandbox
from interviewkit.grading.sandbox.remote import RemoteCandidate, RemoteHandle, SandboxGone
from interviewkit.grading.sandbox.seam import (
    OPERATIONS, CallResult, Gradients, Target, result_from_data, result_to_data,
)
from interviewkit.grading.sandbox.serve import Sandbox
from interviewkit.grading.sandbox.scan import scan
from interviewkit.grading.sandbox.values import Foreign


def test_values_cross_the_wire_as_plain_data():
    value = {"a": (1, 2.5, float("nan"), None, True, "s"), "arrays": [np.arange(6, dtype=np.float32).reshape(2, 3),
             np.float64(3.5), torch.tensor([[1.0, 2.0]], dtype=torch.float64), torch.tensor([1, 2]).bool(),
             torch.ones(2, dtype=torch.bfloat16)], "odd": object()}
    back = wire.decode(wire.encode(value))
    assert back["a"][:2] == (1, 2.5) and np.isnan(back["a"][2]) and back["a"][3:] == (None, True, "s")
    arrays = back["arrays"]
    np.testing.assert_array_equal(arrays[0], value["arrays"][0])
    assert arrays[0].dtype == np.float32 and type(arrays[1]) is np.float64 and arrays[1] == 3.5
    assert type(arrays[2]) is torch.Tensor and arrays[2].dtype == torch.float64
    assert arrays[3].dtype == torch.bool and arrays[4].dtype == torch.bfloat16
    assert back["odd"] == Foreign("object")


def test_a_tensor_subclass_arrives_as_a_plain_tensor():
    class Liar(torch.Tensor):
        def __eq__(self, other):
            return True

    back = wire.decode(wire.encode(torch.zeros(3).as_subclass(Liar)))
    assert type(back) is torch.Tensor


@pytest.mark.parametrize("garbage", [
    b"", b"\x00" * 3, struct.pack("<II", 2, 0) + b"{}" + b"extra",
    struct.pack("<II", 9, 0) + b'{"$x": 1}', struct.pack("<II", 31, 1) + b'{"$a": ["float32", [1000], 0]}'
    + struct.pack("<Q", 4) + b"\x00" * 4,
    struct.pack("<II", 30, 0) + b'{"$T": ["object", [1], "cpu", 0]}',
])
def test_garbage_is_refused_never_executed(garbage):
    with pytest.raises(wire.WireError):
        wire.decode(garbage)


SOFTMAX = Forbidden(functions=("torch.nn.functional.softmax", "torch.Tensor.softmax"),
                    operations=("aten::_softmax",), imports=("scipy",))


@pytest.mark.parametrize("source, finding", [
    ("import torch.nn.functional as F\nf = getattr(F, 'soft' + 'max')\n", "line 2: getattr(..., 'softmax')"),
    ("import operator\nf = operator.attrgetter(f'{\"soft\"}max')\n", "reaches softmax"),
    ("import torch\nf = vars(torch.nn.functional)['softmax']\n", "namespace lookup of 'softmax'"),
    ("import torch\nf = torch.ops.aten._softmax.default\n", "torch.ops.aten._softmax is the operation aten::_softmax"),
    ("import importlib\nm = importlib.import_module('sci' + 'py.special')\n", "imports scipy"),
    ("x = __import__(''.join(['sc', 'ipy']))\n", "imports scipy"),
    # The routes into the sandbox's own machinery, in every track.
    ("import sys\nwire = sys.modules['interviewkit.grading.sandbox.wire']\n", "line 2: `modules` reaches past"),
    ("from sys import modules\n", "line 1: importing sys.modules"),
    ("tensor = [c for c in object.__subclasses__()]\n", "line 1: `__subclasses__` reaches past"),
    ("def f():\n    return f.__globals__\n", "line 2: `__globals__` reaches past"),
    ("import sys\nframe = sys._getframe(1).f_back\n", "line 2: `f_back` reaches past"),
    ("x = getattr(object, '__sub' + 'classes__')\n", "reaches past the values"),
    ("import numpy as np\nnp.exp = lambda x: x\n", "line 2: it changes the module np (np.exp)"),
    ("import threading\ndel threading.enumerate\n", "it changes the module threading"),
])
def test_the_scan_finds_indirect_reaches(source, finding):
    findings = scan(source, SOFTMAX)
    assert any(finding in line for line in findings), findings


def test_the_scan_leaves_ordinary_code_alone():
    source = '"""softmax, by hand."""\nimport numpy as np\n\ndef softmax(x, axis=-1):\n    name = "softmax"\n' \
             '    e = np.exp(x - x.max(axis=axis, keepdims=True))\n    return e / e.sum(axis=axis, keepdims=True)\n'
    assert scan(source, SOFTMAX) == []


def test_the_sandbox_reports_what_holds_on_this_machine():
    sandbox = start_sandbox(SandboxSettings(time_limit=30))
    try:
        wire.send(sandbox.requests, {"to": "sandbox", "op": "hello"})
        reply = wire.receive(sandbox.replies, deadline=None)
    finally:
        sandbox.stop()
    protections = reply["ok"]
    applied = " ".join(protections["applied"])
    assert "memory" in applied and "CPU time" in applied
    print(json.dumps(protections, indent=2))
    assert not sandbox.scratch.exists()


SIDES = {Target.SANDBOX: (Sandbox, None), Target.CANDIDATE: (Candidate, RemoteCandidate),
         Target.HANDLE: (Handle, RemoteHandle)}


@pytest.mark.parametrize("operation", list(OPERATIONS.values()), ids=lambda op: f"{op.target.value}.{op.name}")
def test_both_sides_of_the_seam_follow_its_one_table(operation):
    sandbox_side, grader_side = SIDES[operation.target]
    implementation = getattr(sandbox_side, operation.name)
    named = {name for _, name, _, _ in string.Formatter().parse(operation.during) if name}
    assert named <= {*inspect.signature(implementation).parameters, "handle"}, operation.during
    if grader_side is not None:
        declared = getattr(grader_side, operation.name)
        assert declared.operation is operation, f"{grader_side.__name__}.{operation.name} bypasses the table"
        assert inspect.signature(implementation).parameters == inspect.signature(declared.__wrapped__).parameters


def test_a_call_result_crosses_the_wire_whole():
    result = CallResult(output=(torch.ones(2), np.zeros(3)), modified_inputs=["x"],
                        traced={"a": (2, (3, 4)), "b": None}, gradients=Gradients(inputs={"x": torch.full((2,), 2.0)}, parameters={"w": None}, problem=None))
    back = result_from_data(wire.decode(wire.encode(result_to_data(result))))
    assert torch.equal(back.output[0], result.output[0]) and np.array_equal(back.output[1], result.output[1])
    assert back.modified_inputs == ["x"] and back.traced == {"a": (2, (3, 4)), "b": None}
    assert torch.equal(back.gradients.inputs["x"], result.gradients.inputs["x"])
    assert back.gradients.parameters == {"w": None} and back.gradients.problem is None


@pytest.mark.parametrize("to, op", [("candidate", "invoke"), ("sandbox", "run"), ("handle", "_module"),
                                    ("candidate", "__init__"), (None, "hello"), (["sandbox"], "hello")])
def test_the_sandbox_refuses_what_the_table_does_not_declare(to, op):
    sandbox = start_sandbox(SandboxSettings(time_limit=30))
    try:
        wire.send(sandbox.requests, {"to": to, "op": op, "args": [], "kwargs": {}})
        reply = wire.receive(sandbox.replies, deadline=time.monotonic() + 30)
        wire.send(sandbox.requests, {"to": "sandbox", "op": "hello"})
        still = wire.receive(sandbox.replies, deadline=time.monotonic() + 30)
    finally:
        sandbox.stop()
    assert reply["error"][0] == "internal" and "not an operation seam.py declares" in reply["error"][1]
    assert "ok" in still  # and it goes on answering


SEAM_SOURCE = """import os

import torch


def double(x):
    return x * 2


class Scale(torch.nn.Module):
    def __init__(self, size):
        super().__init__()
        self.weight = torch.nn.Parameter(torch.ones(size))
        self.register_buffer("count", torch.zeros(()))

    def forward(self, x):
        return x * self.weight

    def leave(self):
        os._exit(3)
"""


def test_the_grader_reaches_functions_and_instances_through_the_declared_operations(tmp_path):
    path = tmp_path / "solution.py"
    path.write_text(SEAM_SOURCE)
    sandbox = start_sandbox(SandboxSettings(time_limit=30))
    try:
        candidate = RemoteCandidate(sandbox, path, time.monotonic() + 30, 30)
        candidate.load(SEAM_SOURCE, (), Forbidden(), [])
        result = candidate.call("double", torch.ones(2), upstream=torch.ones(2))
        assert torch.equal(result.output, torch.full((2,), 2.0))
        assert torch.equal(result.gradients.inputs["x"], torch.full((2,), 2.0))
        module = candidate.construct("Scale", size=3)
        module.to(dtype=torch.float64)  # a dtype crosses by its name
        assert module.parameter_shapes() == {"weight": (3,), "count": ()}
        assert module.members() == {"parameters": ["weight"], "buffers": ["count"]}
        x = torch.arange(3, dtype=torch.float64)
        result = module.call("forward", x, upstream=torch.ones(3, dtype=torch.float64))
        assert result.output.dtype == torch.float64 and torch.equal(result.gradients.parameters["weight"], x)
        with pytest.raises(SandboxCrashed, match=r"exit status 3\).* during Scale\.leave\(\.\.\.\)"):
            module.call("leave")
        with pytest.raises(SandboxGone, match="not run: the sandbox ended during Scale.leave"):
            candidate.call("double", torch.ones(2))
    finally:
        sandbox.stop()


def test_an_upstream_of_none_asks_for_an_output_without_a_gradient():
    from interviewkit.grading.sandbox.values import pair_with_upstream

    x = torch.ones(3, requires_grad=True)
    loss, metric = x * 2, (x * 3).detach()
    pairs, problem = pair_with_upstream((loss, metric), (torch.ones(3), None))
    assert problem is None and len(pairs) == 1 and pairs[0][0] is loss
    pairs, problem = pair_with_upstream((loss, x * 3), (torch.ones(3), None))
    assert pairs == [] and "output tensor 1 carries a gradient" in problem


def test_a_failure_of_kit_s_own_sandbox_code_is_reported_as_kit_s_with_its_traceback(tmp_path, monkeypatch):
    """Exit status 70 is the sandbox's own code failing (its stderr is /dev/null by then): the grader
    reads the traceback the sandbox left in its folder, instead of blaming the candidate's code."""
    from interviewkit.grading.sandbox import becoming

    def broken_serve(*_args):
        raise LookupError("a bug in serve")

    monkeypatch.setattr(becoming, "serve", broken_serve)
    path = tmp_path / "solution.py"
    path.write_text(SEAM_SOURCE)
    sandbox = start_sandbox(SandboxSettings(time_limit=30))
    try:
        candidate = RemoteCandidate(sandbox, path, time.monotonic() + 30, 30)
        with pytest.raises(RuntimeError, match=r"(?s)kit's sandbox failed during importing your file.*LookupError: a bug in serve"):
            candidate.load(SEAM_SOURCE, (), Forbidden(), [])
    finally:
        sandbox.stop()


def test_the_confined_sandbox_has_no_capability_left():
    """Root or not, the sandbox holds no capability: none effective, permitted, inheritable or bounding."""
    path_source = "import numpy as np\n\ndef caps():\n    return open('/proc/self/status').read()\n"
    sandbox = start_sandbox(SandboxSettings(time_limit=30))
    try:
        import tempfile
        from pathlib import Path

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "caps.py"
            path.write_text(path_source)
            candidate = RemoteCandidate(sandbox, path, time.monotonic() + 30, 30)
            candidate.load(path_source, (), Forbidden(), [])
            status = candidate.call("caps").output
    finally:
        sandbox.stop()
    fields = dict(line.split(":\t", 1) for line in status.splitlines() if line.startswith("Cap"))
    assert {name: int(value, 16) for name, value in fields.items()} == dict.fromkeys(fields, 0)


def test_torch_compile_caches_stay_in_the_sandbox_whatever_the_grader_process_set(monkeypatch):
    """torch.compile writes its cache folder back into the environment: a grader process where some
    earlier code compiled would hand the sandbox a cache folder outside it, and a correct solution
    using torch.compile would fail as "tried to change the file system"."""
    from pathlib import Path

    from interviewkit.catalog import Catalog
    from interviewkit.dev import proofs

    monkeypatch.setenv("TORCHINDUCTOR_CACHE_DIR", "/tmp/torchinductor_outside_the_sandbox")
    proof = Path(__file__).parent / "candidates" / "softmax" / "torch" / "right_torch_compile_eager_backend.py"
    verdict = proofs.correct_solution_passes(Catalog().get("softmax"), "torch", proof)
    assert verdict.ok, verdict.message
