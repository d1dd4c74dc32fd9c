"""Times and dates as pages write them in text: a time stamp opening a block ("16:25",
"4.25pm", "11.04 Uhr", "19:02 (IST)"), a day header ("Donnerstag, 18. 7."), a stated
date and time ("Updated: November 02, 2023 09:20 PM IST"), in the languages live blogs
are common in (en, de, fr, it, es, pl, nl).

Pure text functions: no markup, no page state, no zone rules (page_clock.py gives a zone
mark its meaning). Every pattern is anchored or bounded (no nested repetition), and each
function looks at a capped stretch of text, so hostile text costs at most linear time.

Hand-written tables, not a date library: dateutil knows English names only, and its
fuzzy mode finds a "date" in any run of numbers. dateparser 1.5 knows the languages, but
(measured) costs 0.2 s to import and 0.3 s more on its first parse, up to 1.6 s on one
string when it guesses the language ("4.5 million"), reads "16.25%" as 16:25 and "2-1" as
1 February, misses "Mis à jour le 18 juillet 2019 à 11h04", and says nothing of the zone
mark or the stamp's shape. Here a text is a stamp or a date only in the shapes pages use
(this module imports in a few milliseconds), and anything else is None.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import NamedTuple

from liveline.ingest.read.raw_post import PartialDate, WallTime

# A stamp opens a block within its first words: the longest ("Last updated at 18:27
# British Summer Time -") is under 60 characters, so 160 leaves room for loose spacing
# while a megabyte paragraph costs no more than a short one.
STAMP_LOOK = 160
# A day header is a short line ("poniedziałek, 18 października 2019 r." is 38 characters);
# anything longer is a sentence that merely mentions a day.
DAY_HEADER_MAX = 60
# A stated date sits in a dateline or byline block near the top of what the caller passes.
STATED_LOOK = 2000
# A time written before its date ("12:34 BST, 5 August 2024") is this close to it.
_BEFORE_LOOK = 40

# Month names by number as pages in en, de, fr, it, es, pl, nl write them, folded (lower
# case, no accents: "März" -> "marz", "październik" -> "pazdziernik"), with the common
# abbreviations. Polish dates use the genitive ("18 lipca"), headings the nominative too.
_MONTH_WORDS = (
    "january jan januar janner jaenner janvier janv gennaio gen enero ene styczen stycznia sty januari",
    "february feb febr februar feber fevrier fevr fev febbraio febrero luty lutego lut februari",
    "march mar marz maerz mrz mars marzo marzec marca maart mrt",
    "april apr avril avr aprile abril abr kwiecien kwietnia kwi",
    "may mai maggio mag mayo maj maja mei",
    "june jun juni juin giugno giu junio czerwiec czerwca cze",
    "july jul juli juillet juil luglio lug julio lipiec lipca lip",
    "august aug aout agosto ago sierpien sierpnia sie augustus",
    "september sep sept septembre settembre set septiembre setiembre wrzesien wrzesnia wrz",
    "october oct oktober okt octobre ottobre ott octubre pazdziernik pazdziernika paz",
    "november nov novembre noviembre listopad listopada lis",
    "december dec dezember dez decembre dicembre dic diciembre grudzien grudnia gru",
)
_MONTHS = {word: number for number, words in enumerate(_MONTH_WORDS, 1) for word in words.split()}
# Words that may open a day header before its date: weekdays (full and abbreviated) and
# "today"/"yesterday", folded like the months.
_DAY_WORDS = frozenset(
    """monday mon tuesday tue tues wednesday wed thursday thu thur thurs friday fri saturday sat sunday sun
    montag mo dienstag di mittwoch mi donnerstag do freitag fr samstag sonnabend sa sonntag so
    lundi lun mardi mar mercredi mer jeudi jeu vendredi ven samedi sam dimanche dim
    lunedi martedi mercoledi giovedi gio venerdi sabato sab domenica dom
    lunes martes miercoles mie jueves jue viernes vie sabado domingo
    poniedzialek pon pn wtorek wt sroda sr czwartek czw piatek pt sobota sob niedziela nd niedz
    maandag ma dinsdag woensdag wo donderdag vrijdag vr zaterdag za zondag zo
    today yesterday heute gestern hier oggi ieri hoy ayer dzisiaj dzis wczoraj vandaag gisteren""".split()
)

# Zone marks written beside a time, upper case as pages write them: lower case "ist" is
# German for "is" and "et" French for "and". "Uhr", "uur", "h" and "horas" say "o'clock",
# not a zone: such a time is in the page's own zone.
_ZONE_NAMES = (
    "GMT BST UTC CET CEST MEZ MESZ WET WEST EET EEST IST ET EST EDT CT CST CDT MT PT PST PDT "
    "AEST AEDT ACST AWST NZST NZDT SAST WAT CAT EAT JST KST HKT SGT PKT"
).split()
_NAMED_ZONES = {"uk time": "UK", "greenwich mean time": "GMT", "british summer time": "BST"}
_UPDATE_WORDS = re.compile(r"\b(?:updated|modified|aktualisiert|geandert|mis a jour|aggiornato|actualizado|zaktualizowano|bijgewerkt)\b", re.I)

# Accented Latin letters to their base letter, one character for one, so positions in the
# folded text are positions in the original ("à" -> "a", "ł" -> "l").
_FOLD = {
    code: base
    for code in range(0xC0, 0x250)
    if (base := unicodedata.normalize("NFD", chr(code))[0]) != chr(code) and base.isascii()
} | {ord("ł"): "l", ord("Ł"): "L", ord("ø"): "o", ord("Ø"): "O", ord("đ"): "d", ord("\u00a0"): " "}


def fold(text: str) -> str:
    return text.translate(_FOLD)


# --- time stamps -------------------------------------------------------------------------

# Words that introduce a time: "Posted at", "Updated:", "Mis à jour à", it "ore", pl "godz.".
_PREFIX = re.compile(
    r"(?:(?:last\s)?updated|modified|aktualisiert|geandert|mis\sa\sjour|aggiornato|actualizado|zaktualizowano|bijgewerkt"
    r"|(?:first\s)?published|posted|veroffentlicht|publie|pubblicato|publicado|opublikowano|gepubliceerd)"
    r"(?:\s(?:at|on|um|a|a\slas|alle|ore|om|o|o\sgodz\.))?\s?:?\s{0,3}"
    r"|(?:ore|godz\.?|godzina)\s{1,3}",
    re.I,
)
_OPEN = re.compile(r"[\[(]\s?")
_CLOSE = re.compile(r"\s?[\])]")
# 16:25, 16.25, 16:25:07, French 16h25 / 16 h 25 / 16h / 10 heures, or a bare hour (needs am/pm).
_CLOCK = re.compile(
    r"(?P<h>[0-9]{1,2})(?:(?P<sep>[:.])(?P<m>[0-9]{2})(?::[0-9]{2})?|\s?h\s?(?P<fm>[0-9]{2})|(?P<fh>\s?h(?:eures?)?)(?![A-Za-z]))?(?![0-9])"
)
_AMPM = re.compile(r"\s?(?P<ap>[AaPp])\.?\s?[Mm](?![A-Za-z])\.?")
ZONE_MARK = re.compile(
    r"\s?(\(\s?)?(?:(?P<abbr>" + "|".join(sorted(_ZONE_NAMES, key=len, reverse=True)) + r")"
    r"(?P<off>[+\-−][0-9]{1,2}(?::?[0-9]{2})?)?(?![A-Za-z0-9])"
    r"|(?P<named>(?i:uk\stime|greenwich\smean\stime|british\ssummer\stime))(?![A-Za-z]))(?(1)\s?\))"
)
_OCLOCK = re.compile(r"\s?(?:[Uu]hr|[Uu]ur|horas?|hrs?|h)\.?(?![A-Za-z0-9])")
# Right after the digits: a number, a unit, a percentage ("16.25%", "2.34m", "16.25,5").
_GLUED = re.compile(r"[0-9a-z%‰°]|[.,:][0-9]")
_SEPARATOR = re.compile(r"\s{0,3}[:\-–—|·•]")
# A short run of marks some tickers set around a stamp ("+++ 10:12 Headline +++", "■ 10:12",
# "▶ 16.25"): at most three, so a rule of dashes or a line of stars leads to no stamp.
_MARKS = "+■▪●•▶►–—*"
_DECORATION = re.compile(rf"(?:[{_MARKS}]\s?){{1,3}}\s{{0,2}}")
_TRAILING_DECORATION = re.compile(rf"\s{{0,3}}(?:[{_MARKS}]\s?){{1,3}}$")
_SENTENCE_END = re.compile(r"\.(?=\s|$)")
_LEADING_SEPARATORS = re.compile(r"[\s:\-–—|·•]*")


class _Clock(NamedTuple):
    hour: int
    minute: int
    zone: str | None
    start: int
    end: int
    marked: bool  # a prefix, brackets, am/pm, a zone or "Uhr" set it apart as a time
    form: str  # colon | dot | french | h | hour


def _scan(text: str, at: int) -> _Clock | None:
    """The time written at `at` (folded text), if it has a time's shape and values."""
    pos = at
    prefix = _PREFIX.match(text, pos)
    pos = prefix.end() if prefix else pos
    opened = _OPEN.match(text, pos)
    pos = opened.end() if opened else pos
    clock = _CLOCK.match(text, pos)
    if clock is None:
        return None
    hour, minute = int(clock["h"]), int(clock["m"] or clock["fm"] or 0)
    form = "colon" if clock["sep"] == ":" else "dot" if clock["sep"] else "french" if clock["fm"] else "h" if clock["fh"] else "hour"
    pos = clock.end()
    marked = bool(prefix or opened) or form == "french"
    ampm = _AMPM.match(text, pos) if form != "h" else None
    # "16:25 PM Johnson": past 12 the clock is a 24-hour one and "PM" belongs to the text.
    if ampm and (1 <= hour <= 12 or (hour == 0 and ampm["ap"] in "aA")):
        hour = hour % 12 + (12 if ampm["ap"] in "pP" else 0)
        pos, marked = ampm.end(), True
    elif form == "hour":
        return None
    closed = opened is None
    zone: str | None = None
    oclock = False
    for _ in range(3):
        if not closed and (close := _CLOSE.match(text, pos)):
            pos, closed = close.end(), True
        elif zone is None and (mark := ZONE_MARK.match(text, pos)):
            named = mark["named"]
            zone = _NAMED_ZONES[" ".join(named.lower().split())] if named else mark["abbr"] + (mark["off"] or "").replace("−", "-")
            pos, marked = mark.end(), True
        elif not oclock and (word := _OCLOCK.match(text, pos)):
            pos, marked, oclock = word.end(), True, True
    if not closed or hour > 23 or minute > 59:
        return None
    # "18.07.2019" and "18.07." are dates; "16.25%" and "2.34m" are numbers.
    if pos == clock.end() and (_GLUED.match(text, pos) or (form == "dot" and text.startswith(".", pos))):
        return None
    return _Clock(hour, minute, zone, at, pos, marked, form)


