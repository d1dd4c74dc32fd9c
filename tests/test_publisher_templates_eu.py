"""Live pages built the way German, French, Italian, Spanish, Dutch and Polish publishers build
theirs (issue 17), read as a person reads them. Each page copies the structure of one kind of
publisher's template (element names, where the time sits and how it is written, JSON-LD habits,
bylines, pinned posts, day words), with invented outlets and invented stories; each test serves it
from a local server, ingests it by URL and checks what a reader of that page sees: how many posts,
each post's minute in UTC (worked out by hand from the page's own clock and zone), headlines and
authors.

Pages under tests/fixtures/pages/eu_*.html."""

from __future__ import annotations

import re

import pytest

from tests.page_server import page_server
from tests.test_any_live_page import PAGES, explained, posts, rows, stated, texts, utc, warnings


@pytest.fixture
def pages(monkeypatch):
    monkeypatch.setenv("LIVELINE_FETCH_TIMEOUT", "2")
    with page_server() as served:
        yield served


def ingest(cli, pages, tmp_path, name: str, path: str, *args: str):
    db = tmp_path / "t.db"
    run = cli("ingest", pages.serve(path, PAGES / f"{name}.html"), "--db", db, *args)
    return run, db


CET, CEST = "+01:00", "+02:00"


# 1. A pinned summary above the feed: on the page it comes first, in time it is the oldest post.


def test_a_pinned_post_above_a_newest_first_feed_takes_its_place_by_its_own_time(cli, pages, tmp_path):
    # A German weekly's own live blog: "Angeheftet" box holding the 07:02 post, then the feed 14:49 .. 07:30;
    # JSON-LD liveBlogUpdate holds only the ten newest; every post has <time datetime> with +02:00.
    run, db = ingest(cli, pages, tmp_path, "eu_woche_liveblog_pinned", "/gesellschaft/2024-06/unwetter-norden-liveblog")
    assert run.code == 0, run.err
    day = "2024-06-05"
    shown = ["07:02", "07:30", "08:11", "08:30", "09:25", "09:58", "10:45", "11:07", "12:08", "12:25", "13:04", "13:48",
             "14:14", "14:49"]
    assert stated(db) == [utc(day, t, CEST) for t in shown]  # oldest first: the pinned 07:02 post opens the day
    first = posts(db)[0]
    assert first == ("Schulen schicken Kinder nach Hause", "Anna Berg", f"{day}T05:02Z")


# 2. A date (or a day word) written in front of each post's time, in one line.


STAMPED_AFTER_A_DATE = {
    # Public broadcaster liveblog: "07.03.2022 • 23:12 Uhr" over each entry, newest first, across midnight (CET).
    "eu_tagesblick_date_bullet_uhr": ("/inland/liveblog-sturm-norddeutschland-101.html", CET, [
        ("2022-03-07", "19:40"), ("2022-03-07", "20:02"), ("2022-03-07", "20:37"), ("2022-03-07", "21:25"),
        ("2022-03-07", "21:52"), ("2022-03-07", "22:23"), ("2022-03-07", "23:21"), ("2022-03-07", "23:38"),
        ("2022-03-08", "06:18"), ("2022-03-08", "06:53"), ("2022-03-08", "07:22")]),
    # Polish portal: "Wczoraj, 23:30" / "Dzisiaj, 08:51"; the page was last modified on the 12th (CET).
    "eu_siecik_relacja_wczoraj": ("/kraj/powodz-relacja-na-zywo/ef34gh", CET, [
        ("2024-02-11", "21:40"), ("2024-02-11", "22:15"), ("2024-02-11", "23:03"), ("2024-02-11", "23:30"),
        ("2024-02-12", "00:11"), ("2024-02-12", "08:51"), ("2024-02-12", "09:24"), ("2024-02-12", "09:53"),
        ("2024-02-12", "10:39"), ("2024-02-12", "11:17")]),
    # Spanish daily: "21 abr 2024 - 23:45 CEST" over each update, across midnight.
    "eu_sol_directo_date_dash_time": ("/espana/2024-04-21/incendio-almora-noche.html", CEST, [
        ("2024-04-21", "21:05"), ("2024-04-21", "21:32"), ("2024-04-21", "22:16"), ("2024-04-21", "22:47"),
        ("2024-04-21", "23:45"), ("2024-04-22", "00:07"), ("2024-04-22", "00:56"), ("2024-04-22", "01:32"),
        ("2024-04-22", "08:30"), ("2024-04-22", "09:03"), ("2024-04-22", "09:43")]),
    # Austrian daily: "12. November 2023, 21:56" beside "vor 5 Minuten" for the newest (CET).
    "eu_tagblatt_ticker_full_date": ("/jetzt/livebericht/3000000195999/sturm-abend", CET, [
        ("2023-11-12", t) for t in ("16:20", "16:45", "17:25", "17:58", "18:59", "19:17", "20:01", "20:28", "21:20", "21:56")]),
    # French public news: "hier à 23h40" / "aujourd'hui à 9h40"; the page was last modified on the 25th (CET).
    "eu_infodirecte_hier_a": ("/faits-divers/incendie/direct-saint-arlan_6313.html", CET, [
        ("2024-01-24", "21:50"), ("2024-01-24", "22:25"), ("2024-01-24", "23:13"), ("2024-01-24", "23:40"),
        ("2024-01-25", "09:40"), ("2024-01-25", "10:21"), ("2024-01-25", "10:54"), ("2024-01-25", "11:23"),
        ("2024-01-25", "12:09"), ("2024-01-25", "12:47")]),
}


