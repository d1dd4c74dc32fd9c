"""Following live blogs: poll several pages in one process, each on its own schedule,
append new posts, rewrite edited ones, mark the ones that left their page.

Each poll of a page is a conditional fetch and, when the page changed, one transaction
(live/page.py); when each page is due, and how a failing host is spared, is
live/schedule.py. A page that fails in a way that may pass (a timeout, a 503) is tried
again later, with every page of its host; a page that fails for good (a 404, no posts
any more) is reported once and dropped, and the others go on.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from time import monotonic

from liveline.ingest.live.page import read_page, recall, repair, store_page
from liveline.ingest.live.schedule import Followed, Schedule
from liveline.ingest.sources.spec import SourceSpec
from liveline.ingest.sources.web import FetchError
from liveline.ingest.writer import Written
from liveline.timeline.errors import LivelineError

Report = Callable[[str], None]


class VirtualClock:
    """Time for a caller that replaces the sleep (tests): it moves only when the follower
    sleeps, so the waits it asks for are exact and nothing waits for real."""

    def __init__(self, sleep: Callable[[float], None]) -> None:
        self.now = 0.0
        self._sleep = sleep

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self._sleep(seconds)
        self.now += seconds


def status_line(outlet: str, written: Written | None, posts: int) -> str:
    """The one line a poll prints: `HH:MM:SS OUTLET: what changed (P posts on the page)`."""
    on_page = f"({posts} posts on the page)"
    if written is None:
        said = "not modified"
    elif written.status == "unchanged":
        said = f"unchanged {on_page}"
    elif not written.matched:
        said = f"replaced {on_page}"
    else:
        said = f"{written.new} new, {written.edited} edited, {written.removed} removed {on_page}"
    return f"{time.strftime('%H:%M:%S')} {outlet}: {said}"


@dataclass
class _Follower:
    db_path: Path
    report: Report  # a line per poll, and waits for other writers
    warn: Report  # failures and the settle's warnings

    def poll(self, page: Followed) -> Written | LivelineError | None:
        """One poll of `page`: what the write did, None when not modified, or the page's
        error. Errors of the timeline itself (busy, damaged, read-only) stop everything."""
        remembered = recall(self.db_path, page.spec)
        try:
            reading = read_page(page.spec, remembered)
        except LivelineError as exc:
            return exc
        if reading.parsed is None:
            self.report(status_line(reading.outlet, None, 0))
            return None
        written, log = store_page(reading, self.db_path, on_wait=self.report, on_note=self.report)
        for line in log:
            self.warn(line)
        self.report(status_line(reading.outlet, written, len(reading.parsed.timeline_posts)))
        return written


def follow(
    specs: SourceSpec | Sequence[SourceSpec],
    db_path: Path,
    every: float,
    report: Report,
    polls: int | None = None,
    sleep: Callable[[float], None] | None = None,
    *,
    once: bool = False,
    warn: Report | None = None,
    clock: Callable[[], float] | None = None,
    jitter: Callable[[], float] | None = None,
) -> int:
    """Follow the pages (each every `every` seconds unless its spec says) until Ctrl-C, or
    for `polls` polls in all, or (`once`) one poll of each; returns how many polls wrote
    something. `report` hears a line per poll, `warn` (default `report`) the failures.

    Raises LivelineError when no page is left to follow, or with `once` when any failed.
    A caller's `sleep` (tests) runs on a clock that moves only when it is called.
    """
    pages = [Followed(spec, spec.every or every) for spec in ([specs] if isinstance(specs, SourceSpec) else specs)]
    if sleep is not None and clock is None:
        virtual = VirtualClock(sleep)
        sleep, clock = virtual.sleep, virtual
    sleep = sleep or time.sleep
    clock = clock or monotonic
    follower = _Follower(db_path, report, warn or report)
    for line in repair(db_path, on_wait=report):
        follower.warn(line)
    if once:
        return _once(follower, pages)
    schedule = Schedule(pages, jitter)
    wrote = done = 0
    while polls is None or done < polls:
        page, wait = schedule.next(clock())
        if wait > 0:
            sleep(wait)
        done += 1
        outcome = follower.poll(page)
        if isinstance(outcome, FetchError) and outcome.transient:
            wait = schedule.failed(page, clock(), outcome.retry_after)
            follower.warn(f"{outcome}; trying again in {wait:.0f} s")
        elif isinstance(outcome, LivelineError):
            schedule.drop(page)
            if not schedule.pages:
                raise outcome if len(pages) == 1 else LivelineError(f"{outcome}; no page left to follow")
            follower.warn(f"{outcome}; no longer following it")
        else:
            schedule.read(page, clock())
            wrote += _wrote(outcome)
    return wrote


def _wrote(outcome: Written | None) -> int:
    return int(outcome is not None and outcome.status != "unchanged")


def _once(follower: _Follower, pages: list[Followed]) -> int:
    """Each page polled once, none tried again; LivelineError if any could not be read."""
    wrote = 0
    failed: list[LivelineError] = []
    for page in pages:
        outcome = follower.poll(page)
        if isinstance(outcome, LivelineError):
            failed.append(outcome)
            if len(pages) > 1:
                follower.warn(str(outcome))
        else:
            wrote += _wrote(outcome)
    if failed:
        raise failed[0] if len(pages) == 1 else LivelineError(f"{len(failed)} of {len(pages)} pages could not be read")
    return wrote
