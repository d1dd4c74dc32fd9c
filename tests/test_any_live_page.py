"""Any live blog from the web (issue 17), read as a person reads it: each test serves one page in
a publisher's style from a local server, ingests it by URL, and checks what a reader of that page
sees: how many posts, each post's minute in UTC (worked out by hand from the page's own clock
and zone), headlines and authors; and, where the page leaves doubt, that the command says so.

The pages under tests/fixtures/pages/ were written for these tests, with made-up stories."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from tests.conftest import REPO, digest
from tests.page_server import page_server

PAGES = REPO / "tests" / "fixtures" / "pages"


@pytest.fixture
def pages(monkeypatch):
    monkeypatch.setenv("LIVELINE_FETCH_TIMEOUT", "2")
    with page_server() as served:
        yield served


def rows(db: Path, sql: str, params: tuple = ()) -> list[tuple]:
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def posts(db: Path, order: str = "chron") -> list[tuple]:
    """(headline, author, stated_at) of the posts a reader sees, oldest first (or in page order: "seq")."""
    return rows(db, f"SELECT headline, author, stated_at FROM posts WHERE kind != 'header' ORDER BY {order}, seq")


def stated(db: Path) -> list[str | None]:
    return [at for _, _, at in posts(db)]


def texts(db: Path, part: str | None = None) -> list[str]:
    where = "WHERE part = ?" if part else ""
    return [t for (t,) in rows(db, f"SELECT text FROM paragraphs {where} ORDER BY id", (part,) if part else ())]


URL = re.compile(r"https?://\S+")


def warnings(run) -> list[str]:
    """The warning lines on stderr, without the page's address (its words are not the warning's)."""
    return [URL.sub("", line) for line in run.err.splitlines() if "warning:" in line]


def explained(run) -> str:
    """What --explain printed, without the page's address."""
    return URL.sub("", run.out)


def utc(day: str, shown: str, offset: str) -> str:
    """A wall time the page shows ("16:25" on day), in a zone `offset` from UTC ("+02:00"),
    as the stored UTC minute: the arithmetic a reader would do by hand."""
    local = dt.datetime.fromisoformat(f"{day}T{shown}:00{offset}")
    return local.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%MZ")


def ingest(cli, pages, tmp_path: Path, name: str, *args: str, path: str | None = None):
    db = tmp_path / "t.db"
    url = pages.serve(path or f"/live/{Path(name).stem}", PAGES / name)
    run = cli("ingest", url, "--db", db, *args)
    return run, db


# 1. JSON-LD as one witness among several: wrong, out-of-order update times lose to the markup.


def test_wrong_json_ld_times_lose_to_each_posts_amp_timeago_and_by_lines_become_authors(cli, pages, tmp_path):
    run, db = ingest(cli, pages, tmp_path, "amp_json_ld_wrong_times.html")
    assert run.code == 0, run.err
    day = "2024-03-14"  # March: the UK is on GMT, and the amp-timeago datetimes are in UTC anyway
    assert posts(db) == [
        ("Good morning", "Jane Doe", f"{day}T07:01Z"),
        ("Roads closed: the latest list", "Jane Doe", f"{day}T07:20Z"),
        ("Power restored to most homes", "Jane Doe", f"{day}T07:44Z"),
        ("Schools closed across the county", "Jane Doe", f"{day}T08:01Z"),
        ("Rail line between Eastbridge and Holm still shut", "Jane Doe", f"{day}T08:12Z"),
        ("Farmers count the cost in the valley", "Marcus Bell", f"{day}T08:30Z"),
        ("Council opens three rest centres", "Jane Doe", f"{day}T08:47Z"),
        ("Ferry services resume from Carrick pier", "Jane Doe", f"{day}T09:01Z"),
    ]
    body = texts(db, "body")
    assert "The A614 is shut at Kelby Bridge and the B1220 is impassable at Ness End." in body
    assert not [t for t in body if re.match(r"By (Jane Doe|Marcus Bell)\b", t)]  # a byline is no paragraph
    assert [w for w in warnings(run) if re.search(r"(?i)json.?ld", w)], run.err  # the JSON-LD times were not used


# 2. No JSON-LD, bold "HH.MM" stamps running to the next, across midnight; the date from meta and URL.


