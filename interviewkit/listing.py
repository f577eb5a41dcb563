"""`kit list`: the catalogue as a table grouped by topic, or as JSON."""
from __future__ import annotations

from rich.cells import cell_len
from rich.table import Table

from interviewkit.catalog import Kata
from interviewkit.progress import KataProgress
from interviewkit.durations import duration
from interviewkit.messages import N_, _
from interviewkit.render import DIFFICULTY_STYLE, STATUS_STYLE, UNBROKEN, console, escape, tags


def kata_list_json(katas: list[Kata], progress: dict[str, KataProgress], topics: dict[str, str] | None = None) -> str:
    """`kit list --json`: one object per kata, with its topic, the user's status and best time."""
    import json

    rows = []
    for kata in katas:
        entry = progress.get(kata.id)
        rows.append({
            "id": kata.id, "title": kata.title, "topic": (topics or {}).get(kata.id), "difficulty": kata.difficulty,
            "tags": list(kata.tags),
            "tracks": list(kata.tracks), "minutes": kata.minutes,
            "status": entry.status if entry else "new",
            "passed_tracks": sorted(entry.passed_tracks) if entry else [],
            "best_time_s": round(entry.best_time_s, 1) if entry and entry.best_time_s is not None else None,
        })
    return json.dumps(rows, indent=2) + "\n"


# Below these widths `kit list` drops its tags column, then folds title, tracks and time into the
# kata's and the status's cells: a narrow terminal still shows every kata whole, nothing cut.
FULL_LIST_WIDTH, COMPACT_LIST_WIDTH = 130, 110


def kata_table(katas: list[Kata], progress: dict[str, KataProgress], width: int | None = None,
               topics: list[tuple[str, list[str]]] | None = None) -> Table:
    """The katas, grouped under their topics (in the path's order) when `topics` are given."""
    width = console.width if width is None else width
    compact = width < COMPACT_LIST_WIDTH
    if compact:
        columns = (N_("kata"), N_("difficulty"), N_("status"))
    else:
        columns = (N_("kata"), N_("title"), N_("difficulty"), N_("tracks"),
                   *((N_("tags"),) if width >= FULL_LIST_WIDTH else ()), N_("status"), N_("best time"))
    table = Table(title=_("kit katas"), title_justify="left")
    longest_id = max((len(kata.id) for kata in katas), default=4)
    for column in columns:
        if compact and column == "kata":  # the id on a line of its own, never broken; the title wraps below it
            table.add_column(_(column), min_width=longest_id, ratio=1, overflow="fold")
        else:
            table.add_column(_(column), no_wrap=column in UNBROKEN, overflow="fold", min_width=cell_len(_(column)))
    by_id = {kata.id: kata for kata in katas}
    groups = [(name, [by_id[i] for i in ids if i in by_id]) for name, ids in topics] if topics else [(None, katas)]
    for topic, members in groups:
        if not members:
            continue
        if topic is not None:  # in the widest column that wraps: the title, else the kata's own
            heading = {column: "" for column in columns}
            heading["title" if "title" in columns else "kata"] = f"[bold cyan]{escape(_(topic))}[/]"
            table.add_row(*heading.values())
        for kata in members:
            table.add_row(*_kata_cells(kata, progress, columns, compact))
        table.add_section()
    return table


def _kata_cells(kata: Kata, progress: dict[str, KataProgress], columns: tuple[str, ...], compact: bool) -> list[str]:
    entry = progress.get(kata.id, KataProgress())
    status = _(entry.status)
    if entry.passed_tracks:  # on a line of its own when narrow: the status column stays short
        status += ("\n" if compact else " ") + f"({', '.join(sorted(entry.passed_tracks))})"
    cells = {
        "kata": kata.id,
        "title": escape(kata.shown_title),
        "difficulty": f"[{DIFFICULTY_STYLE[kata.difficulty]}]{_(kata.difficulty)}[/]",
        "tracks": ", ".join(kata.tracks),
        "tags": tags(kata),
        "status": f"[{STATUS_STYLE[entry.status]}]{status}[/]",
        "best time": duration(entry.best_time_s),
    }
    if compact:
        cells["kata"] = f"[bold]{kata.id}[/]\n[dim]{escape(kata.shown_title)} · {', '.join(kata.tracks)}[/]"
        if entry.best_time_s is not None:
            cells["status"] += "\n" + _("best {time}").format(time=duration(entry.best_time_s))
    return [cells[column] for column in columns]
