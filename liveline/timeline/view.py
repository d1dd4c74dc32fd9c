"""A view of the timeline: the filters, mode and order a reader or an export asks for.

One definition, used by the CLI export and the reader, so "what I see" and "what I
export" cannot drift apart. Filtering is done in SQL.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

import sqlite_utils

from liveline.timeline.errors import LivelineError
from liveline.timeline.marks import LONDON, utc_iso
from liveline.timeline.queries import Entry, entries_where, find_people
from liveline.timeline.quotation import HOLDS_QUOTATION
from liveline.timeline.stories import find_stories, in_stories


@dataclass(frozen=True)
class View:
    stories: tuple[str, ...] = ()  # names or parts of names, as typed; none: every story
    speakers: tuple[str, ...] = ()  # names, aliases or roles, as typed
    outlets: tuple[str, ...] = ()
    date: str | None = None  # YYYY-MM-DD
    time_from: str | None = None  # HH:MM, UK wall time
    time_to: str | None = None
    merged: bool = False
    newest_first: bool = False
    key_events: bool = False  # only what the pages flag as key or summary, and what several outlets reported
    quotes: bool = False  # only paragraphs quoting a speaker's own words

    def describe(self, names: dict[str, list[str]] | None = None) -> list[str]:
        """The filters in words, for a header or status chips ("speaker Yvette Cooper", ...)."""
        return [words for _, words in self.chips(names)]

    def chips(self, names: dict[str, list[str]] | None = None) -> list[tuple[str, str]]:
        """Each part of the view in words with what it sets (the field(s), comma-separated;
        "merged" and "newest_first" are modes, the rest filters a reader can remove)."""
        names = names or {}
        parts = [("stories", f"story {', '.join(names.get('stories') or self.stories)}")] if self.stories else []
        parts += [("speakers", f"speaker {', '.join(names.get('speakers') or self.speakers)}")] if self.speakers else []
        if self.outlets:
            parts.append(("outlets", f"outlet {', '.join(names.get('outlets') or self.outlets)}"))
        if self.date:
            parts.append(("date", f"date {self.date}"))
        if self.time_from or self.time_to:
            parts.append(("time_from,time_to", f"time {self.time_from or '00:00'}–{self.time_to or '23:59'}"))
        if self.key_events:
            parts.append(("key_events", "key events"))
        if self.quotes:
            parts.append(("quotes", "quotes"))
        parts.append(("merged", "merged" if self.merged else "raw"))
        parts.append(("newest_first", "newest first" if self.newest_first else "oldest first"))
        return parts

    def without(self, fields: str) -> View:
        """This view with the named fields (comma-separated) back to their defaults."""
        defaults = View()
        return replace(self, **{name: getattr(defaults, name) for name in fields.split(",")})


@dataclass
class ResolvedView:
    view: View
    story_ids: list[int] = field(default_factory=list)
    story_names: list[str] = field(default_factory=list)
    person_ids: list[int] = field(default_factory=list)
    speaker_names: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)


def _hhmm(value: str, flag: str) -> dt.time:
    m = re.fullmatch(r"(\d{1,2})[:.](\d{2})", value.strip())
    if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        raise LivelineError(f"{flag} {value!r} is not a time HH:MM")
    return dt.time(int(m.group(1)), int(m.group(2)))


def find_outlets(db: sqlite_utils.Database, query: str) -> list[str]:
    """Outlets matching exactly (case-insensitive), else containing the words typed."""
    outlets = [r[0] for r in db.execute("SELECT DISTINCT outlet FROM sources ORDER BY outlet")]
    wanted = query.strip().lower()
    exact = [o for o in outlets if o.lower() == wanted]
    partial = [o for o in outlets if wanted in o.lower()]
    if exact or partial:
        return exact or partial
    lowered = {o.lower(): o for o in outlets}
    close = [lowered[o] for o in difflib.get_close_matches(wanted, list(lowered), n=4, cutoff=0.4)]
    hint = f"; did you mean {', '.join(close)}?" if close else f"; outlets: {', '.join(outlets) or 'none'}"
    raise LivelineError(f"no outlet matches {query!r}{hint}")


def resolve(db: sqlite_utils.Database, view: View) -> ResolvedView:
    """Names typed by the user -> ids; raises LivelineError with close matches for unknown ones."""
    resolved = ResolvedView(view)
    for query in view.stories:
        for story in find_stories(db, query):
            if story.id not in resolved.story_ids:
                resolved.story_ids.append(story.id)
                resolved.story_names.append(story.name)
    for flag, queries in (("--speaker", view.speakers), ("--outlet", view.outlets)):
        if any(not query.strip() for query in queries):
            # A blank name is "part of" every name: it would quietly filter nothing.
            raise LivelineError(f"{flag} cannot be blank: give a name, alias or role")
    for query in view.speakers:
        for person_id in find_people(db, query):
            if person_id not in resolved.person_ids:
                resolved.person_ids.append(person_id)
    if resolved.person_ids:
        marks = ", ".join("?" * len(resolved.person_ids))
        resolved.speaker_names = [r[0] for r in db.execute(f"SELECT DISTINCT name FROM people WHERE id IN ({marks}) ORDER BY name", resolved.person_ids)]
    for query in view.outlets:
        resolved.outlets += [o for o in find_outlets(db, query) if o not in resolved.outlets]
    if view.date:
        try:
            dt.date.fromisoformat(view.date)
        except ValueError:
            raise LivelineError(f"--date {view.date!r} is not YYYY-MM-DD") from None
    if view.time_from:
        _hhmm(view.time_from, "--from")
    if view.time_to:
        _hhmm(view.time_to, "--to")
    return resolved


def _window(db: sqlite_utils.Database, view: View) -> tuple[str, list[object]]:
    """SQL keeping entries whose known time (stated, borrowed or bounds) overlaps the window on their day."""
    dates = [view.date] if view.date else [r[0] for r in db.execute("SELECT DISTINCT date FROM paragraphs ORDER BY date")]
    start = _hhmm(view.time_from, "--from") if view.time_from else dt.time(0, 0)
    end = _hhmm(view.time_to, "--to") if view.time_to else dt.time(23, 59)
    low = "COALESCE(p.stated_at, CASE WHEN p.basis = 'unknown' THEN e.best_at END, p.not_before)"
    high = "COALESCE(p.stated_at, CASE WHEN p.basis = 'unknown' THEN e.best_at END, p.not_after)"
    clauses: list[str] = []
    params: list[object] = []
    for date in dates:
        try:
            day = dt.date.fromisoformat(date)
        except (TypeError, ValueError):
            continue  # a day a database from elsewhere garbled holds no time in any window
        lo = utc_iso(dt.datetime.combine(day, start).replace(tzinfo=LONDON))
        hi = utc_iso(dt.datetime.combine(day, end).replace(tzinfo=LONDON))
        clauses.append(f"(pa.date = ? AND ({low} IS NOT NULL OR {high} IS NOT NULL) AND ({high} IS NULL OR {high} >= ?) AND ({low} IS NULL OR {low} <= ?))")
        params += [date, lo, hi]
    return "(" + (" OR ".join(clauses) or "0") + ")", params


# A paragraph quotes its speaker when the attribution rests on the quote itself, or when a
# speaker is named (not the byline) and the paragraph holds a quotation: "She said: “…”"
# is a quote, "She said the plans were inadequate" a paraphrase.
_QUOTING = (
    "pa.id IN (SELECT paragraph_id FROM paragraph_speakers WHERE how IN ('quote', 'transcript') "
    f"OR (how != 'byline' AND paragraph_id IN (SELECT id FROM paragraphs WHERE {HOLDS_QUOTATION})))"
)
# Kinds of post a page flags for catching up (liveline.ingest.model.Post.kind).
_FLAGGED_KINDS = "'key_event', 'summary'"


# The tables a merged view's conditions may read, under the names select() gives them.
_MERGED_JOINS = (
    ("fp", " JOIN posts fp ON fp.id = f.post_id"),
    ("fs", " JOIN sources fs ON fs.id = f.source_id"),
    ("fe", " LEFT JOIN events fe ON fe.id = f.event_id"),
)


@dataclass(frozen=True)
class Selection:
    """A view in SQL: conditions on the shared query, and the position column it is ordered by."""

    where: list[str]
    params: list[object]
    key: str
    # Conditions on each paragraph that every entry passes (with the same params): the view's
    # own `where`, less a merged view's "first report of its event", which is a GROUP BY over
    # the whole timeline (a search asks the cheap ones of a few rows and places the rest).
    rows: list[str] | None = None

    @property
    def row_conditions(self) -> list[str]:
        return self.where if self.rows is None else self.rows


def select(db: sqlite_utils.Database, resolved: ResolvedView) -> Selection:
    """The view's filters as SQL conditions (for paging, counting, searching and export)."""
    view = resolved.view
    where: list[str] = []
    params: list[object] = []
    if resolved.story_ids:
        condition, ids = in_stories("pa.story_id", resolved.story_ids)
        where.append(condition)
        params += ids
    if resolved.person_ids:
        marks = ", ".join("?" * len(resolved.person_ids))
        where.append(f"pa.id IN (SELECT paragraph_id FROM paragraph_speakers WHERE person_id IN ({marks}))")
        params += resolved.person_ids
    if resolved.outlets:
        marks = ", ".join("?" * len(resolved.outlets))
        where.append(f"pa.source_id IN (SELECT id FROM sources WHERE outlet IN ({marks}))")
        params += resolved.outlets
    if view.date:
        where.append("pa.date = ?")
        params.append(view.date)
    if view.time_from or view.time_to:
        clause, extra = _window(db, view)
        where.append(clause)
        params += extra
    if view.key_events:
        # What the pages flag, and what several outlets found worth reporting.
        where.append(
            f"(pa.post_id IN (SELECT id FROM posts WHERE kind IN ({_FLAGGED_KINDS})) "
            "OR pa.event_id IN (SELECT id FROM events WHERE n_sources >= 2))"
        )
    if view.quotes:
        where.append(_QUOTING)
    key = "rrank" if view.newest_first else "rank"
    if not view.merged:
        return Selection(where, params, key)
    if len(where) == (1 if resolved.story_ids else 0):
        # One entry per event, at its first report: numbered in advance. Events never
        # cross stories, so a story's first reports are its own paragraphs numbered so.
        return Selection(where, params, "m" + key)
    # One entry per event: its first report that passes the same filters.
    alias = {"pa": "f", "p": "fp", "s": "fs", "e": "fe"}
    inner = [re.sub(r"\b(pa|p|s|e)\.", lambda m: alias[m.group(1)] + ".", condition) for condition in where]
    # Joined only when a condition reads them: the joins for every paragraph of a 200,000
    # paragraph timeline cost half the time of a merged key-events view (453 ms -> 219 ms).
    conditions = " AND ".join(inner)
    joins = "".join(join for name, join in _MERGED_JOINS if f"{name}." in conditions)
    first = (
        f"pa.rank IN (SELECT MIN(f.rank) FROM paragraphs f{joins} "
        f"WHERE f.rank IS NOT NULL AND {conditions} GROUP BY COALESCE(f.event_id, -f.id))"
    )
    return Selection([first], params, key, rows=where)


def view_entries(db: sqlite_utils.Database, resolved: ResolvedView) -> Iterator[Entry]:
    """The entries of a view, in its order; in merged mode one entry per event."""
    selection = select(db, resolved)
    return entries_where(db, selection.where, selection.params, key=selection.key)
