"""What a kata track may not use (Forbidden), and the named families of forbidden operations in
katas/tracks.toml that a track includes by name, so that a family is fixed once for every kata."""
from __future__ import annotations

import difflib
from dataclasses import dataclass

KINDS = ("functions", "operations", "modules", "imports")


class ForbiddenError(ValueError):
    """A forbidden table or family that breaks the format; the catalog names the file."""


@dataclass(frozen=True)
class Forbidden:
    """What a track may not use: public callables, ATen operations, nn modules and imports."""

    functions: tuple[str, ...] = ()
    operations: tuple[str, ...] = ()
    modules: tuple[str, ...] = ()
    imports: tuple[str, ...] = ()

    def names(self) -> list[str]:
        """The public names, for statements and messages."""
        return [*self.functions, *self.modules, *(f"import {name}" for name in self.imports)]

    def union(self, *others: Forbidden) -> Forbidden:
        """Everything any of them forbids, each name once, in the order first met."""
        parts = (self, *others)
        return Forbidden(**{kind: tuple(dict.fromkeys(name for part in parts for name in getattr(part, kind)))
                            for kind in KINDS})


def read_lists(spec: object, extra_keys: frozenset[str] = frozenset()) -> Forbidden:
    """A table of forbidden lists (`functions = [...]`, ...), checked for shape."""
    if not isinstance(spec, dict):
        raise ForbiddenError(f"a forbidden table holds the lists {', '.join(KINDS)}")
    unknown = sorted(set(spec) - set(KINDS) - extra_keys)
    if unknown:
        raise ForbiddenError(f"unknown key {', '.join(unknown)}; the lists are {', '.join(KINDS)}")
    lists = {kind: spec.get(kind, []) for kind in KINDS}
    for kind, names in lists.items():
        if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
            raise ForbiddenError(f"'{kind}' must be a list of names")
    return Forbidden(**{kind: tuple(names) for kind, names in lists.items()})


class Families:
    """The [families.<name>] tables of katas/tracks.toml; a family may `include` others."""

    def __init__(self, tables: dict):
        self.tables = tables

    def names(self) -> list[str]:
        return sorted(self.tables)

    def resolve(self, name: str, _including: tuple[str, ...] = ()) -> Forbidden:
        """What the family forbids, with the families it includes."""
        if name not in self.tables:
            close = difflib.get_close_matches(name, self.tables, n=1)
            hint = f" Did you mean '{close[0]}'?" if close else ""
            raise ForbiddenError(f"unknown forbidden family '{name}'.{hint} "
                                 f"katas/tracks.toml defines: {', '.join(self.names())}")
        if name in _including:
            raise ForbiddenError(f"families include each other in a circle: {' -> '.join(_including + (name,))}")
        spec = self.tables[name]
        try:
            own = read_lists(spec, frozenset({"includes"}))
        except ForbiddenError as error:
            raise ForbiddenError(f"[families.{name}] {error}") from None
        unknown = [other for other in spec.get("includes", ()) if other not in self.tables]
        if unknown:
            raise ForbiddenError(f"katas/tracks.toml [families.{name}] includes unknown family '{unknown[0]}'")
        return own.union(*(self.resolve(other, _including + (name,)) for other in spec.get("includes", ())))
