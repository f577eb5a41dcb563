"""A kata as kit sees it: its metadata, its tracks (API, forbidden lists, reference, grader), its
statement and hints. catalog.py builds these from katas/<id>/kata.toml."""
from __future__ import annotations

import textwrap
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from interviewkit import api as api_model, language, translations
from interviewkit.messages import _
from interviewkit.forbidden import Forbidden

class CatalogError(Exception):
    """A kata folder that breaks the format; the message names the file."""


class UnknownKata(LookupError):
    def __init__(self, kata_id: str, suggestions: list[str]):
        self.kata_id = kata_id
        self.suggestions = suggestions
        hint = _(" Did you mean {names}?").format(names=_(" or ").join(suggestions)) if suggestions else ""
        super().__init__(_("There is no kata '{kata}'.").format(kata=kata_id) + hint + " "
                         + _("Run `kit list` to see them all."))


class UnknownTrack(LookupError):
    def __init__(self, kata: "Kata", track: str):
        super().__init__(_("Kata '{kata}' has no track '{track}'; its tracks are: {tracks}.").format(
            kata=kata.id, track=track, tracks=", ".join(kata.tracks)))


@dataclass(frozen=True)
class Track:
    name: str
    reference: Path
    grader: Path
    entries: tuple[api_model.Entry, ...]  # the API as kata.toml writes it
    forbidden: Forbidden
    imports: tuple[str, ...]  # the import lines its stub may begin with (katas/tracks.toml)
    source: Path  # the kata.toml that declares it

    @cached_property
    def api(self) -> tuple[str, ...]:
        """The contract lines the sandbox holds a candidate to: `softmax(x, dim=-1)`,
        `class MultiHeadAttention(embed_dim, num_heads, bias=True)`, `MultiHeadAttention.forward(...)`."""
        try:
            return api_model.contract_lines(self.entries)
        except api_model.ApiError as error:
            raise CatalogError(f"{self.source}: [tracks.{self.name}] {error}") from None


@dataclass(frozen=True)
class Hint:
    id: str
    tier: str
    text: str
    checks: tuple[str, ...] = ()
    causes: tuple[str, ...] = ()  # diagnosed causes it answers (grading/toolkit/diagnoses.py)


@dataclass(frozen=True)
class Efficiency:
    """How a kata times solutions against its reference: the bound `kit grade --strict` holds them to
    (a ratio of median times), the timing case's own time limit, and advice for slow solutions."""

    bound: float
    time_limit: float = 10.0
    advice: str = ""


@dataclass(frozen=True)
class GradingNotes:
    """A kata's own words in its statement's "How this kata is graded" (kata.toml [grading]): why its
    tolerance grows with its inputs, and, by track, how its gradients are checked where the
    track's usual sentence does not fit."""

    conditioning: str = ""
    gradients: dict[str, str] = field(default_factory=dict)
    results: str = ""  # the results' dtypes, where "float results keep the input's dtype" is not the rule


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
    grading: GradingNotes = field(default_factory=GradingNotes)

    @property
    def statement_path(self) -> Path:
        return self.folder / "statement.md"

    @property
    def hints_path(self) -> Path:
        return self.folder / "hints.toml"

    def explanation(self) -> str | None:
        """katas/<id>/explanation.md, shown with the solution: the idea, the complexity, the classic
        pitfalls and the follow-up questions interviewers ask (None where the kata has none yet); in
        kit's language where a current translation is there."""
        path = self.folder / "explanation.md"
        if not path.is_file():
            return None
        translated = self._translated("explanation.md")
        return translated if translated is not None else path.read_text(encoding="utf-8")

    def _translated(self, name: str) -> str | None:
        return translations.read(self.folder, name, language.current)[0]

    @property
    def shown_title(self) -> str:
        """The title in kit's language (katas/<id>/<language>/kata.toml), else the English one."""
        return translations.title(self.folder, language.current, self._words()) or self.title

    @property
    def shown_grading(self) -> GradingNotes:
        """The [grading] notes in kit's language (katas/<id>/<language>/kata.toml, under the title's
        stamp), else the English ones; a note the translation lacks stays English rather than vanish
        (tests/test_translations.py asks every translation for every note)."""
        translated = translations.words(self.folder, language.current, self._words())[0]
        if not translated:
            return self.grading
        notes, english = translated["grading"], self.grading
        return GradingNotes(conditioning=notes.get("conditioning") or english.conditioning,
                            gradients={**english.gradients, **notes.get("gradients", {})},
                            results=notes.get("results") or english.results)

    def _words(self) -> dict:
        """The English words a kata.toml translation is stamped with, from what the catalogue read
        (reading kata.toml again would double `kit list`'s time)."""
        notes = self.grading
        return translations.kata_words(self.title, {"conditioning": notes.conditioning, "gradients": notes.gradients,
                                                    "results": notes.results},
                                       self.efficiency.advice if self.efficiency else "")

    def untranslated(self) -> list[str]:
        """The text files shown in English although kit speaks another language (missing or stale)."""
        if language.current == "en":
            return []
        return [name for name, state in translations.state(self.folder, language.current).items()
                if state != "current"]

    @property
    def efficiency_bound(self) -> float | None:
        return self.efficiency.bound if self.efficiency else None

    def track(self, name: str | None) -> Track:
        name = name or self.default_track
        if name not in self.tracks:
            raise UnknownTrack(self, name)
        return self.tracks[name]

    def statement(self) -> str:
        """statement.md as Markdown, its `{{ signatures }}` rendered from every track's API."""
        for track in self.tracks.values():
            track.api  # a signature that does not parse is named with its kata.toml
        try:
            return api_model.render_statement(self.statement_path, list(self.tracks.values()),
                                              self._translated("statement.md"))
        except api_model.ApiError as error:
            raise CatalogError(f"{self.statement_path}: {error}") from None

    def hints(self) -> list[Hint]:
        translated = self._translated("hints.toml")
        try:
            data = tomllib.loads(translated) if translated is not None else _read_toml(self.hints_path)
        except tomllib.TOMLDecodeError as error:
            raise CatalogError(f"{self.folder / language.current / 'hints.toml'}: {error}") from None
        return [Hint(id=entry["id"], tier=entry["tier"], text=textwrap.dedent(entry["text"]).strip("\n").rstrip(),
                     checks=tuple(entry.get("checks", ())), causes=tuple(entry.get("causes", ())))
                for entry in data.get("hint", [])]

    def causes(self) -> dict[str, str]:
        """hints.toml's [causes]: each cause id a grader can diagnose, with the clause that explains it."""
        translated = self._translated("hints.toml")
        data = tomllib.loads(translated) if translated is not None else _read_toml(self.hints_path)
        return dict(data.get("causes", {}))


def _read_toml(path: Path) -> dict:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise CatalogError(f"{path}: missing") from None
    except tomllib.TOMLDecodeError as error:
        raise CatalogError(f"{path}: {error}") from None
