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
# Who is asking, on every fetch: a server's operator can see what polls them and why.
USER_AGENT = f"liveline/{__version__} (terminal live-blog reader)"
# The longest wait a server's Retry-After can ask of us that we honour as given: a day
# (beyond that it is more likely a slip than a plan, and the follower's own cap applies).
MAX_RETRY_AFTER = 24 * 60 * 60.0
# A real ETag or Last-Modified is tens of characters; a longer one (or one that is not
# printable ASCII, which cannot be sent back as a header) is not kept, and the next fetch
# is a plain one.
MAX_VALIDATOR_CHARS = 1024


class FetchError(LivelineError):
    """A page that could not be fetched; `transient` when trying again later may work,
    `retry_after` when the server said how many seconds to wait first."""

    def __init__(self, message: str, transient: bool = False, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.transient = transient
        self.retry_after = retry_after


@dataclass(frozen=True)
class Validators:
    """What a server said identifies its answer (ETag, Last-Modified), sent back on the next
    fetch so that an unchanged page costs a "304 Not Modified" instead of the whole page."""

    etag: str | None = None
    last_modified: str | None = None

    def __bool__(self) -> bool:
        return bool(self.etag or self.last_modified)

    @classmethod
    def answered(cls, headers: httpx.Headers) -> Validators:
        return cls(_sendable(headers.get("etag")), _sendable(headers.get("last-modified")))

    def headers(self) -> dict[str, str]:
        sent = {"If-None-Match": self.etag, "If-Modified-Since": self.last_modified}
        return {name: value for name, value in sent.items() if value}


@dataclass
class Page:
    url: str  # after redirects, without credentials
    body: bytes
    content_type: str
    validators: Validators = Validators()
    not_modified: bool = False  # a 304 to a conditional fetch: `body` is empty, the last one stands


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


def fetch(url: str, timeout: float | None = None, validators: Validators | None = None) -> Page:
    """The page at `url`, or FetchError with the reason in one line, within the deadline.
    With `validators` (from an earlier answer) the fetch is conditional: a server whose
    page has not changed answers 304, returned as a Page with `not_modified` set."""
    check_url(url)
    timeout = timeout or fetch_timeout()  # $LIVELINE_FETCH_TIMEOUT, else the defaults above
    deadline = DEADLINE_READS * (timeout or READ_TIMEOUT)
    outcome: list[Page | BaseException] = []
    stop = threading.Event()

    def work() -> None:
        try:
            outcome.append(_fetch(url, timeout, stop, validators or Validators()))
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


def _sendable(value: str | None) -> str | None:
    if value and len(value) <= MAX_VALIDATOR_CHARS and value.isascii() and value.isprintable():
        return value
    return None


def _retry_after(value: str | None) -> float | None:
    """A Retry-After in seconds (the form servers use when they are busy); None for the
    date form or nonsense, which leave the follower's own back-off in charge."""
    try:
        seconds = float(value) if value else None
    except ValueError:
        return None
    return min(seconds, MAX_RETRY_AFTER) if seconds is not None and seconds >= 0 else None


def _fetch(url: str, timeout: float | None, stop: threading.Event, validators: Validators) -> Page:
    shown = public_url(url)
    limits = httpx.Timeout(timeout or READ_TIMEOUT, connect=min(timeout or CONNECT_TIMEOUT, CONNECT_TIMEOUT))
    headers = {"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml", **validators.headers()}
    try:
        with httpx.Client(timeout=limits, follow_redirects=True, max_redirects=MAX_REDIRECTS, headers=headers) as client:
            with client.stream("GET", url) as response:
                for hop in [*response.history, response]:
                    check_url(str(hop.url))  # a redirect to file:// or ftp:// stops here
                if response.status_code == 304 and validators:
                    return Page(public_url(str(response.url)), b"", "text/html", validators, not_modified=True)
                if response.status_code >= 400:
                    transient = response.status_code >= 500 or response.status_code == 429
                    raise FetchError(f"{shown}: the server answered {response.status_code} {response.reason_phrase}", transient,
                                     _retry_after(response.headers.get("retry-after")) if transient else None)
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
                return Page(public_url(str(response.url)), bytes(body), content_type or "text/html", Validators.answered(response.headers))
    except httpx.TooManyRedirects:
        raise FetchError(f"{shown}: more than {MAX_REDIRECTS} redirects") from None
    except httpx.TimeoutException:
        raise FetchError(f"{shown}: timed out", transient=True) from None
    except httpx.InvalidURL as exc:
        raise FetchError(f"{shown}: not a valid web address ({exc})") from None
    except httpx.HTTPError as exc:
        raise FetchError(f"{shown}: cannot connect ({exc.__class__.__name__}: {str(exc).replace(url, shown)})", transient=True) from None
