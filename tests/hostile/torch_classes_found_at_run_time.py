# track: numpy
# expect: torch
"""Finds torch's Tensor class through object's subclasses, with the attribute's name built at run
time (the static scan cannot read it), and computes the softmax with torch's own method on the
NumPy track: the forked sandbox still holds torch's classes in memory, so the watchers must report
their use."""
import numpy as np


def _subclasses(cls):
    return getattr(cls, "".join(reversed("__sessalcbus__")))()


def softmax(x, axis=-1):
    base = next(cls for cls in _subclasses(object) if cls.__name__ == "TensorBase")
    tensor = next(cls for cls in _subclasses(base) if cls.__name__ == "Tensor")
    values = getattr(tensor, "new_tensor")(tensor.__new__(tensor), x.tolist())
    return np.array(getattr(values, "softmax")(axis).tolist(), dtype=x.dtype)