def test_a_2014_page_of_bold_stamps_crossing_midnight_is_dated_from_its_meta_and_address(cli, pages, tmp_path):
    run, db = ingest(cli, pages, tmp_path, "dated_2014_bold_stamps.html", path="/uk-news/2014/jun/12/dock-strike-talks-live")
    assert run.code == 0, run.err
    # June: BST, UTC+1. 22.40 on the 12th .. 23.55, then 00.10 and 00.35 on the 13th, local.
    shown = [("2014-06-12", t) for t in ("22:40", "22:52", "23:05", "23:18", "23:30", "23:41", "23:55")]
    shown += [("2014-06-13", "00:10"), ("2014-06-13", "00:35")]
    assert stated(db) == [utc(day, t, "+01:00") for day, t in shown]
    assert stated(db)[-2:] == ["2014-06-12T23:10Z", "2014-06-12T23:35Z"]
    assert rows(db, "SELECT date FROM sources") == [("2014-06-12",)]
    body = texts(db)
    assert "The strike is suspended while both sides put the new offer to their members." in body  # plain <p>s follow their stamp
    assert not [t for t in body if re.match(r"\d{1,2}\.\d{2}\b", t)]  # the stamp is the time, not text
    assert not [t for t in body if "Share on Facebook" in t or "Dockers vote for two-week strike" in t]


# 3. A Swiss German ticker: "11.04 Uhr: ..." headings, no wrapper, day headers without a year.


def test_a_swiss_german_ticker_of_uhr_headings_under_day_headers_is_read_in_summer_time(cli, pages, tmp_path):
    run, db = ingest(cli, pages, tmp_path, "de_ticker_uhr_headings.html")
    assert run.code == 0, run.err
    # de-CH in July: CEST, UTC+2 (the meta published time says +02:00 too). Newest first on the page.
    shown = [
        ("2019-07-17", "08:00", "Gewitterfront zieht auf"),
        ("2019-07-17", "09:30", "Meteorologen warnen vor Gewittern"),
        ("2019-07-17", "14:02", "Unwetterwarnung auf Stufe 4 erhöht"),
        ("2019-07-17", "18:15", "Keller überflutet"),
        ("2019-07-17", "22:47", "Hagel in Wil"),
        ("2019-07-18", "07:58", "Ruhige Nacht nach dem Sturm"),
        ("2019-07-18", "09:05", "Schulen öffnen verspätet"),
        ("2019-07-18", "10:31", "Feuerwehr zieht erste Bilanz"),
        ("2019-07-18", "11:04", "Bahnstrecke bei Rorschach wieder offen"),
    ]
    assert [(h, at) for h, _, at in posts(db)] == [(h, utc(day, t, "+02:00")) for day, t, h in shown]
    assert stated(db)[0] == "2019-07-17T06:00Z" and stated(db)[-1] == "2019-07-18T09:04Z"
    body = texts(db, "body")
    assert "Verletzt wurde nach Angaben der Kantonspolizei niemand." in body
    assert not [t for t in texts(db) if "Uhr:" in t or "Mehr zum Thema" in t or "Akzeptieren" in t]


# 4. Posts only in embedded state (__NEXT_DATA__); the markup shows two teasers.


NEXT_SHOWN_UTC = [  # the posts' publishedAt (epoch ms) read as UTC, newest first as in the JSON
    "17:40", "17:12", "16:55", "16:31", "16:02", "15:47", "15:20", "14:58", "14:36", "14:05", "13:44", "13:10", "12:52",
    "12:30", "12:01", "11:38", "11:15", "10:49", "10:20", "09:58", "09:31", "09:04", "08:40", "08:12", "07:46",
]


def test_a_next_js_ticker_is_read_from_its_embedded_state_not_from_its_two_teasers(cli, pages, tmp_path):
    run, db = ingest(cli, pages, tmp_path, "next_data_ticker.html")
    assert run.code == 0, run.err
    assert len(posts(db)) == 25  # every post, and never the two teaser boxes as posts of their own
    assert stated(db) == [f"2023-09-08T{t}Z" for t in reversed(NEXT_SHOWN_UTC)]
    headlines = [h for h, _, _ in posts(db)]
    assert headlines[0] == "Welcome" and headlines[-1] == "Hosepipe ban to start on Monday"
    assert len(set(headlines)) == 25
    body = texts(db, "body")
    # Rich text runs (a bold span inside) are one paragraph.
    assert "The water company has confirmed the ban will begin at 00:01 on Monday and cover 1.2 million homes." in body
    assert "Watering cans and buckets are fine." in body
    assert not [t for t in texts(db) if "How your company compares" in t or "Hosepipe bans explained" in t]  # related articles


# 5. A cricket blog: "21:06 (IST)" stamps; date and zone only in "Updated: ... 09:20 PM IST".