def stamp_at_start(text: str, *, set_apart: bool = False) -> tuple[WallTime, str] | None:
    """The time stamp that opens `text`, and the text after it (separators stripped); None
    when the text does not open with one.

    The time may follow a date or a day word on the same line ("07.03.2022 • 23:12 Uhr",
    "21 abr 2024 - 23:45 CEST", "Wczoraj, 23:30", "hier à 23h40"): a full date is the
    WallTime's `day`, a day word its `days_back`; a date without a year is dropped here
    (dated_stamp_at_start gives it).

    A bare "16.25" is also how numbers are written ("12.50 euros"), so a dotted time counts
    only when something sets it apart: a separator after it ("16.25: ..."), a zone, am/pm
    or "Uhr" mark, brackets, a "Posted at"/"ore"/"godz." prefix, or nothing else in the
    text. A caller that sees the page set the stamp apart ("<strong>22.40</strong> Good
    evening": the element's own text is a stamp alone) says `set_apart=True` to read the
    block's text with it. "16:25" followed by a capitalised word (or punctuation) is a
    stamp; followed by a lower-case word ("2:34 left in the quarter") or a digit it is not.
    A French hour alone ("16h") needs a separator after it ("16h - ..."), set apart or
    not: "2h" and "Posted 2h ago" are relative times.
    """
    found = dated_stamp_at_start(text, set_apart=set_apart)
    return (found[0], found[2]) if found else None


