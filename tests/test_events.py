"""The same event from several outlets: merged into one entry, placed once in time."""

from __future__ import annotations

import random

from liveline.ingest.events.candidates import candidate_pairs
from liveline.ingest.events.features import tokens
from liveline.ingest.events.thresholds import MAX_POSTING
from liveline.timeline.queries import timeline_entries
from liveline.timeline.store import open_db
from liveline.timeline.view import View, resolve, view_entries
from tests.conftest import write

BLOG = """
14:05 GMT
Transport Secretary Maria Lopez announces a £40m fund to save rural bus routes, to be shared between 12 regional transport boards.
Share
13:30 GMT
Shadow transport secretary Tom Okafor says ferry timetables on the northern islands are a disgrace and demands a review.
Share
"""

ARTICLE = """
Ministers unveil rescue plan for country buses

The transport secretary, Maria Lopez, said a £40m fund would save rural bus routes and be shared between 12 regional transport boards.

Separately, a consultation on the future of canal moorings opens next spring in the Pennine valleys.
"""


def build(cli, tmp_path, *sources) -> object:
    db = tmp_path / "t.db"
    for name, text, outlet, date, kind in sources:
        write(tmp_path, name, text)
        run = cli("ingest", tmp_path / name, "--outlet", outlet, "--date", date, "--kind", kind, "--db", db)
        assert run.code == 0, run.err
    return open_db(db)


def test_two_outlets_reporting_one_announcement_become_one_event(cli, tmp_path):
    db = build(cli, tmp_path, ("blog.txt", BLOG, "Daily Live", "2025-03-04", "liveblog"),
               ("article.txt", ARTICLE, "Weekly Post", "2025-03-04", "article"))
    (event,) = db.execute("SELECT id, n_sources, basis, best_at FROM events").fetchall()
    assert event[1:] == (2, "stated", "2025-03-04T14:05Z")
    members = {r[0] for r in db.execute(
        "SELECT pa.text FROM event_members em JOIN paragraphs pa ON pa.id = em.paragraph_id WHERE em.event_id = ?", (event[0],))}
    assert any("£40m fund to save rural bus routes" in t for t in members)
    assert any("said a £40m fund would save" in t for t in members)
    assert not any("ferry" in t or "canal" in t for t in members)


def test_an_article_paragraph_borrows_its_events_time_and_the_rest_follow_the_timed_material(cli, tmp_path):
    db = build(cli, tmp_path, ("blog.txt", BLOG, "Daily Live", "2025-03-04", "liveblog"),
               ("article.txt", ARTICLE, "Weekly Post", "2025-03-04", "article"))
    entries = list(timeline_entries(db))
    marks = [(e.outlet, e.mark, e.text[:20]) for e in entries if e.part == "body"]
    assert marks == [
        ("Daily Live", "13:30", "Shadow transport sec"),
        ("Daily Live", "14:05", "Transport Secretary "),
        ("Weekly Post", "≈14:05", "The transport secret"),
        ("Weekly Post", "--:--", "Separately, a consul"),
    ]
    merged = [e for e in view_entries(db, resolve(db, View(merged=True))) if e.part == "body"]
    assert len(merged) == 3
    assert merged[1].event_outlets == "Daily Live, Weekly Post"


def test_a_recap_on_another_day_is_a_different_event(cli, tmp_path):
    db = build(cli, tmp_path, ("blog.txt", BLOG, "Daily Live", "2025-03-04", "liveblog"),
               ("article.txt", ARTICLE, "Weekly Post", "2025-03-11", "article"))
    assert db.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 0


def test_a_summary_bullet_repeating_a_post_of_its_own_page_is_merged_with_it(cli, tmp_path):
    blog = """
    A summary of today's developments
    Maria Lopez announced a £40m fund to save rural bus routes, shared between 12 regional transport boards.
    Share
    15:10 GMT
    Volunteers cleared snow from the mountain railway at Glenmore overnight.
    Share
    14:05 GMT
    Transport Secretary Maria Lopez announces a £40m fund to save rural bus routes, to be shared between 12 regional transport boards.
    Share
    """
    db = build(cli, tmp_path, ("blog.txt", blog, "Daily Live", "2025-03-04", "liveblog"))
    (event,) = db.execute("SELECT id, n_sources FROM events").fetchall()
    kinds = [r[0] for r in db.execute(
        "SELECT p.kind FROM event_members em JOIN paragraphs pa ON pa.id = em.paragraph_id JOIN posts p ON p.id = pa.post_id "
        "WHERE em.event_id = ? ORDER BY p.kind", (event[0],))]
    assert kinds == ["post", "summary"]


