"""Export a view of the timeline as CommonMark or JSON.

The Markdown is deterministic (same database and view, same bytes) and inert: text from
sources is escaped so a post cannot create headings, links, HTML, code or emphasis.
The JSON carries the same entries for scripts; its schema is documented in the README.
"""

from __future__ import annotations

import gc
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache, lru_cache
from operator import attrgetter
from pathlib import Path
from typing import Any

import sqlite_utils

from liveline.timeline import __version__
from liveline.timeline.errors import LivelineError
from liveline.timeline.marks import day_heading, event_mark, time_mark
from liveline.timeline.stories import in_stories
from liveline.timeline.text import strip_controls
from liveline.timeline.view import ResolvedView, View, resolve, view_entries

JSON_SCHEMA_VERSION = 1
LEGEND = (
    "Time marks (UK time): `16:25` stated by the source; `≤16:25` / `≥16:25` bounded by "
    "neighbouring posts; `≈16:25` borrowed from another outlet's report of the same event; "
    "`--:--` unknown."
)
# Inline Markdown and HTML can only start with one of these; a backslash makes each literal.
_SPECIAL = re.compile(r"([\\`*_\[\]<>&~!|#])")


# Controls include newlines and tabs; a double space is checked apart (one character
# class scans three times faster than an alternation).
_NEEDS_WORK = re.compile(r"[\\`*_\[\]<>&~!|#\x00-\x1f\x7f-\x9f]")


def escape(text: str | None) -> str:
    """Source text as literal CommonMark inline content: one line, no markup, no controls."""
    text = text or ""
    if len(text) < 80:
        return _escape_short(text)
    if not _NEEDS_WORK.search(text) and "  " not in text:
        return text.strip()
    return _SPECIAL.sub(r"\\\1", " ".join(strip_controls(text).split()))


@lru_cache(maxsize=1 << 12)
def _escape_short(text: str) -> str:
    # Names, outlets and headlines recur on every entry.
    return _SPECIAL.sub(r"\\\1", " ".join(strip_controls(text).split()))


@dataclass(slots=True)
class Wording:
    outlet: str
    speakers: list[str]
    text: str
    removed_at: str | None = None  # UTC; the outlet has since taken the post off its page


@dataclass(slots=True)
class ExportEntry:
    date: str
    time: str  # the mark as shown: "16:25", "≤16:25", "≈16:25", "--:--"
    time_basis: str  # stated | bounded | borrowed | unknown
    time_utc: str | None  # the time the mark shows, in UTC (None when unknown)
    speakers: list[str]
    text: str
    part: str  # body | headline
    outlets: list[str]
    source_ids: list[int]
    headline: str | None
    author: str | None
    paragraph_id: int
    event_id: int | None
    removed_at: str | None  # UTC; the post the text comes from has since gone from its page
    other_wordings: list[Wording] = field(default_factory=list)


@dataclass
class Document:
    """An export, its entries produced as they are rendered (a 200k-entry timeline is never
    held in memory); `count` is set once they have been."""

    title: str
    view: dict[str, Any]
    sources: list[dict[str, Any]]
    entries: Iterator[ExportEntry] | list[ExportEntry]
    count: int = 0


@lru_cache(maxsize=1 << 12)
def _split(names: str | None) -> list[str]:
    """Speaker names from "A; B" (cached: the same few strings recur; treat as read-only)."""
    return [n for n in (names or "").split("; ") if n]


# Story names a title of several stories lists before "…".
TITLE_STORIES = 3


def story_title(db: sqlite_utils.Database, story_ids: Sequence[int] = ()) -> str:
    """The title an export takes by default: of one story, its first live blog's (else its
    first source's); of several, their number and names."""
    chosen, params = in_stories("id", story_ids)
    names = [row[0] for row in db.execute(f"SELECT name FROM stories WHERE {chosen} ORDER BY id", params)]
    if len(names) > 1:
        return f"{len(names)} stories: {', '.join(names[:TITLE_STORIES])}" + (", …" if len(names) > TITLE_STORIES else "")
    stories, params = in_stories("story_id", story_ids)
    row = db.execute(
        f"SELECT title FROM sources WHERE title IS NOT NULL AND {stories} ORDER BY kind != 'liveblog', date, id LIMIT 1",
        params,
    ).fetchone()
    return row[0] if row else "liveline timeline"


