"""A hostile or mistaken manifest: every entry is checked before anything is written, and
its files stay inside the manifest's folder unless the reader says otherwise."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from liveline.timeline.store import open_db
from tests.conftest import GOOD, digest, write


def refused(cli, db: Path, *args: object, expect: tuple[str, ...]) -> str:
    """The ingest fails with one line naming each of `expect`, and the timeline is unchanged."""
    before = digest(db)
    run = cli("ingest", *args, "--db", db)
    lines = run.err.strip().splitlines()
    assert run.code == 1 and len(lines) == 1 and lines[0].startswith("liveline: error:"), run.err
    for part in expect:
        assert part in lines[0], lines[0]
    assert digest(db) == before
    return lines[0]


def manifest(folder: Path, *entries: str) -> Path:
    """A manifest of `entries` (TOML key lines), each a [[source]] table."""
    path = folder / "sources.toml"
    path.write_text("".join(f"[[source]]\n{entry}\n" for entry in entries), encoding="utf-8")
    return path


def two_sources(folder: Path, second: str) -> Path:
    """A good first entry, then a second one with `second` added to its keys."""
    write(folder, "first.txt", GOOD.replace("Minister", "Mayor"))
    write(folder, "second.txt", GOOD.replace("Minister", "Governor"))
    return manifest(
        folder,
        'file = "first.txt"\noutlet = "First"\ndate = "2025-02-03"',
        f'file = "second.txt"\noutlet = "Second"\ndate = "2025-02-03"\n{second}'.replace('\ndate = "2025-02-03"\ndate', "\ndate"),
    )


def test_a_second_entry_whose_title_is_a_table_is_refused_before_the_first_is_written(cli, db, tmp_path):
    path = two_sources(tmp_path, "title = {x = 1}")
    refused(cli, db, "--manifest", path, expect=(str(path), "source #2", "title", "string"))


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ("outlet = 5", "outlet"),
        ('file = ["a.txt"]', "file"),
        ("kind = 3", "kind"),
        ('kind = "blog"', "kind"),
        ('order = "sideways"', "order"),
        ("order = true", "order"),
        ('date = "2025-13-01"', "date"),
        ("date = 2025-02-03T10:00:00", "date"),
        ("date = 20250203", "date"),
        ('date = "0999-06-01"', "date"),
        ("url = 7", "url"),
        ('url = "ftp://example.test/x"', "url"),
        ('url = "javascript:alert(1)"', "url"),
        ('url = "http://[::1:18081/x"', "url"),
        ('title = ["a", "b"]', "title"),
        ('title = "Retitle \\u001b]0;PWNED\\u0007 me"', "title"),
        ('outlet = "Sky\\u001b[31m News"', "outlet"),
        ('outlet = "   "', "outlet"),
        ('file = "second\\u0000.txt"', "file"),
    ],
)
def test_a_bad_value_in_any_entry_names_the_manifest_the_entry_and_the_key(cli, db, tmp_path, line, key):
    path = two_sources(tmp_path, "")
    text = path.read_text(encoding="utf-8")
    # The second entry's own line for this key is replaced, or the line is added to it.
    head, second = text.rsplit("[[source]]\n", 1)
    kept = [kept for kept in second.splitlines() if not kept.startswith(f"{key} =")]
    path.write_text(f"{head}[[source]]\n" + "\n".join([*kept, line]) + "\n", encoding="utf-8")
    refused(cli, db, "--manifest", path, expect=(str(path), "source #2", key))


def test_a_toml_date_is_taken_like_a_written_one(cli, tmp_path):
    write(tmp_path, "a.txt", GOOD)
    path = manifest(tmp_path, 'file = "a.txt"\noutlet = "A"\ndate = 2025-02-03\nnotes = ["any", "notes"]')
    assert cli("ingest", "--manifest", path, "--db", tmp_path / "t.db").code == 0
    assert open_db(tmp_path / "t.db").execute("SELECT date FROM sources").fetchone() == ("2025-02-03",)


def test_a_file_above_the_manifests_folder_is_refused_unless_allow_outside(cli, db, tmp_path):
    folder = tmp_path / "story"
    folder.mkdir()
    write(tmp_path, "outside.txt", GOOD.replace("Minister", "Mayor"))
    path = manifest(folder, 'file = "../outside.txt"\noutlet = "Outside"\ndate = "2025-02-03"')
    refused(cli, db, "--manifest", path, expect=(str(path), "source #1", "file", "outside", "--allow-outside"))
    run = cli("ingest", "--manifest", path, "--allow-outside", "--db", db)
    assert run.code == 0, run.err
    assert "Outside" in {row[0] for row in open_db(db).execute("SELECT outlet FROM sources")}


def test_an_absolute_path_to_a_system_file_is_refused(cli, db, tmp_path):
    path = manifest(tmp_path, 'file = "/etc/shadow"\noutlet = "Shadow"\ndate = "2025-02-03"')
    refused(cli, db, "--manifest", path, expect=("source #1", "file", "outside"))


def test_a_link_inside_the_folder_that_points_out_of_it_is_refused(cli, db, tmp_path):
    folder = tmp_path / "story"
    folder.mkdir()
    write(tmp_path, "secret.txt", GOOD.replace("Minister", "Spy"))
    (folder / "innocent.txt").symlink_to(tmp_path / "secret.txt")
    path = manifest(folder, 'file = "innocent.txt"\noutlet = "Innocent"\ndate = "2025-02-03"')
    refused(cli, db, "--manifest", path, expect=("source #1", "outside"))


def test_a_symbolic_link_loop_is_one_line(cli, db, tmp_path):
    os.symlink(tmp_path / "loop1", tmp_path / "loop2")
    os.symlink(tmp_path / "loop2", tmp_path / "loop1")
    path = manifest(tmp_path, 'file = "loop1"\noutlet = "Loop"\ndate = "2025-02-03"')
    refused(cli, db, "--manifest", path, expect=("source #1", "loop"))
    refused(cli, db, "--manifest", tmp_path / "loop1", expect=("loop",))


def test_dev_zero_from_a_manifest_is_refused_even_when_outside_files_are_allowed(cli, db, tmp_path):
    path = manifest(tmp_path, 'file = "/dev/zero"\noutlet = "Zero"\ndate = "2025-02-03"')
    refused(cli, db, "--manifest", path, "--allow-outside", expect=("/dev/zero", "not a regular file"))


def test_a_manifest_that_is_a_device_is_refused(cli, db):
    refused(cli, db, "--manifest", "/dev/zero", expect=("/dev/zero", "not a regular file"))


def test_the_bundled_manifest_still_reads(cli, tmp_path):
    from tests.conftest import EXAMPLES

    assert cli("ingest", "--manifest", EXAMPLES / "sources.toml", "--db", tmp_path / "t.db").code == 0
