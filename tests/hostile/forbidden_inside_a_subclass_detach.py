# track: torch
# expect: Forbidden|EagerSoftmax object|softmax
"""Returns a tensor subclass whose own .detach() computes the answer with the forbidden
torch.softmax: kit once copied results out with the result's own detach, after the watch had ended,
so the forbidden call went unseen and the copy held the right numbers."""
import torch


class EagerSoftmax(torch.Tensor):
    def detach(self):
        return torch.softmax(torch.Tensor.detach(self.as_subclass(torch.Tensor)), dim=self.dim_)


def softmax(x, dim=-1):
    out = torch.zeros_like(x).as_subclass(EagerSoftmax)
    out.dim_ = dim
    return out