def dated_stamp_at_start(text: str, *, set_apart: bool = False) -> tuple[WallTime, PartialDate | None, str] | None:
    """stamp_at_start's reading, with the date a stamp line writes before its time when
    that date has no year ("Donnerstag, 18. 7., 11:04 Uhr"): (stamp, that date or None,
    the text after the stamp). The time after a date or day word is held to the same rules
    as a time alone ("3 March 2014 12.50 euros" is no stamp)."""
    window = fold(text[:STAMP_LOOK])
    start = len(window) - len(window.lstrip())
    if (decoration := _DECORATION.match(window, start)) is not None and window[decoration.end() : decoration.end() + 1].isdigit():
        start = decoration.end()
    clock = _scan(window, start)
    day: dt.date | None = None
    partial: PartialDate | None = None
    days_back: int | None = None
    if clock is None:
        dated = _dated_clock(window, start)
        if dated is None:
            return None
        clock, partial, days_back = dated
        if partial is not None and partial.year is not None:
            day, partial = dt.date(partial.year, partial.month, partial.day), None
    # "13h. Les syndicats ..." and "14h32. Le cortège ...": a French stamp closed like a sentence.
    if clock.form in ("h", "french") and _SENTENCE_END.match(window, clock.end):
        clock = clock._replace(end=clock.end + 1)
        separator = _SENTENCE_END.match(window, clock.end - 1)
    else:
        separator = _SEPARATOR.match(window, clock.end)
    if clock.form == "h" and not separator:
        return None  # a lone "2h" is as often "two hours ago" as the French "2 o'clock"
    at_end = not text[clock.end :].strip()
    if not (clock.marked or separator or at_end or set_apart):
        following = window[clock.end : clock.end + 2].lstrip()[:1]
        if clock.form != "colon" or not following or following.islower() or following.isdigit():
            return None
    lead = _LEADING_SEPARATORS.match(text, clock.end)
    rest = text[lead.end() if lead else clock.end :]
    wall = WallTime(clock.hour, clock.minute, clock.zone, day, text[clock.start : clock.end].strip(), days_back)
    return wall, partial, rest


