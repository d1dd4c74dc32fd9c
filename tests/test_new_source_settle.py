"""A new source (a follower's first poll of a page) in a settled story settled on its own:
attributed against the story's kept registry, the earlier sources read again only where it
changes who they can name, its day merged without the story's other days; and the same
speakers, events and positions as a full settle of the same data. Where it cannot be sure
of that, it settles in full."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.corpus import generate
from bench.live import Pages, live_events
from liveline.ingest import settle as settling
from liveline.ingest.pipeline import ingest
from liveline.ingest.sources.manifest import read_manifest
from liveline.ingest.speakers import new_posts
from tests.test_incremental_settle import DAY, ECHO, HERALD, Story, paragraphs

CAPITAL = "Capital Courier"


class Spy:
    """What a settle did: stories attributed whole, and new sources attributed on their own."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.whole: list[list[int] | None] = []
        self.on_their_own: list[bool] = []
        refresh, attribute = settling.refresh_speakers, settling.attribute_sources

        def refresh_speakers(conn, stories=None):  # type: ignore[no-untyped-def]
            self.whole.append(None if stories is None else sorted(stories))
            refresh(conn, stories)

        def attribute_sources(*args, **kwargs):  # type: ignore[no-untyped-def]
            self.on_their_own.append(attribute(*args, **kwargs))
            return self.on_their_own[-1]

        monkeypatch.setattr(settling, "refresh_speakers", refresh_speakers)
        monkeypatch.setattr(settling, "attribute_sources", attribute_sources)


def settled(rows: dict[str, dict]) -> dict[str, tuple]:
    return {text: (row["speakers"], row["event"], row["positions"]) for text, row in rows.items()}


def both_ways(story: Story, outlet: str, posts: list[tuple[str, list[str]]], spy: Spy) -> tuple[dict, dict]:
    """The page written; the timeline settled as a poll settles it, and a copy in full."""
    story.write(outlet, posts)
    full = paragraphs(story.fully_settled_copy())
    spy.whole.clear()
    spy.on_their_own.clear()
    story.settle()
    return paragraphs(story.db), full


@pytest.fixture
def story(tmp_path: Path) -> Story:
    story = Story(tmp_path)
    story.published("Northgate Herald", HERALD)
    return story


def test_a_new_page_of_the_story_is_attributed_without_reading_the_story_again(story, monkeypatch):
    spy = Spy(monkeypatch)
    incremental, full = both_ways(story, "Riverside Echo", ECHO, spy)
    assert spy.on_their_own == [True] and spy.whole == []
    assert settled(incremental) == settled(full)
    assert incremental[ECHO[0][1][0]]["speakers"] == ["Mira Castellan"]


def test_a_new_role_for_a_known_person_reads_the_pages_naming_it_again_and_gives_what_a_full_settle_gives(story, monkeypatch):
    spy = Spy(monkeypatch)
    new_role = [(f"{DAY}T11:00", ["Tobias Wren, the shadow transport secretary, said the tunnel money was a gimmick.",
                                  "The shadow transport secretary said he would raise it in parliament."])]
    read_again: list[set[int]] = []
    naming = new_posts.sources_naming
    monkeypatch.setattr(new_posts, "sources_naming", lambda *a: read_again.append(naming(*a)) or read_again[-1])
    incremental, full = both_ways(story, CAPITAL, new_role, spy)
    assert spy.on_their_own == [True] and spy.whole == []
    assert {1} in read_again  # the Herald, naming the transport secretary, read again
    assert settled(incremental) == settled(full)


def test_a_full_name_for_a_surname_earlier_pages_used_alone_is_settled_in_full(story, monkeypatch):
    """Earlier mentions of somebody the registry did not know: a full settle's learning
    reads them with the person known (their gender, which name wins), so it is the one run."""
    spy = Spy(monkeypatch)
    story.published("Riverside Echo", [*ECHO, (f"{DAY}T10:50", ["Brannigan said the ferry fares would rise in May."])])
    named = [(f"{DAY}T11:10", ["Harbour board chair Ada Brannigan said the fares were set before the tunnel was announced."])]
    incremental, full = both_ways(story, CAPITAL, named, spy)
    assert spy.on_their_own == [False] and spy.whole == [[1]]
    assert settled(incremental) == settled(full)
    assert incremental["Brannigan said the ferry fares would rise in May."]["speakers"] == ["Ada Brannigan"]


def test_a_new_page_with_a_post_of_a_page_already_read_is_settled_in_full(story, monkeypatch):
    spy = Spy(monkeypatch)
    story.write("Northgate Herald", [*HERALD, (f"{DAY}T10:45", ["Castellan left Brackwell after the announcement."])])
    incremental, full = both_ways(story, "Riverside Echo", ECHO, spy)
    assert spy.on_their_own == [] and spy.whole == [[1]]
    assert settled(incremental) == settled(full)


def test_a_large_new_source_is_settled_in_full(story, monkeypatch):
    spy = Spy(monkeypatch)
    monkeypatch.setattr(settling, "NEW_SOURCE_MAX_PARAGRAPHS", 2)
    incremental, full = both_ways(story, "Riverside Echo", ECHO, spy)
    assert spy.on_their_own == [False] and spy.whole == [[1]]
    assert settled(incremental) == settled(full)


@pytest.mark.parametrize("outlet", [0, 1])
def test_a_followers_first_poll_of_a_new_page_on_a_synthetic_day_gives_what_a_full_settle_gives(tmp_path, monkeypatch, outlet):
    """The benchmark's live pages (bench.live) on the last day of its synthetic corpus,
    each ingested whole by a first poll into the settled corpus timeline."""
    corpus = tmp_path / "corpus"
    generate(700, 5, corpus)
    story = Story(tmp_path)
    ingest(read_manifest(corpus / "sources.toml"), story.db)
    live = json.loads((corpus / "live.json").read_text(encoding="utf-8"))
    pages = Pages(tmp_path, live["date"])
    spy = Spy(monkeypatch)
    story.write_page(pages.publish(outlet, *live_events(live, 3, 5)))
    full = paragraphs(story.fully_settled_copy())
    spy.whole.clear()
    story.settle()
    assert settled(paragraphs(story.db)) == settled(full)
    # Never the corpus's story read whole: the page joins it on its own, or starts its own story.
    assert spy.on_their_own == [True] or (spy.on_their_own == [] and spy.whole == [[2]])
