"""The timeline file under stress: `--fresh` never replaces another application's file,
writers wait their turn instead of failing, merge workers die with their ingest, and a
damaged or read-only timeline is one line or readable, never a traceback."""

from __future__ import annotations

import ctypes
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from liveline.timeline.store import SCHEMA_VERSION, open_db
from tests.conftest import EXAMPLES, GOOD, REPO, write

# Longest a process of these tests may take before it counts as hung (a loaded machine).
HANG = 120


def one_line_error(run, *expect: str) -> str:
    lines = run.err.strip().splitlines()
    assert run.code == 1 and len(lines) == 1 and lines[0].startswith("liveline: error:"), run.err
    for part in expect:
        assert part in lines[0], lines[0]
    return lines[0]


def environment(**extra: str) -> dict[str, str]:
    """The test's environment without the cli fixture's short lock timeout."""
    env = {k: v for k, v in os.environ.items() if k != "LIVELINE_LOCK_TIMEOUT"}
    return {**env, "COLUMNS": "120", **extra}


def liveline(*args: object, **options) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "liveline", *map(str, args)], cwd=REPO, text=True,
                            env=environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, **options)


def ingest_good(cli, tmp_path: Path, db: Path, outlet: str = "Good") -> None:
    text = write(tmp_path, f"{outlet.lower()}.txt", GOOD.replace("Minister", outlet))
    assert cli("ingest", text, "--outlet", outlet, "--date", "2025-02-03", "--db", db).code == 0


# --fresh ------------------------------------------------------------------------------


def test_fresh_refuses_to_replace_a_text_file_and_force_replaces_it(cli, tmp_path):
    notes = tmp_path / "notes.db"
    notes.write_text("my shopping list\n", encoding="utf-8")
    text = write(tmp_path, "a.txt", GOOD)
    run = cli("ingest", text, "--outlet", "A", "--date", "2025-02-03", "--fresh", "--db", notes)
    one_line_error(run, str(notes), "not a SQLite database", "--force")
    assert notes.read_text(encoding="utf-8") == "my shopping list\n"
    run = cli("ingest", text, "--outlet", "A", "--date", "2025-02-03", "--fresh", "--force", "--db", notes)
    assert run.code == 0, run.err
    assert open_db(notes).execute("SELECT outlet FROM sources").fetchall() == [("A",)]


def test_fresh_refuses_another_applications_database_and_leaves_it_as_it_was(cli, tmp_path):
    other = tmp_path / "app.db"
    with sqlite3.connect(other) as conn:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("CREATE TABLE meta (key, value)")
        conn.execute("INSERT INTO meta VALUES ('app', 'someone-else')")
    conn.close()
    before = other.read_bytes()
    text = write(tmp_path, "a.txt", GOOD)
    one_line_error(cli("ingest", text, "--outlet", "A", "--date", "2025-02-03", "--fresh", "--db", other),
                   "not a liveline timeline", "--force")
    # Without --fresh the refusal does not recommend the flag that would replace it.
    assert "--fresh" not in one_line_error(cli("ingest", text, "--outlet", "A", "--date", "2025-02-03", "--db", other))
    assert other.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("app.db")) == ["app.db"]


def test_the_schema_version_error_recommends_fresh_which_then_rebuilds_that_timeline(cli, tmp_path):
    db = tmp_path / "t.db"
    ingest_good(cli, tmp_path, db)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    conn.close()
    text = write(tmp_path, "new.txt", GOOD.replace("Minister", "Mayor"))
    assert "--fresh" in one_line_error(cli("ingest", text, "--outlet", "New", "--date", "2025-02-03", "--db", db),
                                       "schema version 99")
    assert cli("ingest", text, "--outlet", "New", "--date", "2025-02-03", "--fresh", "--db", db).code == 0
    meta = dict(open_db(db).execute("SELECT key, value FROM meta").fetchall())
    assert meta["schema_version"] == str(SCHEMA_VERSION)


def test_force_without_fresh_is_refused(cli, tmp_path):
    one_line_error(cli("ingest", write(tmp_path, "a.txt", GOOD), "--outlet", "A", "--date", "2025-02-03", "--force",
                       "--db", tmp_path / "t.db"), "--force", "--fresh")


# Writers waiting their turn ----------------------------------------------------------

