"""Two unrelated stories in one timeline file: each keeps its own people, roles and events,
merging never crosses them, a follower's poll in one never touches the other, and a
source moved between stories leaves both settled and no story empty."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from liveline.ingest import settle as settling
from liveline.ingest.pipeline import parse_source
from liveline.ingest.settle import settle
from liveline.ingest.sources.spec import SourceSpec
from liveline.ingest.speakers.registry import PEOPLE_PER_STORY
from liveline.ingest.stories.rows import story_id_for
from liveline.ingest.writer import write_counted, write_source
from liveline.timeline.store import open_db

DAY = "2025-03-04"

# Said word for word by every outlet of both stories: each story reports it as its own event.
SAME_WORDS = "Emergency crews were seen outside the Brackwell council offices shortly after nine o'clock this morning."
TUNNEL_FACT = "Engineers said the Kelder harbour tunnel would need seventeen new steel bearings before it reopens."

TUNNEL = {
    "Northgate Herald": [
        (f"{DAY}T09:05", ["Home Secretary Mira Castellan has confirmed £40m for security at the Kelder harbour tunnel.",
                          "She said the Kelder tunnel patrols would start next spring."]),
        (f"{DAY}T09:20", [SAME_WORDS]),
        (f"{DAY}T09:40", [TUNNEL_FACT]),
        (f"{DAY}T10:15", ["The home secretary said the tunnel money would also pay for new cameras at the Sallow bridge."]),
    ],
    "Riverside Echo": [
        (f"{DAY}T09:12", ["Mira Castellan, the home secretary, announced £40m for security at the Kelder harbour tunnel, "
                          "saying patrols would begin next spring."]),
        (f"{DAY}T09:25", [SAME_WORDS]),
        (f"{DAY}T09:45", [TUNNEL_FACT]),
    ],
}
FLOODS = {
    "Fenland Gazette": [
        (f"{DAY}T09:02", ["Home Secretary Dorian Pike has ordered army engineers to the flooded Ferrymead estate.",
                          "He said four hundred homes had been evacuated overnight."]),
        (f"{DAY}T09:22", [SAME_WORDS]),
        (f"{DAY}T10:05", ["The home secretary said sandbags would reach the Ferrymead estate by noon."]),
    ],
    "Marsh Courier": [
        (f"{DAY}T09:08", ["Dorian Pike, the home secretary, sent army engineers to the flooded Ferrymead estate, "
                          "where four hundred homes were evacuated overnight."]),
        (f"{DAY}T09:28", [SAME_WORDS]),
    ],
}


def live_page(outlet: str, title: str, posts: list[tuple[str, list[str]]]) -> str:
    """A live page as outlets publish them: LiveBlogPosting JSON-LD, newest post first, each
    post with the page's own id, a paragraph a line."""
    slug = outlet.lower().replace(" ", "-")
    updates = [{"@type": "BlogPosting", "@id": f"{slug}-{when}", "datePublished": f"{when}:00Z",
                "articleBody": "\n".join(paragraphs)} for when, paragraphs in posts]
    data = {"@context": "https://schema.org", "@type": "LiveBlogPosting", "headline": f"{title} – live",
            "datePublished": f"{DAY}T08:00:00+00:00", "publisher": {"@type": "Organization", "name": outlet},
            "liveBlogUpdate": updates[::-1]}
    return (f'<!doctype html><html><head><title>{title}</title><script type="application/ld+json">'
            f"{json.dumps(data)}</script></head><body><main><h1>{title}</h1></main></body></html>")


