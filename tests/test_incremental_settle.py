"""A follower's new post settled on its own: attributed against the story's people, merged
with the events of its own day, ordered and numbered, as a full settle of the same data
would, and nothing else in the timeline touched."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from bench.corpus import _report, generate
from bench.live import Pages, live_events
from liveline.ingest import settle as settling
from liveline.ingest.dirty import dirty_dates, dirty_posts, mark_dirty_dates
from liveline.ingest.events import positions
from liveline.ingest.events.combine import combine_dates
from liveline.ingest.events.positions import rank_timeline
from liveline.ingest.pipeline import ingest, parse_source
from liveline.ingest.settle import settle
from liveline.ingest.sources.manifest import read_manifest
from liveline.ingest.sources.spec import SourceSpec
from liveline.ingest.stories.choice import place_in_stories
from liveline.ingest.writer import write_source
from liveline.timeline.store import open_db

DAY, NEXT_DAY = "2025-03-04", "2025-03-05"

HERALD = [
    (f"{DAY}T09:05", ["Transport Secretary Mira Castellan has confirmed £40m for the Kelder harbour tunnel, "
                      "with work to start in Brackwell next spring.",
                      "She said the Kelder tunnel would cut journeys across the estuary by twenty minutes."]),
    (f"{DAY}T09:40", ["Opposition leader Tobias Wren said the Kelder money should have gone to the Ferrymead bus depot instead."]),
    (f"{DAY}T10:15", ["Castellan also announced a review of toll charges on the old Sallow bridge, due to report in June."]),
]
ECHO = [
    (f"{DAY}T09:12", ["Mira Castellan, the transport secretary, announced £40m for the Kelder harbour tunnel in Brackwell, "
                      "saying work would begin next spring."]),
    (f"{DAY}T09:50", ["Tobias Wren, leader of the opposition, told reporters the Kelder money belonged at the Ferrymead bus depot."]),
]
# What the Echo posts next, in each test.
SAME_REVIEW = (f"{DAY}T10:20", ["Castellan has ordered a review of toll charges on the Sallow bridge, with findings due in June."])
MORE_ON_THE_TUNNEL = (f"{DAY}T10:30", ["The transport secretary said the £40m Kelder tunnel in Brackwell would cut "
                                       "estuary journeys by twenty minutes."])
NEW_VOICE = (f"{DAY}T10:40", ["Harbourmaster Ingrid Solvay told the Echo the tunnel works would close the north quay for a month.",
                              "She said fishing boats would moor at Brackwell instead."])


def live_page(outlet: str, posts: list[tuple[str, list[str]]]) -> str:
    """A live page as outlets publish them: LiveBlogPosting JSON-LD, newest post first, each
    post with the page's own id (which a follower matches posts by: here its time), a
    paragraph a line."""
    slug = outlet.lower().replace(" ", "-")
    updates = [{"@type": "BlogPosting", "@id": f"{slug}-{when}", "datePublished": f"{when}:00Z",
                "articleBody": "\n".join(paragraphs)} for when, paragraphs in posts]
    data = {"@context": "https://schema.org", "@type": "LiveBlogPosting", "headline": "Kelder tunnel – live",
            "datePublished": f"{DAY}T08:00:00+00:00", "publisher": {"@type": "Organization", "name": outlet},
            "liveBlogUpdate": updates[::-1]}
    return (f'<!doctype html><html><head><title>Kelder tunnel</title><script type="application/ld+json">'
            f"{json.dumps(data)}</script></head><body><main><h1>Kelder tunnel</h1></main></body></html>")


class Story:
    """Two outlets' live pages written into a timeline as a follower writes a poll."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.db = folder / "live.db"

    def write(self, outlet: str, posts: list[tuple[str, list[str]]]) -> None:
        path = self.folder / f"{outlet.lower().replace(' ', '-')}.html"
        path.write_text(live_page(outlet, posts), encoding="utf-8")
        self.write_page(path)

    def write_page(self, path: Path) -> None:
        db = open_db(self.db, create=True)
        try:
            parsed = parse_source(SourceSpec(path=path, outlet="", name=path.name, story="the day"))
            write_source(db, parsed, self.db, story_id=place_in_stories(db, self.db, [parsed]).ids[0])
        finally:
            db.conn.close()

    def settle(self, path: Path | None = None, full: bool = False) -> None:
        path = path or self.db
        db = open_db(path)
        most = settling.INCREMENTAL_MAX_PARAGRAPHS, settling.NEW_SOURCE_MAX_PARAGRAPHS
        try:
            if full:  # as a batch settles: nothing is small enough to settle on its own
                settling.INCREMENTAL_MAX_PARAGRAPHS = settling.NEW_SOURCE_MAX_PARAGRAPHS = 0
            settle(db, path)
        finally:
            settling.INCREMENTAL_MAX_PARAGRAPHS, settling.NEW_SOURCE_MAX_PARAGRAPHS = most
            db.conn.close()

    def published(self, outlet: str, posts: list[tuple[str, list[str]]]) -> None:
        self.write(outlet, posts)
        self.settle()

    def fully_settled_copy(self) -> Path:
        """The timeline as written so far, settled in full (as a batch would settle it)."""
        copy = self.folder / "full.db"
        with sqlite3.connect(self.db) as source, sqlite3.connect(copy) as target:
            source.backup(target)
        with sqlite3.connect(copy) as conn:
            mark_dirty_dates(conn, dirty_dates(conn))
        self.settle(copy, full=True)
        return copy