HOLDER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("holding", flush=True)
sys.stdin.readline()
conn.execute("ROLLBACK")
"""


def hold_the_write_lock(db: Path) -> subprocess.Popen[str]:
    """Another process holding a write transaction on `db` until told to stop."""
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db)], text=True, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
    return holder


def release(holder: subprocess.Popen[str]) -> None:
    if holder.poll() is None:
        assert holder.stdin is not None
        holder.stdin.write("done\n")
        holder.stdin.flush()
    holder.wait(timeout=HANG)


def test_an_ingest_beside_another_writer_waits_says_so_and_succeeds_when_it_ends(cli, tmp_path):
    db = tmp_path / "t.db"
    ingest_good(cli, tmp_path, db)
    text = write(tmp_path, "late.txt", GOOD.replace("Minister", "Mayor"))
    holder = hold_the_write_lock(db)
    ingest = liveline("ingest", text, "--outlet", "Late", "--date", "2025-02-03", "--db", db)
    try:
        assert ingest.stderr is not None
        first = ingest.stderr.readline()  # nothing can be written until the holder lets go
        assert first.startswith(f"liveline: waiting for another liveline writing to {db}"), first
        release(holder)
        rest = ingest.communicate(timeout=HANG)[1]
    finally:
        release(holder)
        if ingest.poll() is None:
            ingest.kill()
    assert ingest.returncode == 0, first + rest
    assert "added Late" in rest
    assert ("Late",) in open_db(db).execute("SELECT outlet FROM sources").fetchall()


def test_follow_waits_for_a_long_ingest_instead_of_exiting(tmp_path):
    from liveline.ingest.follow import follow
    from liveline.ingest.sources.spec import SourceSpec
    from tests.test_web import UPDATES, Site, live_page

    site = Site()
    site.thread.start()
    db = tmp_path / "t.db"
    url = site.page("/live", live_page(UPDATES))
    spec = SourceSpec(path=None, outlet="", name=url, url=url, remote=True)
    follow(spec, db, every=0, report=lambda _: None, polls=1, sleep=lambda _: None)
    site.page("/live", live_page(UPDATES + [{**UPDATES[0], "@id": "new", "headline": "Late news", "articleBody": "A late post."}]))
    holder = hold_the_write_lock(db)
    heard: list[str] = []

    def report(line: str) -> None:
        heard.append(line)
        if line.startswith("waiting for another liveline"):
            release(holder)

    try:
        assert follow(spec, db, every=0, report=report, polls=1, sleep=lambda _: None) == 1
    finally:
        release(holder)
        site.server.shutdown()
        site.server.server_close()
    assert heard[0] == f"waiting for another liveline writing to {db} (Ctrl-C stops)"
    assert "1 new" in heard[-1]


LONG_WRITER = """
import sys, time
from pathlib import Path
from liveline.timeline.store import open_db, write_transaction
path = Path(sys.argv[1])
db = open_db(path)
print("writing", flush=True)
for turn in range(1200):
    with write_transaction(db, path) as conn:  # one source's rows
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('long_writer', ?)", (str(turn),))
        time.sleep(0.05)
        if conn.execute("SELECT COUNT(*) FROM sources WHERE outlet = 'Follower'").fetchone()[0]:
            print("let in", flush=True)
            break
else:
    print("never let in", flush=True)
"""


def test_a_long_ingest_committing_source_by_source_lets_a_waiting_writer_in_between(cli, tmp_path):
    db = tmp_path / "t.db"
    ingest_good(cli, tmp_path, db)
    text = write(tmp_path, "follower.txt", GOOD.replace("Minister", "Mayor"))
    writer = subprocess.Popen([sys.executable, "-c", LONG_WRITER, str(db)], cwd=REPO, text=True, env=environment(),
                              stdout=subprocess.PIPE)
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "writing"
        ingest = liveline("ingest", text, "--outlet", "Follower", "--date", "2025-02-03", "--db", db)
        _, err = ingest.communicate(timeout=HANG)
        assert ingest.returncode == 0, err
        # The long writer saw the follower's source while it still had turns to take.
        assert writer.stdout.readline().strip() == "let in"
    finally:
        if writer.poll() is None:
            writer.kill()
        writer.wait()


def test_a_lock_timeout_that_is_not_a_number_is_one_line(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("LIVELINE_LOCK_TIMEOUT", "nan")
    one_line_error(cli("ingest", write(tmp_path, "a.txt", GOOD), "--outlet", "A", "--date", "2025-02-03",
                       "--db", tmp_path / "t.db"), "LIVELINE_LOCK_TIMEOUT")


# Merge workers ------------------------------------------------------------------------

STALL_ENV = "LIVELINE_TEST_STALL_DIR"


def stalled_merge(items, ignore):
    """A merge that never finishes, run in a worker: it says where it is and waits."""
    (Path(os.environ[STALL_ENV]) / str(os.getpid())).touch()
    time.sleep(HANG)
    return []


KILLED_INGEST = f"""
import sys
from liveline.ingest.events import combine
from tests.test_hostile_database import stalled_merge
combine.PARALLEL_MIN_PARAGRAPHS = 0  # merge the example's two dates in worker processes
combine.merge = stalled_merge
from liveline.cli.main import main
sys.exit(main(["ingest", "--manifest", {str(EXAMPLES / "sources.toml")!r}, "--db", sys.argv[1]]))
"""


def _gone(pid: int) -> bool:
    """No such process, or only its exit status left for someone to collect."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


