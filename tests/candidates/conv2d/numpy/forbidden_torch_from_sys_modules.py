"""Forbidden: torch without an `import` statement, taken from sys.modules where the grader's own
import left it, and run in a worker thread where no thread-local watcher looks. The numpy track
watches torch's convolution operations at the dispatcher for this."""
import sys
from concurrent.futures import ThreadPoolExecutor


def _library_conv2d(x, weight, bias, stride, padding):
    torch = sys.modules["torch"]
    b = None if bias is None else torch.from_numpy(bias)
    out = torch.nn.functional.conv2d(torch.from_numpy(x), torch.from_numpy(weight), b, stride=stride, padding=padding)
    return out.numpy()


def conv2d(x, weight, bias=None, stride=1, padding=0):
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(_library_conv2d, x, weight, bias, stride, padding).result()
