"""Fetching a page: httpx with timeouts and an overall deadline, a size cap, few redirects,
http(s) only, and one clear line for every way it can fail.

A user name and password in an address are used for the fetch and nowhere else: every
address this module reports or hands on for storing goes through `public_url`.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit

import httpx

from liveline.ingest.sources.addresses import WEB_SCHEMES, public_url
from liveline.timeline import __version__
from liveline.timeline.errors import LivelineError
from liveline.timeline.locations import fetch_timeout

CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 20.0
# The whole fetch (connecting, redirects, headers and body) must end within this many read
# timeouts: 60 s by default. The read timeout is per read, so without this a server that
# drips a byte a second holds a fetch for as long as it likes.
DEADLINE_READS = 3
MAX_BYTES = 20 * 1024 * 1024
MAX_REDIRECTS = 5
_HTML_TYPES = ("text/html", "application/xhtml+xml")


class FetchError(LivelineError):
    """A page that could not be fetched; `transient` when trying again later may work."""

    def __init__(self, message: str, transient: bool = False) -> None:
        super().__init__(message)
        self.transient = transient


@dataclass
class Page:
    url: str  # after redirects, without credentials
    body: bytes
    content_type: str


def _parts(url: str) -> SplitResult:
    """The parts of an address, port included, or FetchError saying what is wrong with it."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 -- a port that is not a number only fails when read
    except ValueError as exc:
        raise FetchError(f"{public_url(url)}: not a valid web address ({exc})") from None
    return parts


def check_url(url: str) -> str:
    """`url` when liveline can fetch it (http or https, in any case, with a host); else FetchError."""
    parts = _parts(url)
    if parts.scheme.lower() not in WEB_SCHEMES or not parts.hostname:
        raise FetchError(f"{public_url(url)}: only http:// and https:// addresses can be fetched")
    return url


def fetch(url: str, timeout: float | None = None) -> Page:
    """The page at `url`, or FetchError with the reason in one line, within the deadline."""
    check_url(url)
    timeout = timeout or fetch_timeout()  # $LIVELINE_FETCH_TIMEOUT, else the defaults above
    deadline = DEADLINE_READS * (timeout or READ_TIMEOUT)
    outcome: list[Page | BaseException] = []
    stop = threading.Event()

    def work() -> None:
        try:
            outcome.append(_fetch(url, timeout, stop))
        except BaseException as exc:  # handed to the caller's thread
            outcome.append(exc)

    # httpx has no deadline for a whole request, and a read blocked on a slow server cannot
    # be interrupted from its own thread; so the fetch runs in a thread the caller stops
    # waiting for. The abandoned fetch ends at its next chunk (or read timeout), unread.
    worker = threading.Thread(target=work, name="liveline-fetch", daemon=True)
    worker.start()
    worker.join(deadline)
    if not outcome:
        stop.set()
        raise FetchError(f"{public_url(url)}: took more than {deadline:g} s in all; stopped", transient=True)
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]


def _fetch(url: str, timeout: float | None, stop: threading.Event) -> Page:
    shown = public_url(url)
    limits = httpx.Timeout(timeout or READ_TIMEOUT, connect=min(timeout or CONNECT_TIMEOUT, CONNECT_TIMEOUT))
    headers = {"User-Agent": f"liveline/{__version__} (live-blog reader)", "Accept": "text/html,application/xhtml+xml"}
    try:
        with httpx.Client(timeout=limits, follow_redirects=True, max_redirects=MAX_REDIRECTS, headers=headers) as client:
            with client.stream("GET", url) as response:
                for hop in [*response.history, response]:
                    check_url(str(hop.url))  # a redirect to file:// or ftp:// stops here
                if response.status_code >= 400:
                    transient = response.status_code >= 500 or response.status_code == 429
                    raise FetchError(f"{shown}: the server answered {response.status_code} {response.reason_phrase}", transient)
                content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
                if content_type and content_type not in _HTML_TYPES:
                    raise FetchError(f"{shown}: not a web page (content type {content_type})")
                body = bytearray()
                for chunk in response.iter_bytes():
                    if stop.is_set():
                        raise FetchError(f"{shown}: stopped")  # the caller gave up at the deadline
                    body += chunk
                    if len(body) > MAX_BYTES:
                        raise FetchError(f"{shown}: larger than {MAX_BYTES // (1024 * 1024)} MB; not read")
                return Page(public_url(str(response.url)), bytes(body), content_type or "text/html")
    except httpx.TooManyRedirects:
        raise FetchError(f"{shown}: more than {MAX_REDIRECTS} redirects") from None
    except httpx.TimeoutException:
        raise FetchError(f"{shown}: timed out", transient=True) from None
    except httpx.InvalidURL as exc:
        raise FetchError(f"{shown}: not a valid web address ({exc})") from None
    except httpx.HTTPError as exc:
        raise FetchError(f"{shown}: cannot connect ({exc.__class__.__name__}: {str(exc).replace(url, shown)})", transient=True) from None
