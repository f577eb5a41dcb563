"""The kata catalogue: reads katas/<id>/kata.toml into Kata objects. Knows nothing of grading."""
from __future__ import annotations

import difflib
import textwrap
import tomllib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

FORMAT_VERSION = 1
DIFFICULTIES = ("easy", "medium", "hard")
HINT_TIERS = ("nudge", "approach", "near-solution")


def content_root() -> Path:
    """Where katas/, graders/ and reference_solutions/ live: inside the wheel, or the source tree."""
    package = Path(__file__).resolve().parent
    bundled = package / "_content"
    return bundled if bundled.is_dir() else package.parent


class CatalogError(Exception):
    """A kata folder that breaks the format; the message names the file."""


class UnknownKata(LookupError):
    def __init__(self, kata_id: str, suggestions: list[str]):
        self.kata_id = kata_id
        self.suggestions = suggestions
        hint = f" Did you mean {' or '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"There is no kata '{kata_id}'.{hint} Run `kit list` to see them all.")


class UnknownTrack(LookupError):
    def __init__(self, kata: "Kata", track: str):
        super().__init__(
            f"Kata '{kata.id}' has no track '{track}'; its tracks are: {', '.join(kata.tracks)}."
        )


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


@dataclass(frozen=True)
class Track:
    name: str
    stub: Path
    reference: Path
    grader: Path
    api: tuple[str, ...]
    forbidden: Forbidden


@dataclass(frozen=True)
class Hint:
    id: str
    tier: str
    text: str
    checks: tuple[str, ...] = ()


@dataclass(frozen=True)
class Efficiency:
    """How a kata times solutions against its reference: the bound `kit grade --strict` holds them to
    (a ratio of median times), the timing case's own time limit, and advice for slow solutions."""

    bound: float
    time_limit: float = 10.0
    advice: str = ""


@dataclass(frozen=True)
class Kata:
    id: str
    title: str
    difficulty: str
    tags: tuple[str, ...]
    minutes: int
    seed_topic: str
    time_limit: float
    memory_limit_mb: int
    efficiency: "Efficiency | None"
    default_track: str
    tracks: dict[str, Track]
    folder: Path
    statement_path: Path
    hints_path: Path

    @property
    def efficiency_bound(self) -> float | None:
        return self.efficiency.bound if self.efficiency else None

    def track(self, name: str | None) -> Track:
        name = name or self.default_track
        if name not in self.tracks:
            raise UnknownTrack(self, name)
        return self.tracks[name]

    def statement(self) -> str:
        return self.statement_path.read_text(encoding="utf-8")

    def hints(self) -> list[Hint]:
        data = _read_toml(self.hints_path)
        return [
            Hint(
                id=entry["id"],
                tier=entry["tier"],
                text=textwrap.dedent(entry["text"]).strip("\n").rstrip(),
                checks=tuple(entry.get("checks", ())),
            )
            for entry in data.get("hint", [])
        ]


def _read_toml(path: Path) -> dict:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise CatalogError(f"{path}: missing") from None
    except tomllib.TOMLDecodeError as error:
        raise CatalogError(f"{path}: {error}") from None


def _require(data: dict, key: str, kind: type, where: Path):
    value = data.get(key)
    if not isinstance(value, kind):
        raise CatalogError(f"{where}: '{key}' must be a {kind.__name__}")
    return value