def paragraphs(path: Path) -> dict[str, dict]:
    """Each paragraph by its text: speakers, event (as the texts reported with it), positions, event id."""
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            """SELECT pa.id, pa.text, pa.event_id, pa.rank, pa.rrank, pa.mrank, pa.mrrank,
                      (SELECT json_group_array(pe.name) FROM paragraph_speakers ps JOIN people pe ON pe.id = ps.person_id
                       WHERE ps.paragraph_id = pa.id)
               FROM paragraphs pa"""
        ).fetchall()
        texts = {event: sorted(t for (t,) in conn.execute("SELECT text FROM paragraphs WHERE event_id = ?", (event,)))
                 for (event,) in conn.execute("SELECT id FROM events")}
        # The reader's positions: each order read from its lowest number (newest-first
        # numbers are anchored at the oldest entry, so they need not start at 1).
        lowest = conn.execute("SELECT MIN(rank), MIN(rrank), MIN(mrank), MIN(mrrank) FROM paragraphs").fetchone()
    return {text: {"id": pid, "event_id": event, "event": texts.get(event), "numbers": numbers,
                   "positions": tuple(None if n is None else n - low for n, low in zip(numbers, lowest, strict=True)),
                   "speakers": sorted(json.loads(speakers))}
            for pid, text, event, *numbers, speakers in ((r[0], r[1], r[2], *r[3:7], r[7]) for r in rows)}


def numbered_afresh(path: Path) -> dict[str, tuple]:
    """The positions a full numbering of this timeline gives."""
    copy = path.with_name("renumbered.db")
    with sqlite3.connect(path) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    with sqlite3.connect(copy) as conn:
        rank_timeline(conn)
    return {text: row["positions"] for text, row in paragraphs(copy).items()}


@pytest.fixture
def story(tmp_path: Path) -> Story:
    story = Story(tmp_path)
    story.published("Northgate Herald", HERALD)
    story.published("Riverside Echo", ECHO)
    return story


def follow_up(story: Story, post: tuple[str, list[str]]) -> tuple[dict, dict, dict]:
    """The timeline before the Echo's new post, after it settled incrementally, and the same
    data settled in full."""
    before = paragraphs(story.db)
    story.write("Riverside Echo", [*ECHO, post])
    full = story.fully_settled_copy()
    story.settle()
    return before, paragraphs(story.db), paragraphs(full)


