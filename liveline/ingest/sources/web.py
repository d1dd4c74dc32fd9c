"""Fetching a page: httpx with timeouts, a size cap, few redirects, http(s) only, and
one clear line for every way it can fail."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlparse

import httpx

from liveline.timeline import __version__
from liveline.timeline.errors import LivelineError
from liveline.timeline.locations import fetch_timeout

CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 20.0
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
    url: str  # after redirects
    body: bytes
    content_type: str


def check_url(url: str) -> str:
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise FetchError(f"{url}: only http:// and https:// addresses can be fetched")
    return url


def fetch(url: str, timeout: float | None = None) -> Page:
    """The page at `url`, or FetchError with the reason in one line."""
    check_url(url)
    timeout = timeout or fetch_timeout()  # $LIVELINE_FETCH_TIMEOUT, else the defaults above
    limits = httpx.Timeout(timeout or READ_TIMEOUT, connect=min(timeout or CONNECT_TIMEOUT, CONNECT_TIMEOUT))
    headers = {"User-Agent": f"liveline/{__version__} (live-blog reader)", "Accept": "text/html,application/xhtml+xml"}
    try:
        with httpx.Client(timeout=limits, follow_redirects=True, max_redirects=MAX_REDIRECTS, headers=headers) as client:
            with client.stream("GET", url) as response:
                for hop in [*response.history, response]:
                    check_url(str(hop.url))  # a redirect to file:// or ftp:// stops here
                if response.status_code >= 400:
                    transient = response.status_code >= 500 or response.status_code == 429
                    raise FetchError(f"{url}: the server answered {response.status_code} {response.reason_phrase}", transient)
                content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
                if content_type and content_type not in _HTML_TYPES:
                    raise FetchError(f"{url}: not a web page (content type {content_type})")
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > MAX_BYTES:
                        raise FetchError(f"{url}: larger than {MAX_BYTES // (1024 * 1024)} MB; not read")
                return Page(str(response.url), bytes(body), content_type or "text/html")
    except httpx.TooManyRedirects:
        raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects") from None
    except httpx.TimeoutException:
        raise FetchError(f"{url}: timed out", transient=True) from None
    except httpx.HTTPError as exc:
        raise FetchError(f"{url}: cannot connect ({exc.__class__.__name__}: {exc})", transient=True) from None
