"""How fast liveline is at scale: one JSON report.

    python -m bench.speed --paragraphs 20000 200000 [--runs 3 [1]] [--archive] [--load 2]
                          [--out build/speed] [--no-toolong] [--no-lnav] [--json FILE]

For each size it builds (or reuses) the synthetic corpus from bench.corpus (with
--archive: many stories over days that grow with the corpus), then runs each stage in a
fresh process whose whole process tree is measured (bench.tree: wall and CPU seconds,
peak PSS of the process and every worker it starts, load average at start and end):
- raw sqlite3 executemany of the same paragraph rows (the floor for ingest);
- ingest without speaker attribution or merging (read, segment, clock, write);
- speaker attribution over every story;
- merging and ordering of every date;
- export of the whole timeline as Markdown;
- search in process: the reader's Pager finding the first match of a common word.
`--runs N` repeats every stage N times, the timeline built afresh each time, and reports
medians with min and max (one count per size, or one for all). Rates are paragraphs per
second of the whole stage process (interpreter start included: what a user waits for).
Growth per doubling is worked out between consecutive sizes for the wall and the CPU time
of each stage: (t2 / t1) ** (1 / log2(n2 / n1)), 2.0 being linear.

Then, in a real pseudo-terminal (bench.terminal), the reader's first screen, filter
switches and search, side by side with Toolong (`tl`, in a virtual environment of its own
under --out), lnav (Debian's package, installed on first use) and a plain process that
opens SQLite and prints 60 rows, on a text file with as many lines as the timeline has
paragraphs. With --load N the reader is measured again while N processes burn CPU.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import resource
import sqlite3
import statistics
import sys
import time
from pathlib import Path

from bench import tree
from bench.corpus import generate

STAGES = ("sqlite_floor", "ingest_plain", "speakers", "merge", "export", "search")
TIMELINE_STAGES = ("ingest_plain", "speakers", "merge")
# Issue 20's examples: a common word of the corpus, and the commonest word of English.
SEARCH_WORDS = ("government", "the")
SEARCH_REPEATS = 5  # per word, in process: the first one cold, the rest warm


def _work_cpu_s() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _stage(stage: str, corpus: Path, db: Path) -> dict:
    """Run one stage in this process and return what it did (called in a child process).
    Each stage imports only what it uses: its process's CPU and memory are its own."""
    start, cpu = time.perf_counter(), _work_cpu_s()
    result: dict = {}
    if stage == "sqlite_floor":
        rows = []
        for path in sorted(corpus.glob("*.txt")):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if line.strip():
                    rows.append((path.stem, number, line))
        start, cpu = time.perf_counter(), _work_cpu_s()
        conn = sqlite3.connect(db)
        conn.execute("CREATE TABLE paragraphs (source TEXT, line INTEGER, text TEXT)")
        with conn:
            conn.executemany("INSERT INTO paragraphs VALUES (?, ?, ?)", rows)
        conn.close()
        result["rows"] = len(rows)
    elif stage == "ingest_plain":
        from liveline.ingest.pipeline import ingest
        from liveline.ingest.sources.manifest import read_manifest

        ingest(read_manifest(corpus / "sources.toml"), db, speakers=False, merge=False)
    elif stage == "speakers":
        from liveline.ingest.speakers.refresh import refresh_speakers

        conn = sqlite3.connect(db)
        with conn:
            refresh_speakers(conn)
        conn.close()
    elif stage == "merge":
        from liveline.ingest.events.combine import combine_dates, rank_timeline

        conn = sqlite3.connect(db)
        dates = [r[0] for r in conn.execute("SELECT DISTINCT date FROM paragraphs ORDER BY date")]
        with conn:
            combine_dates(conn, dates)
            rank_timeline(conn)
        result["dates"] = len(dates)
        result["events"] = conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        conn.close()
    elif stage == "export":
        from liveline.timeline.export import build, write_document
        from liveline.timeline.store import open_db
        from liveline.timeline.view import View

        # As `liveline export -o FILE` writes it: streamed to a file, a page at a time.
        document = build(open_db(db), View())
        target = db.with_name(f"{db.stem}-export.md")
        write_document(document, "markdown", target)
        result["bytes"] = target.stat().st_size
        result["entries"] = document.count
        target.unlink()
    elif stage == "search":
        result["search"] = _search_in_process(db)
    result["seconds"] = round(time.perf_counter() - start, 3)  # the work alone, no interpreter start
    result["work_cpu_s"] = round(_work_cpu_s() - cpu, 3)
    result["peak_rss_mb"] = _peak_rss_mb()
    return result


