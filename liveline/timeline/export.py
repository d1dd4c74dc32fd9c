"""Export a view of the timeline as CommonMark or JSON.

The Markdown is deterministic (same database and view, same bytes) and inert: text from
sources is escaped so a post cannot create headings, links, HTML, code or emphasis.
The JSON carries the same entries for scripts; its schema is documented in the README.

Both are written as they are read: the paragraphs come from one SQLite cursor (one
snapshot of the timeline, in the view's order) and everything else an entry shows is
looked up a page at a time, so an export holds one page, never the timeline or the
document. A file is written beside its name and renamed into place when complete.
"""

from __future__ import annotations

import errno
import gc
import io
import json
import os
import re
import stat
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache, lru_cache
from operator import attrgetter
from pathlib import Path
from typing import Any, TextIO

import sqlite_utils

from liveline.timeline import __version__
from liveline.timeline.errors import LivelineError
from liveline.timeline.marks import day_heading, event_mark, time_mark
from liveline.timeline.queries import JOINED_FROM, NEEDS_JOIN, Entry, where_sql
from liveline.timeline.stories import in_stories
from liveline.timeline.text import strip_controls
from liveline.timeline.view import ResolvedView, View, resolve, select

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


# Entries read, looked up and rendered together: what an export holds at once. Measured on
# 50k paragraphs (CPU of the whole export; peak RSS): 100 a page costs 1.43 s, 200 1.00 s,
# 500 and 1000 0.94 s (lookups per page amortised); merged, 500 peaks at 39 MB, 1000 at
# 45 MB and 5000 at 82 MB (a merged entry carries every outlet's wording).
PAGE_SIZE = 500


def build(db: sqlite_utils.Database, view: View, title: str | None = None) -> Document:
    """The entries of a view with everything an export shows (read as they are rendered)."""
    resolved: ResolvedView = resolve(db, view)
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
    # The view's entries come from these sources only: the header's list is the lookup too.
    by_id = {source["id"]: (source["id"], source["outlet"], source["kind"]) for source in sources}
    entries = (entry for page in _pages(db, resolved, by_id) for entry in page)
    return Document(title or story_title(db, resolved.story_ids), view_record, sources, entries)


# Ids as one parameter: a statement of its own per length of list would be prepared and
# cached (up to 128 of them, 25 MB more at the end of a 200k merged export).
_IDS = "(SELECT value FROM json_each(?))"


def _pages(db: sqlite_utils.Database, resolved: ResolvedView, sources: dict[int, tuple[Any, ...]]
           ) -> Iterator[list[ExportEntry]]:
    """The view's entries a page at a time. The paragraphs stream from one cursor: paging
    by key instead would re-run the view's subqueries for every page (a filtered merged
    view groups the whole timeline in each), and could mix two states of a timeline that
    `follow` is writing to."""
    selection = select(db, resolved)
    joined = JOINED_FROM if NEEDS_JOIN.search(" ".join(selection.where)) else "FROM paragraphs pa"
    rows = db.execute(
        f"""SELECT pa.id, pa.date, pa.sort_key, pa.part, pa.text, pa.post_id, pa.source_id, pa.event_id,
                   pa.rank, pa.rrank, pa.mrank, pa.mrrank
            {joined} WHERE pa.{selection.key} IS NOT NULL AND {where_sql(selection.where)} ORDER BY pa.{selection.key}""",
        selection.params,
    )
    while page := rows.fetchmany(PAGE_SIZE):
        yield _page_entries(db, page, sources, resolved.view.merged)