@pytest.mark.skipif(not Path("/proc/self/stat").exists() or (os.cpu_count() or 1) < 2,
                    reason="needs /proc and two cores for merge workers")
def test_merge_workers_die_with_an_ingest_killed_while_merging(tmp_path):
    stalls = tmp_path / "stalls"
    stalls.mkdir()
    ingest = subprocess.Popen([sys.executable, "-c", KILLED_INGEST, str(tmp_path / "t.db")], cwd=REPO,
                              env=environment(**{STALL_ENV: str(stalls)}), stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + HANG
        while len(workers) < 2 and time.monotonic() < deadline and ingest.poll() is None:
            time.sleep(0.1)
            workers = [int(p.name) for p in stalls.iterdir()]
        assert len(workers) == 2, "the ingest never merged in two workers"
        ingest.send_signal(signal.SIGKILL)
        ingest.wait()
        deadline = time.monotonic() + 30
        while not all(map(_gone, workers)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert all(map(_gone, workers)), "a merge worker outlived its ingest"
    finally:
        if ingest.poll() is None:
            ingest.kill()
            ingest.wait()
        for pid in workers:
            if not _gone(pid):
                os.kill(pid, signal.SIGKILL)


# Damaged and read-only timelines ------------------------------------------------------


@pytest.fixture
def example_copy(tmp_path) -> Path:
    from liveline.ingest.pipeline import ingest
    from liveline.ingest.sources.manifest import read_manifest

    db = tmp_path / "timeline.db"
    ingest(read_manifest(EXAMPLES / "sources.toml"), db)
    return db


def test_a_timeline_with_damaged_pages_is_one_line_in_every_command(cli, example_copy):
    pages = example_copy.stat().st_size // 4096
    with example_copy.open("r+b") as handle:  # the second half of the pages overwritten past their headers
        for page in range(pages // 2, pages - 1):
            handle.seek(page * 4096 + 50)
            handle.write(b"\xde\xad\xbe\xef" * 200)
    failed = []
    for command in (["sources"], ["posts"], ["posts", "--merged"], ["speakers"], ["events"], ["print"],
                    ["export", "-o", "-"], ["export", "--format", "json", "-o", "-"]):
        run = cli(*command, "--db", example_copy)
        if run.code:
            one_line_error(run, f"{example_copy} is damaged")
            failed.append(command[0])
    assert {"sources", "posts", "speakers", "print", "export"} <= set(failed)


CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, PR_CAPBSET_DROP = 1, 2, 24


def _without_root_powers() -> None:
    """In the child, before exec: root without the power to ignore file permissions."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "cannot drop a capability")


def as_someone_who_cannot_write(*args: object) -> subprocess.CompletedProcess[str]:
    """`liveline ARGS` run so that file permissions hold (for root too, where it may drop them)."""
    if os.geteuid() == 0:
        try:
            subprocess.run(["true"], preexec_fn=_without_root_powers, check=True)
        except (subprocess.SubprocessError, OSError):
            pytest.skip("running as root and cannot drop the power to ignore file permissions")
    return subprocess.run([sys.executable, "-m", "liveline", *map(str, args)], cwd=REPO, env=environment(),
                          capture_output=True, text=True, timeout=HANG,
                          preexec_fn=_without_root_powers if os.geteuid() == 0 else None)


@pytest.mark.parametrize("read_only", ["folder", "file"])
def test_a_read_only_timeline_can_be_read_but_not_written(example_copy, tmp_path, read_only):
    folder = example_copy.parent
    text = write(tmp_path.parent, f"{tmp_path.name}-new.txt", GOOD)
    locked = folder if read_only == "folder" else example_copy
    mode = locked.stat().st_mode
    locked.chmod(0o555 if read_only == "folder" else 0o444)
    try:
        for command in (["sources"], ["posts", "--outlet", "BBC"], ["export", "-o", "-"]):
            done = as_someone_who_cannot_write(*command, "--db", example_copy)
            assert done.returncode == 0, done.stderr
            assert "BBC News" in done.stdout
        done = as_someone_who_cannot_write("ingest", text, "--outlet", "New", "--date", "2025-02-03", "--db", example_copy)
        assert done.returncode == 1 and done.stderr.count("\n") == 1, done.stderr
        assert "cannot write" in done.stderr
    finally:
        locked.chmod(mode)
        text.unlink()
    assert ("New",) not in open_db(example_copy).execute("SELECT outlet FROM sources").fetchall()


def test_a_timeline_holding_text_that_is_not_utf8_is_one_line(cli, example_copy):
    """Text no liveline wrote (bytes that are not UTF-8, put there by another program)."""
    with sqlite3.connect(example_copy) as conn:
        conn.execute("UPDATE paragraphs SET text = CAST(x'fffe41' AS TEXT) WHERE rank = 1")
    conn.close()
    for command in (["print"], ["export", "-o", "-"]):
        one_line_error(cli(*command, "--db", example_copy), f"{example_copy} is damaged")
