"""Objects a kata hands the candidate that are not data: a seeded random generator, an nn.Linear
(or a small MLP) with given weights, a step function that reads log-probabilities from a table.

No live object crosses the seam (wire.py carries data only). The grader sends a `Made`, a
description of the object; the sandbox builds it, fresh for every call, and the grader builds a
twin from the same description for its reference. After a call, `usage` says how each object was
used (a generator's state, the prefixes a step function was given), so a grader can hold the
candidate's use of it to the reference's: a dropout that draws from the global generator, or a
beam search that calls `step_fn` once per hypothesis, is caught by what it did, not by its code."""
from __future__ import annotations

import sys
from dataclasses import dataclass

import numpy as np

from interviewkit.messages import N_, _


@dataclass(frozen=True, eq=False)
class Made:
    """A description of an object the sandbox builds: `kind` names the maker, `spec` its arguments
    (numbers, strings, arrays, tensors)."""

    kind: str
    spec: dict

    def build(self):
        maker = MAKERS.get(self.kind)
        if maker is None:
            raise ValueError(f"no maker for {self.kind!r}: kit builds {', '.join(sorted(MAKERS))}")
        return maker(**self.spec)

    def map(self, function) -> "Made":
        """The same description with `function` applied to each argument (drawing, casting)."""
        return Made(self.kind, {key: function(value) for key, value in self.spec.items()})

    def describe(self) -> str:
        if self.kind.endswith("generator"):
            return _("a {generator} seeded {seed}").format(generator=GENERATOR_NAMES[self.kind], seed=self.spec["seed"])
        shapes = ", ".join(f"{key} {tuple(getattr(value, 'shape', ()))}" for key, value in self.spec.items()
                           if hasattr(value, "shape"))
        return f"{_(DESCRIPTIONS[self.kind])} ({shapes})"

    def __repr__(self) -> str:
        if self.kind == "torch_generator":
            return f"torch.Generator().manual_seed({self.spec['seed']})"
        if self.kind == "numpy_generator":
            return f"np.random.default_rng({self.spec['seed']})"
        return f"<{self.describe()}>"


GENERATOR_NAMES = {"torch_generator": "torch.Generator", "numpy_generator": "np.random.Generator"}
DESCRIPTIONS = {"linear": N_("an nn.Linear with given weights"), "mlp": N_("an nn.Sequential(Linear, ReLU, Linear)"),
                "optimizer": N_("a torch.optim optimizer over your module"), "instance": N_("your instance"),
                "step_table": N_("a step function reading a log-probability table"),
                "transposed": N_("a transposed view (not contiguous)")}


def _torch():
    import torch

    return torch


def _tensor(value):
    torch = _torch()
    return value if isinstance(value, torch.Tensor) else torch.as_tensor(np.asarray(value))


def make_torch_generator(seed: int, device: str = "cpu"):
    return _torch().Generator(device=device).manual_seed(seed)


def make_numpy_generator(seed: int):
    return np.random.default_rng(seed)


class _Recorded:
    """Mixed into a module: keeps the number of rows of every batch its forward is given (through
    `module(x)` or `module.forward(x)` alike), so a grader can tell how often an expert ran, on what."""

    def forward(self, x, *args, **kwargs):
        self.__dict__.setdefault("batches", []).append(int(x.shape[0]) if getattr(x, "ndim", 0) else 0)
        return super().forward(x, *args, **kwargs)


def make_linear(weight, bias=None, recorded=False):
    torch = _torch()
    weight = _tensor(weight)
    cls = type("Linear", (_Recorded, torch.nn.Linear), {}) if recorded else torch.nn.Linear
    layer = cls(weight.shape[1], weight.shape[0], bias=bias is not None, dtype=weight.dtype, device=weight.device)
    with torch.no_grad():
        layer.weight.copy_(weight)
        if bias is not None:
            layer.bias.copy_(_tensor(bias))
    return layer