def test_a_follow_poll_is_settled_without_reading_the_story_or_merging_the_day_again(story, monkeypatch):
    story.write("Riverside Echo", [*ECHO, SAME_REVIEW])
    whole: list[str] = []
    monkeypatch.setattr(settling, "refresh_speakers", lambda conn: whole.append("speakers"))
    monkeypatch.setattr(settling, "combine_dates", lambda conn, dates: whole.append("merge") or [])
    monkeypatch.setattr(settling, "rank_timeline", lambda conn: whole.append("numbering"))
    story.settle()
    assert whole == []
    assert paragraphs(story.db)[SAME_REVIEW[1][0]]["positions"][0] is not None


@pytest.mark.parametrize("post", [SAME_REVIEW, MORE_ON_THE_TUNNEL, NEW_VOICE], ids=["pairs", "joins", "new voice"])
def test_a_new_post_gets_the_speakers_and_event_a_full_settle_gives_and_nothing_else_moves(story, post):
    before, incremental, full = follow_up(story, post)
    for text in post[1]:
        assert incremental[text]["speakers"] == full[text]["speakers"]
        assert incremental[text]["event"] == full[text]["event"]
    assert {t: r["positions"] for t, r in incremental.items()} == {t: r["positions"] for t, r in full.items()}
    partners = {t for text in post[1] for t in incremental[text]["event"] or []}
    for text, row in before.items():
        assert incremental[text]["speakers"] == row["speakers"]
        if text not in partners:
            assert incremental[text]["event_id"] == row["event_id"]  # the same event, not one rebuilt
    assert {text: row["positions"] for text, row in incremental.items()} == numbered_afresh(story.db)


def test_a_report_of_what_the_other_outlet_already_posted_starts_an_event_with_it(story):
    _, incremental, _ = follow_up(story, SAME_REVIEW)
    review = incremental[SAME_REVIEW[1][0]]
    assert review["speakers"] == ["Mira Castellan"]
    assert review["event"] == sorted([SAME_REVIEW[1][0], HERALD[2][1][0]])


def test_more_on_an_event_joins_it_and_the_event_keeps_its_id(story):
    before, incremental, _ = follow_up(story, MORE_ON_THE_TUNNEL)
    tunnel = before[HERALD[0][1][0]]
    more = incremental[MORE_ON_THE_TUNNEL[1][0]]
    assert more["event_id"] == tunnel["event_id"]
    assert set(more["event"]) == set(tunnel["event"]) | {MORE_ON_THE_TUNNEL[1][0]}
    with sqlite3.connect(story.db) as conn:
        assert conn.execute("SELECT n_sources FROM events WHERE id = ?", (tunnel["event_id"],)).fetchone() == (2,)


def test_a_speaker_the_new_post_introduces_joins_the_people_with_her_pronoun_resolved(story):
    _, incremental, _ = follow_up(story, NEW_VOICE)
    assert [incremental[text]["speakers"] for text in NEW_VOICE[1]] == [["Ingrid Solvay"], ["Ingrid Solvay"]]
    with sqlite3.connect(story.db) as conn:
        assert conn.execute("SELECT kind FROM people WHERE name = 'Ingrid Solvay'").fetchone() == ("person",)


def test_the_new_post_is_first_newest_first_and_last_oldest_first(story):
    _, incremental, _ = follow_up(story, SAME_REVIEW)
    rank, rrank, _, _ = incremental[SAME_REVIEW[1][0]]["positions"]
    assert rrank == 0  # the reader's first position, newest first
    assert rank == max(row["positions"][0] for row in incremental.values() if row["positions"][0] is not None)


def test_an_edited_post_is_settled_as_a_full_settle_would_and_its_old_words_leave_their_event(story):
    reworded = (ECHO[1][0], ["Tobias Wren, the opposition leader, told reporters the Kelder money belonged "
                             "at the Ferrymead bus depot, not under the estuary."])
    before = paragraphs(story.db)
    story.write("Riverside Echo", [ECHO[0], reworded])
    full = paragraphs(story.fully_settled_copy())
    story.settle()
    incremental = paragraphs(story.db)
    assert ECHO[1][1][0] not in incremental
    assert incremental[reworded[1][0]]["event"] == full[reworded[1][0]]["event"]
    assert incremental[reworded[1][0]]["event_id"] == before[HERALD[1][1][0]]["event_id"]
    assert {text: row["positions"] for text, row in incremental.items()} == numbered_afresh(story.db)


