"""The two torch modes of the guard: public calls and the ATen operations that reach Python."""
from __future__ import annotations

from torch.overrides import TorchFunctionMode
from torch.utils._python_dispatch import TorchDispatchMode

from interviewkit.messages import _


class PublicCallWatch(TorchFunctionMode):
    def __init__(self, rules, state):
        super().__init__()
        self._rules = rules
        self._state = state

    def __torch_function__(self, func, types, args=(), kwargs=None):
        name = self._rules.function_names.get(id(func))
        if name is not None:
            raise self._state.violate(name)
        return func(*args, **(kwargs or {}))


class OperationWatch(TorchDispatchMode):
    @classmethod
    def _should_skip_dynamo(cls) -> bool:
        # Otherwise torch wraps __torch_dispatch__ in a dynamo guard whose first call imports
        # torch._dynamo and sympy: a second per grade, for a mode no graph is ever compiled through.
        return False

    def __init__(self, rules, state):
        super().__init__()
        self._rules = rules
        self._state = state

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        packet = func._schema.name
        if packet in self._rules.operations:
            raise self._state.violate(_("the operation {name}").format(name=packet))
        return func(*args, **(kwargs or {}))
