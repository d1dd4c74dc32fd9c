"""Text times placed on days: posts that write only "21:06" (and perhaps sit under a day
header) get a UTC time, from the page's order, its day headers and its anchor.

The page's order (newest or oldest first) is read from the times themselves: in the right
order, a time earlier than the one before it is a new day, which only a long jump back
(midnight) explains; a short jump back is a post out of place. The order with fewer of
those wins; a tie is newest first, as most live blogs are.

Then the days: a full date written with the time is that day; a day header is its day
(its year from the page's date when it states none); the rest count days from their
neighbours, a new day at each midnight, the first day fixed by the anchor.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from liveline.ingest.read.raw_post import PartialDate, RawPost, WallTime

# A time this much earlier than the one before it (in time order) is the next day: live
# blogs post every few minutes to hours, so a gap of 6 h back is midnight, while a smaller
# one is a post out of place (a pinned or corrected one).
MIDNIGHT_JUMP = 6 * 60
# The last post may carry a time a little after the page's "Updated" time (the page is
# stamped as the post is saved, the post keeps the minute its writer typed).
END_SLACK = dt.timedelta(minutes=10)
# A day header without a year that, in the page's year, falls more than this after the
# page's date is from the year before (a blog begun 30 December, read on 2 January).
YEAR_AHEAD = dt.timedelta(days=60)
# Posts placed on a day the page's date does not name (none on its day) are still read as
# the page says when one is this near its stated time: a blog begun at 23:00 whose first
# post is at 00:05 crossed midnight; one whose posts end 17 h before its stated time was moved.
NEAR_THE_ANCHOR = dt.timedelta(hours=3)
# Day words name at most this many days back ("the day before yesterday"): the page's
# today is looked for this far (and a day more) after its anchor's day.
_MAX_DAYS_BACK = 2


@dataclass(frozen=True)
class Anchor:
    """Where the page says its posts are in time (page_clock.PageClock's anchor)."""

    when: dt.datetime  # aware
    kind: str  # start | end | day
    evidence: str
    zone: dt.tzinfo  # the page's zone: the anchor's day is its day there
    latest: dt.datetime | None = None  # the page's modified time: no post should be after it


def place(
    posts: list[RawPost], zone_of: Callable[[WallTime], dt.tzinfo], anchor: Anchor | None, *, doubts: list[str] | None = None
) -> list[str]:
    """Set `published` (aware UTC, to the minute) on each post in `posts` (page order) that
    has a `wall` and no `published`; returns notes on what was assumed. The notes on what
    the page leaves unsure (a day it does not state) are added to `doubts` too."""
    walls = [post for post in posts if post.wall is not None and post.published is None]
    if not walls:
        return []
    notes: list[str] = []
    reference = anchor.when.astimezone(anchor.zone).date() if anchor else next((w.day for w in _walls(walls) if w.day), None)
    today, today_note = _today(walls, zone_of, anchor)
    if today_note:
        notes.append(today_note)
    stated, year_note = _stated_days(walls, reference, today)
    notes += year_note
    newest_first, out_of_place, order_note = _page_order(walls, stated)
    if order_note:
        notes.append(order_note)
    if out_of_place:
        notes.append(f"{out_of_place} post(s) out of time order")
    chrono = list(reversed(walls)) if newest_first else walls
    days = [stated.get(id(post)) for post in chrono]
    rel, crossings = _relative_days(_walls(chrono), days)
    if crossings:
        notes.append(f"crossed midnight {crossings} time(s)")
    if any(days):
        placed = _from_stated(days, rel)
    elif anchor is None:
        notes.append("the page states no date")
        return notes
    else:
        first, note = _first_day(chrono, rel, zone_of, anchor)
        notes.append(note)
        placed = [first + dt.timedelta(days=r) for r in rel]
    for post, day in zip(chrono, placed, strict=True):
        post.published = _utc(day, _wall(post), zone_of)
    if anchor and not any(days) and (shift := _unstated_shift(chrono, anchor)):
        notes.append(shift)
        if doubts is not None:
            doubts.append(shift)
    if anchor and anchor.latest and (last := max(p.published for p in chrono if p.published)) > anchor.latest + END_SLACK:
        notes.append(f"the latest post ({last:%Y-%m-%d %H:%MZ}) is after the page's modified time ({anchor.latest.astimezone(dt.UTC):%Y-%m-%d %H:%MZ})")
    return notes


def _wall(post: RawPost) -> WallTime:
    assert post.wall is not None  # only posts with a wall are placed
    return post.wall


def _walls(posts: list[RawPost]) -> list[WallTime]:
    return [_wall(post) for post in posts]


def _minutes(wall: WallTime) -> int:
    return wall.hour * 60 + wall.minute


def _utc(day: dt.date, wall: WallTime, zone_of: Callable[[WallTime], dt.tzinfo]) -> dt.datetime:
    local = dt.datetime.combine(day, dt.time(wall.hour % 24, wall.minute % 60), zone_of(wall))
    return local.astimezone(dt.UTC).replace(second=0, microsecond=0)


def _stated_days(walls: list[RawPost], reference: dt.date | None, today: dt.date | None) -> tuple[dict[int, dt.date], list[str]]:
    """The day each post states: a full date with its time, a day word counted back from
    the page's today, else its day header (a header without a year takes the page's year,
    or the year before when that puts it months ahead)."""
    days: dict[int, dt.date] = {}
    years: set[str] = set()
    for post in walls:
        back = _wall(post).days_back
        if (full := _wall(post).day) is not None:
            days[id(post)] = full
        elif back is not None and today is not None:
            days[id(post)] = today - dt.timedelta(days=back)
        elif post.day is not None and (day := _header_day(post.day, reference, years)) is not None:
            days[id(post)] = day
    notes = [f"year of day headers taken from the page's date: {', '.join(sorted(years))}"] if years else []
    return days, notes


def _today(walls: list[RawPost], zone_of: Callable[[WallTime], dt.tzinfo], anchor: Anchor | None) -> tuple[dt.date | None, str]:
    """The day the page's day words ("today, 08:51", "yesterday, 23:30") count from, and a
    note saying from what; None when no post writes one.

    A page says "today" on the day it was shown, which its own dates only bound: its
    modified time (or an "end" anchor) is at or after its latest post, so today is the
    latest day that puts the posts at or before it; a published (start) anchor is near
    the earliest post; a day anchor is the earliest post's day. Without an anchor, the
    newest date a post writes in full is taken for today."""
    relative = [wall for wall in _walls(walls) if wall.days_back is not None]
    if not relative:
        return None, ""
    if anchor is None:
        newest = max((wall.day for wall in _walls(walls) if wall.day), default=None)
        if newest is None:
            return None, "day words (today, yesterday) with no date to count them from"
        return newest, f"today taken as {newest}, the newest date a post writes (assumed)"

    def times(today: dt.date) -> list[dt.datetime]:
        return [_utc(today - dt.timedelta(days=w.days_back or 0), w, zone_of) for w in relative]

    limit = anchor.latest or (anchor.when if anchor.kind == "end" else None)
    on = (limit or anchor.when).astimezone(anchor.zone).date()
    candidates = [on + dt.timedelta(days=d) for d in range(-1, _MAX_DAYS_BACK + 2)]
    if limit is not None:
        fits = [day for day in candidates if max(times(day)) <= limit + END_SLACK]
        today = fits[-1] if fits else candidates[1]
        said = f"the page's modified time ({limit.astimezone(anchor.zone):%Y-%m-%d %H:%M})" if anchor.latest else anchor.evidence
        return today, f"today (for day words) is {today}: the latest such post at or before {said}"
    if anchor.kind == "day":
        today = min(candidates, key=lambda day: abs((min(times(day)).astimezone(anchor.zone).date() - on).days))
        return today, f"today (for day words) is {today}: the earliest such post on {on} ({anchor.evidence})"
    today = min(candidates, key=lambda day: abs(min(times(day)) - anchor.when))
    return today, f"today (for day words) is {today}: the earliest such post nearest {anchor.evidence}"


def _header_day(header: PartialDate, reference: dt.date | None, years: set[str]) -> dt.date | None:
    try:
        if header.year is not None:
            return dt.date(header.year, header.month, header.day)
        if reference is None:
            return None
        day = dt.date(reference.year, header.month, header.day)
        if day - reference > YEAR_AHEAD:
            day = dt.date(reference.year - 1, header.month, header.day)
            years.add(f"{day.year} (the year before the page's)")
        else:
            years.add(str(day.year))
        return day
    except ValueError:  # 30 February: the header is not a day
        return None


def _backward_steps(posts: list[RawPost], days: dict[int, dt.date]) -> int:
    """Steps in this order that go back in time and that midnight cannot explain."""
    count = 0
    for before, after in zip(posts, posts[1:], strict=False):
        day_before, day_after = days.get(id(before)), days.get(id(after))
        if day_before and day_after and day_before != day_after:
            count += day_after < day_before
            continue
        back = _minutes(_wall(before)) - _minutes(_wall(after))
        same_day = day_before is not None and day_before == day_after
        count += back > 0 and (back <= MIDNIGHT_JUMP or same_day)
    return count


def _page_order(walls: list[RawPost], days: dict[int, dt.date]) -> tuple[bool, int, str]:
    """Whether the page lists newest first, the posts out of place in that order, and a note."""
    if len(walls) < 2:
        return True, 0, ""
    oldest_first = _backward_steps(walls, days)
    newest_first = _backward_steps(list(reversed(walls)), days)
    if oldest_first < newest_first:
        return False, oldest_first, "order: oldest first (from the times)"
    if newest_first < oldest_first:
        return True, newest_first, "order: newest first (from the times)"
    return True, newest_first, "order: newest first (the times do not tell; most live blogs are)"


def _relative_days(chrono: list[WallTime], days: list[dt.date | None]) -> tuple[list[int], int]:
    """Each post's day counted from the first's: one more at each jump back past midnight
    (or to the next stated day); and how many midnights were crossed without a stated day."""
    rel, crossings = [0], 0
    for i in range(1, len(chrono)):
        day, before = days[i], days[i - 1]
        if day is not None and before is not None:
            rel.append(rel[-1] + (day - before).days)
            continue
        crossed = _minutes(chrono[i - 1]) - _minutes(chrono[i]) > MIDNIGHT_JUMP
        crossings += crossed
        rel.append(rel[-1] + crossed)
    return rel, crossings


def _from_stated(days: list[dt.date | None], rel: list[int]) -> list[dt.date]:
    """Days for every post: stated ones as stated, the rest counted from the nearest stated
    post before them (or after them, for the posts before the first)."""
    stated = [(i, day) for i, day in enumerate(days) if day is not None]
    placed: list[dt.date] = []
    nearest = 0  # the last stated post at or before i (the first, before any)
    for i, day in enumerate(days):
        while nearest + 1 < len(stated) and stated[nearest + 1][0] <= i:
            nearest += 1
        j, known = stated[nearest]
        placed.append(day if day is not None else known + dt.timedelta(days=rel[i] - rel[j]))
    return placed


def _unstated_shift(chrono: list[RawPost], anchor: Anchor) -> str:
    """A note when the posts were placed on days the page does not state: none is on its
    anchor's day, nor near its anchor's time; else empty."""
    times = [post.published for post in chrono if post.published is not None]
    on = anchor.when.astimezone(anchor.zone).date()
    if not times or any(when.astimezone(anchor.zone).date() == on for when in times):
        return ""
    if min(abs(when - anchor.when) for when in times) <= NEAR_THE_ANCHOR:
        return ""
    first, last = (min(times).astimezone(anchor.zone).date(), max(times).astimezone(anchor.zone).date())
    days = str(first) if first == last else f"{first} to {last}"
    return f"posts placed on {days}, not on {on} that {anchor.evidence} states: the page does not say so (pass --date)"


def _first_day(chrono: list[RawPost], rel: list[int], zone_of: Callable[[WallTime], dt.tzinfo], anchor: Anchor) -> tuple[dt.date, str]:
    """The first post's day from the page's anchor, and a note saying how.

    start: the day (the anchor's, the day before or after) whose posts' span comes nearest
    the anchor, then whose first post is nearest it (a "published" time that is in fact the
    last update still lies within the posts' span); end: the last day that puts the latest
    post at or before the anchor; day: the anchor's day."""
    on = anchor.when.astimezone(anchor.zone).date()
    if anchor.kind == "day":
        return on, f"day: the first post's is {on} ({anchor.evidence})"
    walls = _walls(chrono)

    def span(first: dt.date) -> tuple[dt.datetime, dt.datetime]:
        times = [_utc(first + dt.timedelta(days=r), wall, zone_of) for r, wall in zip(rel, walls, strict=True)]
        return min(times), max(times)

    if anchor.kind == "end":
        limit = anchor.when + END_SLACK
        candidates = [on + dt.timedelta(days=d) for d in range(1, -rel[-1] - 3, -1)]
        first = next((day for day in candidates if span(day)[1] <= limit), candidates[-1])
        return first, f"day: the first post's is {first}, the latest at or before {anchor.evidence}"

    # On the anchor's day, all after the start (and by the page's last update): the page's own day.
    after_start = span(on)
    if after_start[0] >= anchor.when - END_SLACK and (anchor.latest is None or after_start[1] <= anchor.latest + END_SLACK):
        return on, f"day: the first post's is {on}, after {anchor.evidence}"

    def distance(first: dt.date) -> tuple[dt.timedelta, dt.timedelta]:
        # How far the day puts the posts from what the page says: outside the anchor, and
        # after its modified time; a few minutes past a stale modified time beat a day off.
        earliest, latest = span(first)
        outside = max(earliest - anchor.when, anchor.when - latest, dt.timedelta(0))
        after_modified = max(latest - (anchor.latest + END_SLACK), dt.timedelta(0)) if anchor.latest else dt.timedelta(0)
        return outside + after_modified, abs(earliest - anchor.when)

    first = min((on + dt.timedelta(days=d) for d in (-1, 0, 1)), key=distance)
    return first, f"day: the first post's is {first}, nearest {anchor.evidence}"
