"""How fast liveline is at scale: one JSON report.

    python -m bench.speed --paragraphs 20000 200000 [--out build/speed]

For each size it builds (or reuses) the synthetic corpus from bench.corpus, then times
each stage in a fresh process, so each stage's peak RSS is its own:
- raw sqlite3 executemany of the same paragraph rows (the floor for ingest);
- ingest without speaker attribution or merging (read, segment, clock, write);
- speaker attribution over the whole story;
- merging and ordering of every date;
and reports paragraphs per second with and without attribution, merge seconds, and
export of the whole timeline as Markdown, and the growth ratio of each from the
smaller size to the larger. Then, in a real pseudo-terminal (bench.terminal), the reader's
time to first screen, filter-switch latency and peak RSS, side by side with Toolong
(`tl`, in a virtual environment of its own under --out) opening a text file with as many
lines as the timeline has paragraphs.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from bench.corpus import generate


def _stage(stage: str, corpus: Path, db: Path) -> dict:
    """Run one stage in this process and return its timing (called in a child process)."""
    from liveline.ingest.events.combine import combine_dates, rank_timeline
    from liveline.ingest.pipeline import ingest
    from liveline.ingest.sources.manifest import read_manifest
    from liveline.ingest.speakers.refresh import refresh_speakers

    start = time.perf_counter()
    result: dict = {}
    if stage == "sqlite_floor":
        rows = []
        for path in sorted(corpus.glob("*.txt")):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if line.strip():
                    rows.append((path.stem, number, line))
        start = time.perf_counter()
        conn = sqlite3.connect(db)
        conn.execute("CREATE TABLE paragraphs (source TEXT, line INTEGER, text TEXT)")
        with conn:
            conn.executemany("INSERT INTO paragraphs VALUES (?, ?, ?)", rows)
        conn.close()
        result["rows"] = len(rows)
    elif stage == "ingest_plain":
        ingest(read_manifest(corpus / "sources.toml"), db, speakers=False, merge=False)
    elif stage == "speakers":
        conn = sqlite3.connect(db)
        with conn:
            refresh_speakers(conn)
        conn.close()
    elif stage == "merge":
        conn = sqlite3.connect(db)
        dates = [r[0] for r in conn.execute("SELECT DISTINCT date FROM paragraphs ORDER BY date")]
        with conn:
            combine_dates(conn, dates)
            rank_timeline(conn)
        result["dates"] = len(dates)
        result["events"] = conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        conn.close()
    elif stage == "export":
        from liveline.timeline.export import build, to_markdown
        from liveline.timeline.store import open_db
        from liveline.timeline.view import View

        document = build(open_db(db), View())
        result["bytes"] = len(to_markdown(document).encode("utf-8"))
        result["entries"] = document.count
    result["seconds"] = round(time.perf_counter() - start, 3)
    result["peak_rss_mb"] = _peak_rss_mb()
    return result


def _peak_rss_mb() -> float:
    """This process's peak resident memory. VmHWM, unlike ru_maxrss, starts afresh at exec,
    so a stage is not charged for the parent that spawned it."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _run(stage: str, corpus: Path, db: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "bench.speed", "--stage", stage, "--corpus", str(corpus), "--db", str(db)],
        capture_output=True, text=True, check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


_LAST_LINE = "liveline bench last line"


def _reader_stages(db: Path, out: Path, count: int, toolong: bool) -> dict:
    from bench import terminal
    from liveline.timeline.queries import speaker_counts
    from liveline.timeline.store import open_db

    database = open_db(db)
    speakers = [row["name"] for row in speaker_counts(database)]  # the reader's order for ]
    total = database.execute("SELECT MAX(rank) FROM paragraphs").fetchone()[0] or 0
    lines = out / f"lines-{count}.txt"
    with lines.open("w", encoding="utf-8") as fh:
        for (text,) in database.execute("SELECT text FROM paragraphs ORDER BY id LIMIT ?", (count - 1,)):
            fh.write(" ".join(text.split()) + "\n")
        fh.write(f"{_LAST_LINE}\n")  # Toolong opens a file at its end
    database.close()
    result = {"liveline": terminal.liveline_reader(db, speakers, total)}
    tl = terminal.toolong_venv(out / "toolong-venv") if toolong else None
    result["toolong"] = terminal.toolong(tl, lines, _LAST_LINE) if tl else None
    result["lines"] = count
    return result


