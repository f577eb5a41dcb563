"""Right: the softmax compiled with torch.compile (eager backend): loading torch._dynamo probes the
temporary directory with a file, which the sandbox's own scratch folder takes."""
import torch


def _softmax(x, dim):
    shifted = x - x.amax(dim=dim, keepdim=True)
    e = shifted.exp()
    return e / e.sum(dim=dim, keepdim=True)


_compiled = torch.compile(_softmax, backend="eager")


def softmax(x, dim=-1):
    return _compiled(x, dim)
