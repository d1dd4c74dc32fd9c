"""Export the current view as Markdown (and JSON) for notes, newsletters and scripts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from liveline.timeline.export import build, to_json, to_markdown
from liveline.timeline.store import open_db
from liveline.timeline.view import View
from tests.conftest import REPO, write

GOLDEN = REPO / "tests" / "golden"
REGENERATE = "liveline export --db <fresh example db> -o tests/golden/<name> (see tests/test_export.py)"


def parse(markdown: str) -> list:
    return MarkdownIt("commonmark").parse(markdown)


def types(tokens) -> list[str]:
    found = []
    for token in tokens:
        found.append(token.type)
        found += [child.type for child in token.children or []]
    return found


@pytest.mark.parametrize(("name", "view"), [("example.md", View()), ("example-merged.md", View(merged=True))])
def test_example_export_matches_the_golden_file(example_db, name, view):
    markdown = to_markdown(build(open_db(example_db), view))
    assert markdown == to_markdown(build(open_db(example_db), view)), "export must be deterministic"
    assert markdown == (GOLDEN / name).read_text(encoding="utf-8"), f"export changed; if intended: {REGENERATE}"


def built(db, view: View):
    """An export with its entries kept, so a test can both render and inspect them."""
    document = build(db, view)
    document.entries = list(document.entries)
    return document


def test_markdown_has_a_title_one_section_per_day_and_one_item_per_entry(example_db):
    document = built(open_db(example_db), View())
    tokens = parse(to_markdown(document))
    headings = [(t.tag, tokens[i + 1].content) for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[0][0] == "h1"
    assert [h for h in headings[1:]] == [("h2", "Monday 6 January 2025"), ("h2", "Thursday 16 January 2025")]
    items = [t for t in tokens if t.type == "list_item_open" and t.level == 1]
    assert len(items) == len(document.entries) > 200
    first_item_inline = next(t for t in tokens if t.type == "inline" and t.level == 3)
    assert first_item_inline.children[0].type == "code_inline"  # the time mark leads


def test_merged_export_cites_every_outlet_and_lists_the_other_wordings(example_db):
    document = built(open_db(example_db), View(merged=True, speakers=("cooper",)))
    merged = [e for e in document.entries if len(e.outlets) > 1]
    assert merged and all(e.other_wordings for e in merged)
    markdown = to_markdown(document)
    line = next(line for line in markdown.splitlines() if line.startswith("- ") and "*Report A*" in line and "*BBC News*" in line)
    assert line.startswith("- `")
    assert "  - *" in markdown  # nested other wordings


HOSTILE = [
    "# x is not a heading",
    "Click [a](javascript:alert(1)) now.",
    "<script>alert('x')</script> was posted.",
    "Use `rm -rf` and ``double`` ticks.",
    "Cells | like | these.",
    "1. is not a list",
    "* neither is this",
    "_under_ and *star* and **bold**.",
    "An image ![x](http://evil.test/x.png) and <https://evil.test> autolink &amp; entity.",
]


def test_hostile_text_stays_text(cli, tmp_path):
    blog = "".join(f"{line}\nShare\n" for line in HOSTILE)
    write(tmp_path, "hostile.txt", blog)
    db = tmp_path / "t.db"
    assert cli("ingest", tmp_path / "hostile.txt", "--outlet", "Evil [Outlet](x)", "--date", "2025-02-03",
               "--kind", "liveblog", "--url", "javascript:alert(1)", "--db", db).code == 0
    document = built(open_db(db), View())
    markdown = to_markdown(document)
    tokens = parse(markdown)
    kinds = types(tokens)
    for forbidden in ("link_open", "image", "html_inline", "html_block", "strong_open", "ordered_list_open"):
        assert forbidden not in kinds, forbidden
    # The only emphasis is ours: one outlet citation per entry.
    assert kinds.count("em_open") == len(document.entries) == len(HOSTILE)
    assert kinds.count("heading_open") == 2  # our title and our one day
    code = [c.content for t in tokens for c in (t.children or []) if c.type == "code_inline"]
    assert all(c in ("--:--",) or c[:1] in "0123456789≤≥≈" for c in code if c not in ("16:25", "≤16:25", "≥16:25", "≈16:25"))
    rendered = "".join(c.content for t in tokens for c in (t.children or []) if c.type == "text")
    for literal in ("# x is not a heading", "[a](javascript:alert(1))", "<script>", "`rm -rf`", "Cells | like",
                    "1. is not a list", "* neither", "_under_", "**bold**", "![x](http://evil.test/x.png)", "&amp;",
                    "Evil [Outlet](x)"):
        assert literal in rendered, literal


def test_json_export_has_the_same_entries_and_stable_keys(example_db):
    database = open_db(example_db)
    view = View(speakers=("philp",), merged=True)
    document = built(database, view)
    payload = json.loads(to_json(document))
    assert list(payload) == ["entries", "liveline", "schema", "sources", "title", "view"]
    assert payload["schema"] == 1
    assert len(payload["entries"]) == len(document.entries)
    assert set(payload["entries"][0]) == {
        "author", "date", "event_id", "headline", "other_wordings", "outlets", "paragraph_id", "part",
        "removed_at", "source_ids", "speakers", "text", "time", "time_basis", "time_utc",
    }
    assert payload["view"]["speakers"] == ["Chris Philp"] and payload["view"]["merged"] is True
    assert to_json(document) == to_json(build(database, view))


def test_filters_by_alias_outlet_date_window_and_order(example_db):
    database = open_db(example_db)
    by_role = built(database, View(speakers=("the shadow home secretary",)))
    assert by_role.entries and all("Chris Philp" in e.speakers for e in by_role.entries)
    guardian = built(database, View(outlets=("guardian",), date="2025-01-06"))
    assert guardian.entries and all(e.outlets == ["The Guardian"] for e in guardian.entries)
    # A window keeps what could fall in it: stated inside, or bounds that overlap; never unknown times.
    window = built(database, View(date="2025-01-16", time_from="16:00", time_to="16:30"))
    assert "16:25" in {e.time for e in window.entries} and "--:--" not in {e.time for e in window.entries}
    assert not built(database, View(date="2025-01-16", time_from="17:00", time_to="18:00")).entries
    oldest = built(database, View(outlets=("bbc",)))
    newest = built(database, View(outlets=("bbc",), newest_first=True))
    assert oldest.entries[0].date == newest.entries[-1].date
    assert newest.entries[0].time == "16:25" and newest.entries[0].part == "headline"


def test_cli_export_proposes_a_name_and_says_where_it_wrote(cli, example_db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run = cli("export", "--speaker", "cooper", "--merged", "--db", example_db)
    assert run.code == 0
    written = Path(run.err.strip().rsplit(" to ", 1)[1])
    assert written.exists() and "cooper" in written.name and written.name.endswith("merged.md")
    # The same export again (another story's, or later news): the first file is kept.
    first = written.read_text(encoding="utf-8")
    written.write_text(first + "my own notes\n", encoding="utf-8")
    again = cli("export", "--speaker", "cooper", "--merged", "--db", example_db)
    assert again.code == 0 and f"({written.name} was there already and is kept)" in again.err
    assert written.read_text(encoding="utf-8").endswith("my own notes\n")
    assert (tmp_path / written.name.replace("merged.md", "merged-2.md")).read_text(encoding="utf-8") == first


def test_unknown_names_unwritable_paths_and_empty_results(cli, example_db, tmp_path):
    run = cli("export", "--speaker", "Yvete Coper", "-o", "-", "--db", example_db)
    assert run.code == 1 and "did you mean" in run.err and "Yvette Cooper" in run.err
    run = cli("export", "--outlet", "Guardain", "-o", "-", "--db", example_db)
    assert run.code == 1 and "The Guardian" in run.err
    run = cli("export", "-o", tmp_path / "missing" / "x.md", "--db", example_db)
    assert run.code == 1 and "cannot write" in run.err and run.err.count("\n") == 1
    run = cli("export", "--date", "2030-01-01", "-o", "-", "--db", example_db)
    assert run.code == 0 and "Nothing matched this view." in run.out
    assert [t.type for t in parse(run.out)][:3] == ["heading_open", "inline", "heading_close"]


def test_export_of_key_events_and_quotes_keeps_only_those_and_says_so(cli, example_db):
    whole = cli("export", "--db", example_db, "--format", "json", "-o", "-")
    key = cli("export", "--db", example_db, "--format", "json", "--key-events", "-o", "-")
    quotes = cli("export", "--db", example_db, "--format", "json", "--quotes", "-o", "-")
    count = {name: len(json.loads(run.out)["entries"]) for name, run in (("whole", whole), ("key", key), ("quotes", quotes))}
    assert 0 < count["key"] < count["whole"] and 0 < count["quotes"] < count["whole"]
    assert "key events" in json.loads(key.out)["view"]["description"]
    assert all(entry["speakers"] for entry in json.loads(quotes.out)["entries"])