CRICKET_SHOWN_IST = [  # newest first, as on the page
    "21:18", "21:14", "21:08", "21:04", "20:58", "20:54", "20:48", "20:44", "20:38", "20:34", "20:28", "20:24", "20:18", "20:14",
    "20:08", "20:04", "19:58", "19:54", "19:48", "19:44", "19:38", "19:34", "19:28", "19:24", "19:18", "19:14", "19:08", "19:04",
    "18:58", "18:54", "18:48", "18:44", "18:38", "18:34", "18:28", "18:24", "18:18", "18:14", "18:08", "18:04",
]


def test_a_cricket_blog_of_ist_stamps_takes_its_date_and_zone_from_the_updated_line(cli, pages, tmp_path):
    run, db = ingest(cli, pages, tmp_path, "cricket_ist_updated_line.html")
    assert run.code == 0, run.err
    assert len(posts(db)) == 40
    assert stated(db) == [utc("2023-11-02", t, "+05:30") for t in reversed(CRICKET_SHOWN_IST)]
    assert stated(db)[-1] <= "2023-11-02T15:50Z"  # no later than the page's "Updated: ... 09:20 PM IST"
    assert rows(db, "SELECT date FROM sources") == [("2023-11-02",)]
    body = texts(db)
    assert "Player of the match: Ravi Menon, 58 not out from 41 balls." in body
    assert not [t for t in body if re.match(r"\d{1,2}:\d{2}\s*\(IST\)", t)]


# 6. Headlines carrying "19:02(IST)" beside a machine time in UK time: one time per post.


def test_an_ist_prefix_leaves_the_headline_and_each_post_keeps_one_time(cli, pages, tmp_path):
    run, db = ingest(cli, pages, tmp_path, "ist_prefix_headlines.html")
    assert run.code == 0, run.err
    day = "2023-11-02"  # November: the UK is on GMT; 19:02 IST is 13:32 GMT, the same minute
    assert posts(db) == [
        ("Counting under way", None, f"{day}T12:05Z"),
        ("Early trends favour the opposition", None, f"{day}T12:48Z"),
        ("Mayor concedes in her home ward", None, f"{day}T13:32Z"),
        ("Turnout confirmed at 71%", None, f"{day}T14:26Z"),
        ("Recount ordered in ward nine", None, f"{day}T15:02Z"),
        ("Count ends: Green Alliance largest party in Kovalam ward", None, f"{day}T15:41Z"),
    ]
    assert not [t for t in texts(db) if "(IST)" in t]


# 7. Separate post blocks and no times at all.


def test_a_commentary_page_without_times_gives_untimed_posts_and_says_the_times_are_unknown(cli, pages, tmp_path):
    run, db = ingest(cli, pages, tmp_path, "untimed_reaction_blocks.html", "--date", "2025-03-26", "--explain")
    assert run.code == 0, run.err
    assert [h for h, _, _ in posts(db, order="seq")] == [  # page order: nothing says which came first
        "The numbers do not add up yet", "Backbenchers are relieved", "Nothing new for carers",
        "Small firms welcome the rates freeze", "The markets barely moved", "The opposition's reply", "What it means for renters",
    ]
    assert stated(db) == [None] * 7
    assert rows(db, "SELECT DISTINCT date FROM posts WHERE kind != 'header'") == [("2025-03-26",)]
    said = warnings(run) + explained(run).splitlines()
    unknown = re.compile(r"(?i)\b(no|not|none|unknown|untimed|without|missing)\b")
    assert [line for line in said if re.search(r"(?i)\btimes?\b", line) and unknown.search(line)], (run.out, run.err)


# 8. Other languages: stamps and dates in French, Italian, Spanish, Polish and Dutch (CEST in July).


LANGUAGES = {
    "fr_direct_16h25.html": ["16:25", "15:50", "14:12", "12:30", "11:05", "09:40", "09:02"],
    "it_diretta_ore.html": ["16:25", "15:40", "14:05", "12:50", "11:15", "10:02", "09:30"],
    "es_directo_h.html": ["16:25", "15:58", "14:30", "13:11", "11:47", "10:20"],
    "pl_relacja_godz.html": ["16:25", "15:05", "13:48", "12:20", "10:55", "09:40"],
    "nl_liveblog_uur.html": ["16:25", "15:33", "14:10", "12:45", "11:20", "08:50"],
}
STAMP_AS_TEXT = re.compile(r"^(ore |godz\. )?\d{1,2}[:.h]\d{2}( h| uur)?\b")