def _search_in_process(db: Path) -> dict:
    """The reader's Pager on its opening view finding a common word: the first match only
    (Pager.next_match) where the reader has it, else every match (Pager.search). A fresh
    Pager for every call, as a new search in the reader finds nothing kept for its word."""
    from liveline.timeline.pager import Pager
    from liveline.timeline.store import open_db
    from liveline.timeline.view import View

    database = open_db(db)
    started = time.perf_counter()
    pager = Pager(database, View())
    opened_ms = (time.perf_counter() - started) * 1000
    api = "next_match" if hasattr(Pager, "next_match") else "search"
    words = {}
    for word in SEARCH_WORDS:
        times: list[float] = []
        found: int | None = None
        for _ in range(SEARCH_REPEATS):
            pager = Pager(database, View())  # afresh each time: nothing the Pager keeps is reused
            began = time.perf_counter()
            if api == "next_match":
                found = getattr(pager, "next_match")(word, -1)  # noqa: B009 (the older Pager has none)
            else:
                every = getattr(pager, "search")(word)  # noqa: B009 (the newer Pager has none)
                found = every[0] if every else None
            times.append((time.perf_counter() - began) * 1000)
        words[word] = {"ms": [round(t, 2) for t in times], "first_match": found}
    database.close()
    return {"api": api, "pager_open_ms": round(opened_ms, 2), "words": words}


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
    """One stage in a process of its own, its whole tree measured."""
    out, usage = tree.run([sys.executable, "-m", "bench.speed", "--stage", stage, "--corpus", str(corpus),
                           "--db", str(db)])
    result = json.loads(out.strip().splitlines()[-1])
    result.update(usage.as_dict())
    result["peak_tree_mb"] = max(result["peak_tree_mb"], result["peak_rss_mb"])  # the main process's own is exact
    return result


_LAST_LINE = "liveline bench last line"


def _reader_stages(db: Path, out: Path, count: int, toolong: bool, lnav: bool, load: int, runs: int = 3) -> dict:
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
        fh.write(f"{_LAST_LINE}\n")  # Toolong and lnav open a text file at its end
    database.close()
    result: dict = {"liveline": terminal.liveline_reader(db, speakers, total, SEARCH_WORDS, runs)}
    if load:
        with terminal.Burners(load):
            result["liveline_loaded"] = terminal.liveline_reader(db, speakers, total, SEARCH_WORDS, runs)
        result["liveline_loaded"]["load_processes"] = load
    tl = terminal.toolong_venv(out / "toolong-venv") if toolong else None
    result["toolong"] = terminal.toolong(tl, lines, _LAST_LINE, runs) if tl else None
    binary = terminal.lnav_binary() if lnav else None
    result["lnav"] = terminal.lnav(binary, lines, _LAST_LINE, out / "lnav-home", runs) if binary else None
    result["plain"] = terminal.plain(db, runs)
    result["lines"] = count
    return result


