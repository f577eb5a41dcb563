"""The guard's watchers below Python: wrappers around the kernels of forbidden ATen operations at
the dispatcher, and around their Python decompositions. They see every call of a forbidden
operation, from any thread, with the torch modes switched off, on inference tensors, and for
composite operations that decompose before reaching a dispatch mode (CPU attention on its unfused
path). torch is imported only when a track forbids an operation."""
from __future__ import annotations

import re
import sys
import warnings

from interviewkit.grading.sandbox.rules import state
from interviewkit.messages import _

# Where torch keeps Python implementations of its operations (decompositions, references): built
# from allowed operations only, they would compute a forbidden one out of every watcher's sight.
DECOMPOSITION_MODULES = ("torch._decomp.decompositions", "torch._refs", "torch._refs.nn.functional",
                         "torch._refs.special", "torch._refs.linalg")


def _watch_decompositions(packet_name: str, op) -> None:
    """Wraps the Python decompositions of a forbidden operation overload, in the decomposition tables
    and wherever a module of torch's holds the same function."""
    from torch._decomp import global_decomposition_table

    for table in global_decomposition_table.values():
        original = table.get(op)
        if original is None or getattr(original, "_kit_watched", False):
            continue

        def watched(*args, _original=original, **kwargs):
            rules = state.rules
            if rules is not None and packet_name in rules.operations:
                raise state.violate(_("the operation {name}").format(name=packet_name))
            return _original(*args, **kwargs)

        watched._kit_watched = True
        table[op] = watched
        for module_name in DECOMPOSITION_MODULES:
            module = sys.modules.get(module_name)
            for attribute, value in list(vars(module).items()) if module else ():
                if value is original:
                    setattr(module, attribute, watched)


# Keys whose kernels only pass a call on to the key below (autograd, tracing, functorch, autocast,
# views, Python modes): the computing is done at a backend key, and those are all watched.
PASSING_ON = ("Autograd", "Tracer", "FuncTorch", "Autocast", "ADInplaceOrView", "Conjugate", "Negative", "ZeroTensor",
              "Python", "Functionalize", "BackendSelect", "PreDispatch", "Named", "Batched", "VmapMode", "debug")
# Backends whose kernels may come from an alias registration (CompositeExplicitAutograd) rather than
# their own: the dispatcher's list of registrations does not name them.
ALIAS_BACKENDS = ("CPU", "CUDA", "Meta", "SparseCPU", "SparseCUDA", "SparseCsrCPU", "SparseCsrCUDA", "NestedTensorCPU",
                  "NestedTensorCUDA", "QuantizedCPU", "QuantizedCUDA")
REGISTRATION = re.compile(r"^(\w+)(?: \(inactive\))?(\[alias\])?: registered", re.M)


def computing_keys(op) -> list[str]:
    """Every dispatch key at which `op` computes: each key with a kernel registered for it, read from
    the dispatcher's own table (MKL-DNN's, XPU's ... whatever this build has), and each usual backend
    that gets its kernel from an alias registration."""
    import torch

    registered = [key for key, alias in REGISTRATION.findall(torch._C._dispatch_dump(op.name()))
                  if not alias and not key.startswith(PASSING_ON)]
    inherited = [key for key in ALIAS_BACKENDS if torch._C._dispatch_has_computed_kernel_for_dispatch_key(op.name(), key)]
    return list(dict.fromkeys(registered + inherited))


def _in_dispatcher(op) -> bool:
    import torch

    try:
        torch._C._dispatch_has_kernel_for_dispatch_key(op.name(), "CPU")
    except RuntimeError:
        return False
    return True


class DispatcherGuard:
    """Wraps the kernels of watched ATen operations; a wrapper raises while its operation is forbidden."""

    def __init__(self):
        self._libraries: dict = {}
        self._wrapped: set[str] = set()

    def watch(self, packets: tuple[str, ...]) -> None:
        import torch

        for packet_name in packets:
            if packet_name in self._wrapped:
                continue
            namespace, _separator, name = packet_name.partition("::")  # `_` is the translator here
            packet = getattr(getattr(torch.ops, namespace), name, None)
            if packet is None:
                continue
            if namespace not in self._libraries:
                self._libraries[namespace] = torch.library.Library(namespace, "IMPL")
            for overload in packet.overloads():
                op = getattr(packet, overload)
                if not _in_dispatcher(op):
                    continue  # a TorchScript-only overload (aten::sqrt.int): no kernel to wrap, none to run
                self._wrap(packet_name, op, self._libraries[namespace])
                _watch_decompositions(packet_name, op)
            self._wrapped.add(packet_name)

    def _wrap(self, packet_name: str, op, library) -> None:
        import torch

        composite = torch._C._dispatch_has_kernel_for_dispatch_key(op.name(), "CompositeImplicitAutograd")
        keys = ([key for key in ("CPU", "CUDA", "AutogradCPU", "AutogradCUDA")
                 if torch._C._dispatch_has_computed_kernel_for_dispatch_key(op.name(), key)]
                if composite else computing_keys(op))
        for key in keys:
            try:
                original = torch.library.get_kernel(op, key)
            except ValueError:  # a key Python cannot name (MkldnnCPU): kit's sandbox never needs it
                original = None

            def kernel(keyset, *args, _original=original, _op=op, _composite=composite, _key=key, **kwargs):
                rules = state.rules
                if rules is not None and packet_name in rules.operations:
                    raise state.violate(_("the operation {name}").format(name=packet_name))
                if _original is None:
                    raise RuntimeError(_("{operation} is not available in kit's sandbox for {key} tensors").format(
                        operation=packet_name, key=_key))
                if _composite:
                    # Calling the composite kernel at an autograd key would skip autograd's
                    # bookkeeping; decomposing keeps every sub-operation differentiable.
                    return _op.decompose(*args, **kwargs)
                return _original.call_boxed(keyset, *args, **kwargs)

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # "Overriding a previously registered kernel"
                library.impl(op, kernel, key, with_keyset=True)


dispatcher = DispatcherGuard()