def without_decoration(written: str, rest: str) -> str:
    """The words after a stamp without the marks that close them when the same kind of marks
    opened the stamp ("+++ 10:12 Talks resume +++" -> "Talks resume"): decoration, not words."""
    body = rest.rstrip()
    # Only the last few characters can be the marks: a long text costs no more than a short one.
    trailing = _TRAILING_DECORATION.search(body, max(0, len(body) - 8))
    if _DECORATION.match(written.lstrip()) is None or trailing is None:
        return rest
    return body[: trailing.start()]


# Day words a stamp line writes before its time, by how many days back from the page's
# own day they name (folded; "aujourd'hui" with either apostrophe).
_DAYS_BACK = {
    **dict.fromkeys("today heute aujourd'hui aujourd’hui aujourdhui oggi hoy dzisiaj dzis vandaag".split(), 0),
    **dict.fromkeys("yesterday gestern hier ieri ayer wczoraj gisteren".split(), 1),
    **dict.fromkeys("vorgestern avant-hier altroieri anteayer przedwczoraj eergisteren".split(), 2),
}
_DAY_WORD_AT = re.compile(
    r"(?P<word>" + "|".join(sorted(map(re.escape, _DAYS_BACK), key=len, reverse=True)) + r")(?![a-z])", re.I
)
# After a date: a digit glued on is part of a number, and a time's own separator
# ("Mar 11:17") means the "date" was a word and the hour.
_NOT_A_DATE_END = re.compile(r"[0-9]|[:.h][0-9]")


def _dated_clock(window: str, start: int) -> tuple[_Clock, PartialDate | None, int | None] | None:
    """A time written after a date or a day word at `start` (folded text): the clock (its
    start is the date's), the date, or how many days back the day word names."""
    partial: PartialDate | None = None
    days_back: int | None = None
    end = -1
    if (word := _DAY_WORD_AT.match(window, start)) is not None:
        days_back, end = _DAYS_BACK[word["word"].lower()], word.end()
    else:
        for pattern in _HEADERS:
            match = pattern.match(window, start)
            if match and not _NOT_A_DATE_END.match(window, match.end()) and (partial := _match_date(match)) is not None:
                end = match.end()
                break
    if end < 0:
        return None
    lead = _TIME_LEAD.match(window, end)
    if lead is None or lead.end() == end:
        return None  # a date runs straight into the time only in a number ("18.07.2019.16")
    clock = _scan(window, lead.end())
    if clock is None or not (clock.marked or clock.form in ("colon", "french", "dot")):
        return None
    return clock._replace(start=start), partial, days_back