def build(db: sqlite_utils.Database, view: View, title: str | None = None) -> Document:
    """The entries of a view with everything an export shows."""
    resolved: ResolvedView = resolve(db, view)
    events = {
        row[0]: row[1:]
        for row in db.execute(
            "SELECT e.id, e.rep_paragraph_id, e.best_at, e.basis, pa.text, "
            "(SELECT GROUP_CONCAT(pe.name, '; ') FROM paragraph_speakers ps JOIN people pe ON pe.id = ps.person_id "
            " WHERE ps.paragraph_id = e.rep_paragraph_id), p.removed_at "
            "FROM events e JOIN paragraphs pa ON pa.id = e.rep_paragraph_id JOIN posts p ON p.id = pa.post_id"
        )
    } if view.merged else {}
    wordings: dict[int, list[tuple[int, Wording]]] = defaultdict(list)
    if view.merged:
        for event_id, paragraph_id, outlet, text, speakers, removed_at in db.execute(
            """SELECT em.event_id, pa.id, s.outlet, pa.text,
                      (SELECT GROUP_CONCAT(pe.name, '; ') FROM paragraph_speakers ps JOIN people pe ON pe.id = ps.person_id
                        WHERE ps.paragraph_id = pa.id), p.removed_at
               FROM event_members em JOIN paragraphs pa ON pa.id = em.paragraph_id JOIN sources s ON s.id = pa.source_id
               JOIN posts p ON p.id = pa.post_id
               WHERE pa.duplicate_of IS NULL ORDER BY em.event_id, pa.date, pa.sort_key"""
        ):
            wordings[event_id].append((paragraph_id, Wording(outlet, _split(speakers), text, removed_at)))
    def entries() -> Iterator[ExportEntry]:
        for entry in view_entries(db, resolved, bulk=True):
            speakers, text, paragraph_id = _split(entry.speakers), entry.text, entry.paragraph_id
            at: str | None
            if entry.stated_at:
                basis, at = "stated", entry.stated_at
            elif entry.basis == "unknown" and entry.event_at:
                # As its mark shows it (marks.report_mark): a stated time lent, or a bound.
                basis, at = ("borrowed" if entry.event_basis == "stated" else "bounded"), entry.event_at
            elif entry.basis == "bounded":
                basis, at = "bounded", entry.not_after or entry.not_before
            else:
                basis, at = "unknown", None
            mark, outlets, others, removed_at = entry.mark, [entry.outlet], [], entry.removed_at
            if view.merged and entry.event_id is not None and entry.event_id in events:
                rep_id, best_at, event_basis, rep_text, rep_speakers, removed_at = events[entry.event_id]
                paragraph_id, text, speakers = rep_id, rep_text, _split(rep_speakers)
                basis, at = event_basis, best_at
                mark = event_mark(best_at, event_basis)
                members = wordings[entry.event_id]
                outlets = sorted({w.outlet for _, w in members})
                others = [w for pid, w in members if pid != rep_id]
            # Positional: this runs once per entry of a 200k export (field order as declared).
            yield ExportEntry(
                entry.date, mark, basis, at, speakers, text, entry.part, outlets, [entry.source_id],
                entry.headline, entry.author, paragraph_id, entry.event_id, removed_at, others,
            )
    stories, params = in_stories("story_id", resolved.story_ids)
    sources = [
        {"id": r[0], "outlet": r[1], "kind": r[2], "date": r[3], "url": r[4], "title": r[5]}
        for r in db.execute(f"SELECT id, outlet, kind, date, url, title FROM sources WHERE {stories} ORDER BY date, id", params)
    ]
    view_record = {
        "stories": resolved.story_names, "speakers": resolved.speaker_names, "outlets": resolved.outlets, "date": view.date,
        "from": view.time_from, "to": view.time_to, "merged": view.merged,
        "key_events": view.key_events, "quotes": view.quotes,
        "order": "newest_first" if view.newest_first else "oldest_first",
        "description": view.describe(
            {"stories": resolved.story_names, "speakers": resolved.speaker_names, "outlets": resolved.outlets}
        ),
    }
    return Document(title or story_title(db, resolved.story_ids), view_record, sources, entries())


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Rendering makes hundreds of thousands of short-lived, acyclic objects; reference
    counting frees them, and the cyclic collector would only rescan the heap for nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _safe_url(url: str | None) -> str | None:
    url = strip_controls(url or "")
    if not url or not re.match(r"^https?://[^\s<>]+$", url):
        return None
    return url


def to_markdown(doc: Document) -> str:
    refs = {s["outlet"]: (f"s{s['id']}", _safe_url(s["url"])) for s in doc.sources}

    @cache
    def cite(outlet: str) -> str:
        label, url = refs.get(outlet, (None, None))
        return f"[{escape(outlet)}][{label}]" if url else f"*{escape(outlet)}*"

    lines = [f"# {escape(doc.title)}", ""]
    lines.append(
        "Sources: " + "; ".join(f"{escape(s['outlet'])} ({escape(s['kind'])}, {escape(s['date'])})" for s in doc.sources) + "."
    )
    lines += ["", "View: " + escape(", ".join(doc.view["description"])) + ".", "", LEGEND]
    used: set[str] = set()
    doc.count = 0
    with _cyclic_gc_paused():
        lines += _markdown_entries(doc, cite, used)
    if not doc.count:
        lines += ["", "Nothing matched this view."]
    definitions = [f"[{refs[o][0]}]: <{refs[o][1]}>" for o in sorted(used) if o in refs and refs[o][1]]
    if definitions:
        lines += ["", *definitions]
    return "\n".join(lines) + "\n"