def test_contradicting_orders_undo_the_weakest_merge_and_say_so(cli, tmp_path):
    alpha = "Engineers confirm the Kessock viaduct needs 17 new steel bearings before reopening to freight."
    beta = "Insurers warn that volcanic ash cover for the Azorean ferry fleet will triple in price next winter."
    one = f"10:00 GMT\n{alpha}\nShare\n11:00 GMT\n{beta}\nShare\n"
    two = f"10:00 GMT\n{beta}\nShare\n11:00 GMT\n{alpha}\nShare\n"
    write(tmp_path, "one.txt", one)
    write(tmp_path, "two.txt", two)
    run = cli("ingest", tmp_path / "one.txt", tmp_path / "two.txt", "--outlet", "Wire", "--date", "2025-03-04",
              "--order", "oldest_first", "--db", tmp_path / "t.db")
    assert run.code == 0
    assert "order conflict" in run.err
    db = open_db(tmp_path / "t.db")
    # Every blog keeps its own order in the combined timeline.
    for name in ("one", "two"):
        keys = [r[0] for r in db.execute(
            "SELECT pa.sort_key FROM paragraphs pa JOIN posts p ON p.id = pa.post_id JOIN sources s ON s.id = pa.source_id "
            "WHERE s.name = ? ORDER BY p.chron", (name,))]
        assert keys == sorted(keys)


def test_ingesting_another_day_leaves_the_first_days_events_alone(cli, tmp_path):
    db = build(cli, tmp_path, ("blog.txt", BLOG, "Daily Live", "2025-03-04", "liveblog"),
               ("article.txt", ARTICLE, "Weekly Post", "2025-03-04", "article"))
    before = db.execute("SELECT id, label FROM events").fetchall()
    build(cli, tmp_path, ("later.txt", BLOG.replace("14:05", "09:00"), "Other Live", "2025-03-05", "liveblog"))
    assert db.execute("SELECT id, label FROM events WHERE date = '2025-03-04'").fetchall() == before


def test_candidates_come_from_shared_rare_words_not_all_pairs():
    rng = random.Random(7)
    vocabulary = [f"w{i}x" for i in range(20000)]
    paragraphs = [" ".join(rng.sample(vocabulary, 25)) for _ in range(400)]
    from liveline.ingest.events.features import idf_table, vector

    counts = [tokens(p) for p in paragraphs]
    idf = idf_table(counts)
    pairs = candidate_pairs([vector(c, idf) for c in counts], idf)
    assert len(pairs) < 400 * 399 / 2 / 10  # random texts share few rare words
    common = [tokens("commonword " + p) for p in paragraphs[: MAX_POSTING + 5]]
    idf = idf_table(common)
    assert not candidate_pairs([{"commonword": 1.0} for _ in common], idf)


def test_merged_view_shows_an_event_at_the_report_of_the_outlet_filtered_for(cli, tmp_path):
    db = build(cli, tmp_path, ("blog.txt", BLOG, "Daily Live", "2025-03-04", "liveblog"),
               ("article.txt", ARTICLE, "Weekly Post", "2025-03-04", "article"))
    entries = list(view_entries(db, resolve(db, View(merged=True, outlets=("weekly",)))))
    assert [e.text[:24] for e in entries if e.event_id] == ["The transport secretary,"]


def test_events_and_merged_commands(cli, tmp_path):
    build(cli, tmp_path, ("blog.txt", BLOG, "Daily Live", "2025-03-04", "liveblog"),
          ("article.txt", ARTICLE, "Weekly Post", "2025-03-04", "article"))
    run = cli("events", "--min-outlets", "2", "--db", tmp_path / "t.db")
    assert "2: Daily Live," in run.out and "Weekly Post" in run.out and "14:05" in run.out
    assert cli("events", "--min-outlets", "3", "--db", tmp_path / "t.db").out.count("Daily Live") == 0
    merged = cli("posts", "--merged", "--db", tmp_path / "t.db")
    assert merged.out.count("£40m") == 1


