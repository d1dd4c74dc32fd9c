"""A page's clock: the zone its written times are in and the day they fall on, each from
the page's own evidence (or --tz / --date), and "21:06"-style times placed in UTC, across
midnight, whichever way round the page lists its posts."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from selectolax.lexbor import LexborHTMLParser

from liveline.ingest.read.json_ld import JsonLd
from liveline.ingest.read.page_clock import PageClock, mark_zone, place_walls, read_page_clock
from liveline.ingest.read.raw_post import PartialDate, RawPost, WallTime
from liveline.ingest.read.zones import place_hint, stated_zone, zone_key, zone_named
from liveline.timeline.errors import LivelineError


def clock_of(head: str = "", body: str = "", *, lang: str | None = None, url: str | None = None, **given: object) -> PageClock:
    lang_attr = f' lang="{lang}"' if lang else ""
    tree = LexborHTMLParser(f"<!doctype html><html{lang_attr}><head><title>Live</title>{head}</head><body>{body}</body></html>")
    return read_page_clock(tree, url, JsonLd(tree), **given)  # type: ignore[arg-type]


def meta(name: str, value: str) -> str:
    return f'<meta property="{name}" content="{value}">'


def ld(data: dict[str, object]) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def posts(*stamps: str | tuple[str, PartialDate], zone: str | None = None) -> list[RawPost]:
    """Posts in page order, each with a written time "HH:MM" (and perhaps a day header)."""
    made = []
    for stamp in stamps:
        text, header = stamp if isinstance(stamp, tuple) else (stamp, None)
        hour, minute = (int(part) for part in text.split(":"))
        made.append(RawPost(None, None, None, None, None, [f"At {text}"], wall=WallTime(hour, minute, zone, text=text), day=header))
    return made


def utc(placed: list[RawPost]) -> list[str]:
    return [p.published.strftime("%Y-%m-%d %H:%MZ") if p.published else "unplaced" for p in placed]


# The zone -------------------------------------------------------------------------------------
def test_a_swiss_german_ticker_in_july_reads_11_04_uhr_as_swiss_summer_time():
    clock = clock_of(meta("article:published_time", "2019-07-18T06:30:00"), lang="de-CH", url="https://www.example.ch/ticker")
    assert (zone_key(clock.zone), clock.zone_evidence, clock.assumed) == ("Europe/Zurich", "html lang de-CH", False)
    ticker = posts("11:04", "9:30", zone="UHR")
    place_walls(ticker, clock)
    assert utc(ticker) == ["2019-07-18 09:04Z", "2019-07-18 07:30Z"]


def test_the_same_swiss_ticker_in_january_is_one_hour_from_utc():
    clock = clock_of(meta("article:published_time", "2019-01-17T08:00:00"), lang="de-CH")
    ticker = posts("11:04", zone="UHR")
    place_walls(ticker, clock)
    assert utc(ticker) == ["2019-01-17 10:04Z"]


def test_a_uk_page_in_summer_reads_its_times_as_bst():
    clock = clock_of(meta("article:published_time", "2014-06-12T17:55:00+01:00"), lang="en-GB", url="https://news.example.co.uk/live")
    assert zone_key(clock.zone) == "Europe/London"
    assert clock.zone_evidence == "+01:00 in meta article:published_time, html lang en-GB"
    blog = posts("18:05", "18:40", "19:10")
    notes = place_walls(blog, clock)
    assert utc(blog) == ["2014-06-12 17:05Z", "2014-06-12 17:40Z", "2014-06-12 18:10Z"]
    assert "order: oldest first (from the times)" in notes


@pytest.mark.parametrize(
    ("sentence", "zone"),
    [
        ("All times stated are UK time.", "Europe/London"),
        ("(All times BST)", "BST"),
        ("Alle Zeiten MESZ", "MESZ"),
        ("Alle Zeitangaben in Schweizer Zeit.", "Europe/Zurich"),
        ("Toutes les heures sont en heure de Paris.", "Europe/Paris"),
        ("Tutti gli orari sono in ora italiana.", "Europe/Rome"),
        ("Todas las horas en hora peninsular.", "Europe/Madrid"),
        ("Wszystkie godziny podane są w czasie polskim.", "Europe/Warsaw"),
        ("Alle tijden zijn in Nederlandse tijd.", "Europe/Amsterdam"),
        ("All times are Eastern.", "America/New_York"),
    ],
)
def test_a_sentence_saying_what_the_times_are_sets_the_zone(sentence, zone):
    clock = clock_of(meta("article:published_time", "2023-07-01T10:00:00+00:00"), f"<p>{sentence}</p><p>Later on ...</p>", lang="en-US")
    assert zone_key(clock.zone) == zone
    assert clock.zone_evidence.startswith("the page says")
    assert not clock.assumed


def test_sentences_that_only_look_like_zone_statements_set_nothing():
    for text in (
        "We will be with you at all times in London.",
        "All times are approximate in Paris.",
        "Times are changing in Paris.",
        "Les heures passent et Paris attend.",
        "All times et cetera",
    ):
        assert stated_zone(text) is None, text


def test_a_non_zero_offset_in_the_pages_timestamps_is_its_zone_even_without_a_country():
    clock = clock_of(meta("article:modified_time", "2023-07-01T10:00:00-04:00"), lang="en")
    assert (clock.zone.utcoffset(None), clock.zone_evidence) == (dt.timedelta(hours=-4), "-04:00 in meta article:modified_time")


def test_a_french_page_with_a_plus_two_offset_in_summer_is_paris_time_so_winter_follows():
    clock = clock_of(ld({"@type": "LiveBlogPosting", "datePublished": "2023-07-01T10:00:00+02:00"}), lang="fr")
    assert zone_key(clock.zone) == "Europe/Paris"


def test_utc_timestamps_yield_to_the_pages_country():
    clock = clock_of(meta("article:published_time", "2023-07-01T08:00:00Z"), url="https://www.example.at/liveticker")
    assert (zone_key(clock.zone), clock.zone_evidence) == ("Europe/Vienna", "the URL's .at domain")


def test_a_page_that_says_nothing_of_its_zone_is_assumed_uk_time_and_says_so():
    clock = clock_of(meta("article:published_time", "2023-07-01T08:00:00Z"), lang="en-US", url="https://example.com/live")
    assert (zone_key(clock.zone), clock.zone_evidence, clock.assumed) == ("Europe/London", "assumed UK time", True)


@pytest.mark.parametrize(
    ("lang", "locale", "url", "zone"),
    [
        ("de", None, None, "Europe/Berlin"),
        ("de", None, "https://www.example.ch/x", "Europe/Zurich"),
        ("nl-BE", None, None, "Europe/Brussels"),
        (None, "fr_BE", None, "Europe/Brussels"),
        ("es", None, None, "Europe/Madrid"),
        ("en", None, "https://example.in/live", "Asia/Kolkata"),
        ("en-AU", None, None, "Australia/Sydney"),
        ("en-IE", None, None, "Europe/Dublin"),
        ("en-US", None, None, None),
        ("en", None, "https://example.com/live", None),
        ("en", None, "https://example.co/live", None),
    ],
)
def test_the_pages_language_and_country_give_its_home_zone(lang, locale, url, zone):
    hint = place_hint(lang, locale, url)
    assert (zone_key(hint.zone) if hint.zone else None) == zone


def test_ist_is_indian_unless_the_page_is_irish_or_israeli():
    india = clock_of(lang="en")
    ireland = clock_of(url="https://www.example.ie/live")
    israel = clock_of(lang="he")
    assert zone_key(mark_zone("IST", india)) == "Asia/Kolkata"
    assert zone_key(mark_zone("IST", ireland)) == "Europe/Dublin"
    assert zone_key(mark_zone("IST", israel)) == "Asia/Jerusalem"
    assert mark_zone("Uhr", israel) is israel.zone and mark_zone(None, israel) is israel.zone
    assert mark_zone("XYZ", india) is None


def test_tz_overrides_what_the_page_says():
    for given, offset in (("Asia/Kolkata", 5.5), ("+05:30", 5.5), ("IST", 5.5), ("UTC-3", -3)):
        clock = clock_of("", "<p>Alle Zeiten MESZ</p>", lang="de", given_zone=given)
        assert clock.zone.utcoffset(dt.datetime(2023, 11, 2)) == dt.timedelta(hours=offset)
        assert clock.zone_evidence == f"--tz {given}"


def test_an_unknown_tz_is_refused_in_one_line():
    with pytest.raises(LivelineError) as refused:
        clock_of(lang="de", given_zone="Mars/Olympus\nMons")
    message = str(refused.value)
    assert "\n" not in message and "--tz" in message and "+05:30" in message
    assert zone_named("../../etc/passwd") is None and zone_named("+25:00") is None


# The day --------------------------------------------------------------------------------------
def test_a_cricket_blog_dated_only_by_its_updated_line_places_21_06_ist_at_15_36_utc():
    header = '<header><h1>Live score</h1><p class="byline">Updated: November 02, 2023 09:20 PM IST</p></header>'
    clock = clock_of("", header, lang="en", url="https://www.example.com/cricket/live")
    assert zone_key(clock.zone) == "Asia/Kolkata" and "IST" in clock.zone_evidence
    assert clock.anchor_kind == "end" and clock.anchor == dt.datetime(2023, 11, 2, 15, 50, tzinfo=dt.UTC)
    blog = posts("21:06", "20:58", "20:41", zone="IST")
    notes = place_walls(blog, clock)
    assert utc(blog) == ["2023-11-02 15:36Z", "2023-11-02 15:28Z", "2023-11-02 15:11Z"]
    assert "order: newest first (from the times)" in notes


def test_a_page_dated_only_by_its_url_places_its_first_post_on_that_day():
    for url, written in (
        ("https://news.example.co.uk/politics/2014/jun/12/election-live", "/2014/jun/12/"),
        ("https://example.co.uk/2014/06/12/election-live", "/2014/06/12/"),
        ("https://example.co.uk/politics/election-live-20140612", "-20140612"),
    ):
        clock = clock_of(lang="en-GB", url=url)
        assert (clock.anchor_kind, clock.anchor_evidence) == ("day", f"the URL's {written}")
        blog = posts("09:30", "10:05")
        place_walls(blog, clock)
        assert utc(blog) == ["2014-06-12 08:30Z", "2014-06-12 09:05Z"]


def test_published_and_url_dates_that_disagree_are_noted():
    clock = clock_of(meta("article:published_time", "2014-06-20T10:00:00+01:00"), lang="en-GB", url="https://example.co.uk/2014/jun/12/live")
    assert clock.anchor_evidence == "meta article:published_time"
    assert any("disagree" in note for note in clock.notes)


def test_a_page_republished_years_later_is_dated_by_its_url():
    clock = clock_of(meta("article:published_time", "2019-03-01T10:00:00Z"), lang="en-GB", url="https://example.co.uk/2014/jun/12/live")
    assert clock.anchor_evidence == "the URL's /2014/jun/12/"


def test_a_modified_time_alone_is_an_end_the_last_post_is_at_or_before():
    clock = clock_of(meta("article:modified_time", "2023-03-05T00:20:00+01:00"), lang="de")
    blog = posts("00:15", "23:40", "22:05")
    place_walls(blog, clock)
    assert utc(blog) == ["2023-03-04 23:15Z", "2023-03-04 22:40Z", "2023-03-04 21:05Z"]


def test_a_blog_whose_published_time_is_its_last_update_still_lands_on_the_right_day():
    clock = clock_of(meta("article:published_time", "2023-03-04T23:00:00+00:00"), lang="en-GB")
    blog = posts("23:00", "17:30", "11:15")
    place_walls(blog, clock)
    assert utc(blog) == ["2023-03-04 23:00Z", "2023-03-04 17:30Z", "2023-03-04 11:15Z"]


def test_date_overrides_and_a_page_without_any_date_is_left_unplaced_with_a_note():
    blog = posts("10:00", "09:00")
    notes = place_walls(blog, clock_of(lang="en-GB"))
    assert utc(blog) == ["unplaced", "unplaced"] and "the page states no date" in notes
    place_walls(blog, clock_of(lang="en-GB", given_day=dt.date(2024, 1, 9)))
    assert utc(blog) == ["2024-01-09 10:00Z", "2024-01-09 09:00Z"]


# Midnight and day headers ---------------------------------------------------------------------
def test_oldest_first_times_crossing_midnight_move_to_the_next_day():
    clock = clock_of(lang="en-GB", url="https://example.co.uk/2014/jun/12/count-live")
    blog = posts("22:50", "23:30", "00:10", "00:45")
    notes = place_walls(blog, clock)
    assert utc(blog) == ["2014-06-12 21:50Z", "2014-06-12 22:30Z", "2014-06-12 23:10Z", "2014-06-12 23:45Z"]
    assert "order: oldest first (from the times)" in notes and "crossed midnight 1 time(s)" in notes


def test_newest_first_times_crossing_midnight_move_to_the_next_day():
    clock = clock_of(meta("article:published_time", "2014-12-12T22:45:00Z"), lang="en-GB")
    blog = posts("01:45", "00:10", "23:30", "22:50")
    notes = place_walls(blog, clock)
    assert utc(blog) == ["2014-12-13 01:45Z", "2014-12-13 00:10Z", "2014-12-12 23:30Z", "2014-12-12 22:50Z"]
    assert "order: newest first (from the times)" in notes


def test_times_that_do_not_tell_the_order_are_read_newest_first_with_a_note():
    clock = clock_of(lang="en-GB", given_day=dt.date(2024, 1, 9))
    blog = posts("10:00", "10:00")
    notes = place_walls(blog, clock)
    assert "order: newest first (the times do not tell; most live blogs are)" in notes


def test_day_headers_without_a_year_take_the_pages_year():
    clock = clock_of(meta("article:published_time", "2019-07-17T19:55:00+02:00"), lang="de-CH")
    thursday, wednesday = PartialDate(7, 18), PartialDate(7, 17)
    ticker = posts(("9:15", thursday), ("8:30", thursday), ("22:10", wednesday), ("20:05", wednesday), zone="UHR")
    notes = place_walls(ticker, clock)
    assert utc(ticker) == ["2019-07-18 07:15Z", "2019-07-18 06:30Z", "2019-07-17 20:10Z", "2019-07-17 18:05Z"]
    assert "year of day headers taken from the page's date: 2019" in notes


def test_a_day_header_months_after_the_pages_date_is_from_the_year_before():
    clock = clock_of(meta("article:modified_time", "2020-01-01T12:00:00+01:00"), lang="de")
    ticker = posts(("11:00", PartialDate(1, 1)), ("23:50", PartialDate(12, 31)), zone="UHR")
    notes = place_walls(ticker, clock)
    assert utc(ticker) == ["2020-01-01 10:00Z", "2019-12-31 22:50Z"]
    assert any("year before" in note for note in notes)


def test_a_full_date_written_with_a_time_is_that_day_whatever_the_anchor():
    clock = clock_of(lang="en-GB")
    blog = [RawPost(None, None, None, None, None, ["x"], wall=WallTime(9, 5, "GMT", dt.date(2021, 2, 3)))]
    place_walls(blog, clock)
    assert utc(blog) == ["2021-02-03 09:05Z"]


@pytest.mark.parametrize(
    ("line", "kind", "anchor"),
    [
        ("Aktualizacja: 18 lipca 2019, 16:40", "end", "2019-07-18 14:40Z"),
        ("Publié le 18 juillet 2019 à 08h58 - Mis à jour le 18 juillet 2019 à 16h40", "start", "2019-07-18 06:58Z"),
        ("Actualizado: jueves, 18 de julio de 2019, 16:40", "end", "2019-07-18 14:40Z"),
    ],
)
def test_a_dateline_under_the_headline_dates_the_page_as_its_label_says(line, kind, anchor):
    clock = clock_of("", f'<h1>Live</h1><div class="firma"><span>Redakcja</span> <span>{line}</span></div>', lang="pl")
    assert clock.anchor is not None
    assert (clock.anchor_kind, clock.anchor.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%MZ")) == (kind, anchor)


def test_a_short_jump_back_is_a_post_out_of_place_not_a_new_day():
    clock = clock_of(lang="en-GB", given_day=dt.date(2024, 1, 9))
    blog = posts("10:00", "10:30", "09:50", "11:00")
    notes = place_walls(blog, clock)
    assert utc(blog) == ["2024-01-09 10:00Z", "2024-01-09 10:30Z", "2024-01-09 09:50Z", "2024-01-09 11:00Z"]
    assert "order: oldest first (from the times)" in notes and "1 post(s) out of time order" in notes


def test_posts_already_timed_by_the_markup_are_left_as_they_are():
    clock = clock_of(lang="en-GB", given_day=dt.date(2024, 1, 9))
    timed = dt.datetime(2024, 1, 9, 8, 0, tzinfo=dt.UTC)
    blog = posts("10:00") + [RawPost(None, timed, None, None, None, ["x"], wall=WallTime(23, 0))]
    place_walls(blog, clock)
    assert blog[1].published == timed and utc(blog)[0] == "2024-01-09 10:00Z"


def test_a_related_storys_older_date_in_the_json_ld_does_not_date_the_page():
    related = {"@type": "NewsArticle", "headline": "Earlier", "datePublished": "2019-01-01T09:00:00+00:00"}
    live = {"@type": "LiveBlogPosting", "datePublished": "2024-05-02T08:00:00+01:00"}
    clock = clock_of(ld({"@graph": [related, live]}), lang="en-GB")
    assert clock.anchor == dt.datetime(2024, 5, 2, 7, 0, tzinfo=dt.UTC)
    assert clock.anchor_evidence == "JSON-LD datePublished of the LiveBlogPosting"


# Day words: "Dzisiaj, 08:51", "hier à 23h40" ----------------------------------------------------
def said(*stamps: tuple[str, int]) -> list[RawPost]:
    """Posts in page order, each with a day word ("today" 0, "yesterday" 1) and a time "HH:MM"."""
    made = []
    for text, back in stamps:
        hour, minute = (int(part) for part in text.split(":"))
        made.append(RawPost(None, None, None, None, None, [f"At {text}"], wall=WallTime(hour, minute, text=text, days_back=back)))
    return made


def test_today_and_yesterday_count_back_from_the_day_of_the_pages_modified_time():
    clock = clock_of(meta("article:published_time", "2024-02-11T21:35:00+01:00") + meta("article:modified_time", "2024-02-12T11:17:00+01:00"), lang="pl")
    blog = said(("11:17", 0), ("00:11", 0), ("23:30", 1), ("21:40", 1))
    notes = place_walls(blog, clock)
    assert utc(blog) == ["2024-02-12 10:17Z", "2024-02-11 23:11Z", "2024-02-11 22:30Z", "2024-02-11 20:40Z"]
    assert any(note.startswith("today (for day words) is 2024-02-12") and "modified time" in note for note in notes)


def test_a_page_modified_late_and_shown_the_next_morning_says_yesterday_of_that_evening():
    clock = clock_of(meta("article:modified_time", "2024-02-11T23:40:00+01:00"), lang="pl")
    blog = said(("23:30", 1), ("22:15", 1))
    place_walls(blog, clock)
    assert utc(blog) == ["2024-02-11 22:30Z", "2024-02-11 21:15Z"]  # today is the 12th: the 11th is "yesterday"


def test_day_words_on_a_page_with_only_a_published_time_put_the_earliest_post_near_it():
    clock = clock_of(meta("article:published_time", "2024-01-24T21:45:00+01:00"), lang="fr")
    blog = said(("09:40", 0), ("23:40", 1), ("21:50", 1))
    notes = place_walls(blog, clock)
    assert utc(blog) == ["2024-01-25 08:40Z", "2024-01-24 22:40Z", "2024-01-24 20:50Z"]
    assert any("today (for day words) is 2024-01-25" in note for note in notes)


def test_day_words_without_any_date_on_the_page_are_left_unplaced_with_a_note():
    blog = said(("09:40", 0), ("23:40", 1))
    notes = place_walls(blog, clock_of(lang="fr"))
    assert utc(blog) == ["unplaced", "unplaced"]
    assert "day words (today, yesterday) with no date to count them from" in notes


# Marks several places write: IST (India, Ireland, Israel), CST, BST --------------------------------
def irish_dateline(mark: str = "IST") -> str:
    return f'<h1>Dáil debate</h1><div class="time"><time>Thu, Jul 18, 2019, 08:00</time> Updated: <span>Thu, Jul 18, 2019, 15:05 {mark}</span></div>'


def test_ist_beside_a_plus_one_summer_offset_is_irish_time_and_the_posts_are_not_moved_to_india():
    clock = clock_of(meta("article:published_time", "2019-07-18T08:00:00+01:00"), irish_dateline(), lang="en")
    assert zone_key(clock.zone) == "Europe/Dublin"
    assert "IST read as Ireland's (Europe/Dublin): +01:00 in meta article:published_time" in clock.notes
    blog = posts("15:05", "08:05", zone="IST")
    place_walls(blog, clock)
    assert utc(blog) == ["2019-07-18 14:05Z", "2019-07-18 07:05Z"]
    assert clock.doubts == []


def test_ist_beside_a_plus_five_thirty_offset_is_indian_time_without_a_doubt():
    clock = clock_of(meta("article:published_time", "2023-11-02T18:00:00+05:30"), "<h1>Live</h1><p>Updated: November 02, 2023 09:20 PM IST</p>", lang="en")
    assert zone_key(clock.zone) == "Asia/Kolkata" and clock.doubts == []


def test_ist_on_a_page_that_says_nothing_else_is_read_as_india_with_a_warning():
    clock = clock_of("", "<h1>Live</h1><p>Updated: November 02, 2023 09:20 PM IST</p>", lang="en", url="https://example.com/live")
    assert zone_key(clock.zone) == "Asia/Kolkata"
    assert len(clock.doubts) == 1 and "assumed" in clock.doubts[0] and "India, Ireland or Israel" in clock.doubts[0]


def test_ist_whose_country_and_offsets_disagree_is_read_by_the_offsets_with_a_warning():
    clock = clock_of(meta("article:published_time", "2023-11-02T18:00:00+05:30"), "<h1>Live</h1><p>Updated: November 02, 2023 09:20 PM IST</p>",
                     url="https://www.example.ie/live")
    assert zone_key(clock.zone) == "Asia/Kolkata"
    assert len(clock.doubts) == 1 and "disagrees" in clock.doubts[0] and ".ie" in clock.doubts[0]


def test_a_mark_in_the_posts_is_read_by_the_pages_evidence_and_said_once():
    clock = clock_of(meta("article:published_time", "2019-07-18T08:00:00+01:00"), "<h1>Live</h1>", lang="en")
    blog = posts("15:05", "14:20", zone="IST")
    notes = place_walls(blog, clock)
    assert utc(blog) == ["2019-07-18 14:05Z", "2019-07-18 13:20Z"]
    assert [note for note in notes if note.startswith("IST")] == ["IST read as Ireland's (Europe/Dublin): +01:00 in meta article:published_time"]


@pytest.mark.parametrize(
    ("mark", "lang", "url", "offset"),
    [
        ("CST", "zh", None, 8),
        ("CST", "en-US", None, -6),
        ("CST", "en", "https://news.example.cn/live", 8),
        ("BST", "en-GB", None, 1),
        ("BST", "bn", None, 6),
        ("IST", "he", None, 2),
    ],
)
def test_an_ambiguous_mark_is_read_by_the_pages_language_or_country(mark, lang, url, offset):
    clock = clock_of("", "<h1>Live</h1>", lang=lang, url=url)
    zone = mark_zone(mark, clock)
    assert zone is not None and zone.utcoffset(dt.datetime(2024, 1, 10, 12)) == dt.timedelta(hours=offset)


# A dateline that states the first publication and the last update ---------------------------------
def test_a_published_time_followed_by_an_update_time_is_the_blogs_start_and_end():
    clock = clock_of("", '<h1>Grève</h1><div class="date">Par LE JOURNAL — 23 mars 2010 à 09:00 (mis à jour à 15:20)</div>', lang="fr")
    assert clock.anchor_kind == "start" and clock.anchor == dt.datetime(2010, 3, 23, 8, 0, tzinfo=dt.UTC)
    assert clock.latest == dt.datetime(2010, 3, 23, 14, 20, tzinfo=dt.UTC)
    blog = posts("15:15", "13:00", "10:00", "09:05")
    place_walls(blog, clock)
    assert utc(blog) == ["2010-03-23 14:15Z", "2010-03-23 12:00Z", "2010-03-23 09:00Z", "2010-03-23 08:05Z"]
    assert clock.doubts == []


def test_an_update_written_with_its_own_date_after_the_published_one_is_the_end():
    line = "23 mars 2010 à 22:00 (mis à jour le 24 mars 2010 à 01:10)"
    clock = clock_of("", f"<h1>Nuit électorale</h1><p>{line}</p>", lang="fr")
    assert (clock.anchor_kind, clock.latest) == ("start", dt.datetime(2010, 3, 24, 0, 10, tzinfo=dt.UTC))
    blog = posts("01:05", "23:40", "22:10")
    place_walls(blog, clock)
    assert utc(blog) == ["2010-03-24 00:05Z", "2010-03-23 22:40Z", "2010-03-23 21:10Z"]


def test_posts_moved_to_a_day_the_page_does_not_state_are_noted_and_warned():
    # "Updated 09:00" while the posts run to 15:15: they fit only the day before, which the page never says.
    clock = clock_of("", "<h1>Live</h1><p>Updated: 23 March 2010, 09:00</p>", lang="en-GB")
    blog = posts("15:15", "09:05")
    notes = place_walls(blog, clock)
    assert utc(blog) == ["2010-03-22 15:15Z", "2010-03-22 09:05Z"]
    shift = [note for note in notes if note.startswith("posts placed on 2010-03-22, not on 2010-03-23")]
    assert shift and shift[0] in clock.doubts


def test_a_blog_begun_late_whose_posts_cross_midnight_is_no_shift():
    clock = clock_of(meta("article:published_time", "2024-06-14T23:30:00+01:00"), lang="en-GB")
    blog = posts("01:10", "00:05")
    notes = place_walls(blog, clock)
    assert utc(blog) == ["2024-06-15 00:10Z", "2024-06-14 23:05Z"]
    assert clock.doubts == [] and not [note for note in notes if note.startswith("posts placed")]


def test_a_date_without_a_time_yields_to_a_published_time_on_the_same_day():
    head = '<meta name="DC.date.issued" content="2019-07-18">' + meta("article:published_time", "2019-07-18T08:00:00+01:00")
    clock = clock_of(head, lang="en-GB")
    assert (clock.anchor_evidence, clock.anchor_kind) == ("meta article:published_time", "start")
    alone = clock_of('<meta name="DC.date.issued" content="2019-07-18">', lang="en-GB")
    assert (alone.anchor_evidence, alone.anchor_kind) == ("meta dc.date.issued", "day")