def is_update_stamp(wall: WallTime) -> bool:
    """Whether the stamp says when a post was updated ("Updated at 18.27 GMT"), not when it
    was first posted: a caller keeps such a time as the post's update, not its place."""
    return _UPDATE_WORDS.search(fold(wall.text)) is not None


# --- day headers and stated dates --------------------------------------------------------

_ORDINAL = r"(?:\.|st|nd|rd|th|er|º)?"  # 18. Juli, 18th July, 1er juillet, 1º de julio
_DAY_WORD = r"(?:(?P<wd>[a-z]{2,13})\.?,?\s{1,3})?"
_HEADERS = tuple(
    re.compile(pattern, re.I)
    for pattern in (
        # Thursday 18 July, Donnerstag, 18. Juli 2019, jueves 18 de julio de 2019, 18 lipca 2019 r.
        rf"{_DAY_WORD}(?P<d>[0-9]{{1,2}}){_ORDINAL}\s{{0,3}}(?:(?:de|of)\s{{1,3}})?(?P<mon>[a-z]{{3,12}})\.?"
        r"(?:,?\s{1,3}(?:(?:de|del)\s{1,3})?(?P<y>[0-9]{4})(?:\s?r\.?)?)?",
        # Thursday, July 18, 2019
        rf"{_DAY_WORD}(?P<mon>[a-z]{{3,12}})\.?\s{{1,3}}(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?(?:,?\s{{1,3}}(?P<y>[0-9]{{4}}))?",
        # 18.07.2019, 18/07/2019, 18-07-2019, Donnerstag, 18. 7.
        rf"{_DAY_WORD}(?P<d>[0-9]{{1,2}})(?P<s>[./-])\s?(?P<m>[0-9]{{1,2}})(?:(?P=s)\s?(?P<y>[0-9]{{4}})|(?P<dot>\.))",
        rf"{_DAY_WORD}(?P<y>[0-9]{{4}})-(?P<m>[0-9]{{2}})-(?P<d>[0-9]{{2}})",  # ISO
    )
)
_STATED = tuple(
    re.compile(pattern, re.I)
    for pattern in (
        rf"(?<![0-9])(?P<d>[0-9]{{1,2}}){_ORDINAL}\s{{0,3}}(?:(?:de|of)\s{{1,3}})?(?P<mon>[a-z]{{3,12}})\.?,?\s{{1,3}}"
        r"(?:(?:de|del)\s{1,3})?(?P<y>[1-9][0-9]{3})(?![0-9])(?:\s?r\.)?",
        r"(?<![a-z])(?P<mon>[a-z]{3,12})\.?\s{1,3}(?P<d>[0-9]{1,2})(?:st|nd|rd|th)?,?\s{1,3}(?P<y>[1-9][0-9]{3})(?![0-9])",
        r"(?<![0-9.])(?P<d>[0-9]{1,2})(?P<s>[./-])\s?(?P<m>[0-9]{1,2})(?P=s)\s?(?P<y>[1-9][0-9]{3})(?![0-9])",
        r"(?<![0-9])(?P<y>[1-9][0-9]{3})(?P<s>[-/])(?P<m>[0-9]{2})(?P=s)(?P<d>[0-9]{2})(?![0-9])",
    )
)
# Between a date and the time after it: ", ", " à ", " alle ", " a las ", " om ", " o godz. ".
_TIME_LEAD = re.compile(r"(?:\s{0,3}(?:[,|·•/\-–—]|(?:at|um|a|las|alle|ore|om|o|godz\.?|kl\.)(?![a-z])))*\s{0,3}", re.I)
# Between a time and the date after it: "12:34 BST, 5 August", "11:04 Uhr am 18.07.2019".
_TIME_TO_DATE = re.compile(r"[\s,;|·\-–—]{0,6}(?:(?:on|le|el|am|il|op|dnia|the|de|du)\s{1,3})?", re.I)
_AFTER_TIME = ",;)]|·–—-"
_HOUR_DIGITS = re.compile(r"(?<![0-9])[0-9]{1,2}(?![0-9])")