def settled_both_ways(story: Story, outlet: str, posts: list[tuple[str, list[str]]]) -> tuple[dict, dict]:
    """The outlet's page written as `posts`, then settled incrementally, and (a copy) in full."""
    story.write(outlet, posts)
    full = paragraphs(story.fully_settled_copy())
    story.settle()
    return paragraphs(story.db), full


def same(incremental: dict, full: dict) -> bool:
    return {t: (r["speakers"], r["event"], r["positions"]) for t, r in incremental.items()} == {
        t: (r["speakers"], r["event"], r["positions"]) for t, r in full.items()}


def test_an_edit_that_leaves_an_event_one_report_undoes_it_and_a_longer_post_recounts_the_day(story):
    unrelated = (ECHO[0][0], ["Ferry timetables change on Monday, the Echo has learned.",
                              "Two crossings a day are cut from the winter timetable."])
    incremental, full = settled_both_ways(story, "Riverside Echo", [unrelated, ECHO[1]])
    assert incremental[HERALD[0][1][0]]["event"] is None  # the tunnel was reported by the Herald alone now
    assert same(incremental, full)


def test_a_post_published_late_between_two_earlier_ones_takes_its_place_among_them(story):
    between = (f"{DAY}T09:30", ["Castellan said the Kelder tunnel contract would be signed in Brackwell within a month."])
    incremental, full = settled_both_ways(story, "Riverside Echo", [ECHO[0], between, ECHO[1]])
    assert same(incremental, full)
    order = sorted((row["positions"][0], text) for text, row in incremental.items())
    assert [text for _, text in order].index(between[1][0]) < [text for _, text in order].index(ECHO[1][1][0])


def test_positions_kept_by_another_liveline_are_renumbered_whole(story):
    with sqlite3.connect(story.db) as conn:
        conn.execute("DELETE FROM meta WHERE key = ?", (positions.POSITIONS_KEY,))
    incremental, full = settled_both_ways(story, "Riverside Echo", [*ECHO, SAME_REVIEW])
    assert same(incremental, full)


