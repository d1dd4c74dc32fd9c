"""Web addresses as liveline stores and shows them: told apart from paths, and without the
user name and password, which are for the fetch alone.

Apart from the fetcher so that code naming a source (its label, the CLI) does not load httpx.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

WEB_SCHEMES = ("http", "https")
# The user information of an address: from "//" to the last "@" before the path.
_USERINFO = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*:)?//[^/?#]*@")


def public_url(url: str) -> str:
    """`url` without a user name or password: what may be stored, printed or exported."""
    match = _USERINFO.match(url)
    return f"{match.group(1) or ''}//{url[match.end():]}" if match else url


def is_web_address(text: str) -> bool:
    """Whether a command-line argument is an http(s) address rather than a path (any case:
    schemes are case-insensitive, so HTTP://host/ is an address)."""
    scheme, sep, _ = text.partition("://")
    return bool(sep) and scheme.lower() in WEB_SCHEMES


def host_of(url: str) -> str | None:
    """The host name of an address, or None when it has none (or is not an address)."""
    try:
        return urlsplit(url).hostname
    except ValueError:
        return None
