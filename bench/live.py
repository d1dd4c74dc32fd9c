"""The live path at scale: one new post from a follower's poll, to an open reader's screen.

    python -m bench.live --paragraphs 200000 [100000 400000] [--posts 6] [--out build/speed]

For each size, on the synthetic corpus timeline (bench.speed builds it, reused when there):
1. two more outlets' live pages (JSON-LD) on the corpus's latest day are ingested whole,
   as a follower's first poll writes each ("one new blog": settled on its own, the story
   not read again, settle.py); the second page also settled in full, on a copy (what a
   new blog cost before, and still costs past settle.NEW_SOURCE_MAX_PARAGRAPHS);
2. then, poll after poll, one new post is published on one of the pages, the two taking
   turns on each new event (the first report, then the second outlet's, which merges
   with it), after everything else on the day, as a live page's newest posts are. A
   writer process (as `liveline follow` is) writes the page and settles it; this process
   holds the reader's connection open and does what the reader does every second: when
   the data version has moved, it builds a new Pager for its view, counts the news
   (liveline.tui.live's Tracker: the reader's own calls, without drawing) and reads the
   page of entries it would show. Post-to-screen latency is from the writer starting its
   write to the reader finding the new post, so it includes the wait for the reader's
   next once-a-second look (worst case 1 s);
3. the same post settled in full, on a copy of the timeline: the cost incremental saves;
4. one post reporting an event the day told hours earlier (it joins that event, and the
   day's order is worked out again from there on): the incremental path's slow case;
5. polls bringing 8, 32 and 64 posts at once, settled incrementally (on copies): how the
   cost grows with a backlog, the evidence for settle.INCREMENTAL_MAX_PARAGRAPHS.
Every writer reports `cpu_s` (its user + system time, write and settle: the machine is
shared, wall time is noise) and the settle's path. With several sizes, `growth` gives the
ratio of each cost between consecutive sizes.
Prints one JSON report; with --stage write it is the writer process (internal).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.corpus import PLACES, SURNAME_PARTS, TOPIC_NOUNS, VERBS, EventSpec, _report, event_from_data
from bench.speed import build_timeline, corpus_for

POLL_SECONDS = 1.0  # the reader's look at the data version (liveline/tui/app.py)
FIRST_EVENTS = 3  # events on both live pages before the polls that are timed
BACKLOGS = (8, 32, 64)  # posts a poll brings at once, for the cost of settling a backlog incrementally
OUTLETS = (("Bench Live North", (3, 1)), ("Bench Live South", (0, 2)))  # each with its wordings (bench.corpus)
EVENING = dt.time(21, 0)  # after everything on the corpus's day (its events run 09:00 to 21:00)


def live_events(live: dict, count: int, seed: int) -> list[EventSpec]:
    """Events of the day's evening, announced by the day's speakers: new to the timeline."""
    rng = random.Random(seed)
    people = [event_from_data(data).speaker for data in live["events"]]
    start = dt.datetime.combine(dt.date.fromisoformat(live["date"]), EVENING)
    return [EventSpec(f"live-{k}", rng.choice(people), rng.choice(VERBS), rng.choice(TOPIC_NOUNS),
                      rng.randrange(2, 100_000), rng.randrange(3, 600), rng.choice(PLACES),
                      f"{rng.choice(SURNAME_PARTS)}live {rng.randrange(10, 99)}", (start + dt.timedelta(minutes=2 * k)).time())
            for k in range(count)]


def live_page(outlet: int, day: str, events: list[EventSpec]) -> str:
    """The outlet's page as a live blog publishes it: LiveBlogPosting JSON-LD, newest post
    first, each post one event in two paragraphs (a minute or three after the event), with
    the page's own id."""
    name, styles = OUTLETS[outlet]
    updates = []
    for event in events:
        at = (dt.datetime.combine(dt.date.fromisoformat(day), event.at) + dt.timedelta(minutes=1 + 2 * outlet))
        updates.append({"@type": "BlogPosting", "@id": f"{outlet}-{event.key}", "datePublished": f"{at:%Y-%m-%dT%H:%M}:00Z",
                        "headline": f"{event.speaker.surname} on {event.topic}",
                        "articleBody": "\n".join(_report(event, style, first=style in (0, 3))[0] for style in styles)})
    page = {"@context": "https://schema.org", "@type": "LiveBlogPosting", "headline": "Ministers set out plans – live",
            "datePublished": f"{day}T08:00:00+00:00", "publisher": {"@type": "Organization", "name": name},
            "liveBlogUpdate": updates[::-1]}
    return (f'<!doctype html><html><head><title>Ministers set out plans</title><script type="application/ld+json">'
            f"{json.dumps(page)}</script></head><body><main><h1>Ministers set out plans</h1></main></body></html>")