class Library:
    """A timeline file holding several stories, written page by page as ingest and follow do."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.db = folder / "library.db"

    def story(self, name: str) -> int:
        db = open_db(self.db, create=True)
        try:
            with db.conn:
                return story_id_for(db.conn, name, name.title(), "named")
        finally:
            db.conn.close()

    def write(self, story: int | None, outlet: str, posts: list[tuple[str, list[str]]]) -> str:
        path = self.folder / f"{outlet.lower().replace(' ', '-')}.html"
        path.write_text(live_page(outlet, outlet, posts), encoding="utf-8")
        db = open_db(self.db, create=True)
        try:
            return write_source(db, parse_source(SourceSpec(path=path, outlet="", name=path.name)), self.db, story_id=story)
        finally:
            db.conn.close()

    def settle(self) -> None:
        db = open_db(self.db)
        try:
            settle(db, self.db)
        finally:
            db.conn.close()

    def rows(self, sql: str, *params: object) -> list[tuple]:
        with sqlite3.connect(self.db) as conn:
            return conn.execute(sql, params).fetchall()

    def speakers(self, text: str) -> list[tuple[str, int]]:
        """Who a paragraph is attributed to: (name, story of that person)."""
        return sorted(self.rows(
            """SELECT pe.name, pe.story_id FROM paragraphs pa JOIN paragraph_speakers ps ON ps.paragraph_id = pa.id
               JOIN people pe ON pe.id = ps.person_id WHERE pa.text = ?""", text))

    def events_of(self, text: str) -> list[tuple[int, int, list[str]]]:
        """Each event holding this text: (its story, outlets, the outlets' pages)."""
        found = []
        for event, story, outlets in self.rows(
            "SELECT DISTINCT e.id, e.story_id, e.n_sources FROM events e JOIN paragraphs pa ON pa.event_id = e.id "
            "WHERE pa.text = ?", text):
            pages = sorted(name for (name,) in self.rows(
                "SELECT DISTINCT s.name FROM paragraphs pa JOIN sources s ON s.id = pa.source_id WHERE pa.event_id = ?", event))
            found.append((story, outlets, pages))
        return sorted(found)


@pytest.fixture
def library(tmp_path: Path) -> Library:
    library = Library(tmp_path)
    tunnel, floods = library.story("kelder-tunnel"), library.story("ferrymead-floods")
    for outlet, posts in TUNNEL.items():
        library.write(tunnel, outlet, posts)
    for outlet, posts in FLOODS.items():
        library.write(floods, outlet, posts)
    library.settle()
    return library


def test_two_stories_on_one_day_keep_their_own_people_and_home_secretary(library):
    tunnel, floods = 1, 2
    people = {story: sorted(name for (name,) in library.rows("SELECT name FROM people WHERE story_id = ?", story))
              for story in (tunnel, floods)}
    assert "Mira Castellan" in people[tunnel] and "Dorian Pike" not in people[tunnel]
    assert "Dorian Pike" in people[floods] and "Mira Castellan" not in people[floods]
    # "The home secretary" names whoever held the office in that story.
    assert library.speakers(TUNNEL["Northgate Herald"][3][1][0]) == [("Mira Castellan", tunnel)]
    assert library.speakers(FLOODS["Fenland Gazette"][2][1][0]) == [("Dorian Pike", floods)]
    # Each story numbers its people in its own block: the first story from 1.
    ids = dict(library.rows("SELECT story_id, MIN(id) FROM people GROUP BY story_id"))
    assert ids == {tunnel: 1, floods: PEOPLE_PER_STORY + 1}
    assert {key for (key,) in library.rows("SELECT key FROM meta WHERE key LIKE 'speaker_registry%'")} == {
        "speaker_registry:1", "speaker_registry:2"}


def test_words_said_alike_in_two_stories_are_two_events_each_in_its_story(library):
    assert library.events_of(SAME_WORDS) == [
        (1, 2, ["northgate-herald.html", "riverside-echo.html"]),
        (2, 2, ["fenland-gazette.html", "marsh-courier.html"]),
    ]
    assert library.rows("SELECT COUNT(*) FROM events WHERE story_id IS NULL") == [(0,)]
    crossing = library.rows(
        "SELECT COUNT(*) FROM paragraphs pa JOIN events e ON e.id = pa.event_id WHERE pa.story_id != e.story_id")
    assert crossing == [(0,)]


def test_a_poll_in_one_story_settles_alone_against_that_storys_people_and_events(library, monkeypatch):
    tunnel_events = library.rows("SELECT id, rep_paragraph_id, n_sources FROM events WHERE story_id = 1 ORDER BY id")
    tunnel_members = library.rows("SELECT event_id, paragraph_id FROM event_members ORDER BY 1, 2")
    # The Courier's next post: the home secretary again, and the tunnel's engineers word for
    # word (a wire copy pasted into the wrong blog): it is still the floods story's.
    said = "The home secretary said army engineers would stay at the Ferrymead estate all week."
    poll = (f"{DAY}T10:30", [said, TUNNEL_FACT])
    library.write(None, "Marsh Courier", [*FLOODS["Marsh Courier"], poll])
    whole: list[str] = []
    monkeypatch.setattr(settling, "refresh_speakers", lambda *args: whole.append("speakers"))
    monkeypatch.setattr(settling, "combine_dates", lambda *args: whole.append("merge") or [])
    library.settle()
    assert whole == []  # settled incrementally
    assert library.speakers(said) == [("Dorian Pike", 2)]
    assert [story for story, _, _ in library.events_of(TUNNEL_FACT)] == [1]  # the tunnel's event, without the Courier
    assert library.rows("SELECT id, rep_paragraph_id, n_sources FROM events WHERE story_id = 1 ORDER BY id") == tunnel_events
    assert [row for row in library.rows("SELECT event_id, paragraph_id FROM event_members ORDER BY 1, 2")
            if row[0] in {e for e, _, _ in tunnel_events}] == [row for row in tunnel_members if row[0] in {e for e, _, _ in tunnel_events}]
    assert library.rows("SELECT DISTINCT story_id FROM paragraphs WHERE text = ?", said) == [(2,)]


def test_a_poll_spanning_two_stories_is_settled_in_full(library, monkeypatch):
    library.write(None, "Marsh Courier", [*FLOODS["Marsh Courier"], (f"{DAY}T10:30", ["Pike said the river had peaked."])])
    library.write(None, "Riverside Echo", [*TUNNEL["Riverside Echo"], (f"{DAY}T10:35", ["Castellan said patrols begin in April."])])
    refreshed: list[object] = []
    real = settling.refresh_speakers
    monkeypatch.setattr(settling, "refresh_speakers", lambda conn, stories=None: refreshed.append(stories) or real(conn, stories))
    library.settle()
    assert refreshed == [{1, 2}]
    assert library.speakers("Castellan said patrols begin in April.") == [("Mira Castellan", 1)]
    assert library.speakers("Pike said the river had peaked.") == [("Dorian Pike", 2)]


def test_a_source_moved_to_another_story_settles_both_and_leaves_no_empty_story(library):
    stray = library.story("stray")
    library.write(stray, "Kelder Gazette", [(f"{DAY}T11:00", ["Home Secretary Mira Castellan said the tunnel opens in May."])])
    library.settle()
    assert library.speakers("Home Secretary Mira Castellan said the tunnel opens in May.") == [("Mira Castellan", stray)]
    # Read again, the page is told it belongs to the tunnel story: its rows move, unchanged.
    assert library.write(1, "Kelder Gazette", [(f"{DAY}T11:00", ["Home Secretary Mira Castellan said the tunnel opens in May."])]) == "moved"
    library.settle()
    assert library.rows("SELECT name FROM stories ORDER BY id") == [("kelder-tunnel",), ("ferrymead-floods",)]
    assert library.rows("SELECT COUNT(*) FROM people WHERE story_id = ?", stray) == [(0,)]
    assert library.rows("SELECT DISTINCT story_id FROM paragraphs WHERE source_id = (SELECT id FROM sources WHERE name = ?)",
                        "kelder-gazette.html") == [(1,)]
    # Castellan is now the tunnel story's one person, wherever she is named.
    assert library.speakers("Home Secretary Mira Castellan said the tunnel opens in May.") == [("Mira Castellan", 1)]
    assert library.rows("SELECT COUNT(*) FROM people WHERE name = 'Mira Castellan'") == [(1,)]
    assert library.rows("SELECT key FROM meta WHERE key = ?", f"speaker_registry:{stray}") == []


def test_a_new_source_must_be_given_its_story(tmp_path):
    library = Library(tmp_path)
    with pytest.raises(ValueError, match="needs a story"):
        library.write(None, "Marsh Courier", FLOODS["Marsh Courier"])
    assert library.rows("SELECT COUNT(*) FROM sources") == [(0,)]


def test_a_timeline_of_one_story_numbers_its_people_from_one(tmp_path):
    library = Library(tmp_path)
    only = library.story("kelder-tunnel")
    for outlet, posts in TUNNEL.items():
        library.write(only, outlet, posts)
    library.settle()
    ids = sorted(person for (person,) in library.rows("SELECT id FROM people"))
    assert ids[0] == 1 and ids[-1] < PEOPLE_PER_STORY
    assert library.rows("SELECT DISTINCT story_id FROM people") == [(only,)]
    assert library.rows("SELECT DISTINCT story_id FROM events") == [(only,)]


def test_write_counted_without_a_story_keeps_an_existing_source_where_it_is(library):
    path = library.folder / "riverside-echo.html"
    db = open_db(library.db)
    try:
        written = write_counted(db, parse_source(SourceSpec(path=path, outlet="", name=path.name)), library.db)
    finally:
        db.conn.close()
    assert written.status == "unchanged"
    assert library.rows("SELECT story_id FROM sources WHERE name = 'riverside-echo.html'") == [(1,)]
