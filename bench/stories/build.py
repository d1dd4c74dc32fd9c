"""Build a development gold set from its hand tables.

    python -m bench.stories.build [GOLD_DIR ...]      (default: every set beside this file)

Each source named in GOLD_DIR/sources.toml has a hand table GOLD_DIR/<stem>.labels holding
one record per non-empty line of the copy, in page order. The script writes the copy
(<stem>.txt: one paragraph per line, no blank lines, no final newline, as the shared sets
are laid out) and the gold files of the shared format (../shared/gold/README.md):
lines.jsonl and posts.jsonl. The labels and the text live in one table so that a line can
never drift from its label when a line is added or removed above it.

Table syntax (blank lines and lines starting with # are ignored):
    events                                  every record of this source carries an `event` key
    post ID [chron=N] [published=HH:MM] [updated=HH:MM] [pinned]
    PART [SPEAKERS] [@EVENT] | TEXT
PART is one letter: t timestamp, h headline, y byline, b body, p boilerplate, x header.
SPEAKERS is [] (nobody), [Name; Other Name] (asker first), or ? (not labelled: no key);
furniture parts may omit it (nobody). EVENT is @id, @- (none) or @? (not labelled).
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
from pathlib import Path

PARTS = {"t": "timestamp", "h": "headline", "y": "byline", "b": "body", "p": "boilerplate", "x": "header"}
CONTENT = {"headline", "body"}
_RECORD = re.compile(r"^(?P<part>[thybpx])(?:\s+(?P<speakers>\[[^\]]*\]|\?))?(?:\s+@(?P<event>\S+))?\s+\| (?P<text>\S.*)$")
_POST = re.compile(r"^post\s+(?P<id>\S+)(?P<rest>.*)$")


class TableError(ValueError):
    pass


def _post(match: re.Match[str], source: str, where: str) -> dict:
    post: dict = {"post": match["id"], "source": source, "chron": None, "published": None, "updated": None, "pinned": False}
    for field in match["rest"].split():
        key, _, value = field.partition("=")
        if key == "chron" and value.isdigit():
            post["chron"] = int(value)
        elif key in ("published", "updated") and re.fullmatch(r"\d\d:\d\d", value):
            post[key] = value
        elif field == "pinned":
            post["pinned"] = True
        else:
            raise TableError(f"{where}: unknown post field {field!r}")
    return post


def _speakers(raw: str | None, part: str, where: str) -> list[str] | None:
    if raw is None:
        if part in CONTENT:
            raise TableError(f"{where}: a {part} line needs [speakers] or ?")
        return []
    if raw == "?":
        return None
    names = [name.strip() for name in raw[1:-1].split(";")]
    return [name for name in names if name]


def read_table(path: Path, source: str) -> tuple[list[str], list[dict], list[dict]]:
    """(text lines, line records, posts) of one hand table."""
    texts: list[str] = []
    records: list[dict] = []
    posts: list[dict] = []
    with_events = False
    for number, raw in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        where = f"{path.name}:{number}"
        if not raw.strip() or raw.startswith("#"):
            continue
        if raw.strip() == "events":
            with_events = True
            continue
        if post_match := _POST.match(raw):
            posts.append(_post(post_match, source, where))
            continue
        match = _RECORD.match(raw)
        if not match:
            raise TableError(f"{where}: not a record: {raw!r}")
        if not posts:
            raise TableError(f"{where}: a record before any post")
        part = PARTS[match["part"]]
        texts.append(match["text"])
        record: dict = {"source": source, "line": len(texts), "post": posts[-1]["post"], "part": part}
        speakers = _speakers(match["speakers"], part, where)
        if speakers is not None:
            record["speakers"] = speakers
        event = match["event"]
        if event is None and with_events and part in CONTENT:
            raise TableError(f"{where}: a {part} line of an event-labelled source needs @event")
        if event is None and with_events:
            event = "-"
        if event is not None and event != "?":
            record["event"] = None if event == "-" else event
        records.append(record)
    return texts, records, posts


def build(folder: Path) -> None:
    manifest = tomllib.loads((folder / "sources.toml").read_text(encoding="utf-8"))
    lines: list[dict] = []
    posts: list[dict] = []
    for entry in manifest["source"]:
        stem = Path(entry["file"]).stem
        texts, records, table_posts = read_table(folder / f"{stem}.labels", stem)
        (folder / f"{stem}.txt").write_text("\n".join(texts), encoding="utf-8")
        lines += records
        posts += table_posts
    (folder / "lines.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines), encoding="utf-8")
    (folder / "posts.jsonl").write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in posts), encoding="utf-8")


if __name__ == "__main__":
    for name in sys.argv[1:] or [str(Path(__file__).parent / d) for d in ("committee-day", "ruling-day")]:
        build(Path(name))