def corpus_for(paragraphs: int, out: Path, seed: int, archive: bool = False) -> tuple[Path, dict]:
    """The synthetic corpus of this size under `out` (generated the first time)."""
    corpus = out / f"{'archive' if archive else 'corpus'}-{paragraphs}"
    if not (corpus / "sources.toml").exists() or not (corpus / "live.json").exists():
        started = time.perf_counter()
        info = generate(paragraphs, seed, corpus, archive)
        info["generated_s"] = round(time.perf_counter() - started, 2)
        (corpus / "info.json").write_text(json.dumps(info), encoding="utf-8")
        return corpus, info
    try:
        return corpus, json.loads((corpus / "info.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return corpus, {"sources": sum(1 for _ in corpus.glob("*.txt"))}


def _fresh(*paths: Path) -> None:
    for path in paths:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)


def build_timeline(corpus: Path, db: Path) -> dict:
    """The corpus ingested, attributed, merged and numbered into `db`, each stage timed in a
    process of its own; returns the stages' reports."""
    _fresh(db)
    return {stage: _run(stage, corpus, db) for stage in TIMELINE_STAGES}


def _spread(values: list[float]) -> dict:
    return {"median": round(statistics.median(values), 3), "min": round(min(values), 3), "max": round(max(values), 3)}


_MEASURED = ("wall_s", "cpu_s", "seconds", "work_cpu_s", "peak_tree_mb", "peak_tree_pss_mb", "peak_tree_rss_mb",
             "peak_rss_mb")


def _summary(runs: list[dict]) -> dict:
    """A stage over its runs: each measured figure as median, min and max; the load at
    start and end of every run; what it did (rows, events, bytes) from the last run."""
    summary = {key: value for key, value in runs[-1].items() if key not in _MEASURED and not key.startswith("load")}
    summary.update({key: _spread([run[key] for run in runs]) for key in _MEASURED})
    summary["load_start"] = [run["load_start"][0] for run in runs]
    summary["load_end"] = [run["load_end"][0] for run in runs]
    summary["runs"] = len(runs)
    summary["processes"] = max(run.get("processes", 0) for run in runs)
    summary["peak_member_hwm_mb"] = max(run.get("peak_member_hwm_mb", 0) for run in runs)
    if "search" in runs[-1]:
        summary["search"] = {
            "api": runs[-1]["search"]["api"],
            "pager_open_ms": _spread([run["search"]["pager_open_ms"] for run in runs]),
            "words": {word: {**_spread([t for run in runs for t in run["search"]["words"][word]["ms"]]),
                             "first_match": data["first_match"]}
                      for word, data in runs[-1]["search"]["words"].items()},
        }
    return summary


def _disk_bytes(db: Path) -> int:
    return sum(Path(f"{db}{suffix}").stat().st_size for suffix in ("", "-wal") if Path(f"{db}{suffix}").exists())


def measure(paragraphs: int, out: Path, seed: int, toolong: bool = True, runs: int = 1, lnav: bool = True,
            load: int = 0, archive: bool = False, reader_runs: int = 3, reader: bool = True) -> dict:
    corpus, info = corpus_for(paragraphs, out, seed, archive)
    prefix = "archive-" if archive else ""
    db = out / f"{prefix}timeline-{paragraphs}.db"
    floor_db = out / f"{prefix}floor-{paragraphs}.db"
    every_run: list[dict] = []
    for _ in range(runs):
        _fresh(floor_db)
        done = {"sqlite_floor": _run("sqlite_floor", corpus, floor_db), **build_timeline(corpus, db)}
        done["export"] = _run("export", corpus, db)
        done["search"] = _run("search", corpus, db)
        every_run.append(done)
    _fresh(floor_db)
    stages = {stage: _summary([run[stage] for run in every_run]) for stage in STAGES}
    conn = sqlite3.connect(db)
    count = conn.execute("SELECT COUNT(*) FROM paragraphs").fetchone()[0]
    conn.close()
    disk = _disk_bytes(db)
    return _figures(count, info, corpus, archive, runs, stages, disk,
                    _reader_stages(db, out, count, toolong, lnav, load, reader_runs) if reader else None)


def _figures(count: int, info: dict, corpus: Path, archive: bool, runs: int, stages: dict, disk: int,
             reader: dict | None) -> dict:
    """A size's report: the stages, and the figures read from them and from the reader."""

    def wall(stage: str) -> float:
        return float(stages[stage]["wall_s"]["median"])

    def cpu(stage: str) -> float:
        return float(stages[stage]["cpu_s"]["median"])

    live, loaded = (reader or {}).get("liveline") or {}, (reader or {}).get("liveline_loaded")

    def first_screen(program: str) -> float | None:
        return reader[program]["first_screen_s"]["median"] if reader and reader.get(program) else None

    return {
        "paragraphs": count,
        "corpus": {**info, "archive": archive, "path": str(corpus)},
        "runs": runs,
        "stages": stages,
        "ingest_paragraphs_per_s": {
            "sqlite_floor": round(stages["sqlite_floor"]["rows"] / stages["sqlite_floor"]["seconds"]["median"]),
            "without_speakers": round(count / wall("ingest_plain")),
            "with_speakers": round(count / (wall("ingest_plain") + wall("speakers"))),
            "with_speakers_and_merge": round(count / (wall("ingest_plain") + wall("speakers") + wall("merge"))),
        },
        "ingest_paragraphs_per_cpu_s": {
            "without_speakers": round(count / cpu("ingest_plain")),
            "with_speakers": round(count / (cpu("ingest_plain") + cpu("speakers"))),
        },
        "attribution_us_per_paragraph": round(wall("speakers") / count * 1e6, 1),
        "merge_seconds": wall("merge"),
        "merge_cpu_s": cpu("merge"),
        "export_seconds": wall("export"),
        "bytes_on_disk": disk,
        "bytes_per_paragraph": round(disk / count, 1) if count else None,
        "search_in_process_ms": {word: data["median"] for word, data in stages["search"]["search"]["words"].items()},
        "reader_first_screen_s": first_screen("liveline"),
        "toolong_first_screen_s": first_screen("toolong"),
        "lnav_first_screen_s": first_screen("lnav"),
        "plain_first_screen_s": first_screen("plain"),
        "filter_switch_ms": live.get("filter_switch_ms_median"),
        "filter_switch_ms_max": live.get("filter_switch_ms_max"),
        "filter_switch_loaded_ms": loaded["filter_switch_ms_median"] if loaded else None,
        "filter_switch_loaded_ms_max": loaded["filter_switch_ms_max"] if loaded else None,
        "search_reader_ms": {word: data["median"] for word, data in live.get("search_ms", {}).items()},
        "search_reader_ms_max": {word: data["max"] for word, data in live.get("search_ms", {}).items()},
        # liveline's own stages: the sqlite3 floor holds every row in a list, which liveline does not.
        "peak_rss_mb": max([s["peak_rss_mb"]["max"] for n, s in stages.items() if n != "sqlite_floor"]
                           + [live.get("peak_rss_mb") or 0]),
        "peak_tree_mb": max([s["peak_tree_mb"]["max"] for n, s in stages.items() if n != "sqlite_floor"]
                            + [live.get("peak_tree_mb") or 0]),
        "reader": reader or {},
    }


def growth(sizes: dict[str, dict]) -> dict:
    """Growth per doubling of each stage's wall and CPU median between consecutive sizes:
    (t2 / t1) ** (1 / log2(n2 / n1)) over the paragraphs stored; 2.0 is linear."""
    ordered = sorted(sizes.values(), key=lambda size: size["paragraphs"])
    found = {}
    for small, large in zip(ordered, ordered[1:], strict=False):
        doublings = math.log2(large["paragraphs"] / small["paragraphs"])
        if doublings <= 0:
            continue
        per: dict[str, dict] = {}
        for stage in STAGES:
            if stage in ("sqlite_floor", "search"):
                continue
            per[stage] = {}
            for figure, key in (("wall", "wall_s"), ("cpu", "cpu_s")):
                t1, t2 = small["stages"][stage][key]["median"], large["stages"][stage][key]["median"]
                per[stage][figure] = round((t2 / t1) ** (1 / doublings), 2) if t1 > 0 and t2 > 0 else None
        found[f"{small['paragraphs']}->{large['paragraphs']}"] = {
            "from": small["paragraphs"], "to": large["paragraphs"], "doublings": round(doublings, 2),
            "per_doubling": per,
        }
    return found


def runs_per_size(sizes: list[int], runs: list[int]) -> dict[int, int]:
    """One run count for every size, or one per size in the order the sizes were given."""
    if len(runs) == 1:
        return {size: runs[0] for size in sizes}
    if len(runs) != len(sizes):
        raise ValueError(f"--runs takes one count or one per size ({len(sizes)}), not {len(runs)}")
    return dict(zip(sizes, runs, strict=True))


def report(sizes: list[int], out: Path, seed: int = 7, runs: list[int] | None = None, toolong: bool = True,
           lnav: bool = True, load: int = 0, archive: bool = False, reader_runs: int = 3,
           reader_sizes: list[int] | None = None) -> dict:
    """Every size measured; the whole report (what `python -m bench.speed` prints)."""
    out.mkdir(parents=True, exist_ok=True)
    counts = runs_per_size(sizes, runs or [1])
    started = dt.datetime.now(dt.UTC)
    measured = {str(n): measure(n, out, seed, toolong, counts[n], lnav, load, archive, reader_runs,
                                reader_sizes is None or n in reader_sizes) for n in sorted(set(sizes))}
    return {
        "machine": {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count()},
        "started": started.isoformat(timespec="seconds"),
        "finished": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "options": {"sizes": sorted(set(sizes)), "runs": {str(k): v for k, v in counts.items()}, "seed": seed,
                    "archive": archive, "load": load, "toolong": toolong, "lnav": lnav, "reader_runs": reader_runs},
        "sizes": measured,
        "growth": growth(measured),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.speed", description=__doc__.split("\n\n")[0])
    parser.add_argument("--paragraphs", type=int, nargs="+", default=[20000, 200000])
    parser.add_argument("--runs", type=int, nargs="+", default=[1], help="runs of every stage: one count, or one per size")
    parser.add_argument("--archive", action="store_true", help="the archive corpus: many stories, days growing with it")
    parser.add_argument("--load", type=int, default=0, help="measure the reader again while N processes burn CPU")
    parser.add_argument("--out", type=Path, default=Path("build/speed"))
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-toolong", action="store_true", help="skip Toolong (it is installed from PyPI on first use)")
    parser.add_argument("--no-lnav", action="store_true", help="skip lnav (apt-get installs it on first use)")
    parser.add_argument("--reader-runs", type=int, default=3, help="sessions of each program in the pty (median)")
    parser.add_argument("--reader-sizes", type=int, nargs="+", help="measure the reader at these sizes only")
    parser.add_argument("--json", type=Path, help="also write the report to this file")
    parser.add_argument("--stage", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.stage:
        print(json.dumps(_stage(args.stage, args.corpus, args.db)))
        return 0
    try:
        runs_per_size(args.paragraphs, args.runs)
    except ValueError as error:
        parser.error(str(error))
    result = report(args.paragraphs, args.out, args.seed, args.runs, not args.no_toolong, not args.no_lnav,
                    args.load, args.archive, args.reader_runs, args.reader_sizes)
    text = json.dumps(result, indent=1)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
