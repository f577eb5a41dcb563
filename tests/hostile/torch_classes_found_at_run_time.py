# track: numpy
# expect: StopIteration
"""Looks for torch's Tensor class through object's subclasses, with the attribute's name built at run
time (the static scan cannot read it), to compute the softmax with torch's own method on the NumPy
track. The NumPy track's sandbox is a fresh interpreter that never imported torch: there is no such
class to find, and the search itself fails."""
import numpy as np


def _subclasses(cls):
    return getattr(cls, "".join(reversed("__sessalcbus__")))()


def softmax(x, axis=-1):
    base = next(cls for cls in _subclasses(object) if cls.__name__ == "TensorBase")
    tensor = next(cls for cls in _subclasses(base) if cls.__name__ == "Tensor")
    values = getattr(tensor, "new_tensor")(tensor.__new__(tensor), x.tolist())
    return np.array(getattr(values, "softmax")(axis).tolist(), dtype=x.dtype)
