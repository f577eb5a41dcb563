"""Messages between the grader process and the sandbox: a JSON header and raw buffers.

Decoding builds nothing but None, booleans, numbers, strings, lists, tuples, dicts with string
keys, NumPy arrays and scalars of plain dtypes, torch tensors of plain dtypes, Foreign markers and
Made descriptions (made.py; the sandbox builds them, never the decoder):
whatever the sandbox sends, the grader never runs code of the candidate's while reading it (a
pickle could). Framing: an 8-byte little-endian length, then the message."""
from __future__ import annotations

import json
import math
import os
import select
import struct
import time

import numpy as np

from interviewkit.grading.sandbox.made import MAKERS, Made
from interviewkit.grading.sandbox.values import Foreign, torch_module

MAX_MESSAGE = 1 << 31
DTYPES = {"bool", "int8", "int16", "int32", "int64", "uint8", "float16", "float32", "float64",
          "complex64", "complex128", "bfloat16"}
DEVICE_KINDS = ("cpu", "cuda")


class WireError(Exception):
    """A message that cannot be read: a closed channel, garbage, or a timeout."""


class ChannelClosed(WireError):
    pass


class ReplyTimeout(WireError):
    pass


def _encode(value, buffers: list):
    torch = torch_module()
    if value is None or isinstance(value, (bool, str)) or type(value) is int:
        return value
    if type(value) is float:
        return value if math.isfinite(value) else {"$f": repr(value)}
    if isinstance(value, tuple):
        return {"$t": [_encode(item, buffers) for item in value]}
    if isinstance(value, list):
        return [_encode(item, buffers) for item in value]
    if isinstance(value, dict):
        return {"$d": {str(key): _encode(item, buffers) for key, item in value.items()}}
    if isinstance(value, Foreign):
        return {"$F": value.type_name}
    if isinstance(value, Made):
        return {"$M": [value.kind, {str(key): _encode(item, buffers) for key, item in value.spec.items()}]}
    if torch is not None and isinstance(value, torch.Tensor):
        plain = value.detach()
        dtype = str(plain.dtype).removeprefix("torch.")
        if dtype not in DTYPES:
            return {"$F": f"tensor of {dtype}"}
        host = plain.to("cpu").contiguous()
        raw = host.view(torch.int16) if dtype == "bfloat16" else host
        buffers.append(raw.numpy().tobytes())
        return {"$T": [dtype, list(plain.shape), str(plain.device), len(buffers) - 1]}
    if isinstance(value, np.ndarray):
        if value.dtype.name not in DTYPES or value.dtype.hasobject:
            return {"$F": f"array of {value.dtype}"}
        buffers.append(np.ascontiguousarray(value).tobytes())
        return {"$a": [value.dtype.name, list(value.shape), len(buffers) - 1]}
    if isinstance(value, np.generic):
        if value.dtype.name not in DTYPES:
            return {"$F": f"{value.dtype} scalar"}
        buffers.append(np.asarray(value).tobytes())
        return {"$s": [value.dtype.name, len(buffers) - 1]}
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return _encode(float(value), buffers)
    return {"$F": type(value).__qualname__}


# A pipe that select() calls writable takes at least this much (PIPE_BUF) without blocking.
PIPE_CHUNK = 4096


def encode(value) -> bytes:
    buffers: list[bytes] = []
    head = json.dumps(_encode(value, buffers), allow_nan=False).encode()
    parts = [struct.pack("<II", len(head), len(buffers)), head]
    for buffer in buffers:
        parts += [struct.pack("<Q", len(buffer)), buffer]
    return b"".join(parts)


def _array(dtype: str, shape, data: bytes) -> np.ndarray:
    if dtype not in DTYPES or not isinstance(shape, list) or not all(type(n) is int and n >= 0 for n in shape):
        raise WireError(f"bad array header {dtype!r} {shape!r}")
    numpy_dtype = np.dtype("int16" if dtype == "bfloat16" else dtype)
    count = math.prod(shape)
    if count * numpy_dtype.itemsize != len(data):
        raise WireError("array size does not match its buffer")
    return np.frombuffer(data, dtype=numpy_dtype).reshape(shape).copy()