def _page_entries(
    db: sqlite_utils.Database, page: list[tuple[Any, ...]], sources: dict[int, tuple[Any, ...]], merged: bool
) -> list[ExportEntry]:
    ids = [row[0] for row in page]
    speakers_of = dict(db.execute(
        "SELECT ps.paragraph_id, GROUP_CONCAT(pe.name, '; ') FROM paragraph_speakers ps "
        f"JOIN people pe ON pe.id = ps.person_id WHERE ps.paragraph_id IN {_IDS} GROUP BY ps.paragraph_id",
        [json.dumps(ids)],
    ))
    post_ids = list({row[5] for row in page})
    posts = {row[0]: row for row in db.execute(
        "SELECT id, headline, author, author_role, stated_at, not_before, not_after, basis, kind, pinned, removed_at "
        f"FROM posts WHERE id IN {_IDS}",
        [json.dumps(post_ids)],
    )}
    event_ids = list({row[7] for row in page if row[7] is not None})
    # An event lends its time only through members (as liveline.timeline.queries reads it).
    events = {event_id: (best_at, basis) for event_id, best_at, basis in db.execute(
        f"""SELECT e.id, e.best_at, e.basis FROM events e WHERE e.id IN {_IDS} AND EXISTS (
                SELECT 1 FROM event_members em JOIN paragraphs pa ON pa.id = em.paragraph_id
                JOIN sources s ON s.id = pa.source_id WHERE em.event_id = e.id)""",
        [json.dumps(event_ids)],
    )}
    told, wordings = _event_wordings(db, event_ids) if merged else ({}, {})
    no_event = (None, None)
    entries = []
    for paragraph_id, date, sort_key, part, text, post_id, source_id, event_id, *ranks in page:
        post = posts[post_id]
        event_at, event_basis = events.get(event_id, no_event) if event_id else no_event
        # event_outlets (None) is not shown by an export: its entry lists the outlets of the wordings.
        entry = Entry(  # type: ignore[call-arg]  # positional from the rows: field order as declared
            paragraph_id, date, sort_key, part, text, *post[:-1], *sources[source_id], speakers_of.get(paragraph_id),
            event_id, event_at, None, *ranks, post[-1], event_basis,
        )
        entries.append(_export_entry(entry, told, wordings))
    return entries


def _event_wordings(
    db: sqlite_utils.Database, event_ids: list[int]
) -> tuple[dict[int, tuple[Any, ...]], dict[int, list[tuple[int, Wording]]]]:
    """Of these events: the representative report each is told by, and every outlet's wording."""
    told = {
        row[0]: row[1:]
        for row in db.execute(
            "SELECT e.id, e.rep_paragraph_id, e.best_at, e.basis, pa.text, "
            "(SELECT GROUP_CONCAT(pe.name, '; ') FROM paragraph_speakers ps JOIN people pe ON pe.id = ps.person_id "
            " WHERE ps.paragraph_id = e.rep_paragraph_id), p.removed_at "
            "FROM events e JOIN paragraphs pa ON pa.id = e.rep_paragraph_id JOIN posts p ON p.id = pa.post_id "
            f"WHERE e.id IN {_IDS}",
            [json.dumps(event_ids)],
        )
    }
    wordings: dict[int, list[tuple[int, Wording]]] = defaultdict(list)
    for event_id, paragraph_id, outlet, text, speakers, removed_at in db.execute(
        f"""SELECT em.event_id, pa.id, s.outlet, pa.text,
                  (SELECT GROUP_CONCAT(pe.name, '; ') FROM paragraph_speakers ps JOIN people pe ON pe.id = ps.person_id
                    WHERE ps.paragraph_id = pa.id), p.removed_at
           FROM event_members em JOIN paragraphs pa ON pa.id = em.paragraph_id JOIN sources s ON s.id = pa.source_id
           JOIN posts p ON p.id = pa.post_id
           WHERE pa.duplicate_of IS NULL AND em.event_id IN {_IDS} ORDER BY em.event_id, pa.date, pa.sort_key""",
        [json.dumps(event_ids)],
    ):
        wordings[event_id].append((paragraph_id, Wording(outlet, _split(speakers), text, removed_at)))
    return told, wordings


def _export_entry(
    entry: Entry, told: dict[int, tuple[Any, ...]], wordings: dict[int, list[tuple[int, Wording]]]
) -> ExportEntry:
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
    if entry.event_id is not None and entry.event_id in told:  # only a merged view tells events
        rep_id, best_at, event_basis, rep_text, rep_speakers, removed_at = told[entry.event_id]
        paragraph_id, text, speakers = rep_id, rep_text, _split(rep_speakers)
        basis, at = event_basis, best_at
        mark = event_mark(best_at, event_basis)
        members = wordings[entry.event_id]
        outlets = sorted({w.outlet for _, w in members})
        others = [w for pid, w in members if pid != rep_id]
    # Positional: this runs once per entry of a 200k export (field order as declared).
    return ExportEntry(
        entry.date, mark, basis, at, speakers, text, entry.part, outlets, [entry.source_id],
        entry.headline, entry.author, paragraph_id, entry.event_id, removed_at, others,
    )


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


class ExportStopped(Exception):
    """The export was called off before it was complete (nothing was written in its place)."""


def _never() -> bool:
    return False


def write_markdown(doc: Document, out: TextIO, stop: Callable[[], bool] = _never) -> int:
    """Write the document as CommonMark to `out` as its entries are read; the number written."""
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
    out.write("\n".join(lines) + "\n")
    used: set[str] = set()
    doc.count = 0
    with _cyclic_gc_paused():
        for chunk in _markdown_entries(doc, cite, used):
            if stop():
                raise ExportStopped
            out.write("\n".join(chunk) + "\n")
    lines = []
    if not doc.count:
        lines += ["", "Nothing matched this view."]
    definitions = [f"[{refs[o][0]}]: <{refs[o][1]}>" for o in sorted(used) if o in refs and refs[o][1]]
    if definitions:
        lines += ["", *definitions]
    if lines:
        out.write("\n".join(lines) + "\n")
    return doc.count


