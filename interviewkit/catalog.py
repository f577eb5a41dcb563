"""The kata catalogue: reads katas/<id>/kata.toml into Kata objects. Knows nothing of grading.

A kata.toml states only what differs from the convention (docs/authoring.md): the files follow from
the kata's id and track, forbidden operations come in the families of katas/tracks.toml, and each
track's API is written once, as entries that render its stub, its contract and its statement."""
from __future__ import annotations

import difflib
import os
import tomllib
from functools import cached_property
from pathlib import Path

from interviewkit import api as api_model
from interviewkit.forbidden import Families, Forbidden, ForbiddenError, read_lists
from interviewkit.kata import (  # noqa: F401  (re-exported: the catalogue's vocabulary)
    CatalogError, Efficiency, GradingNotes, Hint, Kata, Track, UnknownKata, UnknownTrack, _read_toml,
)

FORMAT_VERSION = 2
DIFFICULTIES = ("easy", "medium", "hard")
HINT_TIERS = ("nudge", "approach", "near-solution")
TRACK_KEYS = {"api", "forbid", "forbidden"}
AUTHORING = "see docs/authoring.md"


def content_root() -> Path:
    """Where katas/, graders/ and reference_solutions/ live: KIT_CONTENT_ROOT when set (a kata author's
    own tree; kit's tests scaffold katas in temporary ones), else inside the wheel, or the source tree."""
    chosen = os.environ.get("KIT_CONTENT_ROOT")
    if chosen:
        return Path(chosen).resolve()
    package = Path(__file__).resolve().parent
    bundled = package / "_content"
    return bundled if bundled.is_dir() else package.parent


def _require(data: dict, key: str, kind: type, where: Path):
    value = data.get(key)
    if not isinstance(value, kind):
        raise CatalogError(f"{where}: '{key}' must be a {kind.__name__}")
    return value


def _existing(path: Path, where: Path) -> Path:
    if not path.is_file():
        raise CatalogError(f"{where}: {path} is missing; every kata has one ({AUTHORING})")
    return path


