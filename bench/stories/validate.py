"""Check a gold set against its text and the format of ../shared/gold/README.md.

    python -m bench.stories.validate [GOLD_DIR ...]   (default: every set beside this file)

Prints one JSON summary per set and every error; exits 1 on any error. It checks what a
scorer silently skips or misreads: a record pointing at a blank or missing line, a line
with no record or two, a speaker or event that is not listed, an alias that never occurs
in the text (so it can never be matched), speakers on furniture, post times that disagree
with the time lines of the copy, a `chron` that is not a permutation or that contradicts
the times the copy shows, and a source whose content lines are only partly event-labelled.
It also refuses content copied from the shared gold sets and seeds (a run of eight words in
common), because these sets measure reading on text the rules were not written on.
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
from collections import Counter, defaultdict
from pathlib import Path

PARTS = {"headline", "byline", "body", "timestamp", "boilerplate", "header"}
CONTENT = {"headline", "body"}
KINDS = {"person", "journalist", "organisation"}
# Eight words in a row is long enough that two independent writers do not share it by
# chance ("the prime minister said the government would" is seven) and short enough to
# catch a sentence lifted and lightly edited.
SHARED_RUN = 8
_SHOWN = re.compile(r"^(\d\d)[.:](\d\d)(?: (?:BST|GMT))?$")
# A parliament's record prints its times on the 12-hour clock ("12.31 pm").
_RECORD_STAMP = re.compile(r"^(\d{1,2})\.(\d\d) ([ap])m$")
_UPDATED = re.compile(r"^Updated at (\d\d)\.(\d\d) (?:BST|GMT)$")


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9£]+", text.lower().replace("’", "'"))


def _runs(text: str) -> set[tuple[str, ...]]:
    words = _words(text)
    return {tuple(words[i : i + SHARED_RUN]) for i in range(len(words) - SHARED_RUN + 1)}


def shared_runs(shared: Path) -> set[tuple[str, ...]]:
    """Every eight-word run of the shared seeds' and gold sets' texts."""
    runs: set[tuple[str, ...]] = set()
    for path in [*shared.glob("seeds/*.txt"), *shared.glob("gold*/*.txt")]:
        runs |= _runs(path.read_text(encoding="utf-8"))
    return runs


def _check_people(people: list[dict], alltext: str, err) -> Counter:
    names = Counter(p.get("name") for p in people)
    for name, count in names.items():
        if count > 1:
            err(f"people.json: duplicate name {name}")
    for p in people:
        for key in ("name", "role", "kind", "aliases"):
            if key not in p:
                err(f"people.json: {p.get('name')} lacks {key}")
        if p.get("kind") not in KINDS:
            err(f"people.json: {p.get('name')} has kind {p.get('kind')!r}")
        for alias in p.get("aliases", []):
            if not re.search(r"(?<!\w)" + re.escape(alias) + r"(?!\w)", alltext):
                err(f"people.json: alias {alias!r} of {p['name']} does not occur in the text")
    return names


def _check_times(posts: dict[str, dict], first: dict[str, int], records: list[dict], texts: dict[str, list[str]], err) -> None:
    updated_line = {r["post"]: texts[r["source"]][r["line"] - 1] for r in records if r["part"] == "timestamp"
                    and _UPDATED.match(texts[r["source"]][r["line"] - 1])}
    by_source: dict[str, list[dict]] = defaultdict(list)
    for pid, post in posts.items():
        if pid.endswith("-header"):
            if post["chron"] is not None:
                err(f"posts.jsonl: header {pid} has a chron")
            continue
        by_source[post["source"]].append(post)
        source_text = texts[post["source"]]
        shown = _SHOWN.match(source_text[first[pid] - 1]) if pid in first else None
        stamp = _RECORD_STAMP.match(source_text[first[pid] - 1]) if pid in first else None
        published = f"{shown[1]}:{shown[2]}" if shown else (
            f"{int(stamp[1]) % 12 + (12 if stamp[3] == 'p' else 0):02d}:{stamp[2]}" if stamp else None)
        if post["published"] != published:
            err(f"posts.jsonl: {pid} published={post['published']} but its first line shows {published}")
        match = _UPDATED.match(updated_line.get(pid, ""))
        updated = f"{match[1]}:{match[2]}" if match else None
        if post["updated"] != updated:
            err(f"posts.jsonl: {pid} updated={post['updated']} but its 'Updated at' line shows {updated}")
        if post["published"] and post["updated"] and post["updated"] < post["published"]:
            err(f"posts.jsonl: {pid} is updated before it is published")
    for source, group in by_source.items():
        chrons = sorted(p["chron"] for p in group)
        if chrons != list(range(1, len(group) + 1)):
            err(f"posts.jsonl: chron of {source} is not a permutation of 1..{len(group)}")
        # A post is published no later than any later post, and updated no earlier than any
        # earlier post was published: the copy's shown times must agree with `chron`.
        ordered = sorted(group, key=lambda p: p["chron"])
        for earlier_index, earlier in enumerate(ordered):
            for later in ordered[earlier_index + 1 :]:
                if earlier["published"] and later["published"] and earlier["published"] > later["published"]:
                    err(f"posts.jsonl: {earlier['post']} is published after the later {later['post']}")
                if earlier["published"] and later["updated"] and later["updated"] < earlier["published"]:
                    err(f"posts.jsonl: {later['post']} is updated before the earlier {earlier['post']} is published")


def validate(folder: Path, shared: Path | None = None) -> tuple[dict, list[str]]:
    """(summary, errors) of one gold set; `shared` is the folder of the shared gold sets."""
    errors: list[str] = []
    err = errors.append
    manifest = tomllib.loads((folder / "sources.toml").read_text(encoding="utf-8"))
    texts: dict[str, list[str]] = {}
    for entry in manifest.get("source", []):
        for key in ("file", "outlet", "kind", "date"):
            if key not in entry:
                err(f"sources.toml: an entry lacks {key}")
        path = folder / entry.get("file", "")
        if not path.is_file():
            err(f"sources.toml: missing file {entry.get('file')}")
            continue
        texts[path.stem] = path.read_text(encoding="utf-8").split("\n")
    people = json.loads((folder / "people.json").read_text(encoding="utf-8"))
    names = _check_people(people, "\n".join("\n".join(t) for t in texts.values()), err)
    events_path = folder / "events.json"
    events = {e["event"]: e for e in json.loads(events_path.read_text(encoding="utf-8"))} if events_path.exists() else {}
    for event in events.values():
        for speaker in event.get("speakers", []):
            if speaker not in names:
                err(f"events.json: {event['event']} names {speaker!r}, who is not in people.json")
    posts = {p["post"]: p for p in _jsonl(folder / "posts.jsonl")}
    records = _jsonl(folder / "lines.jsonl")
    seen: Counter = Counter()
    first: dict[str, int] = {}
    used_events: set[str] = set()
    event_keys: dict[str, Counter] = defaultdict(Counter)
    runs = shared_runs(shared) if shared and shared.is_dir() else set()
    for index, r in enumerate(records, 1):
        where = f"lines.jsonl:{index}"
        source, line = r.get("source"), r.get("line", 0)
        if source not in texts or not 1 <= line <= len(texts[source]) or not texts[source][line - 1].strip():
            err(f"{where}: no such non-empty line {source}:{line}")
            continue
        seen[(source, line)] += 1
        if r.get("part") not in PARTS:
            err(f"{where}: bad part {r.get('part')}")
        if r.get("post") not in posts:
            err(f"{where}: post {r.get('post')} is not in posts.jsonl")
        if r.get("part") == "header" and not r["post"].endswith("-header"):
            err(f"{where}: a header line outside a -header post")
        first.setdefault(r["post"], line)
        first[r["post"]] = min(first[r["post"]], line)
        for speaker in r.get("speakers", []):
            if speaker not in names:
                err(f"{where}: speaker {speaker!r} is not in people.json")
        if len(set(r.get("speakers", []))) != len(r.get("speakers", [])):
            err(f"{where}: a speaker is repeated")
        if r.get("part") not in CONTENT and r.get("part") != "header" and r.get("speakers"):
            err(f"{where}: a {r['part']} line with speakers")
        if r.get("part") in CONTENT and not r["post"].endswith("-header"):
            event_keys[source]["event" in r] += 1
            if runs and _runs(texts[source][line - 1]) & runs:
                err(f"{where}: shares {SHARED_RUN} words in a row with a shared gold text")
        if r.get("event") is not None:
            used_events.add(r["event"])
            if r["event"] not in events:
                err(f"{where}: event {r['event']!r} is not in events.json")
    for source, lines in texts.items():
        for number, text in enumerate(lines, 1):
            if text.strip() and seen[(source, number)] != 1:
                err(f"{source}:{number}: {seen[(source, number)]} records for a non-empty line")
        if len(event_keys[source]) > 1:
            err(f"{source}: only some content lines have an event key")
    for event in set(events) - used_events:
        err(f"events.json: {event} is never used")
    for pid in set(posts) - set(first):
        err(f"posts.jsonl: post {pid} has no lines")
    _check_times(posts, first, records, texts, err)
    content = [r for r in records if r.get("part") in CONTENT and not r["post"].endswith("-header")]
    summary = {
        "lines": sum(len([t for t in lines if t.strip()]) for lines in texts.values()),
        "posts": sum(1 for p in posts if not p.endswith("-header")),
        "content_lines": len(content),
        "with_speakers": sum(1 for r in content if r.get("speakers")),
        "silent": sum(1 for r in content if r.get("speakers") == []),
        "unlabelled": sum(1 for r in content if "speakers" not in r),
        "events": len(used_events),
        "people": len(people),
        "errors": len(errors),
    }
    return summary, errors


def main(argv: list[str]) -> int:
    here = Path(__file__).resolve().parent
    folders = [Path(a) for a in argv] or sorted(p for p in here.iterdir() if (p / "sources.toml").exists())
    shared = here.parents[2] / "shared"
    failed = False
    for folder in folders:
        summary, errors = validate(folder, shared)
        print(json.dumps({folder.name: summary}, ensure_ascii=False))
        for error in errors:
            print("ERROR", error)
        failed |= bool(errors)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
