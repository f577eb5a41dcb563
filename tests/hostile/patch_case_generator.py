# track: numpy
# expect: differs from the reference
"""Makes NumPy's generators produce zeros, so every case would be a constant row, then answers
for constant rows only."""
import numpy as np


class _Zeros:
    def __getattr__(self, name):
        return lambda *args, **kwargs: np.zeros(args[0] if args and isinstance(args[0], tuple) else ())


np.random.default_rng = lambda *args, **kwargs: _Zeros()


def softmax(x, axis=-1):
    return np.full_like(x, 1.0 / x.shape[axis])