class Catalog:
    """Every kata under a content root, read lazily and once."""

    def __init__(self, root: Path | None = None):
        self.root = root or content_root()
        self._single: dict[str, Kata] = {}

    @cached_property
    def _definitions(self) -> tuple[dict, Families]:
        """katas/tracks.toml: the tracks by name, and the forbidden families."""
        path = self.root / "katas" / "tracks.toml"
        data = _read_toml(path)
        tracks, families = data.get("tracks"), data.get("families", {})
        if not isinstance(tracks, dict) or not tracks or not isinstance(families, dict):
            raise CatalogError(f"{path}: it defines [tracks.<name>] and [families.<name>] tables ({AUTHORING})")
        return tracks, Families(families)

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

    def topics(self) -> list[tuple[str, list[str]]]:
        """katas/topics.toml: each topic's name and its katas' ids, in the path's order; the katas of
        this catalogue no topic names come last, under "Other"."""
        path = self.root / "katas" / "topics.toml"
        entries = _read_toml(path).get("topic", []) if path.is_file() else []
        topics, named = [], set()
        for entry in entries:
            ids = [kata_id for kata_id in entry.get("katas", []) if kata_id in self._katas and kata_id not in named]
            named.update(ids)
            if ids:
                topics.append((str(entry.get("name", "")), ids))
        rest = [kata.id for kata in self.katas() if kata.id not in named]
        return topics + ([("Other", rest)] if rest else [])

    def get(self, kata_id: str) -> Kata:
        """One kata, reading only its own folder when it is there and sound: `kit show`, `new` and
        `hint` cost the same in a catalogue of ten katas or of a hundred."""
        key = kata_id.strip().lower().replace("-", "_")
        if "_loaded" not in self.__dict__ and key.isidentifier():
            if key in self._single:
                return self._single[key]
            meta = self.root / "katas" / key / "kata.toml"
            if meta.is_file():
                try:
                    self._single[key] = self._load(meta)
                    return self._single[key]
                except CatalogError:
                    pass  # the whole catalogue is read below, which reports the damage and suggests ids
        if key in self._katas:
            return self._katas[key]
        raise UnknownKata(kata_id, difflib.get_close_matches(key, self._katas, n=2, cutoff=0.6))

    def family(self, name: str) -> Forbidden:
        """What a family of katas/tracks.toml forbids, with the families it includes."""
        try:
            return self._definitions[1].resolve(name)
        except ForbiddenError as error:
            raise CatalogError(f"{self.root / 'katas' / 'tracks.toml'}: {error}") from None

    def _load(self, meta: Path) -> Kata:
        data = _read_toml(meta)
        folder = meta.parent
        version = data.get("format_version")
        if version != FORMAT_VERSION:
            raise CatalogError(
                f"{meta}: format_version {version!r}, this kit reads {FORMAT_VERSION}: paths follow from the "
                f"kata's id, forbidden operations come in families, the API is [[tracks.<track>.api]] ({AUTHORING})")
        kata_id = _require(data, "id", str, meta)
        if kata_id != folder.name:
            raise CatalogError(f"{meta}: id '{kata_id}' differs from its folder '{folder.name}'")
        difficulty = _require(data, "difficulty", str, meta)
        if difficulty not in DIFFICULTIES:
            raise CatalogError(f"{meta}: difficulty must be one of {', '.join(DIFFICULTIES)}")
        _existing(folder / "statement.md", meta)
        _existing(folder / "hints.toml", meta)
        tracks = {name: self._load_track(name, spec, kata_id, meta)
                  for name, spec in _require(data, "tracks", dict, meta).items()}
        default_track = data.get("default_track", next(iter(tracks), None))
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
            grading=self._load_grading(data.get("grading", {}), meta),
        )

    @staticmethod
    def _load_grading(spec: dict, meta: Path) -> GradingNotes:
        gradients = spec.get("gradients", {})
        if not isinstance(gradients, dict) or not all(isinstance(v, str) for v in gradients.values()):
            raise CatalogError(f"{meta}: [grading.gradients] maps a track to a sentence")
        return GradingNotes(conditioning=spec.get("conditioning", ""), gradients=dict(gradients),
                            results=spec.get("results", ""))

    @staticmethod
    def _load_efficiency(spec: dict | None, meta: Path) -> Efficiency | None:
        if spec is None:
            return None
        bound = _require(spec, "bound", float, meta)
        return Efficiency(bound=bound, time_limit=float(spec.get("time_limit_seconds", 10.0)),
                          advice=spec.get("advice", ""))

    def _grader(self, kata_id: str, track: str, meta: Path) -> Path:
        """graders/<id>/test_<track>.py, else graders/<id>/test.py: one grader for both tracks."""
        folder = self.root / "graders" / kata_id
        for path in (folder / f"test_{track}.py", folder / "test.py"):
            if path.is_file():
                return path
        raise CatalogError(f"{meta}: no grader for track '{track}': write {folder / f'test_{track}.py'} "
                           f"or, for every track, {folder / 'test.py'}")

    def _load_track(self, name: str, spec: object, kata_id: str, meta: Path) -> Track:
        tracks = self._definitions[0]
        if name not in tracks:
            raise CatalogError(f"{meta}: unknown track '{name}'; katas/tracks.toml defines {', '.join(tracks)}")
        where = f"{meta} [tracks.{name}]"
        if not isinstance(spec, dict) or set(spec) - TRACK_KEYS:
            unknown = sorted(set(spec) - TRACK_KEYS) if isinstance(spec, dict) else [repr(spec)]
            raise CatalogError(f"{where}: unknown key {', '.join(unknown)}; a track has {', '.join(sorted(TRACK_KEYS))}")
        try:
            entries = api_model.read(spec.get("api"))
        except api_model.ApiError as error:
            raise CatalogError(f"{where}: {error}") from None
        defaults, families = tracks[name], spec.get("forbid", [])
        try:
            if not isinstance(families, list):
                raise ForbiddenError('forbid lists families by name, e.g. forbid = ["softmax"]')
            forbidden = read_lists(defaults.get("forbidden", {})).union(
                *(self._definitions[1].resolve(family) for family in families), read_lists(spec.get("forbidden", {})))
        except ForbiddenError as error:
            raise CatalogError(f"{where}: {error}") from None
        return Track(
            name=name,
            reference=_existing(self.root / "reference_solutions" / kata_id / f"{name}.py", meta),
            grader=self._grader(kata_id, name, meta),
            entries=entries,
            forbidden=forbidden,
            imports=tuple(defaults.get("imports", ())),
            source=meta,
        )
