"""Score liveline's reading of a story against gold annotations.

    python -m bench.quality GOLD_DIR [GOLD_DIR ...] [--keep DB] [--misses]

Builds a fresh database from each GOLD_DIR/sources.toml in a temporary folder, matches it
to the gold by provenance (source, line) and prints one JSON object: per-source
segmentation and order, stated times, speakers and merged events, as defined in
shared/gold/README.md. Several sets give one object keyed by folder name, so no story is
scored alone; --misses lists on stderr every line whose speakers disagree with the gold.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sqlite3
import sys
import tempfile
import tomllib
from bisect import bisect_right
from collections import defaultdict
from pathlib import Path
from zoneinfo import ZoneInfo

from bench.gold import CONTENT_PARTS, Gold, first_lines_by_post, is_header, kendall_tau, load_gold, prf
from liveline.ingest.pipeline import ingest
from liveline.ingest.sources.manifest import read_manifest
from liveline.timeline.marks import LONDON, UTC, utc_iso


class Prediction:
    """The database's reading, indexed by source name and line."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        conn.row_factory = sqlite3.Row
        self.sources = {r["name"]: dict(r) for r in conn.execute("SELECT * FROM sources")}
        names = {r["id"]: r["name"] for r in self.sources.values()}
        self.posts = {r["id"]: dict(r, source=names[r["source_id"]]) for r in conn.execute("SELECT * FROM posts")}
        self.paragraph_at: dict[tuple[str, int], int] = {}
        self.post_of: dict[int, int] = {}
        for r in conn.execute("SELECT id, post_id, source_id, line, end_line FROM paragraphs"):
            self.post_of[r["id"]] = r["post_id"]
            for line in range(r["line"], r["end_line"] + 1):
                self.paragraph_at[(names[r["source_id"]], line)] = r["id"]
        starts: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for post in self.posts.values():
            if post["kind"] != "header":
                starts[post["source"]].append((post["first_line"], post["id"]))
        self.starts = {k: sorted(v) for k, v in starts.items()}
        self.speakers: dict[int, set[str]] = defaultdict(set)
        for r in conn.execute(
            "SELECT ps.paragraph_id, pe.name FROM paragraph_speakers ps JOIN people pe ON pe.id = ps.person_id"
        ):
            self.speakers[r["paragraph_id"]].add(r["name"])
        self.has_people = conn.execute("SELECT COUNT(*) FROM people").fetchone()[0] > 0
        self.event_of = {
            r["paragraph_id"]: r["event_id"] for r in conn.execute("SELECT paragraph_id, event_id FROM event_members")
        }
        self.has_events = conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] > 0
        self.people_rows = [dict(r) for r in conn.execute("SELECT * FROM people")]

    def post_containing(self, source: str, line: int) -> int | None:
        paragraph = self.paragraph_at.get((source, line))
        if paragraph is not None:
            return self.post_of[paragraph]
        starts = self.starts.get(source, [])
        index = bisect_right(starts, (line, float("inf"))) - 1
        return starts[index][1] if index >= 0 else None


def _manifest(gold_dir: Path) -> list[dict]:
    return list(tomllib.loads((gold_dir / "sources.toml").read_text(encoding="utf-8"))["source"])


def _gold_dates(gold_dir: Path) -> dict[str, dt.date]:
    return {Path(s["file"]).stem: dt.date.fromisoformat(str(s["date"])) for s in _manifest(gold_dir)}


def _gold_zones(gold_dir: Path) -> dict[str, dt.tzinfo]:
    """The zone each source's gold times are written in: UK time unless its manifest entry
    names another (`tz`: a record of another parliament states its own wall time)."""
    return {Path(s["file"]).stem: ZoneInfo(s["tz"]) if s.get("tz") else LONDON for s in _manifest(gold_dir)}


def _gold_utc(day: dt.date, hhmm: str, zone: dt.tzinfo = LONDON) -> str:
    hour, minute = (int(x) for x in hhmm.split(":"))
    local = dt.datetime.combine(day, dt.time(hour, minute)).replace(tzinfo=zone)
    return utc_iso(local.astimezone(UTC))


