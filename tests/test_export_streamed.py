"""An export is written as it is read, a page at a time, and a file appears complete or
not at all: the same bytes as ever, whatever the page size, and nothing half-written."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

import liveline.timeline.export as export
from liveline.timeline.export import ExportStopped, build, to_json, to_markdown, write_document
from liveline.timeline.store import open_db
from liveline.timeline.view import View
from liveline.tui.app import LivelineApp
from liveline.tui.pickers import export_prompt
from tests.test_export import GOLDEN

VIEWS = [View(), View(merged=True), View(speakers=("cooper",), merged=True, newest_first=True), View(quotes=True)]


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


@pytest.mark.parametrize("view", VIEWS, ids=["raw", "merged", "cooper-merged-newest", "quotes"])
def test_pages_of_any_size_write_the_same_bytes(example_db, monkeypatch, view):
    database = open_db(example_db)
    whole = {fmt: render(build(database, view)) for fmt, render in (("md", to_markdown), ("json", to_json))}
    for size in (1, 7, 1000):  # a page per entry, pages cutting days and events, one page
        monkeypatch.setattr(export, "PAGE_SIZE", size)
        assert to_markdown(build(database, view)) == whole["md"], size
        assert to_json(build(database, view)) == whole["json"], size
    if view == View():
        assert whole["md"] == (GOLDEN / "example.md").read_text(encoding="utf-8")
    if view == View(merged=True):
        assert whole["md"] == (GOLDEN / "example-merged.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["markdown", "json"])
def test_a_file_is_written_as_the_entries_are_read_and_appears_only_when_complete(example_db, tmp_path, monkeypatch, fmt):
    monkeypatch.setattr(export, "PAGE_SIZE", 50)
    target = tmp_path / "day.out"
    seen: list[int] = []

    def stop() -> bool:
        parts = list(tmp_path.glob(".day.out.*.part"))
        seen.append(parts[0].stat().st_size if parts else -1)
        assert not target.exists()  # nothing under the name until the whole export is there
        return False

    document = build(open_db(example_db), View())
    assert write_document(document, fmt, target, stop) == target
    text = target.read_text(encoding="utf-8")
    assert 0 < max(seen) < len(text.encode())  # pages were on disk while later ones were read
    assert text == (to_json if fmt == "json" else to_markdown)(build(open_db(example_db), View()))
    assert document.count == (len(json.loads(text)["entries"]) if fmt == "json" else text.count("\n- `")) > 200
    assert leftovers(tmp_path) == []


def test_an_export_called_off_leaves_the_earlier_file_as_it_was_and_nothing_beside_it(example_db, tmp_path, monkeypatch):
    monkeypatch.setattr(export, "PAGE_SIZE", 20)
    target = tmp_path / "notes.md"
    target.write_text("my own notes\n", encoding="utf-8")
    calls = iter(range(100))
    with pytest.raises(ExportStopped):
        write_document(build(open_db(example_db), View()), "markdown", target, stop=lambda: next(calls) == 3)
    assert target.read_text(encoding="utf-8") == "my own notes\n"
    assert leftovers(tmp_path) == []


def test_replacing_a_file_keeps_its_mode_and_a_link_stays_a_link(example_db, tmp_path):
    real = tmp_path / "kept.md"
    real.write_text("old\n", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "link.md"
    link.symlink_to(real)
    write_document(build(open_db(example_db), View()), "markdown", link)
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("# ")
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    fresh = tmp_path / "fresh.md"
    write_document(build(open_db(example_db), View()), "markdown", fresh)
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask  # as any new file of the user's
    assert leftovers(tmp_path) == []


def test_a_device_is_written_to_as_it_is(example_db, tmp_path):
    assert write_document(build(open_db(example_db), View()), "json", "/dev/null") == Path("/dev/null")
    assert Path("/dev/null").is_char_device()


async def test_the_reader_writes_a_long_export_in_a_worker_and_says_when_done(example_db, tmp_path, monkeypatch):
    monkeypatch.setattr(export_prompt, "AT_ONCE_ENTRIES", 10)  # the example's 300 entries count as long
    app = LivelineApp(example_db, export_dir=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("e")
        app.screen.query_one("Input").value = str(tmp_path / "day.json")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        said = " | ".join(str(n.message) for n in app._notifications)
        assert "exporting the view to" in said
        count = len(json.loads((tmp_path / "day.json").read_text(encoding="utf-8"))["entries"])
        assert f"wrote {count} entries to {tmp_path / 'day.json'}" in said and count > 200
    assert leftovers(tmp_path) == []


async def test_the_reader_says_a_long_export_could_not_be_written(example_db, tmp_path, monkeypatch):
    monkeypatch.setattr(export_prompt, "AT_ONCE_ENTRIES", 10)
    app = LivelineApp(example_db, export_dir=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("e")
        app.screen.query_one("Input").value = str(tmp_path / "missing" / "day.md")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        errors = [str(n.message) for n in app._notifications if n.severity == "error"]
        assert errors and "cannot write" in errors[0]