def _items(*paragraphs: tuple, speaker: int | None = None) -> list:
    """Items as merging sees them: (source, post, part, text[, speaker]) in reading order;
    `speaker` is the one every paragraph without its own reports."""
    from liveline.ingest.events.items import Item

    items = []
    for n, (source, post, part, text, *own) in enumerate(paragraphs, 1):
        who = own[0] if own else speaker
        items.append(Item(paragraph_id=n, source_id=source, post_id=post, post_kind="post", text=text, part=part,
                          speakers=frozenset({who}) if who is not None else frozenset()))
    return items


def _grouped(items: list) -> list[set[str]]:
    from liveline.ingest.events.merging import merge

    return [{items[i].text for i, _ in event.members} for event in merge(items)]


def test_a_posts_headline_goes_with_its_post_not_with_another_post_on_the_topic():
    items = _items(
        (1, 10, "headline", "Okafor on bus routes"),
        (1, 10, "body", "Tom Okafor says the £40m fund for rural bus routes across 12 boards is too small."),
        (1, 11, "headline", "Lopez on bus routes"),
        (1, 11, "body", "Maria Lopez confirms new timetables for the northern ferry crossings next spring."),
        (2, 20, "body", "Okafor told MPs that a £40m fund for rural bus routes shared by 12 boards was too small."),
    )
    (event,) = _grouped(items)
    assert "Okafor on bus routes" in event and "Lopez on bus routes" not in event


def test_a_sentence_a_page_repeats_in_post_after_post_is_furniture_not_an_event():
    filler = "Crowds gathered outside the town hall as the session went on."
    items = _items(*[(source, source * 10 + post, "body", filler) for source in (1, 2) for post in range(3)])
    assert _grouped(items) == []


def test_sharing_one_name_is_not_reporting_one_event():
    items = _items(
        (1, 10, "body", "Four of those are for the Home Office."),
        (2, 20, "body", "The Home Office refused a request from the council."),
    )
    assert _grouped(items) == []


def test_a_paragraph_pointing_back_stays_with_what_it_points_to():
    items = _items(
        (1, 10, "body", "Lopez said a timetable for the 20 flood recommendations would be set out before Easter."),
        (2, 20, "body", "\u201cBefore Easter we will set out a timetable for the 20 flood recommendations,\u201d Lopez said."),
        (2, 20, "body", "\u201cFour of those are for the Environment Agency."),
        (2, 20, "body", "\u201cSeparately, the coastal rail line reopens in June.\u201d"),
        speaker=7,
    )
    (event,) = _grouped(items)
    assert "\u201cFour of those are for the Environment Agency." in event
    assert not any("coastal rail" in text for text in event)


def test_an_articles_lede_tells_the_story_its_headline_and_most_paragraphs_tell():
    items = _items(
        (1, 10, "body", "Lopez told MPs a £40m fund would save rural bus routes across 12 regional boards."),
        (1, 10, "body", "Lopez said the 12 boards would share the £40m between rural bus routes."),
        (2, 20, "headline", "Minister keeps lifeline for rural bus routes"),
        (2, 20, "body", "Maria Lopez has rejected calls to scrap the subsidy that keeps rural villages connected."),
        (2, 20, "body", "She also backed a review of taxi licensing."),
        (2, 20, "body", "\u201cA £40m fund will save rural bus routes across 12 regional boards,\u201d she said."),
        (2, 20, "body", "\u201cThe 12 boards will share the £40m between the rural bus routes.\u201d"),
        speaker=7,
    )
    (event,) = _grouped(items)
    assert "Minister keeps lifeline for rural bus routes" in event
    assert "Maria Lopez has rejected calls to scrap the subsidy that keeps rural villages connected." in event
    assert "She also backed a review of taxi licensing." not in event  # in the lede, but about something else


def test_two_announcements_with_different_sums_stay_apart():
    items = _items(
        (1, 10, "body", "Lopez said a £40m fund would rebuild rural bus routes across the northern regions."),
        (2, 20, "body", "Lopez promised £40m to rebuild rural bus routes across the northern regions."),
        (1, 11, "body", "Lopez said a £95m fund would rebuild rural bus routes across the southern regions."),
        (2, 21, "body", "Lopez promised £95m to rebuild rural bus routes across the southern regions."),
        speaker=7,
    )
    events = _grouped(items)
    assert len(events) == 2
    assert all(len({"£40m" in text for text in event}) == 1 for event in events)  # one sum per event