def _write(page: Path, db_path: Path, full: bool, most: int | None = None) -> dict:
    """The writer process: a poll's write and settle, timed (wall clock, for the reader's side)."""
    from liveline.ingest import settle as settling
    from liveline.ingest.dirty import dirty_dates, dirty_posts, mark_dirty_dates
    from liveline.ingest.pipeline import parse_source
    from liveline.ingest.settle import settle
    from liveline.ingest.sources.spec import SourceSpec
    from liveline.ingest.speakers.kept import kept_registry
    from liveline.ingest.stories.choice import place_in_stories
    from liveline.ingest.writer import write_source
    from liveline.timeline.store import open_db

    if most is not None:
        settling.INCREMENTAL_MAX_PARAGRAPHS = most
    if full:  # as a batch settles: nothing small enough to settle on its own
        settling.INCREMENTAL_MAX_PARAGRAPHS = settling.NEW_SOURCE_MAX_PARAGRAPHS = 0
    paths = _spy_on_paths(settling)
    parsed = parse_source(SourceSpec(path=page, outlet="", name=page.name))
    cpu = _cpu()
    start = time.time()
    db = open_db(db_path, create=True)
    try:
        status = write_source(db, parsed, db_path, story_id=place_in_stories(db, db_path, [parsed]).ids[0])
        written = time.time()
        if full:  # the same data settled as a batch would settle it
            with db.conn:
                mark_dirty_dates(db.conn, dirty_dates(db.conn))
        # Whether settle may take the incremental path (it also needs a small change).
        incremental = dirty_posts(db.conn) is not None and kept_registry(db.conn) is not None
        settle(db, db_path)
        settled = time.time()
    finally:
        db.conn.close()
    return {"status": str(status), "incremental": incremental, "start": start, "write_s": round(written - start, 3),
            "settle_s": round(settled - written, 3), "settled": settled, "cpu_s": round(_cpu() - cpu, 3),
            "path": _path(paths)}


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _spy_on_paths(settling: object) -> list[str]:
    """The settle's steps that tell its path, with whether each answered (writer process)."""
    calls: list[str] = []
    for name in ("refresh_speakers", "attribute_sources", "attribute_posts", "_new_story"):
        real = getattr(settling, name)

        def spy(*args: object, _real: object = real, _name: str = name) -> object:
            result = _real(*args)  # type: ignore[operator]
            answered = _name in ("refresh_speakers", "attribute_posts") or (result is not None and result is not False)
            calls.append(f"{_name}:{answered}")
            return result

        setattr(settling, name, spy)
    return calls


def _path(calls: list[str]) -> str:
    """Which way settle went: a poll's posts, a new source against the story's kept
    registry, a new story (read whole: itself only), or in full (the story read again)."""
    for step, path in (("attribute_posts", "posts"), ("attribute_sources", "new source"), ("_new_story", "new story"),
                       ("refresh_speakers", "full")):
        if f"{step}:True" in calls:
            return path
    return "none"


def _writer(page: Path, db: Path, full: bool = False, most: int | None = None) -> subprocess.Popen[str]:
    argv = [sys.executable, "-m", "bench.live", "--stage", "write", "--page", str(page), "--db", str(db)]
    argv += ["--full"] if full else []
    argv += ["--most-incremental", str(most)] if most is not None else []
    return subprocess.Popen(argv, stdout=subprocess.PIPE, text=True)


def _report_of(writer: subprocess.Popen[str]) -> dict:
    out, _ = writer.communicate()
    if writer.returncode:
        raise RuntimeError(f"the writer process failed ({writer.returncode})")
    return json.loads(out.strip().splitlines()[-1])


class Reader:
    """An open reader's connection and what it does each second (no drawing)."""

    def __init__(self, db_path: Path, merged: bool = False) -> None:
        from liveline.timeline.store import open_db
        from liveline.timeline.view import View
        from liveline.tui.live import Tracker

        self.db = open_db(db_path)
        self.view = View(merged=merged)
        self.tracker = Tracker(self.db)

    def look(self) -> tuple[float, int] | None:
        """What the reader does on its timer: (seconds, new entries) when the data moved."""
        from liveline.timeline.pager import Pager

        if not self.tracker.moved():
            return None
        started = time.perf_counter()
        pager = Pager(self.db, self.view)
        news = self.tracker.news(pager)
        pager.entry(news.first if news.first is not None else max(pager.count - 1, 0))  # the page shown
        return time.perf_counter() - started, news.count

    def caught_up(self) -> None:
        self.tracker.caught_up()


