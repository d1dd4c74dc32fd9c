"""Ingest as a whole: sources read and checked a chunk at a time, then written in groups.

A batch that fits in one chunk (stream.py) is parsed whole before anything is written, so
bad input fails with the database untouched. A bigger batch is a stream: parsed in worker
processes while this process writes, with bounded memory; a bad source then stops it with
the sources before it written and kept (each group committed), which the error says, and
running the same command again skips them (identical content is a no-op). Writing in
groups of bounded size (writer.GROUP_PARAGRAPHS) means Ctrl-C keeps every finished group,
and that another writer (a `follow` of the same timeline) gets its turn between two groups
rather than waiting for the whole batch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from liveline.ingest.clock import bounds as clock
from liveline.ingest.model import ParsedSource
from liveline.ingest.read.html_page import PARSER as HTML_PARSER
from liveline.ingest.read.html_page import looks_like_html, read_html
from liveline.ingest.read.record.page import read_record_page
from liveline.ingest.read.record.record_text import PARSER as RECORD_PARSER
from liveline.ingest.read.record.record_text import RecordReading, looks_like_record, read_record, record_lines
from liveline.ingest.read.text_copy import PARSER, read_text
from liveline.ingest.settle import settle
from liveline.ingest.sources.addresses import public_url
from liveline.ingest.sources.loading import SourceText, decode, load
from liveline.ingest.sources.spec import SourceSpec
from liveline.ingest.sources.web import Page, fetch
from liveline.ingest.stories.choice import StoryChoice, place_in_stories
from liveline.ingest.stream import Chunk, next_chunk, parsed_sources
from liveline.ingest.writer import GROUP_PARAGRAPHS, write_group
from liveline.timeline.errors import LivelineError
from liveline.timeline.marks import LONDON
from liveline.timeline.store import open_db, tune_for_bulk_writes

if TYPE_CHECKING:
    import sqlite_utils


@dataclass
class IngestReport:
    # (source's label, added | replaced | unchanged | moved): the label only, so that a
    # report of a big batch holds no parsed source (on_written sees them whole)
    results: list[tuple[str, str]]
    warnings: list[str]
    stories: list[str] = field(default_factory=list)  # which story the sources went to, when proposed or new


def parse_source(spec: SourceSpec) -> ParsedSource:
    """Read, segment and clock one source; raises LivelineError for input it cannot use,
    its message naming the source (in a manifest of hundreds, which one matters)."""
    try:
        return _parse(spec)
    except LivelineError as exc:
        if not str(exc).startswith(spec.label):
            # The same error object (its class and fields, such as a fetch's `transient`), named.
            exc.args = (f"{spec.label}: {exc}",)
        raise


def _parse(spec: SourceSpec) -> ParsedSource:
    if spec.remote:
        return parse_page(spec, fetch(str(spec.url)))
    text = load(spec)
    if looks_like_html(text.text):
        return _parse_html(spec, text)
    if spec.kind in (None, "transcript"):
        lines = record_lines(text.text)
        if spec.kind == "transcript" or looks_like_record(lines):
            # The outlet the user names ("House of Commons Hansard") says which parliament sat.
            record = read_record(lines, spec.label, day=spec.date, zone=spec.zone, url=str(spec.url) if spec.url else None,
                                 head=spec.outlet or "")
            return _parsed_record(spec, text, record, "a text copy", spec.title)
    if not spec.outlet:
        raise LivelineError(f"{spec.label}: pass --outlet NAME (who published it), or use --manifest")
    year = spec.date.year if spec.date else None
    reading = read_text(text, spec.label, spec.kind, year)
    warnings = text.warnings + reading.warnings
    day = spec.date or reading.stated_date
    if day is None:
        raise LivelineError(
            f"{spec.label}: no date in the text; pass --date YYYY-MM-DD (or set `date` in the manifest)"
        )
    if spec.date and reading.stated_date and spec.date != reading.stated_date:
        warnings.append(
            f"{spec.label}: the text says {reading.stated_date}, using the given date {spec.date}"
        )
    if not any(post.in_timeline for post in reading.posts):
        raise LivelineError(f"{spec.label}: no posts found (is it a live blog or article?)")
    if reading.kind == "article":
        order, basis = "article", "article"
    elif spec.order and spec.order != "article":
        order, basis = spec.order, "manifest"
    else:
        order, basis = clock.detect_order(reading.posts, day)
    clock.apply_clock(reading.posts, order, day)
    timed = sum(1 for post in reading.posts if post.in_timeline and post.stated_at)
    explanation = [f"read as: {reading.kind} (a text copy), {_count(len(reading.posts), 'post')}, {timed} with a stated time",
                   f"order: {order.replace('_', ' ')} ({_BASES.get(basis, basis)}); day: {day}"
                   + (" (--date)" if spec.date else " (stated in the text)")]
    return ParsedSource(
        spec=spec,
        kind=reading.kind,
        date=day,
        order=order,
        order_basis=basis,
        posts=reading.posts,
        sha256=text.sha256,
        parser=PARSER + _read_with(spec.author),
        warnings=warnings,
        explanation=explanation + _author_line(spec.author, "--author"),
        blog_author=spec.author,
    )


def parse_page(spec: SourceSpec, page: Page) -> ParsedSource:
    """Read a page fetched for `spec`; a page named by its own address is recorded at the
    address it was found at (after redirects)."""
    text = decode(page.body, spec.label)
    return _parse_html(replace(spec, url=page.url if public_url(str(spec.url)) == spec.name else spec.url), text)


def _parse_html(spec: SourceSpec, text: SourceText) -> ParsedSource:
    """A web page: posts and their exact times from JSON-LD and markup; outlet, title and
    date from the page unless the user gave them. A parliament's record of a sitting is
    read as one (turns, not posts) when asked for or when it looks like one."""
    if spec.kind in (None, "transcript"):
        page = read_record_page(text.text, spec.label, str(spec.url) if spec.url else None, day=spec.date, zone=spec.zone,
                                force=spec.kind == "transcript")
        if page is not None:
            url = public_url(spec.url) if spec.url else page.url
            spec = replace(spec, outlet=spec.outlet or page.outlet or "", url=url, name=public_url(spec.name))
            return _parsed_record(spec, text, page.reading, "a web page", spec.title or page.title)
    reading = read_html(text.text, spec.label, spec.url, day=spec.date, zone=spec.zone)
    posts = [post for post in reading.posts if post.paragraphs]
    if not posts:
        raise LivelineError(f"{spec.label}: no posts found (no LiveBlogPosting, post markup or article text)")
    outlet = spec.outlet or reading.outlet
    if not outlet:
        raise LivelineError(f"{spec.label}: the page does not name its outlet; pass --outlet NAME")
    kind = spec.kind or reading.kind
    stated = sorted(p.published.utc for p in posts if p.published and p.published.utc)
    anchor = stated[0] if stated else reading.published
    day = spec.date or (anchor.astimezone(LONDON).date() if anchor else None)
    if day is None or reading.unplaced:
        raise LivelineError(f"{spec.label}: the page states no date; pass --date YYYY-MM-DD")
    if kind == "article":
        order, basis = "article", "article"
        for post in posts:
            post.published = post.updated = None  # an article's paragraphs borrow their times
    elif spec.order:
        order, basis = spec.order, "manifest"
    else:
        order, basis = clock.detect_order(posts, day)
    clock.apply_clock(posts, order, day)
    url = public_url(spec.url) if spec.url else reading.url  # a password is for the fetch, never stored
    spec = replace(spec, outlet=outlet, title=spec.title or reading.title, url=url, name=public_url(spec.name))
    author = spec.author or reading.author
    explanation = [f"read as: {kind}, {_count(len(posts), 'post')}", *reading.explanation,
                   f"order: {order.replace('_', ' ')} ({_BASES.get(basis, basis)}); day: {day}",
                   *_author_line(author, "--author" if spec.author else "the page's byline")]
    return ParsedSource(
        spec=spec, kind=kind, date=day, order=order, order_basis=basis, posts=posts, blog_author=author, zone=reading.zone,
        # The zone the user gave is part of how the page was read: another --tz reads it anew.
        sha256=text.sha256, parser=HTML_PARSER + (f" --tz {spec.zone}" if spec.zone else "") + _read_with(author),
        warnings=text.warnings + reading.warnings, explanation=explanation,
    )


def _parsed_record(spec: SourceSpec, text: SourceText, reading: RecordReading, copy: str, title: str | None) -> ParsedSource:
    """A parliament's record of a sitting: each turn a post, in the order it was spoken, its
    times those the record prints (the turns between two printed times are bounded by them)."""
    outlet = spec.outlet or reading.parliament
    if not outlet:
        raise LivelineError(f"{spec.label}: the record does not name its parliament; pass --outlet NAME")
    day = spec.date or reading.stated_date
    if day is None:
        raise LivelineError(f"{spec.label}: the record states no date; pass --date YYYY-MM-DD (or set `date` in the manifest)")
    if not reading.posts:
        raise LivelineError(f"{spec.label}: no turns found (no speaker lines of a parliament's record)")
    clock.apply_clock(reading.posts, "oldest_first", day)
    timed = sum(1 for post in reading.posts if post.stated_at)
    explanation = [f"read as: transcript ({copy}), {_count(len(reading.posts), 'turn')}, {timed} with a printed time",
                   *reading.explanation, f"order: as spoken ({_BASES['record']}); day: {day}"
                   + (" (--date)" if spec.date else " (stated in the record)")]
    return ParsedSource(
        spec=replace(spec, outlet=outlet, title=title or reading.title), kind="transcript", date=day,
        order="oldest_first", order_basis="record", posts=reading.posts, sha256=text.sha256,
        # The zone the user gave is part of how the record was read: another --tz reads it anew.
        parser=RECORD_PARSER + (f" --tz {spec.zone}" if spec.zone else ""), zone=reading.zone,
        warnings=text.warnings + reading.warnings, explanation=explanation,
    )


def _read_with(author: str | None) -> str:
    """The blog author as part of how a source was read: every post's speakers may change
    with it, so another author reads the source anew rather than post by post."""
    return f" --author {author}" if author else ""


def _author_line(author: str | None, origin: str) -> list[str]:
    return [f"blog author: {author} ({origin})"] if author else []


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


# How --explain names the basis of a source's order.
_BASES = {"times": "from the posts' times", "cues": "from the writing", "default": "assumed: most live blogs put the newest first",
          "manifest": "as given", "article": "an article", "record": "a record is printed in the order it was spoken"}


def ingest(
    specs: list[SourceSpec],
    db_path: Path,
    on_written: Callable[[ParsedSource, str], None] | None = None,
    speakers: bool = True,
    merge: bool = True,
    on_wait: Callable[[str], None] | None = None,
    story: str | None = None,
) -> IngestReport:
    """Ingest sources into the database at `db_path`, creating it if needed; `on_wait`
    hears when a write has waited long for another writer; `on_written` hears of each
    source once the group it was written in has committed.

    `story` names the story of every source that does not name its own (a manifest's
    `story`); without either, a source already held keeps its story and the others are
    placed by a proposal (liveline.ingest.stories), which the report tells."""
    # Copied only where the batch's story fills in: each copy of a spec is kept as long as
    # the batch is (about 1 KB each; 65,000 sources at 2M paragraphs).
    specs = [replace(spec, story=story) if story and not spec.story else spec for spec in specs]
    with closing(parsed_sources(specs, parse_source)) as stream:
        chunk = next_chunk(stream)
        if chunk.failure is not None:
            raise chunk.failure  # nothing written yet: the timeline is untouched
        db = open_db(db_path, create=True, on_wait=on_wait)
        tune_for_bulk_writes(db)
        try:
            report = IngestReport(results=[], warnings=[])
            log = settle(db, db_path, speakers, merge)  # repair what an interrupted earlier batch left
            # A batch of one chunk is written a source per transaction, as before streaming:
            # it is small, and Ctrl-C keeps exactly the sources it has told of.
            group = GROUP_PARAGRAPHS if len(chunk.sources) < len(specs) else 0
            _write_stream(db, db_path, chunk, stream, report, on_written, group)
            log += settle(db, db_path, speakers, merge)
        finally:
            db.conn.close()
    report.warnings += log
    return report


def _write_stream(db: sqlite_utils.Database, db_path: Path, chunk: Chunk, stream: Iterator[ParsedSource],
                  report: IngestReport, on_written: Callable[[ParsedSource, str], None] | None, group: int) -> None:
    """Place and write chunk after chunk, in transactions of about `group` paragraphs; a
    source that cannot be used stops the stream once the sources before it are written."""
    choice: StoryChoice | None = None
    while chunk.sources or chunk.failure:
        if chunk.sources:
            choice = place_in_stories(db, db_path, chunk.sources, choice)
            _write_chunk(db, db_path, chunk.sources, choice.ids, report, on_written, group)
            report.stories = choice.notes
        if chunk.failure is not None:
            kept = len(report.results)
            raise LivelineError(
                f"{chunk.failure}; the {kept} source{'' if kept == 1 else 's'} before it "
                f"{'is' if kept == 1 else 'are'} written and kept (the same command again skips them)"
            )
        chunk = next_chunk(stream)


def _write_chunk(db: sqlite_utils.Database, db_path: Path, sources: list[ParsedSource], story_ids: list[int | None],
                 report: IngestReport, on_written: Callable[[ParsedSource, str], None] | None, limit: int) -> None:
    """Write a chunk's sources in groups of about `limit` paragraphs (0: one source each),
    one transaction each; each source told once its group has committed."""
    group: list[tuple[ParsedSource, int | None]] = []
    size = 0
    for at, (source, story_id) in enumerate(zip(sources, story_ids, strict=True)):
        group.append((source, story_id))
        size += source.paragraph_count
        if size < limit and at < len(sources) - 1:
            continue
        for (parsed, _), written in zip(group, write_group(db, group, db_path), strict=True):
            report.results.append((parsed.spec.label, written.status))
            report.warnings += parsed.warnings
            if on_written:
                on_written(parsed, written.status)
        group, size = [], 0
