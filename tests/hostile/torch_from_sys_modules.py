# track: numpy
# expect: torch
"""Finds torch in getattr(sys, "modules"), with no import statement, and runs it in a worker thread."""
import sys
from concurrent.futures import ThreadPoolExecutor


def softmax(x, axis=-1):
    def borrow():
        torch = getattr(sys, "modules")["torch"]
        return torch.softmax(torch.from_numpy(x), dim=axis).numpy()

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(borrow).result()