def score_sources(gold: Gold, pred: Prediction) -> dict[str, dict]:
    firsts = first_lines_by_post(gold.lines)
    out = {}
    for source in sorted({row["source"] for row in gold.lines}):
        gold_starts = {firsts[p][1] for p in firsts if firsts[p][0] == source and not is_header(p)}
        predicted = {
            p["first_line"] for p in pred.posts.values() if p["source"] == source and p["kind"] != "header"
        }
        info = pred.sources.get(source, {})
        kind = info.get("kind")
        pairs = []
        for post_id, (src, line) in firsts.items():
            meta = gold.posts.get(post_id, {})
            if src != source or is_header(post_id) or meta.get("pinned") or meta.get("chron") is None:
                continue
            match = pred.post_containing(source, line)
            if match is None or pred.posts[match]["pinned"] or pred.posts[match]["chron"] is None:
                continue
            pairs.append((meta["chron"], pred.posts[match]["chron"]))
        out[source] = {
            "kind": kind,
            "segmentation": prf(gold_starts, predicted),
            "order_tau": kendall_tau(pairs) if kind == "liveblog" else None,
        }
    return out


def score_stated_times(gold: Gold, pred: Prediction, dates: dict[str, dt.date], zones: dict[str, dt.tzinfo] | None = None) -> dict:
    firsts = first_lines_by_post(gold.lines)
    expected = set()
    for post_id, meta in gold.posts.items():
        if post_id not in firsts or meta["source"] not in dates:
            continue
        for field in ("published", "updated"):
            if meta.get(field):
                zone = (zones or {}).get(meta["source"], LONDON)
                expected.add((meta["source"], firsts[post_id][1], field, _gold_utc(dates[meta["source"]], meta[field], zone)))
    predicted = set()
    for post in pred.posts.values():
        if post["source"] not in dates or post["kind"] == "header":
            continue
        for field, column in (("published", "stated_at"), ("updated", "updated_at")):
            if post[column]:
                predicted.add((post["source"], post["first_line"], field, post[column]))
    result = prf(expected, predicted)
    return {"precision": result["precision"], "recall": result["recall"], "expected": len(expected), "predicted": len(predicted)}


def _content_lines(gold: Gold, key: str) -> list[dict]:
    return [
        row
        for row in gold.lines
        if key in row and row.get("part") in CONTENT_PARTS and not is_header(row["post"])
    ]


def _canonical(gold: Gold) -> dict[str, str]:
    names = {}
    for person in gold.people:
        for alias in [person["name"], *person.get("aliases", [])]:
            names[" ".join(alias.lower().split())] = person["name"]
    return names


def _predicted_names(gold: Gold, pred: Prediction, row: dict) -> set[str]:
    canonical = _canonical(gold)
    paragraph = pred.paragraph_at.get((row["source"], row["line"]))
    names = pred.speakers.get(paragraph, set()) if paragraph is not None else set()
    return {canonical.get(" ".join(n.lower().split()), n) for n in names}


def speaker_misses(gold: Gold, pred: Prediction, gold_dir: Path) -> list[str]:
    """One line per labelled line read wrong: where, gold, predicted, and its text."""
    texts: dict[str, list[str]] = {}
    misses = []
    for row in _content_lines(gold, "speakers"):
        found = _predicted_names(gold, pred, row)
        if found == set(row["speakers"]):
            continue
        if row["source"] not in texts:
            files = list(gold_dir.glob(f"{row['source']}.txt")) or list(gold_dir.glob(f"../seeds/{row['source']}.txt"))
            texts[row["source"]] = files[0].read_text(encoding="utf-8").split("\n") if files else []
        lines = texts[row["source"]]
        text = lines[row["line"] - 1][:110] if row["line"] <= len(lines) else ""
        misses.append(f"{row['source'][:12]}:{row['line']} gold={sorted(row['speakers'])} got={sorted(found)} | {text}")
    return misses