class Pages:
    """The two live pages, as published so far, on disk."""

    def __init__(self, out: Path, day: str) -> None:
        self.day = day
        self.paths = [out / f"live-{n}.html" for n in range(len(OUTLETS))]
        self.posts: list[list[EventSpec]] = [[] for _ in OUTLETS]

    def publish(self, outlet: int, *events: EventSpec) -> Path:
        self.posts[outlet] += events
        self.paths[outlet].write_text(live_page(outlet, self.day, self.posts[outlet]), encoding="utf-8")
        return self.paths[outlet]


def _poll(page: Path, db: Path, reader: Reader) -> dict:
    """A page with one new post written and settled by a writer process while the reader
    looks every POLL_SECONDS; returns the writer's timings and when the reader saw the post."""
    writer = _writer(page, db)
    looks: list[float] = []
    seen_at = None
    while seen_at is None:
        time.sleep(POLL_SECONDS - time.time() % POLL_SECONDS)  # the reader's timer ticks on its own
        finished = writer.poll() is not None
        looked = reader.look()
        if looked:
            looks.append(looked[0])
            if looked[1]:
                seen_at = time.time()
        elif finished:
            raise RuntimeError(f"the reader never saw the new post: {_report_of(writer)}")
    result = _report_of(writer)
    reader.caught_up()
    return {**{k: result[k] for k in ("status", "incremental", "path", "write_s", "settle_s", "cpu_s")}, "reader_s": round(looks[-1], 3),
            "latency_s": round(seen_at - result["start"], 3)}


