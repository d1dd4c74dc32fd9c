"""One poll of one followed page: a conditional fetch, the page read, its posts written.

What the server said identifies its answer (ETag, Last-Modified) is kept in the
timeline's meta table, committed in the same transaction as the page's rows, so that a
restarted follower (or `follow --once` from cron) still asks "has it changed?" and an
unchanged page costs a 304: no parse, no write. It is used only while the timeline still
holds the source exactly as that answer wrote it (not after a rebuild or another ingest).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from liveline.ingest.dirty import dirty_dates
from liveline.ingest.model import ParsedSource
from liveline.ingest.pipeline import parse_page
from liveline.ingest.read.html_page import PARSER as HTML_PARSER
from liveline.ingest.settle import settle
from liveline.ingest.sources.addresses import public_url
from liveline.ingest.sources.spec import SourceSpec
from liveline.ingest.sources.web import Page, Validators, fetch
from liveline.ingest.stories.choice import place_in_stories
from liveline.ingest.writer import Written, write_counted
from liveline.timeline.errors import LivelineError
from liveline.timeline.store import open_db
from liveline.timeline.text import strip_controls

# Meta keys holding a page's validators start with this.
META_PREFIX = "follow "


@dataclass(frozen=True)
class Remembered:
    """A page's last answer, as the timeline recorded it."""

    validators: Validators
    outlet: str


@dataclass(frozen=True)
class Reading:
    """A page as fetched: parsed, or (`parsed` None) not modified since `remembered`."""

    spec: SourceSpec
    page: Page
    parsed: ParsedSource | None
    outlet: str


def _meta_key(spec: SourceSpec) -> str:
    """A page's entry in meta: everything that shapes what its answer becomes in the
    timeline, so that a change of --outlet, manifest settings or reader fetches it whole."""
    said = [public_url(str(spec.url)), spec.name, spec.outlet, spec.kind, str(spec.date or ""), spec.order, spec.title, HTML_PARSER]
    if spec.author:  # a page's entry from before --author existed stays the same
        said.append(spec.author)
    return META_PREFIX + json.dumps(said, ensure_ascii=False)


def _stored(text: str | None) -> str | None:
    """A value as the writer stores it (without controls), to find the row it wrote."""
    return strip_controls(text) if text else text


def recall(db_path: Path, spec: SourceSpec) -> Remembered | None:
    """The validators of `spec`'s last answer, while the timeline holds what it wrote."""
    if not db_path.exists():
        return None
    db = open_db(db_path)
    try:
        row = db.conn.execute("SELECT value FROM meta WHERE key = ?", (_meta_key(spec),)).fetchone()
        try:
            kept = json.loads(row[0]) if row else {}
        except ValueError:
            return None  # not something this module wrote: fetch the page whole
        said = [kept.get(k) if isinstance(kept, dict) else None for k in ("etag", "last_modified", "outlet", "name", "sha256")]
        if not all(isinstance(value, str | None) for value in said) or None in said[2:]:
            return None
        etag, modified, outlet, name, sha256 = said
        holds = db.conn.execute(
            "SELECT 1 FROM sources WHERE outlet = ? AND name = ? AND sha256 = ?", (outlet, name, sha256)
        ).fetchone()
    finally:
        db.conn.close()
    validators = Validators(etag, modified)
    return Remembered(validators, str(outlet)) if holds and validators else None


def read_page(spec: SourceSpec, remembered: Remembered | None) -> Reading:
    """Fetch `spec`'s page (conditionally when its last answer is remembered) and read it;
    LivelineError (FetchError for the fetch) naming the page when it cannot be read."""
    try:
        page = fetch(str(spec.url), validators=remembered.validators if remembered else None)
        if page.not_modified:
            return Reading(spec, page, None, remembered.outlet if remembered else spec.outlet or spec.label)
        parsed = parse_page(spec, page)
    except LivelineError as exc:
        if not str(exc).startswith(spec.label):
            exc.args = (f"{spec.label}: {exc}",)  # the same error (a fetch's `transient` kept), named
        raise
    return Reading(spec, page, parsed, parsed.spec.outlet)


def store_page(
    reading: Reading, db_path: Path, on_wait: Callable[[str], None] | None, on_note: Callable[[str], None] | None = None
) -> tuple[Written, list[str]]:
    """Write a page read (one transaction, its validators with it), then settle the dates
    it touched; returns what the write did and the settle's warnings. A page seen for the
    first time is given its story first, which `on_note` hears when it was proposed or new."""
    parsed = reading.parsed
    assert parsed is not None  # a page not modified is not stored
    answered = reading.page.validators
    kept = {"etag": answered.etag, "last_modified": answered.last_modified, "outlet": _stored(parsed.spec.outlet),
            "name": _stored(parsed.spec.name), "sha256": parsed.sha256}
    db = open_db(db_path, create=True, on_wait=on_wait)  # waits its turn behind another writer
    try:
        choice = place_in_stories(db, db_path, [parsed])
        for line in choice.notes:
            (on_note or (lambda _line: None))(line)
        written = write_counted(db, parsed, db_path, meta={_meta_key(reading.spec): json.dumps(kept) if answered else None},
                                story_id=choice.ids[0])
        return written, settle(db, db_path)
    finally:
        db.conn.close()


def repair(db_path: Path, on_wait: Callable[[str], None] | None) -> list[str]:
    """Settle what an earlier run left unsettled (a follower stopped between a write and
    its settle), so that a restart whose pages have not changed still finishes the order."""
    if not db_path.exists():
        return []
    db = open_db(db_path, on_wait=on_wait)
    try:
        return settle(db, db_path) if dirty_dates(db.conn) else []
    finally:
        db.conn.close()
