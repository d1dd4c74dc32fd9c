"""Where the user was in each timeline, kept between readings: the entry they read and the
newest rows they had seen, so that the reader can say "N new since you last read" on return.

The marks live in one small per-user JSON file (liveline.timeline.locations), never in the
timeline: reading must not change a committed timeline, and a read-only one must still be
remembered. A timeline is known by its resolved path, and its marks hold a few witnesses
(paragraph id -> digest of its outlet and words) so that a timeline rebuilt or replaced at the
same path, whose ids mean other rows, is met as a first visit instead of misread.

Keeping marks is a convenience: a missing, corrupt or unwritable file never stops the reader.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from liveline.timeline.changes import keys_for_place
from liveline.timeline.locations import STATE_DIR_ENV, reading_marks_path
from liveline.timeline.pager import Pager
from liveline.timeline.queries import Entry

# Timelines remembered, most recently read first: a timeline a day read for three months.
# An entry is about half a kilobyte, so the file stays near 50 KB and is read and rewritten
# whole in well under a millisecond; older timelines are forgotten.
MAX_TIMELINES = 100
# The file's layout; a file of another version is ignored (and replaced at the next save).
FORMAT = 1
# Hex digits kept of a paragraph's sha256: 64 bits tell its words from any other's at one id.
DIGEST_LENGTH = 16

# SQLite's integers end here; a larger number in the file would fail the reader's queries.
MAX_ID = 2**63

Seen = tuple[int, int]  # newest_shown(): the newest shown paragraph's id and post's id


def words_digest(outlet: str, text: str) -> str:
    """A short digest of a paragraph's outlet and words: what a witness and a place compare."""
    # surrogatepass: a digest never fails, whatever the words hold.
    return hashlib.sha256(f"{outlet}\x1f{text}".encode("utf-8", "surrogatepass")).hexdigest()[:DIGEST_LENGTH]


@dataclass(frozen=True)
class Place:
    """The entry the user was reading: its ids, and its outlet and words for when a
    re-ingest of its source wrote it anew under other ids."""

    paragraph_id: int
    post_id: int
    outlet: str
    digest: str
    length: int  # of the words: narrows the rows whose digest is computed on return

    @classmethod
    def of(cls, entry: Entry) -> Place:
        return cls(entry.paragraph_id, entry.post_id, entry.outlet, words_digest(entry.outlet, entry.text), len(entry.text))


@dataclass(frozen=True)
class Marks:
    """What the reader remembered of one timeline."""

    seen: Seen
    place: Place | None

    def position_in(self, db: sqlite_utils.Database, pager: Pager) -> int | None:
        """Where the remembered entry is in `pager`'s view: the same paragraph, its event or
        post, else the same words from the same outlet; None when the view does not show it."""
        if self.place is None:
            return None
        for paragraph_id, post_id in _candidates(db, self.place):
            found = next((p for k in keys_for_place(db, paragraph_id, post_id, pager.key) if (p := pager.position_of_key(k)) is not None), None)
            if found is not None:
                return found
        return None


def _candidates(db: sqlite_utils.Database, place: Place) -> Iterator[tuple[int, int]]:
    """(paragraph id, post id) where the place may be, best first; the words are looked for
    only when the ids found nothing, as that reads every row of the outlet's length."""
    yield place.paragraph_id, place.post_id
    yield from _same_words(db, place)


def _same_words(db: sqlite_utils.Database, place: Place) -> list[tuple[int, int]]:
    """(paragraph id, post id) of the rows of the place's outlet saying its words."""
    rows = db.execute(
        """SELECT pa.id, pa.post_id, pa.text FROM paragraphs pa JOIN sources s ON s.id = pa.source_id
           WHERE s.outlet = ? AND length(pa.text) = ? ORDER BY pa.id""",
        (place.outlet, place.length),
    )
    return [(pid, post) for pid, post, text in rows if words_digest(place.outlet, text) == place.digest]


def _witnesses(db: sqlite_utils.Database, ids: Iterable[int]) -> dict[str, str]:
    """Paragraph id (as JSON keys are text) -> digest of its outlet and words, for the rows that exist."""
    wanted = sorted({i for i in ids if i > 0})
    if not wanted:
        return {}
    rows = db.execute(
        f"""SELECT pa.id, s.outlet, pa.text FROM paragraphs pa JOIN sources s ON s.id = pa.source_id
            WHERE pa.id IN ({', '.join('?' * len(wanted))})""",
        wanted,
    )
    return {str(pid): words_digest(outlet, text) for pid, outlet, text in rows}


def _first_paragraph(db: sqlite_utils.Database) -> int:
    row = db.execute("SELECT MIN(id) FROM paragraphs").fetchone()
    return int(row[0] or 0)


