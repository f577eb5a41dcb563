"""What a call allocates, for katas whose point is memory (flash attention never holds the L×S
score matrix): on the torch track, the largest storage any ATen operation produced during the call,
in elements of its own dtype (a bool mask counts like a float matrix; a view or an expand allocates
nothing new); on the NumPy track, the peak of memory traced during the call above what was held
before it (NumPy reports its arrays to tracemalloc)."""
from __future__ import annotations

import tracemalloc
from contextlib import contextmanager


@contextmanager
def largest_torch_allocation(record: dict):
    """Records in `record["largest_elements"]` the largest storage an operation outputs in the body."""
    import torch
    from torch.utils._python_dispatch import TorchDispatchMode
    from torch.utils._pytree import tree_leaves

    class Largest(TorchDispatchMode):
        @classmethod
        def _should_skip_dynamo(cls) -> bool:
            return False

        def __torch_dispatch__(self, func, types, args=(), kwargs=None):
            output = func(*args, **(kwargs or {}))
            for leaf in tree_leaves(output):
                if isinstance(leaf, torch.Tensor) and leaf.element_size():
                    elements = leaf.untyped_storage().nbytes() // leaf.element_size()
                    record["largest_elements"] = max(record["largest_elements"], elements)
            return output

    record["largest_elements"] = 0
    with Largest():
        yield


@contextmanager
def traced_peak(record: dict):
    """Records in `record["peak_bytes"]` the most memory the body held at once beyond what was held before."""
    started = not tracemalloc.is_tracing()
    if started:
        tracemalloc.start()
    before, _ = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()
    try:
        yield
    finally:
        _, peak = tracemalloc.get_traced_memory()
        record["peak_bytes"] = max(0, peak - before)
        if started:
            tracemalloc.stop()