def test_a_post_gone_from_the_page_keeps_its_paragraphs_speakers_and_event(story):
    before = paragraphs(story.db)
    story.write("Riverside Echo", [ECHO[1]])
    full = paragraphs(story.fully_settled_copy())
    story.settle()
    after = paragraphs(story.db)
    assert {t: (r["speakers"], r["event"]) for t, r in after.items()} == {t: (r["speakers"], r["event"]) for t, r in before.items()}
    assert {t: r["positions"] for t, r in after.items()} == {t: r["positions"] for t, r in full.items()}
    with sqlite3.connect(story.db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM posts WHERE removed_at IS NOT NULL").fetchone() == (1,)


def test_a_post_on_the_next_day_and_one_back_on_the_first_keep_every_position_dense(story):
    tomorrow = (f"{NEXT_DAY}T08:30", ["Castellan visited the Brackwell site at dawn and met the tunnel engineers."])
    story.published("Riverside Echo", [*ECHO, tomorrow])
    assert {text: row["positions"] for text, row in paragraphs(story.db).items()} == numbered_afresh(story.db)
    story.published("Riverside Echo", [*ECHO, tomorrow, SAME_REVIEW])
    settled = paragraphs(story.db)
    assert settled[SAME_REVIEW[1][0]]["event"] == sorted([SAME_REVIEW[1][0], HERALD[2][1][0]])
    assert {text: row["positions"] for text, row in settled.items()} == numbered_afresh(story.db)


def test_only_posts_of_pages_already_settled_are_settled_on_their_own(tmp_path):
    story = Story(tmp_path)
    story.write("Northgate Herald", HERALD)
    with sqlite3.connect(story.db) as conn:
        assert dirty_posts(conn) is None  # a whole page written: a full settle
    story.write("Northgate Herald", [*HERALD, SAME_REVIEW])
    with sqlite3.connect(story.db) as conn:
        assert dirty_posts(conn) is None  # ...still, with a post of it added before that settle
    story.settle()
    story.write("Northgate Herald", [*HERALD, SAME_REVIEW, MORE_ON_THE_TUNNEL])
    with sqlite3.connect(story.db) as conn:
        (new_post,) = conn.execute("SELECT id FROM posts WHERE key = ?", (f"northgate-herald-{MORE_ON_THE_TUNNEL[0]}",)).fetchone()
        assert dirty_posts(conn) == {new_post}
    story.write("Riverside Echo", ECHO)
    with sqlite3.connect(story.db) as conn:
        assert dirty_posts(conn) is None  # a new page joined the batch: a full settle again


@pytest.mark.parametrize("why", ["backlog", "people rewritten elsewhere"])
def test_a_backlog_or_a_registry_that_does_not_match_the_people_is_settled_in_full(story, monkeypatch, why):
    if why == "backlog":
        monkeypatch.setattr(settling, "INCREMENTAL_MAX_PARAGRAPHS", 0)
    else:
        with sqlite3.connect(story.db) as conn:
            conn.execute("UPDATE people SET aliases = '[]' WHERE name = 'Tobias Wren'")
    story.write("Riverside Echo", [*ECHO, MORE_ON_THE_TUNNEL])
    full = paragraphs(story.fully_settled_copy())
    merged_whole: list[list[str]] = []
    monkeypatch.setattr(settling, "combine_dates", lambda conn, dates: merged_whole.append(dates) or combine_dates(conn, dates))
    story.settle()
    after = paragraphs(story.db)
    assert merged_whole == [[DAY]]
    assert {t: (r["speakers"], r["event"], r["positions"]) for t, r in after.items()} == {
        t: (r["speakers"], r["event"], r["positions"]) for t, r in full.items()}


def test_with_newest_first_anchored_at_the_oldest_entry_a_new_last_post_moves_no_other_number(story, monkeypatch):
    before = paragraphs(story.db)
    story.published("Riverside Echo", [*ECHO, NEW_VOICE])
    after = paragraphs(story.db)
    assert all(after[text]["numbers"] == row["numbers"] for text, row in before.items())
    afresh = numbered_afresh(story.db)
    for column in range(4):
        ours = sorted((row["numbers"][column], text) for text, row in after.items() if row["numbers"][column] is not None)
        full = sorted((numbers[column], text) for text, numbers in afresh.items() if numbers[column] is not None)
        assert [text for _, text in ours] == [text for _, text in full]  # the same order...
        assert [n for n, _ in ours] == list(range(ours[0][0], ours[0][0] + len(ours)))  # ...numbered without gaps


def test_a_follow_session_on_a_synthetic_day_ends_as_a_full_settle_of_it_would(tmp_path):
    """Two outlets' live pages on the last day of the benchmark's synthetic corpus, one new
    post per poll, each outlet's report merging with the other's: after every poll the
    timeline holds the speakers, events and positions a full settle gives."""
    corpus = tmp_path / "corpus"
    generate(700, 5, corpus)
    story = Story(tmp_path)
    ingest(read_manifest(corpus / "sources.toml"), story.db)
    live = json.loads((corpus / "live.json").read_text(encoding="utf-8"))
    events = live_events(live, 4, 5)
    pages = Pages(tmp_path, live["date"])
    for outlet in (0, 1):
        story.write_page(pages.publish(outlet, *events[:2]))
        story.settle()
    for event in events[2:]:
        for outlet in (0, 1):
            story.write_page(pages.publish(outlet, event))
            full = paragraphs(story.fully_settled_copy())
            story.settle()
            assert {t: (r["speakers"], r["event"], r["positions"]) for t, r in paragraphs(story.db).items()} == {
                t: (r["speakers"], r["event"], r["positions"]) for t, r in full.items()}
    merged = paragraphs(story.db)[_report(events[-1], 0, first=True)[0]]
    assert len({text for text in merged["event"]}) >= 4  # both outlets' reports of the last event, together