@pytest.mark.parametrize("name", sorted(LANGUAGES), ids=lambda n: n.split("_")[0])
def test_live_pages_in_five_languages_are_read_in_central_european_summer_time(cli, pages, tmp_path, name):
    run, db = ingest(cli, pages, tmp_path, name)
    assert run.code == 0, run.err
    # Each page states 18 July 2019 in its own language, and the stamps are local: UTC = shown - 2h.
    assert stated(db) == [utc("2019-07-18", t, "+02:00") for t in reversed(LANGUAGES[name])]
    assert rows(db, "SELECT date FROM sources") == [("2019-07-18",)]
    assert not [t for t in texts(db) if STAMP_AS_TEXT.match(t)]


def test_a_french_page_keeps_its_headlines_without_the_time(cli, pages, tmp_path):
    run, db = ingest(cli, pages, tmp_path, "fr_direct_16h25.html")
    assert run.code == 0, run.err
    assert [h for h, _, _ in posts(db)][-1] == "Le pic de chaleur attendu vers 17 heures"
    assert "La mairie a prolongé les horaires jusqu'à 21 heures." in texts(db, "body")


# 9. A US page: "[2.34 p.m.]" stamps, "All times ET" said once: Eastern Daylight Time in August.


def test_a_us_page_with_bracketed_stamps_and_all_times_et_is_read_in_eastern_daylight_time(cli, pages, tmp_path):
    run, db = ingest(cli, pages, tmp_path, "us_bracket_stamps_et.html")
    assert run.code == 0, run.err
    shown = ["09:15", "10:03", "11:26", "12:10", "14:34", "15:47", "17:02"]  # 12.10 p.m. is ten past noon
    assert stated(db) == [utc("2024-08-14", t, "-04:00") for t in shown]
    assert stated(db)[3] == "2024-08-14T16:10Z"
    body = texts(db)
    assert "Crews will work through the night to clear fallen trees on Route 9." in body
    assert not [t for t in body if t.startswith("[")]


# 10. Honest when unsure: many stamps and few posts, or a live page read as an article, is said.


UNSURE = {
    # A results table on a live page: 30 rows stamped 19:02, 19:11 ... (BST, 2 May 2024).
    "stamps_in_a_table.html": [utc("2024-05-02", f"{19 + (2 + 9 * i) // 60:02d}:{(2 + 9 * i) % 60:02d}", "+01:00") for i in range(30)],
    # Thirty stamps run together in one paragraph: 06:02, 06:33 ... (GMT, 5 March 2024).
    "stamps_in_one_paragraph.html": [utc("2024-03-05", f"{6 + (2 + 31 * i) // 60:02d}:{(2 + 31 * i) % 60:02d}", "+00:00") for i in range(30)],
}


@pytest.mark.parametrize("name", sorted(UNSURE), ids=["table", "paragraph"])
def test_thirty_stamps_are_thirty_posts_or_a_warning_that_names_thirty(cli, pages, tmp_path, name):
    run, db = ingest(cli, pages, tmp_path, name)
    assert run.code == 0, run.err
    if len(posts(db)) == 30:
        assert stated(db) == UNSURE[name]  # read right: nothing to warn about
    else:
        assert [w for w in warnings(run) if re.search(r"\b30\b", w)], (len(posts(db)), run.err)


def test_a_live_looking_page_read_as_one_article_post_is_a_warning(cli, pages, tmp_path):
    run, db = ingest(cli, pages, tmp_path, "live_shell_without_posts.html")
    assert run.code == 0, run.err
    assert len(posts(db)) == 1
    assert [w for w in warnings(run) if re.search(r"(?i)\blive\b|\barticle\b|\b1 post|\bone post", w)], run.err


# 11. Articles keep working: the main text only.


def test_an_article_page_is_one_post_of_its_own_text_without_captions_or_related_links(cli, pages, tmp_path):
    run, db = ingest(cli, pages, tmp_path, "news_article_with_furniture.html")
    assert run.code == 0, run.err
    assert rows(db, "SELECT kind, date, outlet FROM sources") == [("article", "2024-04-22", "Coastline Weekly")]
    assert len(posts(db)) == 1
    assert texts(db, "body") == [
        "The keeper's cottage at Gull Point lighthouse will open as a small museum next summer after the town council agreed to lease it to a local trust.",
        "The two-room cottage, built in 1861, housed three generations of the Pennock family, who kept the light until it was automated.",
        "Trust chair Margaret Lyle said volunteers had already collected logbooks, oil lamps and a brass telescope donated by the family.",
        "\u201cPeople walk past it every day and have no idea what life was like out here in a winter gale,\u201d she said.",
        "The council will charge a peppercorn rent for the first ten years. The trust hopes to raise \u00a340,000 for repairs to the roof and chimney.",
    ]


# 12. --explain says how the page was read; --tz and --date give what the page does not say.