class Catalog:
    """Every kata under a content root, read lazily and once."""

    def __init__(self, root: Path | None = None):
        self.root = root or content_root()

    @cached_property
    def _track_defaults(self) -> dict:
        return _read_toml(self.root / "katas" / "tracks.toml")

    @cached_property
    def _loaded(self) -> tuple[dict[str, Kata], list[str]]:
        katas, problems = {}, []
        for meta in sorted((self.root / "katas").glob("*/kata.toml")):
            try:
                kata = self._load(meta)
            except CatalogError as problem:  # one damaged kata must not take the others down
                problems.append(str(problem))
                continue
            katas[kata.id] = kata
        return katas, problems

    @property
    def _katas(self) -> dict[str, Kata]:
        return self._loaded[0]

    def problems(self) -> list[str]:
        """Kata folders that could not be read, one message each (they are left out)."""
        return self._loaded[1]

    def katas(self) -> list[Kata]:
        order = {name: rank for rank, name in enumerate(DIFFICULTIES)}
        return sorted(self._katas.values(), key=lambda kata: (order[kata.difficulty], kata.id))

    def ids(self) -> list[str]:
        return sorted(self._katas)

    def get(self, kata_id: str) -> Kata:
        key = kata_id.strip().lower().replace("-", "_")
        if key in self._katas:
            return self._katas[key]
        raise UnknownKata(kata_id, difflib.get_close_matches(key, self._katas, n=2, cutoff=0.6))

    def _load(self, meta: Path) -> Kata:
        data = _read_toml(meta)
        folder = meta.parent
        version = data.get("format_version")
        if version != FORMAT_VERSION:
            raise CatalogError(f"{meta}: format_version {version!r}, this kit reads {FORMAT_VERSION}")
        kata_id = _require(data, "id", str, meta)
        if kata_id != folder.name:
            raise CatalogError(f"{meta}: id '{kata_id}' differs from its folder '{folder.name}'")
        difficulty = _require(data, "difficulty", str, meta)
        if difficulty not in DIFFICULTIES:
            raise CatalogError(f"{meta}: difficulty must be one of {', '.join(DIFFICULTIES)}")
        files = _require(data, "files", dict, meta)
        tracks = {
            name: self._load_track(name, spec, folder, meta)
            for name, spec in _require(data, "tracks", dict, meta).items()
        }
        default_track = data.get("default_track", next(iter(tracks)))
        if default_track not in tracks:
            raise CatalogError(f"{meta}: default_track '{default_track}' is not one of its tracks")
        return Kata(
            id=kata_id,
            title=_require(data, "title", str, meta),
            difficulty=difficulty,
            tags=tuple(_require(data, "tags", list, meta)),
            minutes=_require(data, "minutes", int, meta),
            seed_topic=_require(data, "seed_topic", str, meta),
            time_limit=float(data.get("time_limit_seconds", 60)),
            memory_limit_mb=int(data.get("memory_limit_mb", 4096)),
            efficiency=self._load_efficiency(data.get("efficiency"), meta),
            default_track=default_track,
            tracks=tracks,
            folder=folder,
            statement_path=folder / _require(files, "statement", str, meta),
            hints_path=folder / _require(files, "hints", str, meta),
        )

    @staticmethod
    def _load_efficiency(spec: dict | None, meta: Path) -> Efficiency | None:
        if spec is None:
            return None
        bound = _require(spec, "bound", float, meta)
        return Efficiency(bound=bound, time_limit=float(spec.get("time_limit_seconds", 10.0)),
                          advice=spec.get("advice", ""))

    def _load_track(self, name: str, spec: dict, folder: Path, meta: Path) -> Track:
        defaults = self._track_defaults.get(name)
        if defaults is None:
            raise CatalogError(f"{meta}: unknown track '{name}' (katas/tracks.toml defines the tracks)")
        forbidden = spec.get("forbidden", {})
        return Track(
            name=name,
            stub=folder / _require(spec, "stub", str, meta),
            reference=self.root / _require(spec, "reference", str, meta),
            grader=self.root / _require(spec, "grader", str, meta),
            api=tuple(_require(spec, "api", list, meta)),
            forbidden=Forbidden(
                functions=tuple(forbidden.get("functions", ())),
                operations=tuple(defaults.get("forbidden_operations", ())) + tuple(forbidden.get("operations", ())),
                modules=tuple(forbidden.get("modules", ())),
                imports=tuple(defaults.get("forbidden_imports", ())) + tuple(forbidden.get("imports", ())),
            ),
        )