@pytest.mark.parametrize("name", sorted(STAMPED_AFTER_A_DATE), ids=lambda n: n.split("_")[1])
def test_a_time_written_after_its_date_or_a_day_word_is_each_posts_time(cli, pages, tmp_path, name):
    path, offset, shown = STAMPED_AFTER_A_DATE[name]
    run, db = ingest(cli, pages, tmp_path, name, path)
    assert run.code == 0, run.err
    assert stated(db) == [utc(day, t, offset) for day, t in shown]
    assert not [t for t in texts(db) if re.search(r"\d{1,2}[:.h]\d{2}\b", t) and len(t) < 40]  # the stamp line is no paragraph


# 3. A date line and a time line above each headline: the headline stays a headline.


def test_a_news_agencys_date_and_time_line_is_the_posts_time_and_its_heading_the_headline(cli, pages, tmp_path):
    # Italian agency: "05 novembre 2024" and "15:30" in spans of one line, then an <h3>, newest first (CET).
    run, db = ingest(cli, pages, tmp_path, "eu_agit_diretta_date_time_lines", "/sito/notizie/cronaca/2024/11/05/terremoto-la-diretta_4d2b.html")
    assert run.code == 0, run.err
    day = "2024-11-05"
    assert posts(db) == [
        ("Nessun ferito segnalato", None, utc(day, "09:12", CET)),
        ("Crepe nella chiesa di San Lino", None, utc(day, "09:43", CET)),
        ("Treni rallentati sulla linea per Borgonero", None, utc(day, "10:27", CET)),
        ("Centro di accoglienza nel palazzetto", None, utc(day, "10:45", CET)),
        ("Nuova scossa più debole", None, utc(day, "11:37", CET)),
        ("Il prefetto convoca il comitato", None, utc(day, "12:04", CET)),
        ("Tecnici al lavoro sugli edifici pubblici", None, utc(day, "13:07", CET)),
        ("La regione chiede lo stato di emergenza", None, utc(day, "13:42", CET)),
        ("Famiglie in auto per la notte", None, utc(day, "14:03", CET)),
        ("Il ministro arriva domani", None, utc(day, "14:51", CET)),
        ("Riaperta la strada provinciale", None, utc(day, "15:30", CET)),
    ]
    assert not [t for t in texts(db) if re.match(r"\d{2} novembre 2024", t)]


# 4. Bylines in the page's own language and names with accents.


BYLINES = {
    # Spanish daily: the author in a link of class a_md_a_n; JSON-LD gives every update the page's start time.
    "eu_sol_directo_same_ld_times": ("/espana/2024-04-21/incendio-almora-en-directo.html",
                                     ["Lucía Herrera", "Pablo Ortega", "Marta Sanz"] * 4 + ["Lucía Herrera"]),
    # Dutch news site: "Door Redactie", "Door Sanne de Vries" under each update.
    "eu_nublad_liveblog_door": ("/binnenland/6298812/liveblog-boerenprotest.html", ["Redactie", "Sanne de Vries"] * 5 + ["Redactie"]),
    # Polish broadcaster: "Autor: Jan Kowalski" under each post.
    "eu_tvk24_relacja_autor": ("/polska/powodz-relacja-na-zywo-ra812345", ["Jan Kowalski", "Anna Nowak"] * 6),
}


