"""When each followed page is polled next: its own interval, stretched a little at random,
and a back-off shared by every page of a host that is failing.

Pure bookkeeping on a clock the caller reads (seconds, any origin): no fetching, no sleeping.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from liveline.ingest.sources.spec import SourceSpec

# Each wait is up to a tenth longer than asked, at random: pages started together drift
# apart instead of reaching their servers in the same second every minute, and a poll is
# never sooner than asked (--every is a floor the user chose to be kind to the outlet).
JITTER = 0.1
# A failing host is tried again at least this often (seconds): the wait doubles per failure
# from the page's own interval, and a live story moves on too fast for a longer silence.
MAX_BACKOFF = 600.0
# Doublings past this cannot lengthen the wait (MAX_BACKOFF is reached far sooner) and
# would overflow a float after a long outage.
_MAX_DOUBLINGS = 32


def host_key(url: str) -> str:
    """Who serves `url`: host and port (two servers on one machine are two hosts)."""
    try:
        parts = urlsplit(url)
        return f"{(parts.hostname or '').lower()}:{parts.port or parts.scheme.lower()}"
    except ValueError:
        return url


@dataclass
class Followed:
    """A page being followed: what to fetch, how often, and when next."""

    spec: SourceSpec
    every: float
    due: float = 0.0  # on the schedule's clock; 0 polls it at once
    host: str = field(init=False)

    def __post_init__(self) -> None:
        self.host = host_key(str(self.spec.url))


@dataclass
class _Host:
    failures: int = 0  # transient failures in a row, of any of its pages
    not_before: float = 0.0  # no page of this host is fetched before this time


class Schedule:
    """The pages still followed, and which one is due next."""

    def __init__(self, pages: Sequence[Followed], jitter: Callable[[], float] | None = None) -> None:
        self.pages = list(pages)
        self._hosts = {page.host: _Host() for page in self.pages}
        self._jitter = jitter or random.random

    def next(self, now: float) -> tuple[Followed, float]:
        """The page due first and how long until it is due; when a host's back-off holds
        several, the one that has waited longest (then the first listed)."""
        page = min(self.pages, key=lambda page: (self._due(page), page.due))
        return page, max(0.0, self._due(page) - now)

    def _due(self, page: Followed) -> float:
        return max(page.due, self._hosts[page.host].not_before)

    def read(self, page: Followed, now: float) -> None:
        """`page` was read (or not modified): its host is well, and it is due again after its interval."""
        self._hosts[page.host] = _Host()
        page.due = now + page.every * (1 + JITTER * self._jitter())

    def failed(self, page: Followed, now: float, retry_after: float | None = None) -> float:
        """`page` failed in a way that may pass: every page of its host waits (doubling per
        failure in a row, at most MAX_BACKOFF, or what the server asked if that is longer).
        Returns the wait in seconds."""
        host = self._hosts[page.host]
        host.failures += 1
        wait = max(min(page.every * 2.0 ** min(host.failures, _MAX_DOUBLINGS), MAX_BACKOFF), retry_after or 0.0)
        host.not_before = page.due = now + wait
        return wait

    def drop(self, page: Followed) -> None:
        self.pages.remove(page)