def test_two_outlets_listing_the_same_announcements_in_order_keep_them_apart():
    items = _items(
        (1, 10, "body", "Lopez announced money for rural bus routes modelled on the Pennine scheme."),
        (1, 10, "body", "She also announced an audit of ferry safety, led by Dame Ruth Kay, across the islands."),
        (2, 20, "body", "Lopez promised money to keep rural bus routes running, modelled on the Pennine scheme."),
        (2, 20, "body", "There will also be an audit of ferry safety across the islands, led by Dame Ruth Kay."),
        speaker=7,
    )
    events = sorted(_grouped(items), key=len)
    assert [len(event) for event in events] == [2, 2]
    assert all(len({"ferry" in text for text in event}) == 1 for event in events)


def test_key_points_stacked_at_the_top_of_a_post_each_join_their_own_event():
    items = _items(
        (1, 10, "headline", "Ferry safety audit"),
        (1, 10, "headline", "Rural bus fund"),
        (1, 10, "body", "The opposition says the plans do not go far enough."),
        (1, 11, "body", "Lopez has ordered a ferry safety audit across the islands, led by Dame Ruth Kay."),
        (2, 20, "body", "Dame Ruth Kay will lead a ferry safety audit across the islands, Lopez said."),
        (1, 12, "body", "Lopez announced a rural bus fund for the Pennine valleys, paid over five years."),
        (2, 21, "body", "A rural bus fund for the Pennine valleys will be paid over five years, Lopez announced."),
    )
    events = _grouped(items)
    assert any("Ferry safety audit" in event and any("Dame Ruth Kay will lead" in t for t in event) for event in events)
    assert any("Rural bus fund" in event and any("Pennine valleys" in t for t in event) for event in events)


def test_two_fragments_of_one_persons_announcement_join_at_a_lower_likeness_than_two_peoples():
    # Two outlets' one-line summaries of an announcement and two outlets' fuller reports of
    # it form two events whose words are only fairly alike (centroids at cosine 0.35).
    from liveline.ingest.events.growth import join_similar as _join_similar
    from liveline.ingest.events.thresholds import JOIN, JOIN_SAME_SPEAKER

    assert JOIN_SAME_SPEAKER < 0.35 < JOIN
    summary, fuller = {"pennine": 0.6, "inquiry": 0.8}, {"pennine": 0.583, "judge": 0.812}
    for summary_speakers, joined in (({7}, True), ({7, 8}, True), ({9}, False)):
        items = _items((1, 10, "body", "a"), (2, 20, "body", "b"), (3, 30, "body", "c"), (4, 40, "body", "d"), speaker=7)
        for item in items[:2]:
            item.speakers = frozenset(summary_speakers)
        label = _join_similar(items, [summary, summary, fuller, fuller], {}, {0: 0, 1: 0, 2: 2, 3: 2})
        assert (label[0] == label[2]) is joined, summary_speakers


def test_a_paragraph_next_to_its_speakers_report_of_one_event_but_nearer_another_does_not_ride_along():
    items = _items(
        (1, 10, "body", "Lopez announced a £40m fund to save rural bus routes across the Pennine valleys."),
        (1, 10, "body", "Ferry crossings to the northern islands will get new timetables, and harbour masters in Oban, "
                        "Ullapool and Stornoway must file quarterly safety returns, as rural bus routes already do."),
        (2, 20, "body", "A £40m fund will save rural bus routes across the Pennine valleys, Lopez announced."),
        (3, 30, "body", "Lopez confirmed new timetables for ferry crossings to the northern islands."),
        (4, 40, "body", "New timetables for ferry crossings to the northern islands were confirmed by Lopez."),
        speaker=7,
    )
    bus = next(event for event in _grouped(items) if any("£40m" in text for text in event))
    assert not any("Stornoway" in text for text in bus)


def test_she_also_announced_starts_another_item_not_more_of_the_last():
    items = _items(
        (1, 10, "body", "Lopez announced money for rural bus routes modelled on the Pennine scheme."),
        (1, 10, "body", "She also announced an audit of ferry safety on the Pennine lakes."),
        (2, 20, "body", "Lopez promised money to keep rural bus routes running, modelled on the Pennine scheme."),
        speaker=7,
    )
    (event,) = _grouped(items)
    assert not any("ferry" in text for text in event)


