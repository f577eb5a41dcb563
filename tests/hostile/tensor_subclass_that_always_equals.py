# track: torch
# expect: differs from the reference|got a torch.Tensor subclass AlwaysEqual
"""Returns a tensor subclass whose comparisons always say equal."""
import torch


class AlwaysEqual(torch.Tensor):
    def __eq__(self, other):
        return True

    def allclose(self, *args, **kwargs):
        return True

    def __torch_function__(self, func, types, args=(), kwargs=None):
        if func in (torch.allclose, torch.equal, torch.Tensor.__eq__):
            return True
        return super().__torch_function__(func, types, args, kwargs or {})


def softmax(x, dim=-1):
    return (x * 1.0).as_subclass(AlwaysEqual)