def score_speakers(gold: Gold, pred: Prediction) -> dict | None:
    rows = _content_lines(gold, "speakers")
    if not rows or not pred.has_people:
        return None
    spoken = [r for r in rows if r["speakers"]]
    silent = [r for r in rows if not r["speakers"]]
    correct = attributed = 0
    for row in rows:
        found = _predicted_names(gold, pred, row)
        if row["speakers"] and found == set(row["speakers"]):
            correct += 1
        if not row["speakers"] and found:
            attributed += 1
    return {
        "accuracy": round(correct / len(spoken), 4) if spoken else None,
        "false_attribution": round(attributed / len(silent), 4) if silent else None,
        "lines": len(rows),
    }


def score_people(gold: Gold, pred: Prediction, conn: sqlite3.Connection) -> dict | None:
    """Gold people found; gold aliases the story's registry resolves to them; alias purity."""
    if not gold.people or not pred.has_people:
        return None
    from liveline.ingest.speakers.refresh import story_resolver

    canonical = _canonical(gold)
    strip = lambda s: re.sub(r"^(?:the|a|an|our)\s+", "", " ".join(s.lower().split()))  # noqa: E731
    predicted = {row["name"]: {strip(a) for a in json.loads(row["aliases"] or "[]")} | {strip(row["name"])} for row in pred.people_rows}
    matched: dict[str, str] = {}
    for person in gold.people:
        forms = {strip(a) for a in [person["name"], *person.get("aliases", [])]}
        hits = [name for name, aliases in predicted.items() if aliases & forms]
        if hits:
            matched[person["name"]] = max(hits, key=lambda n: len(predicted[n] & forms))
    resolve = story_resolver(conn)
    total = resolved = 0
    unresolved = []
    for person in gold.people:
        for alias in person.get("aliases", []):
            total += 1
            if person["name"] in matched and resolve(alias) == matched[person["name"]]:
                resolved += 1
            else:
                unresolved.append(alias)
    purities = []
    for name in set(matched.values()):
        owners = [canonical[a] for a in predicted[name] if a in canonical]
        if owners:
            purities.append(max(owners.count(o) for o in set(owners)) / len(owners))
    return {
        "gold": len(gold.people),
        "found": len(matched),
        "aliases_resolved": round(resolved / total, 4) if total else None,
        "unresolved_aliases": sorted(set(unresolved)),
        "purity": round(sum(purities) / len(purities), 4) if purities else None,
    }


def score_turns(gold: Gold, pred: Prediction) -> dict | None:
    """Turns of the official records (sources read as transcripts): a gold turn is right when
    a predicted post starts on its first line and every labelled line of its speech has the
    gold speakers; `furniture_turns` counts predicted turns that start on no gold turn (a
    procedural line, a heading or an interruption taken for a turn)."""
    records = {name for name, info in pred.sources.items() if info.get("kind") == "transcript"}
    if not records:
        return None
    firsts = first_lines_by_post(gold.lines)
    speech: dict[str, list[dict]] = defaultdict(list)
    for row in _content_lines(gold, "speakers"):
        speech[row["post"]].append(row)
    right = total = 0
    wrong: list[str] = []
    for post_id, (source, line) in firsts.items():
        if source not in records or is_header(post_id):
            continue
        total += 1
        match = pred.post_containing(source, line)
        starts = match is not None and pred.posts[match]["first_line"] == line
        spoken = all(_predicted_names(gold, pred, row) == set(row["speakers"]) for row in speech[post_id])
        if starts and spoken:
            right += 1
        else:
            wrong.append(post_id)
    gold_starts = {(s, line) for p, (s, line) in firsts.items() if s in records and not is_header(p)}
    extra = sum(1 for p in pred.posts.values()
                if p["source"] in records and p["kind"] != "header" and (p["source"], p["first_line"]) not in gold_starts)
    return {"right": round(right / total, 4) if total else None, "turns": total, "furniture_turns": extra, "wrong": wrong[:20]}


