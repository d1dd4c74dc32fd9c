"""What the reader asks the core, on a real timeline: the activity strip, the outlet picker,
an event's wordings, and the checks that notice another process writing."""

from __future__ import annotations

import threading
from collections import Counter

import pytest

from liveline.timeline.activity import day_activity
from liveline.timeline.changes import data_version, keys_written_after, last_paragraph_id
from liveline.timeline.connections import own_connection
from liveline.timeline.queries import Entry, outlet_counts, speaker_counts, timeline_entries
from liveline.timeline.store import open_db
from liveline.timeline.wordings import event_wordings
from tests.conftest import write


@pytest.fixture(scope="module")
def entries(example_db) -> list[Entry]:
    return list(timeline_entries(open_db(example_db)))


def test_the_outlet_picker_counts_every_entry_each_outlet_shows(example_db, entries):
    counts = outlet_counts(open_db(example_db))
    assert counts == sorted(Counter(e.outlet for e in entries).items())
    assert sum(n for _, n in counts) == len(entries) == 279  # the count the status line shows


def test_opening_an_event_shows_each_outlets_wording_in_reading_order(example_db, entries):
    event_id = next(e.event_id for e in entries if "," in (e.event_outlets or ""))
    event = event_wordings(open_db(example_db), event_id)
    members = sorted((e for e in entries if e.event_id == event_id), key=lambda e: (e.date, e.sort_key))
    assert event.label
    assert [(r.outlet, r.speakers, r.text) for r in event.reports] == [(e.outlet, e.speakers, e.text) for e in members]
    assert {r.outlet for r in event.reports} == set(members[0].event_outlets.split(", "))


def test_entries_another_process_writes_are_noticed_with_their_positions(cli, tmp_path):
    write(tmp_path, "one.txt", "Published at 10:00 GMT\nThe session opens.\nShare\n")
    write(tmp_path, "two.txt", "Published at 11:15 GMT\nThe vote is called.\nShare\nPublished at 11:20 GMT\nThe vote is won.\nShare\n")
    path = tmp_path / "t.db"
    assert cli("ingest", tmp_path / "one.txt", "--outlet", "A", "--date", "2025-02-03", "--db", path).code == 0
    db = open_db(path)
    version, seen = data_version(db), last_paragraph_id(db)
    assert seen > 0 and keys_written_after(db, seen, "rank") == []
    assert data_version(db) == version  # reading changes nothing

    assert cli("ingest", tmp_path / "two.txt", "--outlet", "B", "--date", "2025-02-03", "--db", path).code == 0
    assert data_version(db) != version
    assert last_paragraph_id(db) > seen
    new = sorted(keys_written_after(db, seen, "rank"))
    shown = {e.rank: e.text for e in timeline_entries(db)}
    assert [shown[rank] for rank in new] == ["The vote is called.", "The vote is won."]
    with pytest.raises(ValueError):
        keys_written_after(db, seen, "id; DROP TABLE paragraphs")


def test_an_empty_timeline_has_no_paragraphs_yet(tmp_path):
    assert last_paragraph_id(open_db(tmp_path / "empty.db", create=True)) == 0


def test_a_worker_thread_reads_the_timeline_on_its_own_connection(example_db):
    results = {}

    def work() -> None:
        with own_connection(example_db) as db:
            results["strip"] = day_activity(db, limit=3)
            results["people"] = speaker_counts(db)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    here = open_db(example_db)
    assert results == {"strip": day_activity(here, limit=3), "people": speaker_counts(here)}