# Keys in sorted order, read in one call: a record per entry of a 200k export.
_ENTRY_KEYS = sorted(ExportEntry.__slots__)
_entry_values = attrgetter(*_ENTRY_KEYS)
_WORDING_KEYS = sorted(Wording.__slots__)
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode  # one encoder, not one per call
# What json writes for the controls strip_controls removes: C0 as \u00XX, \b, \f or \r, and
# DEL and C1 as they are. Also hit by a text that merely holds such a backslash sequence,
# which then only costs a second encoding.
_JSON_CONTROL = re.compile(r"\\(?:u00[01][0-9a-f]|[bfr])|[\x7f-\x9f]")


def _inert_values(value: Any) -> Any:
    """A JSON value with every string in it stripped of terminal controls."""
    if isinstance(value, str):
        return strip_controls(value)
    if isinstance(value, list):
        return [_inert_values(v) for v in value]
    if isinstance(value, dict):
        return {k: _inert_values(v) for k, v in value.items()}
    return value


def _inert_json(record: dict[str, Any]) -> str:
    """A record as JSON with no control characters, raw or escaped (a script printing its
    text cannot drive the terminal); checked on the encoded text, which is fast."""
    text = _ENCODE(record)
    return _ENCODE(_inert_values(record)) if _JSON_CONTROL.search(text) else text


def _entry_record(entry: ExportEntry) -> dict[str, Any]:
    record = dict(zip(_ENTRY_KEYS, _entry_values(entry), strict=True))
    record["other_wordings"] = [{n: getattr(w, n) for n in _WORDING_KEYS} for w in entry.other_wordings]
    return record


def _markdown_entries(doc: Document, cite: Callable[[str], str], used: set[str]) -> list[str]:
    """One list item per entry (and nested other wordings), a section per day; counts and
    collects the outlets cited as it goes."""
    lines: list[str] = []
    day = None
    count = 0
    for entry in doc.entries:
        count += 1
        outlets = entry.outlets
        if len(outlets) == 1:
            used.add(outlets[0])
            cited = cite(outlets[0])
        else:
            used.update(outlets)
            cited = ", ".join(cite(o) for o in outlets)
        if entry.date != day:
            day = entry.date
            lines += ["", f"## {escape(day_heading(day))}", ""]
        who = f"**{escape('; '.join(entry.speakers))}**: " if entry.speakers else ""
        text = f"*{escape(entry.text)}*" if entry.part == "headline" else escape(entry.text)
        lines.append(f"- `{entry.time}` {who}{text}{_removed(entry.removed_at)} — {cited}")
        for other in entry.other_wordings:
            used.add(other.outlet)
            said = f" (**{escape('; '.join(other.speakers))}**)" if other.speakers else ""
            lines.append(f"  - {cite(other.outlet)}{said}: {escape(other.text)}{_removed(other.removed_at)}")
    doc.count = count
    return lines


def _removed(removed_at: str | None) -> str:
    """After a text whose post has gone from its page: " *(removed from the page 16:52)*"."""
    return f" *(removed from the page {escape(time_mark(removed_at))})*" if removed_at else ""


def to_json(doc: Document) -> str:
    """JSON with sorted keys, one entry per line, written as the entries are produced."""
    rest = {
        "liveline": __version__,
        "schema": JSON_SCHEMA_VERSION,
        "title": doc.title,
        "view": doc.view,
        "sources": doc.sources,
    }
    doc.count = 0
    parts = []
    with _cyclic_gc_paused():
        for entry in doc.entries:
            doc.count += 1
            parts.append(_inert_json(_entry_record(entry)))
    tail = json.dumps(_inert_values(rest), ensure_ascii=False, sort_keys=True)
    return '{"entries": [\n' + ",\n".join(parts) + "\n], " + tail[1:] + "\n"


def proposed_name(title: str, view: View, fmt: str) -> str:
    """A file name from the story and the filters: "cooper-statement-cooper-merged.md"."""
    words = re.findall(r"[a-z0-9]+", title.lower())[:6]
    extras = [re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-") for s in (*view.stories, *view.speakers, *view.outlets)]
    extras += [view.date or "", "key-events" if view.key_events else "", "quotes" if view.quotes else "", "merged" if view.merged else ""]
    stem = "-".join([w for w in [*words, *extras] if w])[:80].strip("-") or "timeline"
    return f"{stem}.{'json' if fmt == 'json' else 'md'}"


def unused_name(name: str) -> Path:
    """`name`, or `name-2`, `name-3`... before its suffix, whichever file does not exist yet:
    an export to a name nobody chose never replaces an earlier one."""
    path = Path(name)
    number = 1
    while path.exists() or path.is_symlink():
        number += 1
        path = Path(name).with_stem(f"{Path(name).stem}-{number}")
    return path


def write(text: str, target: str | Path) -> Path | None:
    """Write to a path ("-" is standard output); a path that cannot be written is a clear error."""
    if str(target) == "-":
        import sys

        sys.stdout.write(text)
        return None
    path = Path(target)
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise LivelineError(f"cannot write {path}: {exc.strerror or exc}") from None
    return path
