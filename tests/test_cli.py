"""Using the `liveline` command: ingest, list sources and posts, print the timeline."""

from __future__ import annotations

import subprocess
import sys

from liveline.timeline import __version__
from liveline.timeline.store import open_db
from tests.conftest import EXAMPLES, REPO, write


def test_sources_lists_each_outlet_with_counts(cli, example_db):
    run = cli("sources", "--db", example_db)
    assert run.code == 0
    for outlet in ("BBC News", "The Guardian", "Report A", "Report B"):
        assert outlet in run.out
    guardian = next(line for line in run.out.splitlines() if "The Guardian" in line)
    assert "2025-01-06" in guardian and " 20 " in guardian


def test_posts_for_one_outlet_show_time_marks_and_first_words(cli, example_db):
    run = cli("posts", "--outlet", "bbc", "--db", example_db)
    assert run.code == 0
    assert "16:25" in run.out and "≤16:25" in run.out
    assert "Alex Forsyth" in run.out
    assert "The Guardian" not in run.out


def test_posts_outlet_is_repeatable(cli, example_db):
    run = cli("posts", "--outlet", "bbc", "--outlet", "guardian", "--db", example_db)
    assert run.code == 0
    assert "BBC News" in run.out and "The Guardian" in run.out and "Report A" not in run.out


def _rows(table: str) -> list[str]:
    """The first line of each data row of a table printed wide (a row's first cell, its time mark, never wraps)."""
    return [line for line in table.splitlines() if line.startswith("│") and line.split("│")[1].strip()]


def test_merged_posts_for_one_outlet_show_only_its_entries(cli, example_db, monkeypatch):
    monkeypatch.setenv("COLUMNS", "400")
    every = _rows(cli("posts", "--merged", "--db", example_db).out)
    run = cli("posts", "--merged", "--outlet", "bbc", "--db", example_db)
    assert run.code == 0
    rows = _rows(run.out)
    # An event keeps every outlet that reported it; each row here is one BBC News reported.
    assert rows and all("BBC News" in row.split("│")[2] for row in rows)
    assert len(rows) < len(every)


def test_posts_for_an_unknown_outlet_fails_with_close_matches(cli, example_db):
    run = cli("posts", "--outlet", "reuters", "--db", example_db)
    assert run.code == 1
    assert "no outlet matches 'reuters'" in run.err and "Report" in run.err
    run = cli("posts", "--merged", "--outlet", "xyz", "--db", example_db)
    assert run.code == 1 and "no outlet matches 'xyz'; outlets: BBC News" in run.err


def test_python_m_liveline_prints_the_version():
    done = subprocess.run([sys.executable, "-m", "liveline", "--version"], capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"liveline {__version__}"


def test_print_shows_the_timeline_day_by_day(cli, example_db, monkeypatch):
    monkeypatch.setenv("LIVELINE_DB", str(example_db))
    run = cli("print")
    assert run.code == 0
    assert run.out.index("Monday 6 January 2025") < run.out.index("Thursday 16 January 2025")
    assert "Watch: Home secretary outlines new measures" in run.out


def test_source_text_cannot_inject_rich_markup(cli, tmp_path):
    hostile = "The minister said [bold red]nothing[/] at all.\nShare\nSee [link=https://evil.test]this[/link].\nShare\n"
    write(tmp_path, "hostile.txt", hostile)
    assert cli("ingest", tmp_path / "hostile.txt", "--outlet", "H", "--date", "2025-02-03", "--db", tmp_path / "t.db").code == 0
    run = cli("print", "--db", tmp_path / "t.db")
    assert "[bold red]nothing[/]" in run.out
    assert "[link=https://evil.test]this[/link]" in run.out


def test_ingest_from_standard_input(tmp_path):
    text = (EXAMPLES / "002_419dad81a3bebef5.txt").read_bytes()
    done = subprocess.run(
        [sys.executable, "-m", "liveline.cli.main", "ingest", "-", "--outlet", "X", "--date", "2025-01-06", "--db", str(tmp_path / "t.db")],
        input=text, capture_output=True, cwd=REPO,
    )
    assert done.returncode == 0, done.stderr
    db = open_db(tmp_path / "t.db")
    assert db.execute("SELECT name, path FROM sources").fetchone() == ("stdin", None)
    assert db.execute("SELECT COUNT(*) FROM posts WHERE kind != 'header'").fetchone()[0] == 20


def test_manifest_values_win_and_flags_fill_the_gaps(cli, tmp_path):
    write(tmp_path, "a.txt", "The minister spoke.\nShare\nOthers replied.\nShare\n")
    write(tmp_path, "sources.toml", '[[source]]\nfile = "a.txt"\noutlet = "A"\n')
    assert cli("ingest", "--manifest", tmp_path / "sources.toml", "--date", "2025-02-03", "--db", tmp_path / "t.db").code == 0
    assert open_db(tmp_path / "t.db").execute("SELECT outlet, date FROM sources").fetchone() == ("A", "2025-02-03")


def test_a_file_without_an_outlet_is_refused(cli, tmp_path):
    write(tmp_path, "a.txt", "The minister spoke.\nShare\n")
    run = cli("ingest", tmp_path / "a.txt", "--date", "2025-02-03", "--db", tmp_path / "t.db")
    assert run.code == 1 and "--outlet" in run.err


def test_fresh_rebuilds_from_only_the_given_sources(cli, tmp_path):
    db = tmp_path / "t.db"
    write(tmp_path, "old.txt", "Old news.\nShare\nMore old news.\nShare\n")
    cli("ingest", tmp_path / "old.txt", "--outlet", "Old", "--date", "2025-02-03", "--db", db)
    assert cli("ingest", "--manifest", EXAMPLES / "sources.toml", "--fresh", "--db", db).code == 0
    outlets = {r[0] for r in open_db(db).execute("SELECT outlet FROM sources")}
    assert "Old" not in outlets and "BBC News" in outlets
    assert not list(tmp_path.glob(".liveline-*"))


def test_liveline_alone_refuses_a_missing_database_before_opening_the_screen(cli, tmp_path):
    run = cli("--db", tmp_path / "none.db")
    assert run.code == 1 and "liveline ingest --manifest" in run.err


def test_liveline_with_no_database_anywhere_builds_and_opens_the_bundled_example(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("LIVELINE_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    opened = []
    monkeypatch.setattr("liveline.tui.app.run", lambda path, view, notice: opened.append((path, notice)) or 0)

    first = cli()
    assert first.code == 0 and "built the bundled example" in first.err
    path, notice = opened[0]
    assert path == tmp_path / "data" / "liveline" / "example.db" and "bundled example" in notice
    assert open_db(path).execute("SELECT COUNT(*) FROM sources").fetchone()[0] == 5

    second = cli()
    assert "opened the bundled example" in second.err  # built once, then reused

    path.write_bytes(b"")  # damaged or from another version: built again
    assert "built the bundled example" in cli().err

    with open_db(path).conn as conn:  # built by an older liveline, which merged differently
        conn.execute("UPDATE meta SET value = 'older' WHERE key = 'example_fingerprint'")
    assert "built the bundled example" in cli().err
    assert "opened the bundled example" in cli().err