def _same_timeline(db: sqlite_utils.Database, witnesses: object, place: Place | None) -> bool:
    """Whether the rows the marks were taken from are still there: none says other words
    under its id (a rebuilt or replaced timeline), and one says the same, or else the place's
    words are still there from its outlet (every witness's source was ingested anew, under
    new ids). A row gone proves nothing either way: a followed page's edited post is written anew."""
    if not isinstance(witnesses, dict):
        return False
    now = _witnesses(db, (int(i) for i in witnesses if _is_id_text(i)))
    if any(now[i] != digest for i, digest in witnesses.items() if i in now):
        return False
    return any(now.get(i) == digest for i, digest in witnesses.items()) or (place is not None and bool(_same_words(db, place)))


class ReadingMarks:
    """The marks of one timeline file: loaded when the reader opens it, saved as it reads."""

    def __init__(self, db_path: Path | str) -> None:
        self.file = reading_marks_path()
        self.key = str(Path(db_path).resolve())
        self._saved: tuple[Seen, Place | None] | None = None  # what the file holds for this timeline
        self._broken = False  # the file could not be written: marks are not kept this session

    def load(self, db: sqlite_utils.Database) -> Marks | None:
        """The marks from the user's last reading of this timeline; None for a first visit
        (or a timeline rebuilt since, remembering turned off, or a file that cannot be read)."""
        if self.file is None:
            return None
        stored = (_read(self.file) or {}).get(self.key)
        if not isinstance(stored, dict):
            return None
        marks = _marks(stored)
        if marks is None or not _same_timeline(db, stored.get("witnesses"), marks.place):
            return None
        self._saved = (marks.seen, marks.place)
        return marks

    def save(self, db: sqlite_utils.Database, place: Entry | None, seen: Seen) -> str | None:
        """Remember the entry being read and the newest rows seen. Cheap to call often: the
        file is written only when they changed. Returns a message the first time the file
        cannot be written (marks are then not kept for this session), else None."""
        if self.file is None or self._broken:
            return None
        marks = (seen, Place.of(place) if place is not None else None)
        if marks == self._saved:
            return None
        ids = [_first_paragraph(db), seen[0], *([place.paragraph_id] if place is not None else [])]
        entry = {"seen": list(seen), "place": _place_json(marks[1]), "witnesses": _witnesses(db, ids)}
        try:
            _write(self.file, self.key, entry)
        except OSError as exc:
            self._broken = True
            return f"your read position is not kept: cannot write {self.file} ({exc.strerror or exc}); set ${STATE_DIR_ENV} to move it"
        self._saved = marks
        return None


def _place_json(place: Place | None) -> dict[str, Any] | None:
    if place is None:
        return None
    return {"paragraph": place.paragraph_id, "post": place.post_id, "outlet": place.outlet, "digest": place.digest, "length": place.length}


def _marks(stored: dict[str, Any]) -> Marks | None:
    """Marks from their JSON; None for anything not shaped as this module writes it."""
    seen, place = stored.get("seen"), stored.get("place")
    if not (isinstance(seen, list) and len(seen) == 2 and all(_is_id(v) for v in seen)):
        return None
    if place is None:
        return Marks((seen[0], seen[1]), None)
    try:
        parsed = Place(place["paragraph"], place["post"], place["outlet"], place["digest"], place["length"])
    except (KeyError, TypeError):
        return None
    ok = _is_id(parsed.paragraph_id) and _is_id(parsed.post_id) and _is_id(parsed.length)
    if not (ok and isinstance(parsed.outlet, str) and isinstance(parsed.digest, str)):
        return None
    return Marks((seen[0], seen[1]), parsed)


def _is_id_text(value: object) -> bool:
    """An id as a JSON key holds it: ASCII digits, few enough for SQLite (and for int())."""
    return isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= len(str(MAX_ID)) and int(value) < MAX_ID


def _is_id(value: object) -> bool:
    """A whole number SQLite can hold (a hand-edited file may say anything)."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < MAX_ID


def _read(file: Path) -> dict[str, Any] | None:
    """Each timeline's stored marks: empty when there is no file yet, None for a file that
    cannot be read, is corrupt or of another format."""
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("timelines"), dict):
        return None
    timelines: dict[str, Any] = data["timelines"]
    return timelines


def _write(file: Path, key: str, entry: dict[str, Any]) -> None:
    """Store one timeline's marks beside the others', most recent last, in a new file put in
    place at once: a reader stopped mid-write, or two saving together, never leave half a file.
    (Two readers saving at the same moment may drop one's update; it is written again at its next save.)"""
    timelines = _read(file)
    if timelines is None:
        _set_aside(file)
        timelines = {}
    timelines.pop(key, None)
    timelines[key] = entry
    kept = dict(list(timelines.items())[-MAX_TIMELINES:])
    file.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{file.name}.", dir=file.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump({"format": FORMAT, "timelines": kept}, out, separators=(",", ":"))
        os.replace(temporary, file)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _set_aside(file: Path) -> None:
    """A file this module cannot read is kept as <name>.unreadable rather than written over:
    it may be a newer liveline's, or one the user edited by hand."""
    if not file.is_file():  # a folder in its place: the write fails, and says so
        return
    with contextlib.suppress(OSError):
        os.replace(file, file.with_name(file.name + ".unreadable"))
