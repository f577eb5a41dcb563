"""Forbidden: asks for jax, which the NumPy track forbids and this machine does not have. The
candidate must learn that jax is forbidden, not merely that it is missing."""
import importlib


def softmax(x, axis=-1):
    jnn = importlib.__import__("jax.nn", fromlist=["softmax"])
    return jnn.softmax(x, axis=axis)