def _date(year: int | None, month: int, day: int, numeric: str | None = None) -> PartialDate | None:
    """The day if it exists (Feb 29 without a year: it may). Numbers are day first, as the
    UK and the continent write them; only when that is impossible ("07/18/2019") are they
    read month first, as in the US."""
    for m, d in ((month, day), (day, month)) if numeric == "/" else ((month, day),):
        try:
            dt.date(year or 2000, m, d)
        except ValueError:
            continue
        return PartialDate(m, d, year)
    return None


def _match_date(match: re.Match[str]) -> PartialDate | None:
    found = match.groupdict()
    if found.get("wd") and found["wd"].lower() not in _DAY_WORDS:
        return None
    if found.get("mon"):
        month = _MONTHS.get(found["mon"].lower())
        if month is None:
            return None
    else:
        month = int(found["m"])
    if found.get("s") and found["s"] != "." and not found.get("y"):
        return None  # "18/7" without a year is a fraction or a score as often as a day
    year = int(found["y"]) if found.get("y") else None
    return _date(year, month, int(found["d"]), found.get("s"))


def day_header(text: str) -> PartialDate | None:
    """The day a short line names as a whole ("Thursday 18 July", "Donnerstag, 18. 7.",
    "18 juillet 2019", "czwartek, 18 lipca", "18/07/2019"); None for anything else: a
    sentence, a time, "18 people died". A weekday, if written, is not checked against the
    date (without a year it cannot be)."""
    if len(text) > DAY_HEADER_MAX:
        return None
    line = fold(text).strip().rstrip(":").strip()
    for pattern in _HEADERS:
        match = pattern.fullmatch(line)
        if match and (found := _match_date(match)) is not None:
            return found
    return None


def _first_date(pattern: re.Pattern[str], text: str) -> tuple[int, int, dt.date] | None:
    pos = 0
    while (match := pattern.search(text, pos)) is not None:
        found = _match_date(match)
        if found is not None and found.year is not None:
            return match.start(), match.end(), dt.date(found.year, found.month, found.day)
        pos = match.start() + 1  # matches are short: at most ~40 retries per position
    return None


def _time_after(text: str, end: int) -> _Clock | None:
    lead = _TIME_LEAD.match(text, end)
    at = lead.end() if lead else end
    clock = _scan(text, at)
    if clock is None:
        return None
    words = bool(lead and re.search(r"[a-z]", lead.group(), re.I))
    # A dotted time after a date still needs setting apart: "3 March 2014 12.50 euros".
    following = text[clock.end : clock.end + 4].lstrip()[:1]
    apart = following == "" or following in _AFTER_TIME
    if clock.marked or clock.form in ("colon", "french") or words or apart:
        return clock
    return None


def _time_before(text: str, start: int) -> _Clock | None:
    for digits in _HOUR_DIGITS.finditer(text, max(0, start - _BEFORE_LOOK), start):
        clock = _scan(text, digits.start())
        if clock is None or clock.end > start or not _TIME_TO_DATE.fullmatch(text, clock.end, start):
            continue
        if clock.marked or clock.form in ("colon", "french") or re.search(r"[,;|\-–—]", text[clock.end : start]):
            return clock
    return None


def stated_datetime(text: str) -> tuple[dt.date, WallTime | None] | None:
    """A date (and time, with its zone mark) written in running text such as
    "Updated: November 02, 2023 09:20 PM IST", "Aktualisiert am 18.07.2019, 11:04 Uhr",
    "Mis à jour le 18 juillet 2019 à 11h04" or "Published: 12:34 BST, 5 August 2024".

    The first date with a year wins, with the time right after it or right before it; the
    WallTime carries that date as its `day`. Years are read as written (1000-9999): the
    caller checks the day is one liveline can store.
    """
    window = fold(text[:STATED_LOOK])
    best: tuple[int, int, dt.date] | None = None
    for pattern in _STATED:
        found = _first_date(pattern, window)
        if found and (best is None or found[0] < best[0]):
            best = found
    if best is None:
        return None
    start, end, day = best
    clock = _time_after(window, end) or _time_before(window, start)
    if clock is None:
        return day, None
    written = text[clock.start : clock.end].strip()
    return day, WallTime(clock.hour, clock.minute, clock.zone, day, written)
