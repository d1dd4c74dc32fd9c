"""Source manifests: a TOML file naming outlet, kind, date and order for many files, or
pages to fetch (an entry with a `url` and no `file`; `follow` polls them, each at its own
`every` when it gives one), and the story they belong to (`story`, at the top or per entry).

A manifest may come from someone else, so every entry is checked before anything is
written (a bad second entry must not leave the first one committed), and its files stay
inside the manifest's own folder unless the reader allows more (`--allow-outside`): a
manifest must not pull /etc/shadow or ../ paths into a timeline and its exports.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tomllib
from pathlib import Path
from typing import Any

from liveline.ingest.sources.addresses import public_url
from liveline.ingest.sources.loading import read_local
from liveline.ingest.sources.spec import KINDS, MAX_POLL_SECONDS, ORDERS, SourceSpec, check_choice, parse_date, poll_interval
from liveline.ingest.sources.web import check_url
from liveline.timeline.errors import LivelineError

# C0 and C1 controls and DEL: no outlet, title, path or address a person types has them.
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_TOML_TYPES = {dict: "a table", list: "an array", bool: "a boolean", int: "an integer", float: "a number",
               dt.datetime: "a date-time", dt.date: "a date", dt.time: "a time"}


def read_manifest(path: Path, allow_outside: bool = False) -> list[SourceSpec]:
    """Read `[[source]]` entries, one spec per entry in order; `file` is relative to the
    manifest's folder and must stay inside it unless `allow_outside`; an entry with only a
    `url` is a page to fetch."""
    if not path.exists() and not path.is_symlink():
        raise LivelineError(f"no such manifest: {path}")
    data = read_local(path, "manifest")
    try:
        document = tomllib.loads(data.decode("utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise LivelineError(f"{path}: not a valid TOML manifest ({exc})") from None
    entries = document.get("source")
    if not isinstance(entries, list) or not entries:
        raise LivelineError(f"{path}: no [[source]] entries")
    folder = path.parent.resolve()
    # A manifest is usually one story: `story` at its top names it for every entry.
    story = _name(document, "story", str(path))
    specs = [_spec(entry, f"{path} source #{number}", folder, allow_outside) for number, entry in enumerate(entries, 1)]
    return [spec.with_defaults(story=story) for spec in specs]


def _spec(entry: Any, where: str, folder: Path, allow_outside: bool) -> SourceSpec:
    if not isinstance(entry, dict):
        raise LivelineError(f"{where}: must be a table of keys, not {_type_name(entry)}")
    url = _url(_text(entry, "url", where), where)
    if not entry.get("file") and not url:
        raise LivelineError(f"{where}: needs a `file` (or a `url` to fetch)")
    outlet = (_text(entry, "outlet", where) or "").strip()
    if not outlet and entry.get("file"):  # a page names its own outlet; a file must be told
        raise LivelineError(f"{where}: needs an `outlet`")
    # Every field is checked (in this order, so the first mistake is the one named) before the file.
    fields: dict[str, Any] = dict(
        outlet=outlet,
        kind=check_choice(_text(entry, "kind", where), KINDS, "`kind`", where),
        date=_date(entry.get("date"), where),
        order=check_choice(_text(entry, "order", where), ORDERS, "`order`", where),
        title=_text(entry, "title", where),
        url=url,
        every=_every(entry.get("every"), where),
        zone=_text(entry, "tz", where),
        author=_name(entry, "author", where),
        story=_name(entry, "story", where),
    )
    if not entry.get("file"):
        return SourceSpec(path=None, name=public_url(str(url)), remote=True, **fields)
    file = _inside(folder, str(_text(entry, "file", where)), where, allow_outside)
    return SourceSpec(path=_relative(file), name=file.stem, **fields)


def _text(entry: dict[str, Any], key: str, where: str) -> str | None:
    """The entry's string for `key` (None when absent), refused when it is another type
    or carries control characters (escape sequences that would reach a terminal)."""
    value = entry.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise LivelineError(f"{where}: `{key}` must be a string, not {_type_name(value)}")
    if _CONTROLS.search(value):
        raise LivelineError(f"{where}: `{key}` has control characters ({value!r})")
    return value


def _name(entry: dict[str, Any], key: str, where: str) -> str | None:
    """A person's name for `key`, its spaces collapsed; a blank one is a mistake, not "nobody"."""
    value = _text(entry, key, where)
    if value is None:
        return None
    name = " ".join(value.split())
    if not name:
        raise LivelineError(f"{where}: `{key}` cannot be blank (leave the key out for none)")
    return name


def _date(value: Any, where: str) -> dt.date | None:
    if value is None:
        return None
    # TOML has dates of its own (date = 2025-01-16); a date-time is not a day.
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return parse_date(value.isoformat(), f"{where}: `date`")
    if not isinstance(value, str):
        raise LivelineError(f"{where}: `date` must be a string YYYY-MM-DD, not {_type_name(value)}")
    return parse_date(value, f"{where}: `date`")


def _every(value: Any, where: str) -> float | None:
    if value is None:
        return None
    seconds = poll_interval(value) if isinstance(value, int | float) else None
    if seconds is None:
        raise LivelineError(f"{where}: `every` must be a number of seconds above 0 and at most {MAX_POLL_SECONDS}, not {value!r}")
    return seconds


def _url(value: str | None, where: str) -> str | None:
    if value is None:
        return None
    try:
        check_url(value)
    except (LivelineError, ValueError):
        raise LivelineError(f"{where}: `url` {value!r} is not an http:// or https:// address") from None
    return value


def _inside(folder: Path, name: str, where: str, allow_outside: bool) -> Path:
    """The file's real path (links followed, so a link pointing out counts as out)."""
    if _plain_name(name) and not os.path.islink(folder / name):
        # `folder` is resolved already, so a plain name that is no link resolves to itself,
        # inside the folder: one lstat rather than one per folder of the path (a manifest
        # of thousands of files). Anything else (a link, "..", a subfolder) is resolved.
        return folder / name
    try:
        file = (folder / name).resolve()
    except (OSError, RuntimeError):  # RuntimeError: Python's report of a symbolic link loop
        raise LivelineError(f"{where}: `file` {name!r} cannot be resolved (a symbolic link loop)") from None
    if not allow_outside and not file.is_relative_to(folder):
        raise LivelineError(
            f"{where}: `file` {name!r} is outside the manifest's folder {folder}; pass --allow-outside to read it"
        )
    return file


def _plain_name(name: str) -> bool:
    """A file name of one part: no folder, not "." or "..", nothing a resolve would change."""
    return bool(name) and os.sep not in name and (os.altsep is None or os.altsep not in name) and name not in (".", "..")


def _type_name(value: object) -> str:
    return next((name for kind, name in _TOML_TYPES.items() if isinstance(value, kind)), type(value).__name__)


def _relative(path: Path) -> Path:
    """Paths under the working directory are stored relative, so databases are portable."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path