def test_dates_merged_in_worker_processes_come_out_as_merged_here(example_db, tmp_path):
    import shutil
    import sqlite3

    from liveline.ingest.events.combine import combine_dates

    def combined(workers: int) -> tuple[list, list]:
        path = tmp_path / f"w{workers}.db"
        shutil.copy(example_db, path)
        conn = sqlite3.connect(path)
        dates = [r[0] for r in conn.execute("SELECT DISTINCT date FROM paragraphs ORDER BY date")]
        assert len(dates) == 2
        with conn:
            combine_dates(conn, dates, workers=workers)
        events = conn.execute("SELECT date, label, n_sources, best_at FROM events ORDER BY id").fetchall()
        order = conn.execute("SELECT id, event_id, sort_key FROM paragraphs ORDER BY id").fetchall()
        return events, order

    here = combined(1)
    assert here[0] and combined(2) == here


def test_where_worker_processes_cannot_start_dates_merge_in_this_process(example_db, tmp_path, monkeypatch):
    import shutil
    import sqlite3

    from liveline.ingest.events import combine

    def no_semaphores(*args, **kwargs):
        raise OSError(38, "Function not implemented")

    monkeypatch.setattr(combine, "ProcessPoolExecutor", no_semaphores)
    path = tmp_path / "t.db"
    shutil.copy(example_db, path)
    conn = sqlite3.connect(path)
    before = conn.execute("SELECT date, label, n_sources FROM events ORDER BY id").fetchall()
    with conn:
        combine.combine_dates(conn, ["2025-01-06", "2025-01-16"], workers=2)
    assert conn.execute("SELECT date, label, n_sources FROM events ORDER BY id").fetchall() == before


def test_an_article_without_a_headline_opens_with_its_lede_which_joins_the_story_it_tells():
    items = _items(
        (1, 10, "body", "Lopez announced a £40m fund to save rural bus routes across the Pennine valleys."),
        (1, 11, "body", "Lopez confirmed new timetables for ferry crossings to the northern islands."),
        (2, 20, "body", "A £40m fund will save rural bus routes across the Pennine valleys, Lopez announced."),
        (2, 21, "body", "New timetables for ferry crossings to the northern islands were confirmed by Lopez."),
        (3, 30, "body", "Ministers moved to rescue country buses on Tuesday as Pennine villages feared being cut off.", None),
        (3, 30, "body", "Lopez said a £40m fund would save rural bus routes across the Pennine valleys."),
        (3, 30, "body", "She confirmed new timetables for ferry crossings to the northern islands."),
        speaker=7,
    )
    for item in items[4:]:
        item.post_kind = "article"
    bus = next(event for event in _grouped(items) if any("£40m" in text for text in event))
    assert "Ministers moved to rescue country buses on Tuesday as Pennine villages feared being cut off." in bus


def test_a_response_told_in_several_posts_and_the_answer_to_it_are_one_exchange():
    lopez, okafor = 7, 8
    items = _items(
        (1, 10, "body", "Lopez announces a £40m fund to save rural bus routes across the Pennine valleys.", lopez),
        (1, 11, "body", "Lopez confirms new timetables for ferry crossings to the northern islands.", lopez),
        (1, 12, "body", "Okafor says the bus fund is a drop in the ocean when 300 villages have lost services.", okafor),
        (1, 13, "body", "Okafor goes on to ask whether the new transport boards will have powers to compel operators.", okafor),
        (1, 14, "body", "Lopez responds to Okafor by saying the boards will have statutory powers from April.", lopez),
        (2, 20, "body", "A £40m fund will save rural bus routes across the Pennine valleys, Lopez announced.", lopez),
        (2, 20, "body", "New timetables for ferry crossings to the northern islands were confirmed by Lopez.", lopez),
        (2, 20, "body", "Tom Okafor said the bus fund was a drop in the ocean when 300 villages had lost services.", okafor),
        (2, 20, "body", "He asked whether the transport boards would have powers to compel operators.", okafor),
    )
    events = _grouped(items)
    exchange = next(event for event in events if any("drop in the ocean" in text for text in event))
    assert sum("powers to compel" in text for text in exchange) == 2
    assert "Lopez responds to Okafor by saying the boards will have statutory powers from April." in exchange
    # The minister's own announcements, one after another, stay apart.
    assert not any("£40m" in text or "ferry" in text for text in exchange)
    assert len(events) == 3