def score_merge(gold: Gold, pred: Prediction, dates: dict[str, dt.date]) -> dict | None:
    rows = _content_lines(gold, "event")
    if not rows or not pred.has_events:
        return None
    gold_pairs, predicted_pairs, cross_day = set(), set(), 0
    for i, a in enumerate(rows):
        pa = pred.paragraph_at.get((a["source"], a["line"]))
        for b in rows[i + 1 :]:
            if a["source"] == b["source"]:
                continue
            key = (a["source"], a["line"], b["source"], b["line"])
            if a["event"] is not None and a["event"] == b["event"]:
                gold_pairs.add(key)
            pb = pred.paragraph_at.get((b["source"], b["line"]))
            ea, eb = pred.event_of.get(pa), pred.event_of.get(pb)
            if ea is not None and ea == eb:
                predicted_pairs.add(key)
                if dates.get(a["source"]) != dates.get(b["source"]):
                    cross_day += 1
    result = prf(gold_pairs, predicted_pairs)
    result.update(
        cross_day=cross_day,
        events=len({pred.event_of[p] for p in (pred.paragraph_at.get((r["source"], r["line"])) for r in rows) if p in pred.event_of}),
        gold_events=len({r["event"] for r in rows if r["event"]}),
    )
    return result


def evaluate(gold_dir: Path, db_path: Path, misses: list[str] | None = None) -> dict:
    # A gold set names its sources beside it, in ../seeds: trusted, so outside is allowed.
    ingest(read_manifest(gold_dir / "sources.toml", allow_outside=True), db_path)
    gold = load_gold(gold_dir)
    dates = _gold_dates(gold_dir)
    zones = _gold_zones(gold_dir)
    with sqlite3.connect(db_path) as conn:
        pred = Prediction(conn)
        speakers = score_speakers(gold, pred)
        if speakers is not None:
            speakers["people"] = score_people(gold, pred, conn)
        if misses is not None:
            misses.extend(speaker_misses(gold, pred, gold_dir))
    return {
        "sources": score_sources(gold, pred),
        "stated_times": score_stated_times(gold, pred, dates, zones),
        "speakers": speakers,
        "turns": score_turns(gold, pred),
        "merge": score_merge(gold, pred, dates),
    }


def _keep(db_path: Path, keep: Path) -> None:
    """Copy the built timeline through SQLite's backup, never as plain bytes: a byte copy
    misses what is still in the -wal file, and closing a plain descriptor on a database
    drops the locks this process's connections hold on it."""
    keep.unlink(missing_ok=True)
    source, target = sqlite3.connect(db_path), sqlite3.connect(keep)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.quality", description=__doc__.split("\n\n")[0])
    parser.add_argument("gold_dirs", type=Path, nargs="+", metavar="GOLD_DIR", help="folder with sources.toml and the gold files")
    parser.add_argument("--keep", type=Path, help="also copy the built database here (one gold set only)")
    parser.add_argument("--misses", action="store_true", help="list every line whose speakers disagree with the gold, on stderr")
    args = parser.parse_args(argv)
    for gold_dir in args.gold_dirs:
        if not (gold_dir / "sources.toml").exists():
            print(f"bench.quality: error: no sources.toml in {gold_dir}", file=sys.stderr)
            return 1
    if args.keep and len(args.gold_dirs) > 1:
        print("bench.quality: error: --keep keeps one database: give one gold set", file=sys.stderr)
        return 1
    results = {}
    for gold_dir in args.gold_dirs:
        misses: list[str] | None = [] if args.misses else None
        with tempfile.TemporaryDirectory() as tmp:
            db_path = Path(tmp) / "gold.db"
            results[gold_dir.resolve().name] = evaluate(gold_dir, db_path, misses)
            if args.keep:
                _keep(db_path, args.keep)
        for miss in misses or []:
            print(f"{gold_dir.resolve().name}: {miss}", file=sys.stderr)
    print(json.dumps(results[args.gold_dirs[0].resolve().name] if len(results) == 1 else results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
