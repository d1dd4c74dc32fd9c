"""A reader on a 200,000-paragraph timeline: it opens, goes to the end, filters by one
speaker and searches, and shows the right entries each time (no timings here: bench/)."""

from __future__ import annotations

import pytest

from liveline.ingest.events.combine import rank_timeline
from liveline.timeline.store import open_db
from liveline.tui.app import LivelineApp
from liveline.tui.timeline_view import TimelineView


def status(app) -> str:
    return str(app.query_one("#status").render())

PARAGRAPHS = 200_000
PER_POST = 4
OUTLETS = ["Northern Wire", "Harbour Post", "Valley Times", "Coast Herald", "City Ledger"]
PEOPLE = 40


def _build(path) -> None:
    """Rows straight into the schema, as ingest would leave them (parsing is tested elsewhere)."""
    db = open_db(path, create=True)
    conn = db.conn
    posts_per_source = PARAGRAPHS // PER_POST // len(OUTLETS)
    with conn:
        conn.executemany(
            "INSERT INTO sources (id, name, outlet, kind, date, [order], order_basis) VALUES (?, ?, ?, 'liveblog', '2025-03-04', 'oldest_first', 'times')",
            [(i + 1, f"blog-{i}", outlet) for i, outlet in enumerate(OUTLETS)],
        )
        conn.executemany(
            "INSERT INTO people (id, name, kind, aliases) VALUES (?, ?, 'person', '[]')",
            [(i + 1, f"Speaker{i:02d} Person{i:02d}") for i in range(PEOPLE)],
        )
        posts, paragraphs, speakers = [], [], []
        post_id = paragraph_id = 0
        for source in range(1, len(OUTLETS) + 1):
            for seq in range(1, posts_per_source + 1):
                post_id += 1
                minute = (seq - 1) * 1439 // (posts_per_source - 1)
                stated = f"2025-03-04T{minute // 60:02d}:{minute % 60:02d}Z"
                posts.append((post_id, source, seq, seq, stated, f"Post {post_id}"))
                for pseq in range(1, PER_POST + 1):
                    paragraph_id += 1
                    word = "lighthouse" if paragraph_id % 1000 == 0 else "harbour"
                    paragraphs.append((paragraph_id, post_id, source, pseq, f"Paragraph {paragraph_id} about the {word}.",
                                       ((minute * 8 + source) * 20_000 + seq) * 8 + pseq))
                    if paragraph_id % 7 == 0:
                        speakers.append((paragraph_id, paragraph_id % PEOPLE + 1))
        conn.executemany(
            "INSERT INTO posts (id, source_id, seq, chron, kind, pinned, date, stated_at, basis, headline) "
            "VALUES (?, ?, ?, ?, 'post', 0, '2025-03-04', ?, 'stated', ?)", posts,
        )
        conn.executemany(
            "INSERT INTO paragraphs (id, post_id, source_id, seq, part, text, date, sort_key) "
            "VALUES (?, ?, ?, ?, 'body', ?, '2025-03-04', ?)", paragraphs,
        )
        conn.executemany("INSERT INTO paragraph_speakers (paragraph_id, person_id, how, confidence) VALUES (?, ?, 'quote', 0.95)", speakers)
        rank_timeline(conn)
    conn.close()


@pytest.fixture(scope="module")
def big_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("big") / "timeline.db"
    _build(path)
    return path


async def test_a_200k_timeline_opens_ends_filters_and_searches(big_db, tmp_path):
    app = LivelineApp(big_db, export_dir=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        timeline = app.query_one(TimelineView)
        assert timeline.pager.count == PARAGRAPHS
        first = timeline.current
        assert first.rank == 1 and first.stated_at == "2025-03-04T00:00Z"

        await pilot.press("G")
        await pilot.pause()
        last = timeline.current
        assert timeline.cursor == PARAGRAPHS - 1 and last.rank == PARAGRAPHS
        assert last.stated_at == "2025-03-04T23:59Z"
        assert f"Paragraph {last.paragraph_id} " in "\n".join(timeline.render_line(y).text for y in range(30))

        await pilot.press("right_square_bracket")  # the most-heard speaker, alone
        chosen = app.view.speakers[0]
        expected = app.db.execute(
            "SELECT COUNT(*) FROM paragraph_speakers ps JOIN people pe ON pe.id = ps.person_id WHERE pe.name = ?", (chosen,)
        ).fetchone()[0]
        assert timeline.pager.count == expected > 0
        assert timeline.cursor == expected - 1  # still at the end of the day
        sample = [timeline.pager.entry(i) for i in (0, expected // 2, expected - 1)]
        assert all(entry.speakers == chosen for entry in sample)
        ranks = [timeline.pager.entry(i).rank for i in range(0, expected, 97)]
        assert ranks == sorted(ranks)

        await pilot.press("S", "g", "slash", *"lighthouse", "enter")
        assert app.match_count == PARAGRAPHS // 1000  # a rare word: counted with the search
        first = timeline.cursor
        assert timeline.current.text.endswith("the lighthouse.")
        assert all("lighthouse" not in timeline.pager.entry(i).text for i in range(first))
        await pilot.press("n")
        assert timeline.cursor > first and "lighthouse" in timeline.current.text
        assert all("lighthouse" not in timeline.pager.entry(i).text for i in range(first + 1, timeline.cursor))

        # A word nearly every entry holds: the next one is found at once, the count comes later.
        await pilot.press("escape", "G")
        await pilot.pause()
        await pilot.press("slash", *"harbour", "enter")
        # The last entry is about the lighthouse: the search goes round to the first entry,
        # and N back round the start to the one before the last.
        assert "lighthouse" in last.text and timeline.cursor == 0 and "harbour" in timeline.current.text
        await pilot.press("N")
        assert timeline.cursor == PARAGRAPHS - 2 and "harbour" in timeline.current.text
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.match_count == PARAGRAPHS - PARAGRAPHS // 1000 and f"/harbour {app.match_count} matches" in status(app)
