# track: numpy
# expect: reaches past the values
"""Finds torch in the NumPy track without importing it: walks object.__subclasses__() to torch's
Tensor class and takes the torch module from a method's globals."""
import numpy as np


def softmax(x, axis=-1):
    tensor = next(cls for cls in object.__subclasses__() if cls.__module__ == "torch" and cls.__name__ == "Tensor")
    torch = tensor.__repr__.__globals__["torch"]
    return torch.softmax(torch.from_numpy(x), dim=axis).numpy()
