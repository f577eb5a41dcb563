"""The sandbox's parts: the wire format, the static scan, and what confinement holds here."""
import json
import struct

import numpy as np
import pytest
import torch

from interviewkit.catalog import Forbidden
from interviewkit.grading.sandbox import wire
from interviewkit.grading.sandbox.process import SandboxSettings, start_sandbox
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
        wire.send(sandbox.requests, {"op": "hello"})
        reply = wire.receive(sandbox.replies, deadline=None)
    finally:
        sandbox.stop()
    protections = reply["ok"]
    applied = " ".join(protections["applied"])
    assert "memory" in applied and "CPU time" in applied
    print(json.dumps(protections, indent=2))
    assert not sandbox.scratch.exists()
