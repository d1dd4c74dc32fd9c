"""Times and dates as live pages write them in text, in seven languages: a stamp opening a
post ("11.04 Uhr: ..."), a day header between posts ("Donnerstag, 18. 7."), a date
stated in a byline ("Updated: November 02, 2023 09:20 PM IST"); and the numbers, scores
and dates that only look like times, which are never read as one."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from liveline.ingest.read.four_digits import four_digit_at_start
from liveline.ingest.read.raw_post import PartialDate, WallTime
from liveline.ingest.read.wall_time import (
    dated_stamp_at_start,
    day_header,
    is_update_stamp,
    stamp_at_start,
    stated_datetime,
    without_decoration,
)

# (text, hour, minute, zone, the words after the stamp)
STAMPS = [
    ("16:25 Minister arrives", 16, 25, None, "Minister arrives"),
    ("16.25: The vote is called", 16, 25, None, "The vote is called"),
    ("9.05", 9, 5, None, ""),
    ("4.25pm The speaker rises", 16, 25, None, "The speaker rises"),
    ("4:25 p.m. - Lunch is over", 16, 25, None, "Lunch is over"),
    ("4pm Talks resume", 16, 0, None, "Talks resume"),
    ("12am Polls close", 0, 0, None, "Polls close"),
    ("12pm Polls open", 12, 0, None, "Polls open"),
    ("16.25 GMT Labour responds", 16, 25, "GMT", "Labour responds"),
    ("12.50 BST", 12, 50, "BST", ""),
    ("11.04 Uhr Der Zug steht", 11, 4, None, "Der Zug steht"),
    ("11:04 Uhr: Der Zug steht", 11, 4, None, "Der Zug steht"),
    ("19:02 (IST) Rain stops play", 19, 2, "IST", "Rain stops play"),
    ("19:02(IST)Rain stops play", 19, 2, "IST", "Rain stops play"),
    ("21:06 IST Kohli out", 21, 6, "IST", "Kohli out"),
    ("[2.34 p.m.] Fog over the ground", 14, 34, None, "Fog over the ground"),
    ("(16:25) Doors open", 16, 25, None, "Doors open"),
    ("9:01 AM ET Markets open", 9, 1, "ET", "Markets open"),
    ("Posted at 16:25", 16, 25, None, ""),
    ("Updated at 18.27 GMT", 18, 27, "GMT", ""),
    ("16:25 UK time: Talks end", 16, 25, "UK", "Talks end"),
    ("16.25 British Summer Time The bell rings", 16, 25, "BST", "The bell rings"),
    ("16:25 CEST+2 Hold on", 16, 25, "CEST+2", "Hold on"),
    ("16:25 PM Johnson speaks", 16, 25, None, "PM Johnson speaks"),  # past 12, "PM" is a word
    ("16h25 Le président parle", 16, 25, None, "Le président parle"),  # fr
    ("16 h 25 - Le vote", 16, 25, None, "Le vote"),
    ("9h : Ouverture des bureaux", 9, 0, None, "Ouverture des bureaux"),
    ("ore 16.25 Il governo cade", 16, 25, None, "Il governo cade"),  # it
    ("ore 16:25", 16, 25, None, ""),
    ("16:25 h El presidente llega", 16, 25, None, "El presidente llega"),  # es
    ("16.25 horas Llega el tren", 16, 25, None, "Llega el tren"),
    ("godz. 16:25 Premier przemawia", 16, 25, None, "Premier przemawia"),  # pl
    ("16:25 Premier przemawia", 16, 25, None, "Premier przemawia"),
    ("16.25 uur De trein vertrekt", 16, 25, None, "De trein vertrekt"),  # nl
    ("  16:25:07 — Start", 16, 25, None, "Start"),
    ("+++ 10:12 Gespräche vertagt +++", 10, 12, None, "Gespräche vertagt +++"),  # decoration before the stamp
    ("■ 9.05 Uhr: Stau", 9, 5, None, "Stau"),
    ("▶ 21:06 (IST) Kohli out", 21, 6, "IST", "Kohli out"),
    ("13h. Les syndicats défilent", 13, 0, None, "Les syndicats défilent"),  # fr, an hour closed like a sentence
    ("14h32. Le cortège part", 14, 32, None, "Le cortège part"),
    ("10 heures. La grève commence", 10, 0, None, "La grève commence"),
    ("13 h - Reprise des débats", 13, 0, None, "Reprise des débats"),
]


@pytest.mark.parametrize(("text", "hour", "minute", "zone", "rest"), STAMPS)
def test_a_post_opening_with_a_time_in_any_common_style_gives_that_time_and_its_words(text, hour, minute, zone, rest):
    found = stamp_at_start(text)
    assert found is not None, text
    wall, after = found
    assert (wall.hour, wall.minute, wall.zone) == (hour, minute, zone)
    assert after == rest
    assert wall.text and wall.text in text  # the stamp as written, for --explain


@pytest.mark.parametrize(
    "text",
    [
        "25:10 Kick-off",  # impossible hour
        "16:61 Kick-off",  # impossible minute
        "16.25% of voters",
        "4.5 million people",
        "2.34m viewers",
        "12.50 euros a ticket",
        "1.5 times the cost",
        "2019 was a hard year",
        "2-1 to the visitors",
        "18.07.2019",  # a date, not a time
        "18.07. Der Tag",
        "16.25 Labour says",  # a dotted number followed by words: could be a price
        "2:34 left in the quarter",  # a game clock, lower case after it
        "16:25 2-1 up",
        "16 people",
        "2h",  # "two hours ago" on a relative-time label
        "Posted 2h ago",
        "16h Le vote",
        "Updated yesterday",
        "",
        "• 16.25 euros a ticket",  # decoration sets nothing apart
        "******* 10:12 Kick-off",  # a rule of stars is no decoration
        "– 2:34 left in the quarter",
        "10 heures de débat ont suffi",  # an hour in prose, not set apart
        "13 h Les syndicats",
    ],
)
def test_numbers_scores_and_dates_that_look_like_times_are_not_stamps(text):
    assert stamp_at_start(text) is None


# (text, hour, minute, zone, the full date written before it, days back a day word names, the words after)
DATED_STAMPS = [
    ("07.03.2022 • 23:12 Uhr", 23, 12, None, dt.date(2022, 3, 7), None, ""),  # de, a bullet between
    ("21 abr 2024 - 23:45 CEST Reabierta la A-71", 23, 45, "CEST", dt.date(2024, 4, 21), None, "Reabierta la A-71"),  # es
    ("12. November 2023, 21:56", 21, 56, None, dt.date(2023, 11, 12), None, ""),  # de-AT
    ("05 novembre 2024 15:30", 15, 30, None, dt.date(2024, 11, 5), None, ""),  # it, date and time in two spans
    ("Nov 03, 2023 12:15 AM IST", 0, 15, "IST", dt.date(2023, 11, 3), None, ""),
    ("2024-04-21 23:45 Fire spreads", 23, 45, None, dt.date(2024, 4, 21), None, "Fire spreads"),
    ("Wczoraj, 23:30", 23, 30, None, None, 1, ""),  # pl
    ("Dzisiaj, 08:51 Brak prądu", 8, 51, None, None, 0, "Brak prądu"),
    ("hier à 23h40", 23, 40, None, None, 1, ""),  # fr
    ("aujourd'hui à 9h40", 9, 40, None, None, 0, ""),
    ("Heute, 11:04 Uhr: Der Zug steht", 11, 4, None, None, 0, "Der Zug steht"),  # de
    ("vorgestern um 9.05 Uhr", 9, 5, None, None, 2, ""),
    ("ieri alle 22:10", 22, 10, None, None, 1, ""),  # it
    ("ayer a las 23:45", 23, 45, None, None, 1, ""),  # es
    ("gisteren om 16.25 uur", 16, 25, None, None, 1, ""),  # nl
    ("Yesterday at 4.25pm Polls close", 16, 25, None, None, 1, "Polls close"),  # en
]


@pytest.mark.parametrize(("text", "hour", "minute", "zone", "day", "back", "rest"), DATED_STAMPS)
def test_a_time_written_after_its_date_or_a_day_word_is_a_stamp_on_that_day(text, hour, minute, zone, day, back, rest):
    found = stamp_at_start(text)
    assert found is not None, text
    wall, after = found
    assert (wall.hour, wall.minute, wall.zone, wall.day, wall.days_back) == (hour, minute, zone, day, back)
    assert after == rest
    assert text.startswith(wall.text)  # the whole line, date and all, is the stamp as written


def test_a_date_without_a_year_before_a_time_is_given_apart_for_the_caller_to_place():
    found = dated_stamp_at_start("Donnerstag, 18. 7., 11:04 Uhr Der Zug steht")
    assert found is not None
    wall, partial, rest = found
    assert (wall.hour, wall.minute, wall.day, partial, rest) == (11, 4, None, PartialDate(7, 18), "Der Zug steht")


@pytest.mark.parametrize(
    "text",
    [
        "3 March 2014 12.50 euros were paid",  # a dotted number after a date still needs setting apart
        "Heute 12.50 Euro für alle",
        "heute 2:1 gewonnen",  # a score
        "05 novembre 2024 15:30 il sindaco ha parlato",  # a sentence: lower case after the time
        "5 August 2024 was hot",
        "Mar 11:17 Hello",  # a word and a time, not a date
        "Anstoß 15:30 Uhr",
        "18.07.2019.16:25",
        "Yesterday the minister spoke",
    ],
)
def test_dates_and_day_words_in_sentences_or_before_numbers_are_not_stamps(text):
    assert stamp_at_start(text) is None


def test_a_dotted_time_the_page_sets_apart_in_its_own_element_opens_the_block_text():
    # "<p><strong>22.40</strong> Good evening ...</p>": the bold text alone is a stamp, so
    # the caller reads the paragraph's text with set_apart.
    assert stamp_at_start("22.40") is not None
    assert stamp_at_start("22.40 Good evening. Talks resumed") is None
    found = stamp_at_start("22.40 Good evening. Talks resumed", set_apart=True)
    assert found is not None
    assert (found[0].hour, found[0].minute, found[1]) == (22, 40, "Good evening. Talks resumed")
    assert stamp_at_start("12.50 euros", set_apart=True) == (WallTime(12, 50, text="12.50"), "euros")
    assert stamp_at_start("16.25% of voters", set_apart=True) is None  # still a number
    assert stamp_at_start("2h ago", set_apart=True) is None


def test_an_updated_stamp_is_told_from_a_posted_one():
    updated = stamp_at_start("Updated at 18.27 GMT")
    posted = stamp_at_start("Posted at 16:25")
    assert updated is not None and posted is not None
    assert is_update_stamp(updated[0])
    assert not is_update_stamp(posted[0])
    assert is_update_stamp(WallTime(11, 4, text="Aktualisiert 11:04"))
    assert not is_update_stamp(WallTime(11, 4, text="11:04 Uhr"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thursday 18 July", PartialDate(7, 18)),
        ("Thursday, July 18, 2019", PartialDate(7, 18, 2019)),
        ("Thu 18th Jul", PartialDate(7, 18)),
        ("18 July 2019", PartialDate(7, 18, 2019)),
        ("Donnerstag, 18. 7.", PartialDate(7, 18)),
        ("Donnerstag, 18. Juli 2019", PartialDate(7, 18, 2019)),
        ("Do, 18.07.2019", PartialDate(7, 18, 2019)),
        ("18. März", PartialDate(3, 18)),
        ("18.07.2019", PartialDate(7, 18, 2019)),
        ("jeudi 18 juillet", PartialDate(7, 18)),
        ("1er août 2019", PartialDate(8, 1, 2019)),
        ("giovedì 18 luglio 2019", PartialDate(7, 18, 2019)),
        ("jueves 18 de julio", PartialDate(7, 18)),
        ("miércoles, 18 de septiembre de 2019", PartialDate(9, 18, 2019)),
        ("czwartek, 18 lipca", PartialDate(7, 18)),  # Polish genitive
        ("poniedziałek, 18 października 2019 r.", PartialDate(10, 18, 2019)),
        ("donderdag 18 juli", PartialDate(7, 18)),
        ("18/07/2019", PartialDate(7, 18, 2019)),  # day first, as UK and continental pages write
        ("07/18/2019", PartialDate(7, 18, 2019)),  # day first is impossible: a US page
        ("2019-07-18", PartialDate(7, 18, 2019)),
        ("29 Feb", PartialDate(2, 29)),  # a leap day may be, without a year
    ],
)
def test_a_day_header_between_posts_names_its_day_in_any_of_seven_languages(text, expected):
    assert day_header(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "18 people died",
        "16:25",
        "18.07",  # a time, not a day
        "18/7",
        "July 2019",
        "31 February",
        "29 Feb 2019",
        "Died 18 July",
        "The minister said on Thursday 18 July that nothing would change",
        "",
    ],
)
def test_lines_that_are_not_a_day_as_a_whole_are_not_day_headers(text):
    assert day_header(text) is None


@pytest.mark.parametrize(
    ("text", "day", "clock", "zone"),
    [
        ("Updated: November 02, 2023 09:20 PM IST", dt.date(2023, 11, 2), (21, 20), "IST"),
        ("Last updated 3 March 2014 10:15 GMT", dt.date(2014, 3, 3), (10, 15), "GMT"),
        ("Published: 12:34 BST, 5 August 2024", dt.date(2024, 8, 5), (12, 34), "BST"),
        ("Aktualisiert am 18.07.2019, 11:04 Uhr", dt.date(2019, 7, 18), (11, 4), None),
        ("Mis à jour le 18 juillet 2019 à 11h04", dt.date(2019, 7, 18), (11, 4), None),
        ("Pubblicato il 18 luglio 2019 alle 11:04", dt.date(2019, 7, 18), (11, 4), None),
        ("Actualizado: 18/07/2019 11:04 h", dt.date(2019, 7, 18), (11, 4), None),
        ("Zaktualizowano 18 lipca 2019, 11:04", dt.date(2019, 7, 18), (11, 4), None),
        ("Zaktualizowano 18 lipca 2019 r. o godz. 11:04", dt.date(2019, 7, 18), (11, 4), None),
        ("Bijgewerkt op 18 juli 2019 om 11:04", dt.date(2019, 7, 18), (11, 4), None),
        ("Wednesday 8 August 2024 9.05am BST", dt.date(2024, 8, 8), (9, 5), "BST"),
        ("Updated 3 March 2014 10.15", dt.date(2014, 3, 3), (10, 15), None),
    ],
)
def test_a_date_stated_in_a_byline_gives_the_day_and_the_time_beside_it(text, day, clock, zone):
    found = stated_datetime(text)
    assert found is not None
    stated, wall = found
    assert stated == day
    assert wall is not None
    assert (wall.hour, wall.minute, wall.zone, wall.day) == (*clock, zone, day)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Posted 3 March 2014", dt.date(2014, 3, 3)),
        ("18 people were rescued on 3 March 2014", dt.date(2014, 3, 3)),
        ("On 3 March 2014 12.50 euros bought a ticket", dt.date(2014, 3, 3)),  # a price, not a time
    ],
)
def test_a_stated_date_without_a_time_beside_it_gives_the_day_alone(text, day):
    assert stated_datetime(text) == (day, None)


@pytest.mark.parametrize("text", ["Updated yesterday at 16:25", "Thursday 18 July", "18 people died in 2019", "4.5 million in 2-1"])
def test_text_without_a_full_date_states_none(text):
    assert stated_datetime(text) is None


@pytest.mark.parametrize(
    "text",
    ["1.2." * 250_000, "12.12." * 170_000, "1" * 1_000_000, " " * 1_000_000, "18 July " * 130_000, "Updated at " * 100_000, "1/1/" * 250_000],
)
def test_a_megabyte_of_hostile_text_is_read_without_error(text):
    # Each reader looks at a capped stretch with bounded patterns, so this is quick; the
    # suite's own time keeps it honest (no timing assert).
    stamp_at_start(text)
    day_header(text)
    stated_datetime(text)


_ALPHABET = st.sampled_from(list("0123456789:.-–/ ()[]hHapmPMAMUhrGMTBSTIS,é%Julyde") + [" Uhr", " GMT", " pm", " juli ", " 2019"])


@given(st.one_of(st.text(max_size=80), st.lists(_ALPHABET, max_size=30).map("".join)))
def test_any_text_never_raises_and_every_time_and_day_read_is_real(text):
    found = stamp_at_start(text)
    if found is not None:
        wall, rest = found
        assert 0 <= wall.hour <= 23 and 0 <= wall.minute <= 59
        assert text.endswith(rest)
    header = day_header(text)
    if header is not None:
        dt.date(header.year or 2000, header.month, header.day)
    stated = stated_datetime(text)
    if stated is not None and stated[1] is not None:
        assert 0 <= stated[1].hour <= 23 and 0 <= stated[1].minute <= 59


@pytest.mark.parametrize(
    ("text", "digits", "rest"),
    [("1032:", "1032", ""), ("1032", "1032", ""), ("0926: That is all", "0926", "That is all"), ("1999:", "1999", ""),
     ("2359 GMT: Late", "2359", "Late")],
)
def test_four_digits_set_apart_are_read_as_a_possible_time_for_the_caller_to_confirm(text, digits, rest):
    found = four_digit_at_start(text)
    assert found is not None
    assert (found.digits, found.rest) == (digits, rest)
    hour, minute = int(digits[:2]), int(digits[2:])
    assert (found.wall is None) == (hour > 23 or minute > 59)
    if found.wall:
        assert (found.wall.hour, found.wall.minute) == (hour, minute)


@pytest.mark.parametrize("text", ["1032 people came", "10325", "2015 was a year", "1032pm", "2015-05-08", "12345:", "1032.5", "1032,"])
def test_four_digits_in_a_sentence_or_a_longer_number_are_not_a_time(text):
    assert four_digit_at_start(text) is None


@pytest.mark.parametrize(
    ("written", "rest", "words"),
    [
        ("+++ 10:12", "Gespräche vertagt +++", "Gespräche vertagt"),
        ("■ 10:12", "Stau am Gotthard ■", "Stau am Gotthard"),
        ("10:12", "Score 3+", "Score 3+"),  # no marks opened the stamp: the words are the page's
        ("+++ 10:12", "Gespräche vertagt", "Gespräche vertagt"),
    ],
)
def test_the_marks_closing_a_decorated_stamps_words_leave_them(written, rest, words):
    assert without_decoration(written, rest) == words
