"""Source manifests: a TOML file naming outlet, kind, date and order for many files."""

from __future__ import annotations

import tomllib
from pathlib import Path

from liveline.ingest.sources.spec import KINDS, ORDERS, SourceSpec, check_choice, parse_date
from liveline.timeline.errors import LivelineError


def read_manifest(path: Path) -> list[SourceSpec]:
    """Read `[[source]]` entries; `file` is relative to the manifest's folder."""
    if not path.exists():
        raise LivelineError(f"no such manifest: {path}")
    if path.is_dir():
        raise LivelineError(f"{path} is a directory, not a manifest")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise LivelineError(f"{path}: not a valid TOML manifest ({exc})") from None
    entries = data.get("source")
    if not isinstance(entries, list) or not entries:
        raise LivelineError(f"{path}: no [[source]] entries")
    specs = []
    for number, entry in enumerate(entries, 1):
        where = f"{path} source #{number}"
        if not isinstance(entry, dict) or not entry.get("file"):
            raise LivelineError(f"{where}: needs a `file`")
        if not entry.get("outlet"):
            raise LivelineError(f"{where}: needs an `outlet`")
        file = (path.parent / str(entry["file"])).resolve()
        specs.append(
            SourceSpec(
                path=_relative(file),
                outlet=str(entry["outlet"]),
                name=file.stem,
                kind=check_choice(entry.get("kind"), KINDS, "kind", where),
                date=parse_date(entry["date"], where) if entry.get("date") else None,
                order=check_choice(entry.get("order"), ORDERS, "order", where),
                title=entry.get("title"),
                url=entry.get("url"),
            )
        )
    return specs


def _relative(path: Path) -> Path:
    """Paths under the working directory are stored relative, so databases are portable."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path