def _decode(node, buffers: list[bytes], device_map):
    if node is None or isinstance(node, (bool, int, str)):
        return node
    if isinstance(node, float):
        return node
    if isinstance(node, list):
        return [_decode(item, buffers, device_map) for item in node]
    if not isinstance(node, dict) or len(node) != 1:
        raise WireError("malformed message")
    (tag, body), = node.items()
    if tag == "$f" and body in ("nan", "inf", "-inf"):
        return float(body)
    if tag == "$t" and isinstance(body, list):
        return tuple(_decode(item, buffers, device_map) for item in body)
    if tag == "$d" and isinstance(body, dict):
        return {key: _decode(item, buffers, device_map) for key, item in body.items()}
    if tag == "$F" and isinstance(body, str):
        return Foreign(body[:200])
    if tag == "$M" and isinstance(body, list) and len(body) == 2 and body[0] in MAKERS and isinstance(body[1], dict):
        return Made(body[0], {key: _decode(item, buffers, device_map) for key, item in body[1].items()})
    if tag == "$a" and isinstance(body, list) and len(body) == 3:
        dtype, shape, index = body
        return _array(dtype, shape, _buffer(buffers, index))
    if tag == "$s" and isinstance(body, list) and len(body) == 2:
        dtype, index = body
        return _array(dtype, [], _buffer(buffers, index))[()]
    if tag == "$T" and isinstance(body, list) and len(body) == 4:
        import torch

        dtype, shape, device, index = body
        array = _array(dtype, shape, _buffer(buffers, index))
        tensor = torch.from_numpy(array)
        if dtype == "bfloat16":
            tensor = tensor.view(torch.bfloat16)
        if not isinstance(device, str) or device.split(":")[0] not in DEVICE_KINDS:
            raise WireError(f"bad device {device!r}")
        return tensor.to(device_map(device))
    raise WireError(f"unknown tag {tag!r}")


def _buffer(buffers: list[bytes], index) -> bytes:
    if type(index) is not int or not 0 <= index < len(buffers):
        raise WireError("bad buffer index")
    return buffers[index]


def decode(data: bytes, device_map=lambda device: device):
    """Reads a message; `device_map` chooses where tensors land (the sender's device by default)."""
    try:
        head_length, count = struct.unpack_from("<II", data, 0)
        offset = 8
        head = json.loads(data[offset:offset + head_length])
        offset += head_length
        buffers = []
        for _ in range(count):
            (length,) = struct.unpack_from("<Q", data, offset)
            offset += 8
            buffers.append(data[offset:offset + length])
            offset += length
    except (struct.error, ValueError, UnicodeDecodeError, RecursionError) as error:
        raise WireError(f"unreadable message: {error.__class__.__name__}") from None
    if offset != len(data):
        raise WireError("trailing bytes in message")
    try:
        return _decode(head, buffers, device_map)
    except RecursionError:
        raise WireError("unreadable message: nested too deeply") from None


def send(fd: int, value, deadline: float | None = None) -> None:
    """Writes a message; with a deadline, a reader that stops reading cannot hold the writer past it."""
    payload = encode(value)
    view = memoryview(struct.pack("<Q", len(payload)) + payload)
    while view:
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([], [fd], [], left)[1]:
                raise ReplyTimeout("the other side stopped reading")
        written = os.write(fd, view[:PIPE_CHUNK] if deadline is not None else view)
        view = view[written:]


def _read_exactly(fd: int, count: int, deadline: float | None) -> bytes:
    chunks, remaining = [], count
    while remaining:
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                raise ReplyTimeout("no reply in time")
        chunk = os.read(fd, min(remaining, 1 << 20))
        if not chunk:
            raise ChannelClosed("the other side closed the channel")
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def receive(fd: int, deadline: float | None = None, device_map=lambda device: device):
    (length,) = struct.unpack("<Q", _read_exactly(fd, 8, deadline))
    if length > MAX_MESSAGE:
        raise WireError(f"message of {length} bytes is too large")
    return decode(_read_exactly(fd, length, deadline), device_map)
