"""Forbidden: reaches scipy through importlib.__import__, which is not builtins.__import__."""
import importlib

import numpy as np


def softmax(x, axis=-1):
    special = importlib.__import__("scipy.special", fromlist=["softmax"])
    return special.softmax(x, axis=axis).astype(x.dtype)