def test_one_persons_two_pledges_in_consecutive_posts_naming_different_sums_stay_two_events():
    lopez, okafor = 7, 8
    items = _items(
        (1, 10, "body", "Lopez announces new timetables for ferry crossings to the northern islands.", lopez),
        (1, 11, "body", "Lopez confirms the coastal rail line reopens in June after the landslip repairs.", lopez),
        (1, 12, "body", "Lopez says harbour dues on the islands will be frozen for three years.", lopez),
        (1, 12, "body", "She adds that pilots for the smaller ports will be trained in Oban.", lopez),
        (1, 12, "body", "The first new ferries are due in service by the autumn, she says.", lopez),
        (1, 13, "body", "Okafor pledges £40m to rebuild rural bus shelters across the Pennine valleys.", okafor),
        (1, 14, "body", "Okafor pledges £95m for cheaper fares for apprentices in the northern cities.", okafor),
        (2, 20, "body", "Okafor promised £40m to rebuild rural bus shelters across the Pennine valleys.", okafor),
        (2, 20, "body", "He also promised £95m for cheaper fares for apprentices in the northern cities.", okafor),
    )
    events = _grouped(items)
    assert len(events) == 2
    assert all(len({"£40m" in text for text in event}) == 1 for event in events)


RULING = "The Supreme Court ruled the Harcastle reservoir expansion unlawful, upholding the Dunmere valley farmers' challenge."
RULED = "The Supreme Court has ruled that the Harcastle reservoir expansion challenged by Dunmere valley farmers was unlawful."


def test_two_outlets_previews_of_a_ruling_are_one_event_and_the_ruling_another():
    due = "The Supreme Court is due to rule on the Harcastle reservoir expansion challenge by Dunmere valley farmers at 10am."
    will = "At 10am the Supreme Court will give its judgment on the Dunmere valley farmers' Harcastle reservoir expansion challenge."
    items = _items(
        (1, 10, "headline", "Supreme Court to rule on Harcastle reservoir"),
        (1, 10, "body", due),
        (1, 11, "body", RULED),
        (2, 20, "body", will),
        (2, 21, "body", RULING),
    )
    events = _grouped(items)
    # The morning's previews were written before the ruling: they never borrow its time.
    assert sorted(events, key=len) == [{RULED, RULING}, {"Supreme Court to rule on Harcastle reservoir", due, will}]


def test_a_preview_of_a_statement_is_not_merged_with_the_report_of_the_statement():
    preview = ("Maria Lopez will make a statement to MPs after questions on the £40m fund to save rural bus routes "
               "across 12 regional boards.")
    expected = "She is expected to announce that the £40m fund will save rural bus routes across 12 regional boards."
    items = _items(
        (1, 10, "headline", "Lopez to make statement on rural buses"),
        (1, 10, "body", preview),
        (1, 10, "body", expected),
        (1, 11, "body", "Maria Lopez told MPs a £40m fund would save rural bus routes across 12 regional boards.", 7),
        (2, 20, "body", "Lopez said the £40m fund would save rural bus routes, shared between 12 regional boards.", 7),
    )
    (event,) = _grouped(items)
    assert not event & {"Lopez to make statement on rural buses", preview, expected}


def test_what_a_speaker_says_she_will_do_is_her_announcement_not_a_preview():
    from liveline.ingest.events.previews import is_preview

    said = _items(
        (1, 10, "body", "Transport Secretary Marcus Hale has told MPs he will take a fresh decision within six months."),
        (1, 10, "body", "\u201cWe will introduce a bill to protect rural bus routes,\u201d Lopez said."),
        (1, 10, "body", "We will introduce a bill and publish the timetable before Easter.", 7),
        (1, 10, "body", "The government will publish a timetable for the recommendations by Easter.", 7),
        (1, 10, "headline", "Minister refuses to rule out fare rises"),
    )
    assert [is_preview(item) for item in said] == [False] * 5
    ahead = _items(
        (1, 10, "body", "Hale is set to publish the review on Thursday."),
        (1, 10, "body", "The judges will hand down their ruling at 9.45am."),
        (1, 10, "body", "She\u2019ll address MPs after prime minister\u2019s questions.", 7),
    )
    assert [is_preview(item) for item in ahead] == [True] * 3
