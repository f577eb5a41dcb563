"""The statement's example, for `kit run quantize_int8`: the steps to run on your code and the
reference's."""


def example(track: str) -> list[dict]:
    if track == "torch":
        import torch as lib

        def array(values, dtype=lib.float32):
            return lib.tensor(values, dtype=dtype)
    else:
        import numpy as lib

        def array(values, dtype=lib.float32):
            return lib.array(values, dtype=dtype)
    rows = array([[-1.0, 0.5, 3.0], [2.0, 4.0, 6.0]])
    # What quantize(rows, symmetric=False, axis=0) returns: row 1 is all positive, so its lo is 0.
    q, scale, zero_point = (array([[0, 96, 255], [85, 170, 255]], lib.uint8), array([4 / 255, 6 / 255]),
                            array([64, 0], lib.int32))
    return [{"call": "quantize", "args": {"x": array([-1.0, 0.5, 1.5, 2.5, -2.5, 127.0])}},   # halves to even
            {"call": "quantize", "args": {"x": rows, "symmetric": False, "axis": 0}},
            {"call": "dequantize", "args": {"q": q, "scale": scale, "zero_point": zero_point, "axis": 0}}]