@pytest.mark.parametrize("name", sorted(BYLINES), ids=lambda n: n.split("_")[1])
def test_bylines_in_the_pages_language_become_each_posts_author(cli, pages, tmp_path, name):
    path, authors = BYLINES[name]
    run, db = ingest(cli, pages, tmp_path, name, path)
    assert run.code == 0, run.err
    assert [a for _, a, _ in posts(db)] == authors  # oldest first
    assert not [t for t in texts(db) if re.match(r"(?i)(door|autor:)\s", t) or t in authors]


# 5. A 2016 ticker dated only by <meta name="date">: bold "20.55 Uhr:" stamps running past midnight.


def test_an_old_ticker_dated_by_its_meta_date_is_read_without_date(cli, pages, tmp_path):
    run, db = ingest(cli, pages, tmp_path, "eu_kompass_2016_meta_date", "/panorama/sturmflut-newsblog-a-1106123.html")
    assert run.code == 0, run.err  # <meta name="date" content="2016-08-03T20:50:00+02:00"> says the day
    shown = [("2016-08-03", t) for t in ("20:55", "21:12", "21:38", "22:19", "22:52", "23:14", "23:52")]
    shown += [("2016-08-04", t) for t in ("00:11", "00:38", "01:22", "01:53")]
    assert stated(db) == [utc(day, t, CEST) for day, t in shown]
    assert rows(db, "SELECT date FROM sources") == [("2016-08-03",)]
    assert not [t for t in texts(db) if re.match(r"\d{2}\.\d{2} Uhr", t)]


# Regressions: templates read right today, the most unlike each other.


def test_an_austrian_ticker_showing_vor_n_minuten_over_utc_time_elements_is_read_in_vienna_time(cli, pages, tmp_path):
    run, db = ingest(cli, pages, tmp_path, "eu_tagblatt_ticker_relative", "/jetzt/livebericht/3000000195123/sturm-ostoesterreich")
    assert run.code == 0, run.err
    shown = ["08:15", "08:40", "09:20", "09:53", "10:54", "11:12", "11:56", "12:23", "13:15", "13:51", "14:03", "14:12"]
    assert stated(db) == [utc("2023-11-12", t, CET) for t in shown]
    assert [a for _, a, _ in posts(db)] == ["Anna Huber", "Markus Rohrer"] * 6
    assert not [t for t in texts(db) if "Postings" in t or "Minuten" in t]


def test_a_french_live_with_json_ld_updates_and_untitled_posts_keeps_every_post(cli, pages, tmp_path):
    run, db = ingest(cli, pages, tmp_path, "eu_quotidien_en_direct_ld", "/planete/live/2024/06/12/canicule-vigilance-rouge_6239.html")
    assert run.code == 0, run.err
    shown = ["06:02", "06:50", "07:23", "08:04", "09:01", "09:23", "10:01", "11:05", "11:34", "12:19", "12:50", "13:16",
             "14:08", "14:27"]
    assert stated(db) == [utc("2024-06-12", t, CEST) for t in shown]
    headlines = [h for h, _, _ in posts(db)]
    assert headlines[0] == "Vigilance rouge canicule dans six départements"
    assert headlines[-1] == "Les agriculteurs inquiets pour les récoltes"
    assert not [t for t in texts(db) if "Partager" in t or "Pour aller plus loin" in t]


def test_an_italian_diretta_oldest_first_with_ore_stamps_and_day_headers_crosses_midnight(cli, pages, tmp_path):
    run, db = ingest(cli, pages, tmp_path, "eu_colle_diretta_ore_days", "/cronache/24_marzo_11/terremoto-notte-diretta.shtml", "--explain")
    assert run.code == 0, run.err
    shown = [("2024-03-11", t) for t in ("20:10", "20:45", "21:33", "22:00", "22:41", "23:14")]
    shown += [("2024-03-12", t) for t in ("07:54", "08:23", "09:09", "09:47", "10:09")]
    assert stated(db) == [utc(day, t, CET) for day, t in shown]
    assert not [t for t in texts(db) if t.startswith("ore ")]
    assert re.search(r"(?i)oldest first", explained(run)) and not warnings(run)