def _copy(source: Path, target: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    with sqlite3.connect(source) as conn, sqlite3.connect(target) as copy:
        conn.backup(copy)


def _drop(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _settled_in_full(db: Path, out: Path, pages: Pages, outlet: int, *events: EventSpec) -> dict:
    """The writer's report of these posts (a new page's first poll, or one more post)
    settled in full, on a copy of the timeline."""
    copy = out / "live-full.db"
    _copy(db, copy)
    saved = list(pages.posts[outlet])
    try:
        return _report_of(_writer(pages.publish(outlet, *events), copy, full=True))
    finally:
        pages.posts[outlet] = saved
        pages.paths[outlet].write_text(live_page(outlet, pages.day, saved), encoding="utf-8")
        _drop(copy)


def _backlogs(db: Path, out: Path, pages: Pages, events: list[EventSpec]) -> dict[str, dict]:
    """Seconds to settle a poll bringing many posts at once, incrementally (the threshold
    lifted), on a copy of the timeline each: the evidence for settle.INCREMENTAL_MAX_PARAGRAPHS."""
    found = {}
    for count in BACKLOGS:
        copy = out / "live-backlog.db"
        _copy(db, copy)
        saved = list(pages.posts[0])
        try:
            page = pages.publish(0, *events[:count])
            with sqlite3.connect(copy) as conn:
                before = conn.execute("SELECT MAX(id) FROM paragraphs").fetchone()[0]
            report = _report_of(_writer(page, copy, most=1_000_000))
            with sqlite3.connect(copy) as conn:
                added = conn.execute("SELECT COUNT(*) FROM paragraphs WHERE id > ?", (before,)).fetchone()[0]
        finally:
            pages.posts[0] = saved
            pages.paths[0].write_text(live_page(0, pages.day, saved), encoding="utf-8")
            _drop(copy)
        found[str(count)] = {"paragraphs": added, "settle_s": report["settle_s"], "cpu_s": report["cpu_s"],
                             "incremental": report["incremental"]}
    return found


def _fingerprint_registries(db: Path) -> bool:
    """A timeline settled before kept registries recorded what they were learned from
    (speakers/kept.py) gets that record, as a settle by this liveline leaves it: the
    registry itself unchanged. True when it was needed."""
    from liveline.ingest.speakers.kept import keep_registry, kept_state

    with sqlite3.connect(db) as conn:
        stories = [story for (story,) in conn.execute("SELECT id FROM stories")]
        kept = {story: kept_state(conn, story) for story in stories}
        older = {story: state[0] for story, state in kept.items() if state is not None and state[1] is None}
        for story, registry in older.items():
            keep_registry(conn, registry, story)
    return bool(older)


def _growth(sizes: dict[str, dict]) -> dict[str, dict[str, float]]:
    """Each cost at a size over the same at the size before (2.0: doubling the story doubled it)."""
    def costs(size: dict) -> dict[str, float]:
        blog = size["one_new_blog"]
        return {"paragraphs": size["paragraphs"], "one_new_blog_cpu_s": max(p["cpu_s"] for p in blog["first_polls"]),
                "one_new_blog_settle_s": max(p["settle_s"] for p in blog["first_polls"]),
                "one_new_blog_in_full_cpu_s": blog["settled_in_full"]["cpu_s"],
                "one_post_cpu_s": size["one_post"]["cpu_s"], "one_post_settle_s": size["one_post"]["settle_s"],
                "one_post_in_full_cpu_s": size["one_post_full_settle"]["cpu_s"]}

    found = {}
    ordered = sorted(sizes.items(), key=lambda item: int(item[0]))
    for (small, a), (large, b) in zip(ordered, ordered[1:], strict=False):
        before, after = costs(a), costs(b)
        found[f"{small}->{large}"] = {key: round(after[key] / before[key], 2) if before[key] else float("nan") for key in before}
    return found


def measure(paragraphs: int, out: Path, seed: int, posts: int) -> dict:
    corpus, _ = corpus_for(paragraphs, out, seed)
    base = out / f"timeline-{paragraphs}.db"
    if not base.exists():
        build_timeline(corpus, base)
    live = json.loads((corpus / "live.json").read_text(encoding="utf-8"))
    timed = FIRST_EVENTS + (posts + 1) // 2
    events = live_events(live, timed + max(BACKLOGS), seed)
    db = out / f"live-{paragraphs}.db"
    _copy(base, db)
    fingerprinted = _fingerprint_registries(db)
    pages = Pages(out, live["date"])
    first = [_report_of(_writer(pages.publish(0, *events[:FIRST_EVENTS]), db))]
    new_blog_full = _settled_in_full(db, out, pages, 1, *events[:FIRST_EVENTS])
    first.append(_report_of(_writer(pages.publish(1, *events[:FIRST_EVENTS]), db)))
    with sqlite3.connect(db) as conn:
        count = conn.execute("SELECT COUNT(*) FROM paragraphs").fetchone()[0]
        blog = conn.execute("SELECT COUNT(*) FROM paragraphs WHERE source_id = (SELECT MAX(id) FROM sources)").fetchone()[0]
    full = _settled_in_full(db, out, pages, 0, events[FIRST_EVENTS])
    polls = []
    reader = Reader(db)
    try:
        for number in range(posts):
            outlet, event = number % len(OUTLETS), events[FIRST_EVENTS + number // len(OUTLETS)]
            polls.append({"outlet": outlet, **_poll(pages.publish(outlet, event), db, reader)})
        told_earlier = event_from_data(live["events"][len(live["events"]) // 2])
        earlier = _poll(pages.publish(1, told_earlier), db, reader)
    finally:
        reader.db.conn.close()
    backlogs = _backlogs(db, out, pages, events[timed:])
    _drop(db)

    def median(key: str) -> float:
        return round(statistics.median(p[key] for p in polls), 3)

    def costs(report: dict) -> dict:
        return {key: report[key] for key in ("path", "write_s", "settle_s", "cpu_s")}

    return {
        "paragraphs": count,
        "registry_fingerprinted": fingerprinted,
        "one_new_blog": {"paragraphs": blog, "first_polls": [costs(report) for report in first],
                         "settled_in_full": costs(new_blog_full)},
        "one_post_full_settle": costs(full),
        "polls": polls,
        "one_post": {key: median(key) for key in ("write_s", "settle_s", "cpu_s", "reader_s", "latency_s")},
        "latency_max_s": max(p["latency_s"] for p in polls),
        "latency_bound_s": round(max(p["write_s"] + p["settle_s"] + p["reader_s"] for p in polls) + POLL_SECONDS, 3),
        "post_joining_an_event_told_hours_earlier": earlier,
        "backlog_incremental_settle": backlogs,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.live", description=__doc__.split("\n\n")[0])
    parser.add_argument("--paragraphs", type=int, nargs="+", default=[200000])
    parser.add_argument("--posts", type=int, default=6, help="new posts timed, one per poll")
    parser.add_argument("--out", type=Path, default=Path("build/speed"))
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--stage", help=argparse.SUPPRESS)
    parser.add_argument("--page", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--full", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--most-incremental", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.stage == "write":
        print(json.dumps(_write(args.page, args.db, args.full, args.most_incremental)))
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    report = {
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "cpus": __import__("os").cpu_count()},
        "sizes": {str(n): measure(n, args.out, args.seed, args.posts) for n in sorted(args.paragraphs)},
    }
    report["growth"] = _growth(report["sizes"])
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
