"""What the user told us about a source: where it is and what the text cannot say itself."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from liveline.ingest.sources.addresses import public_url
from liveline.ingest.storable import storable_day
from liveline.timeline.errors import LivelineError

KINDS = ("liveblog", "article", "transcript")
ORDERS = ("newest_first", "oldest_first", "article")
# The shortest wait between two fetches of an outlet's page: be kind to its servers.
MIN_POLL_SECONDS = 5
# The longest wait between two polls: a page followed less often than daily is not being
# followed, and the wait must stay far inside what the operating system's timer accepts.
MAX_POLL_SECONDS = 24 * 60 * 60


@dataclass(frozen=True)
class SourceSpec:
    """A source to ingest. `path` None means standard input."""

    path: Path | None
    outlet: str
    name: str
    kind: str | None = None  # None: detect from the text
    date: dt.date | None = None  # None: the text must state it
    order: str | None = None  # None: detect
    title: str | None = None
    url: str | None = None
    remote: bool = False  # fetch `url` (the outlet, title and date may then come from the page)
    every: float | None = None  # seconds between polls when followed (None: the command's --every)
    zone: str | None = None  # the zone of a page's written times, when it does not say (--tz); None: the page's own
    author: str | None = None  # the blog's own author (--author); None: the page's byline, if it has one
    story: str | None = None  # the story it belongs to (--story, a manifest's `story`); None: proposed, or kept

    @property
    def label(self) -> str:
        if self.remote:
            return public_url(str(self.url))
        return "standard input" if self.path is None else str(self.path)

    def with_defaults(self, **values: Any) -> SourceSpec:
        """Fill the fields that are still unset (the command line beats nothing, not the manifest)."""
        unset = {k: v for k, v in values.items() if getattr(self, k) is None and v is not None}
        return replace(self, **unset) if unset else self


def parse_date(value: object, where: str) -> dt.date:
    """A date the user gave (flag or manifest): YYYY-MM-DD, and one liveline can store."""
    try:
        day = dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise LivelineError(f"{where}: date {value!r} is not YYYY-MM-DD") from None
    return storable_day(day, f"{where}: date", value)


def poll_interval(value: object) -> float | None:
    """A number of seconds between polls (above 0, at most MAX_POLL_SECONDS), or None when
    `value` is not one (text, a boolean, NaN, infinity)."""
    if isinstance(value, bool):
        return None
    try:
        number = float(value)  # type: ignore[arg-type]  # anything else is refused below
    except (TypeError, ValueError, OverflowError):
        return None
    return number if 0 < number <= MAX_POLL_SECONDS else None  # also false for NaN


def check_choice(value: str | None, choices: tuple[str, ...], what: str, where: str) -> str | None:
    if value is None:
        return None
    if value not in choices:
        raise LivelineError(f"{where}: {what} {value!r} is not one of {', '.join(choices)}")
    return value