def to_markdown(doc: Document) -> str:
    """The document as CommonMark in one string (see write_markdown for a long one)."""
    out = io.StringIO()
    write_markdown(doc, out)
    return out.getvalue()


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


def _markdown_entries(doc: Document, cite: Callable[[str], str], used: set[str]) -> Iterator[list[str]]:
    """One list item per entry (and nested other wordings), a section per day, in lines a
    page of entries at a time; counts and collects the outlets cited as it goes."""
    lines: list[str] = []
    day = None
    for entry in doc.entries:
        doc.count += 1
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
        if doc.count % PAGE_SIZE == 0:
            yield lines
            lines = []
    if lines:
        yield lines


def _removed(removed_at: str | None) -> str:
    """After a text whose post has gone from its page: " *(removed from the page 16:52)*"."""
    return f" *(removed from the page {escape(time_mark(removed_at))})*" if removed_at else ""


def write_json(doc: Document, out: TextIO, stop: Callable[[], bool] = _never) -> int:
    """Write the document as JSON (sorted keys, one entry per line) to `out` as its entries
    are read; the number written."""
    rest = {
        "liveline": __version__,
        "schema": JSON_SCHEMA_VERSION,
        "title": doc.title,
        "view": doc.view,
        "sources": doc.sources,
    }
    out.write('{"entries": [\n')
    doc.count = 0
    with _cyclic_gc_paused():
        for chunk in _json_entries(doc.entries):
            if stop():
                raise ExportStopped
            out.write((",\n" if doc.count else "") + ",\n".join(chunk))
            doc.count += len(chunk)
    tail = json.dumps(_inert_values(rest), ensure_ascii=False, sort_keys=True)
    out.write("\n], " + tail[1:] + "\n")
    return doc.count


def _json_entries(entries: Iterable[ExportEntry]) -> Iterator[list[str]]:
    """Each entry as a line of JSON, a page of them at a time."""
    parts = []
    for entry in entries:
        parts.append(_inert_json(_entry_record(entry)))
        if len(parts) == PAGE_SIZE:
            yield parts
            parts = []
    if parts:
        yield parts


def to_json(doc: Document) -> str:
    """The document as JSON in one string (see write_json for a long one)."""
    out = io.StringIO()
    write_json(doc, out)
    return out.getvalue()


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


def write_document(
    doc: Document, fmt: str, target: str | Path, stop: Callable[[], bool] = _never
) -> Path | None:
    """Write the document as `fmt` ("json", else Markdown) to a path ("-" is standard
    output) as its entries are read. A file appears complete or not at all: it is written
    beside its name and renamed into place (replacing a file of that name, whose mode it
    keeps). A path that cannot be written is a clear error; `stop` returning True between
    pages calls the export off (ExportStopped)."""
    render = write_json if fmt == "json" else write_markdown
    if str(target) == "-":
        render(doc, sys.stdout, stop)
        return None
    path = Path(target)
    try:
        with _replacing(path) as out:
            render(doc, out, stop)
    except OSError as exc:
        raise LivelineError(f"cannot write {path}: {exc.strerror or exc}") from None
    return path


@contextmanager
def _replacing(path: Path) -> Iterator[TextIO]:
    """A file to write that takes `path`'s place once complete (through a symlink, the
    file it points to)."""
    real = Path(os.path.realpath(path))
    try:
        existing: os.stat_result | None = real.stat()
    except FileNotFoundError:
        existing = None
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        # A device or a pipe (-o /dev/stdout) is written as it is; a folder fails to open.
        with real.open("w", encoding="utf-8") as out:
            yield out
        return
    if existing is not None and not os.access(real, os.W_OK):
        # Renaming over a file needs only the folder's permission; as before, a read-only file is kept.
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(real))
    part, handle = _part_beside(real)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        if existing is not None:
            os.chmod(part, stat.S_IMODE(existing.st_mode))
        os.replace(part, real)
    except BaseException:
        part.unlink(missing_ok=True)
        raise


def _part_beside(real: Path) -> tuple[Path, int]:
    """A new hidden file in the target's folder (so the rename stays on one filesystem),
    created with the mode a new file of the user's gets."""
    number = 0
    while True:
        part = real.with_name(f".{real.name}.{os.getpid()}-{number}.part")
        try:
            return part, os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            number += 1