def corpus_for(paragraphs: int, out: Path, seed: int) -> tuple[Path, dict]:
    """The synthetic corpus of this size under `out` (generated the first time)."""
    corpus = out / f"corpus-{paragraphs}"
    if not (corpus / "sources.toml").exists() or not (corpus / "live.json").exists():
        return corpus, generate(paragraphs, seed, corpus)
    return corpus, {"paragraphs": sum(1 for _ in (corpus / "lines.jsonl").open())}


def _fresh(*paths: Path) -> None:
    for path in paths:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)


def build_timeline(corpus: Path, db: Path) -> dict:
    """The corpus ingested, attributed, merged and numbered into `db`, each stage timed in a
    process of its own; returns the stages' reports."""
    _fresh(db)
    return {stage: _run(stage, corpus, db) for stage in ("ingest_plain", "speakers", "merge")}


def measure(paragraphs: int, out: Path, seed: int, toolong: bool = True) -> dict:
    corpus, info = corpus_for(paragraphs, out, seed)
    db = out / f"timeline-{paragraphs}.db"
    floor_db = out / f"floor-{paragraphs}.db"
    _fresh(floor_db)
    stages = {"sqlite_floor": _run("sqlite_floor", corpus, floor_db), **build_timeline(corpus, db),
              "export": _run("export", corpus, db)}
    conn = sqlite3.connect(db)
    count = conn.execute("SELECT COUNT(*) FROM paragraphs").fetchone()[0]
    conn.close()
    reader = _reader_stages(db, out, count, toolong)
    plain = stages["ingest_plain"]["seconds"]
    with_speakers = plain + stages["speakers"]["seconds"]
    return {
        "paragraphs": count,
        "sources": info.get("sources"),
        "stages": stages,
        "ingest_paragraphs_per_s": {
            "sqlite_floor": round(stages["sqlite_floor"]["rows"] / stages["sqlite_floor"]["seconds"]),
            "without_speakers": round(count / plain),
            "with_speakers": round(count / with_speakers),
            "with_speakers_and_merge": round(count / (with_speakers + stages["merge"]["seconds"])),
        },
        "attribution_us_per_paragraph": round(stages["speakers"]["seconds"] / count * 1e6, 1),
        "merge_seconds": stages["merge"]["seconds"],
        "reader_first_screen_s": reader["liveline"]["first_screen_s"]["median"],
        "toolong_first_screen_s": reader["toolong"]["first_screen_s"]["median"] if reader["toolong"] else None,
        "filter_switch_ms": reader["liveline"]["filter_switch_ms_median"],
        "filter_switch_ms_max": reader["liveline"]["filter_switch_ms_max"],
        "export_seconds": stages["export"]["seconds"],
        "peak_rss_mb": max([s["peak_rss_mb"] for s in stages.values()] + [reader["liveline"]["peak_rss_mb"] or 0]),
        "reader": reader,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.speed", description=__doc__.split("\n\n")[0])
    parser.add_argument("--paragraphs", type=int, nargs="+", default=[20000, 200000])
    parser.add_argument("--out", type=Path, default=Path("build/speed"))
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-toolong", action="store_true", help="skip Toolong (it is installed from PyPI on first use)")
    parser.add_argument("--stage", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.stage:
        print(json.dumps(_stage(args.stage, args.corpus, args.db)))
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    sizes = sorted(args.paragraphs)
    report = {
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "cpus": __import__("os").cpu_count()},
        "sizes": {str(n): measure(n, args.out, args.seed, not args.no_toolong) for n in sizes},
    }
    if len(sizes) >= 2:
        small, large = report["sizes"][str(sizes[0])], report["sizes"][str(sizes[-1])]
        scale = large["paragraphs"] / small["paragraphs"]
        report["growth"] = {
            "size_ratio": round(scale, 2),
            "ingest_plain": round(large["stages"]["ingest_plain"]["seconds"] / small["stages"]["ingest_plain"]["seconds"], 2),
            "speakers": round(large["stages"]["speakers"]["seconds"] / small["stages"]["speakers"]["seconds"], 2),
            "merge": round(large["merge_seconds"] / small["merge_seconds"], 2),
        }
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