def make_mlp(weight1, bias1, weight2, bias2):
    torch = _torch()
    cls = type("Sequential", (_Recorded, torch.nn.Sequential), {})
    return cls(make_linear(weight1, bias1), torch.nn.ReLU(), make_linear(weight2, bias2))


def make_transposed(tensor):
    """The input with its last two axes swapped, as a view: a tensor or array that is not contiguous
    (the wire carries contiguous ones), so code that follows memory layout (`rand_like`) shows it."""
    if isinstance(tensor, np.ndarray):
        return np.swapaxes(tensor, -1, -2)
    return _tensor(tensor).transpose(-1, -2)


class TableStep:
    """A decoding step function: for prefixes (n, t), the log-probabilities `table[t - 1, last]`
    of the next token, `last` each prefix's last token. It keeps a copy of every batch it is given."""

    def __init__(self, table):
        self.table = _tensor(table)
        self.calls: list = []

    def __repr__(self) -> str:
        steps, vocabulary, _size = self.table.shape
        return f"<step_fn over {vocabulary} tokens, prefixes of up to {steps} tokens>"

    def __call__(self, prefixes):
        torch = _torch()
        steps, vocabulary, _size = self.table.shape
        if not isinstance(prefixes, torch.Tensor) or prefixes.dim() != 2 or prefixes.dtype != torch.long:
            message = (_("step_fn takes a LongTensor (n, t) of prefixes, one per row; it was given a {dtype} tensor "
                         "of shape {shape}") if isinstance(prefixes, torch.Tensor) else
                       _("step_fn takes a LongTensor (n, t) of prefixes, one per row; it was given a {kind}"))
            raise TypeError(message.format(dtype=getattr(prefixes, "dtype", None),
                                           shape=tuple(getattr(prefixes, "shape", ())), kind=type(prefixes).__name__))
        count, length = prefixes.shape
        if not 1 <= length <= steps:
            raise ValueError(_("step_fn was given prefixes of {length} tokens; in this case they hold 1 to {steps} "
                               "(bos, then at most max_len - 1 generated tokens)").format(length=length, steps=steps))
        self.calls.append(prefixes.detach().to("cpu").clone())
        last = prefixes[:, -1].to(self.table.device)
        if count and (int(last.min()) < 0 or int(last.max()) >= vocabulary):
            raise ValueError(_("step_fn was given a token outside [0, {vocabulary})").format(vocabulary=vocabulary))
        return self.table[length - 1][last].clone()


OPTIMIZERS = ("SGD", "Adam", "AdamW", "RMSprop", "Adagrad")


def make_optimizer(name: str, module, options: dict):
    """`torch.optim.<name>(module.parameters(), **options)`, over an instance the candidate built."""
    if name not in OPTIMIZERS:
        raise ValueError(f"kit builds the optimizers {', '.join(OPTIMIZERS)}, not {name!r}")
    return getattr(_torch().optim, name)(module.parameters(), **options)


# A reference to an instance the candidate's code built earlier (a handle): the sandbox puts the
# instance in its place before the call (serve.Sandbox), so nothing builds it.
INSTANCE = "instance"


def instance_reference(number: int) -> Made:
    return Made(INSTANCE, {"handle": number})


def make_instance(handle):
    raise RuntimeError("an instance reference reached a maker: the sandbox resolves it before the call")


MAKERS = {
    INSTANCE: make_instance,
    "optimizer": make_optimizer,
    "torch_generator": make_torch_generator,
    "numpy_generator": make_numpy_generator,
    "linear": make_linear,
    "mlp": make_mlp,
    "step_table": TableStep,
    "transposed": make_transposed,
}


def usage_of(value):
    """How an object was used, as plain data (None for objects whose use is not recorded)."""
    if isinstance(value, np.random.Generator):
        return value.bit_generator.state
    if isinstance(value, TableStep):
        return list(value.calls)
    if isinstance(value, _Recorded):
        return {"batches": list(value.__dict__.get("batches", []))}
    torch = sys.modules.get("torch")  # the NumPy track's sandbox has none
    if torch is not None and isinstance(value, torch.Generator):
        return value.get_state()
    return None
