"""Forbidden: the reference implementation of layer norm, fetched from the decomposition table by
the operation's name (no module attribute and no torch.ops spelling leads there). It calls
torch._refs._normalize through its module, and that name is watched."""
from torch._decomp import decomposition_table


def layer_norm(x, normalized_shape, weight=None, bias=None, eps=1e-5):
    shape = [normalized_shape] if isinstance(normalized_shape, int) else list(normalized_shape)
    wanted = "aten." + "_".join(["native", "layer", "norm"]) + ".default"
    reference = next(function for operation, function in decomposition_table.items() if str(operation) == wanted)
    return reference(x, shape, weight, bias, eps)[0]