def witness(posts: int, words: str) -> str:
    """A line naming how many posts a witness gave, and which witness (any of `words`)."""
    return rf"(?im)^(?=.*\b{posts}\b)(?=.*({words})).*$"


EXPLAINED = {
    "cricket_ist_updated_line.html": [witness(40, "stamp|text"), r"(?i)\bIST\b|Kolkata|\+05:?30", r"2023-11-02",
                                      r"(?i)updated|november 0?2"],
    "amp_json_ld_wrong_times.html": [witness(8, "amp-timeago|markup|time element"), r"(?i)json.?ld",
                                     r"(?i)disagree|differ|out of order|not used|ignored|lost|rejected"],
    "de_ticker_uhr_headings.html": [witness(9, "stamp|text|heading|Uhr"), r"(?i)Europe/Zurich|\+02:?00|CEST|MESZ",
                                    r"(?i)de-CH|\bUhr\b|published", r"2019-07-1[78]", r"(?i)Donnerstag|Mittwoch|day header"],
    "dated_2014_bold_stamps.html": [witness(9, "stamp|text"), r"2014-06-12", r"(?i)published|meta|/2014/jun/12|address|url",
                                    r"(?i)\+01:?00|BST|Europe/London"],
}


@pytest.mark.parametrize("name", sorted(EXPLAINED), ids=lambda n: n.split("_")[0])
def test_explain_names_the_witness_the_zone_and_the_date_with_their_evidence(cli, pages, tmp_path, name):
    path = "/uk-news/2014/jun/12/dock-strike-talks-live" if name.startswith("dated_2014") else None
    run, _ = ingest(cli, pages, tmp_path, name, "--explain", path=path)
    assert run.code == 0, run.err
    missing = [pattern for pattern in EXPLAINED[name] if not re.search(pattern, explained(run))]
    assert not missing, run.out


NO_ZONE_SHOWN = ["09:05", "09:40", "10:15", "11:02", "11:48", "12:30"]  # oldest first, no zone or date on the page


@pytest.mark.parametrize(
    ("date", "zone", "offset"),
    [
        ("2024-03-09", "Asia/Kolkata", "+05:30"),
        ("2024-03-09", "+05:30", "+05:30"),
        ("2024-03-09", "America/New_York", "-05:00"),  # the day before US summer time begins
        ("2024-03-09", "Europe/London", "+00:00"),
        ("2024-07-09", "Europe/London", "+01:00"),  # the same zone in summer
    ],
    ids=["kolkata", "offset", "new-york", "london-winter", "london-summer"],
)
def test_tz_and_date_place_the_written_times_of_a_page_that_does_not_say(cli, pages, tmp_path, date, zone, offset):
    run, db = ingest(cli, pages, tmp_path, "stamps_without_zone_or_date.html", "--date", date, "--tz", zone)
    assert run.code == 0, run.err
    assert stated(db) == [utc(date, t, offset) for t in NO_ZONE_SHOWN]
    assert rows(db, "SELECT date FROM sources") == [(date,)]


def test_a_page_that_states_no_date_is_refused_in_one_line_until_date_is_given(cli, pages, db):
    before = digest(db)
    run = cli("ingest", pages.serve("/live/race", PAGES / "stamps_without_zone_or_date.html"), "--db", db)
    assert run.code == 1 and "date" in run.err and len(run.err.strip().splitlines()) == 1, run.err
    assert digest(db) == before


def test_ingesting_again_with_another_zone_reads_the_page_anew(cli, pages, tmp_path):
    run, db = ingest(cli, pages, tmp_path, "stamps_without_zone_or_date.html", "--date", "2024-03-09", "--tz", "UTC")
    assert run.code == 0 and stated(db) == [utc("2024-03-09", t, "+00:00") for t in NO_ZONE_SHOWN]
    again, _ = ingest(cli, pages, tmp_path, "stamps_without_zone_or_date.html", "--date", "2024-03-09", "--tz", "+05:30")
    assert again.code == 0 and "replaced" in again.err, again.err  # not "unchanged": the zone is part of the reading
    assert stated(db) == [utc("2024-03-09", t, "+05:30") for t in NO_ZONE_SHOWN]


def test_follow_takes_the_date_and_zone_of_a_page_that_states_neither(cli, pages, tmp_path):
    db = tmp_path / "t.db"
    url = pages.serve("/live/race", PAGES / "stamps_without_zone_or_date.html")
    run = cli("follow", url, "--once", "--date", "2024-03-09", "--tz", "Asia/Kolkata", "--db", db)
    assert run.code == 0, run.err
    assert stated(db) == [utc("2024-03-09", t, "+05:30") for t in NO_ZONE_SHOWN]
