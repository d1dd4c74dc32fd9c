"""Time zones as pages name them: a mark written beside a time ("BST", "MESZ", "IST"), a
sentence saying what the times are ("All times stated are UK time", "Alle Zeiten MESZ"),
the user's --tz, and the zone a page's language and country imply (de-CH: Zurich).

A mark that names a season ("CEST", "EDT") is a fixed offset; a mark that names a region
("ET", "UK time") is an IANA zone, so that summer time follows the date.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from liveline.timeline.errors import LivelineError


def _fixed(hours: float, name: str) -> dt.tzinfo:
    return dt.timezone(dt.timedelta(hours=hours), name)


def _iana(name: str) -> dt.tzinfo:
    return zoneinfo.ZoneInfo(name)


UTC = dt.UTC

# Marks as written beside a time, upper case.
_MARKS: dict[str, dt.tzinfo] = {
    "GMT": UTC, "UTC": UTC, "Z": UTC, "UT": UTC,
    "BST": _fixed(1, "BST"),
    "CET": _fixed(1, "CET"), "MEZ": _fixed(1, "MEZ"), "HEC": _fixed(1, "HEC"),
    "CEST": _fixed(2, "CEST"), "MESZ": _fixed(2, "MESZ"), "HAEC": _fixed(2, "HAEC"),
    "WET": _fixed(0, "WET"), "WEST": _fixed(1, "WEST"),
    "EET": _fixed(2, "EET"), "EEST": _fixed(3, "EEST"), "MSK": _fixed(3, "MSK"),
    "ET": _iana("America/New_York"), "EST": _fixed(-5, "EST"), "EDT": _fixed(-4, "EDT"),
    "CT": _iana("America/Chicago"), "CST": _fixed(-6, "CST"), "CDT": _fixed(-5, "CDT"),
    "MT": _iana("America/Denver"), "MST": _fixed(-7, "MST"), "MDT": _fixed(-6, "MDT"),
    "PT": _iana("America/Los_Angeles"), "PST": _fixed(-8, "PST"), "PDT": _fixed(-7, "PDT"),
    "AET": _iana("Australia/Sydney"), "AEST": _fixed(10, "AEST"), "AEDT": _fixed(11, "AEDT"),
    "ACST": _fixed(9.5, "ACST"), "ACDT": _fixed(10.5, "ACDT"), "AWST": _fixed(8, "AWST"),
    "NZST": _fixed(12, "NZST"), "NZDT": _fixed(13, "NZDT"),
    "SAST": _fixed(2, "SAST"), "CAT": _fixed(2, "CAT"), "EAT": _fixed(3, "EAT"), "WAT": _fixed(1, "WAT"),
    "JST": _fixed(9, "JST"), "KST": _fixed(9, "KST"), "HKT": _fixed(8, "HKT"), "SGT": _fixed(8, "SGT"),
    "PKT": _fixed(5, "PKT"), "ICT": _fixed(7, "ICT"), "WIB": _fixed(7, "WIB"), "PHT": _fixed(8, "PHT"),
    "GST": _fixed(4, "GST"), "NPT": _fixed(5.75, "NPT"), "BRT": _fixed(-3, "BRT"), "ART": _fixed(-3, "ART"),
}  # fmt: skip


@dataclass(frozen=True)
class _Meaning:
    """One place's reading of a mark several places write ("IST": India's, Ireland's, Israel's)."""

    place: str  # "Ireland"
    zone: dt.tzinfo  # how a time written with the mark reads there
    region: dt.tzinfo  # the place's zone: the offsets its pages' own timestamps carry
    countries: frozenset[str]
    languages: frozenset[str] = frozenset()  # languages written there and not where the mark's other meanings are


def _meaning(place: str, zone: dt.tzinfo | str, region: str, countries: str, languages: str = "") -> _Meaning:
    reading = _iana(zone) if isinstance(zone, str) else zone
    return _Meaning(place, reading, _iana(region), frozenset(countries.split()), frozenset(languages.split()))


# Marks that mean different zones in different places, the most common reading first (the
# one assumed, with a warning, when the page says nothing of where it is from).
_AMBIGUOUS: dict[str, tuple[_Meaning, ...]] = {
    "IST": (
        _meaning("India", "Asia/Kolkata", "Asia/Kolkata", "IN", "hi bn ta te mr gu kn ml pa ur"),
        _meaning("Ireland", "Europe/Dublin", "Europe/Dublin", "IE", "ga"),
        _meaning("Israel", "Asia/Jerusalem", "Asia/Jerusalem", "IL", "he iw"),
    ),
    "CST": (
        _meaning("US Central", _MARKS["CST"], "America/Chicago", "US CA MX"),
        _meaning("China", "Asia/Shanghai", "Asia/Shanghai", "CN TW HK MO", "zh"),
        _meaning("Cuba", "America/Havana", "America/Havana", "CU"),
    ),
    "BST": (
        _meaning("Britain", _MARKS["BST"], "Europe/London", "GB"),
        _meaning("Bangladesh", "Asia/Dhaka", "Asia/Dhaka", "BD", "bn"),
    ),
    "AST": (
        _meaning("Atlantic", _fixed(-4, "AST"), "America/Halifax", "CA PR BM DO TT BB"),
        _meaning("Arabia", _fixed(3, "AST"), "Asia/Riyadh", "SA KW QA BH IQ YE", "ar"),
    ),
}

# The zone of a country with one zone (countries with several, like the US, have none).
_COUNTRY_ZONES = {
    "GB": "Europe/London", "IE": "Europe/Dublin", "DE": "Europe/Berlin", "CH": "Europe/Zurich",
    "AT": "Europe/Vienna", "FR": "Europe/Paris", "BE": "Europe/Brussels", "LU": "Europe/Luxembourg",
    "IT": "Europe/Rome", "ES": "Europe/Madrid", "PT": "Europe/Lisbon", "PL": "Europe/Warsaw",
    "NL": "Europe/Amsterdam", "DK": "Europe/Copenhagen", "SE": "Europe/Stockholm", "NO": "Europe/Oslo",
    "FI": "Europe/Helsinki", "CZ": "Europe/Prague", "SK": "Europe/Bratislava", "HU": "Europe/Budapest",
    "GR": "Europe/Athens", "TR": "Europe/Istanbul", "IN": "Asia/Kolkata", "PK": "Asia/Karachi",
    "IL": "Asia/Jerusalem", "ZA": "Africa/Johannesburg", "NZ": "Pacific/Auckland", "JP": "Asia/Tokyo",
    "SG": "Asia/Singapore", "HK": "Asia/Hong_Kong", "AU": "Australia/Sydney", "AR": "America/Argentina/Buenos_Aires",
    "MX": "America/Mexico_City", "CO": "America/Bogota", "CL": "America/Santiago", "CN": "Asia/Shanghai",
    "BD": "Asia/Dhaka", "SA": "Asia/Riyadh", "QA": "Asia/Qatar", "AE": "Asia/Dubai",
}  # fmt: skip
# The zone a language alone implies, where most pages in it come from one zone. English
# says nothing (UK, US, India, Australia...), nor does Portuguese (Brazil or Portugal);
# Spanish without a country is taken as Spain's, as the issue asks (es -> Madrid).
_LANGUAGE_ZONES = {
    "de": "Europe/Berlin", "fr": "Europe/Paris", "it": "Europe/Rome", "es": "Europe/Madrid",
    "pl": "Europe/Warsaw", "nl": "Europe/Amsterdam", "he": "Asia/Jerusalem", "ja": "Asia/Tokyo",
    "cs": "Europe/Prague", "da": "Europe/Copenhagen", "sv": "Europe/Stockholm", "nb": "Europe/Oslo",
    "no": "Europe/Oslo", "fi": "Europe/Helsinki", "el": "Europe/Athens", "hu": "Europe/Budapest",
    "tr": "Europe/Istanbul", "zh": "Asia/Shanghai",
}  # fmt: skip
_LANGUAGE_COUNTRIES = {"he": "IL", "zh": "CN"}
# Country domains that say where a news site is. Not every ccTLD: .co, .tv, .me, .io and
# the like are sold as generic names.
_DOMAIN_COUNTRIES = {
    **{code: code.upper() for code in "ch de at fr be lu it es pt pl nl dk se no fi cz gr ie in au nz za il jp sg hk pk cn bd sa qa ae".split()},
    "uk": "GB",
}

# Words a sentence about the page's times uses for a zone (accents folded, lower case).
_ZONE_WORDS = {
    "uk": "Europe/London", "british": "Europe/London", "london": "Europe/London", "britain": "Europe/London",
    "irish": "Europe/Dublin", "ireland": "Europe/Dublin", "dublin": "Europe/Dublin",
    "indian": "Asia/Kolkata", "india": "Asia/Kolkata", "delhi": "Asia/Kolkata", "mumbai": "Asia/Kolkata",
    "eastern": "America/New_York", "new york": "America/New_York", "washington": "America/New_York",
    "central": "America/Chicago", "mountain": "America/Denver", "pacific": "America/Los_Angeles",
    "paris": "Europe/Paris", "french": "Europe/Paris", "francaise": "Europe/Paris", "france": "Europe/Paris",
    "belge": "Europe/Brussels", "belgian": "Europe/Brussels", "belgische": "Europe/Brussels",
    "brussels": "Europe/Brussels", "bruxelles": "Europe/Brussels",
    "suisse": "Europe/Zurich", "swiss": "Europe/Zurich", "schweizer": "Europe/Zurich", "zurich": "Europe/Zurich",
    "german": "Europe/Berlin", "deutsche": "Europe/Berlin", "deutscher": "Europe/Berlin", "berlin": "Europe/Berlin",
    "osterreichische": "Europe/Vienna", "austrian": "Europe/Vienna", "vienna": "Europe/Vienna", "wien": "Europe/Vienna",
    "italian": "Europe/Rome", "italiana": "Europe/Rome", "italia": "Europe/Rome", "roma": "Europe/Rome", "rome": "Europe/Rome",
    "spanish": "Europe/Madrid", "espanola": "Europe/Madrid", "peninsular": "Europe/Madrid", "madrid": "Europe/Madrid",
    "polish": "Europe/Warsaw", "polskim": "Europe/Warsaw", "polskiego": "Europe/Warsaw", "polski": "Europe/Warsaw",
    "warsaw": "Europe/Warsaw", "dutch": "Europe/Amsterdam", "nederlandse": "Europe/Amsterdam",
    "amsterdam": "Europe/Amsterdam", "sydney": "Australia/Sydney", "melbourne": "Australia/Melbourne",
    "auckland": "Pacific/Auckland", "tokyo": "Asia/Tokyo", "japan": "Asia/Tokyo", "singapore": "Asia/Singapore",
    "hong kong": "Asia/Hong_Kong",
}  # fmt: skip

# Sentences that say what zone a page's times are in, in the languages live blogs are
# common in: a lead ("All times", "Alle Zeiten", "Toutes les heures") and the words after it.
_TAIL = r"(?P<tail>[^.;:\n|]{1,40})"
_STATEMENTS = re.compile(
    "|".join(
        [
            r"(?<!\bat\s)\ball\s+times\b(?:\s+(?:are|stated|shown|given|listed|quoted|displayed|on\s+this\s+page|below|here))*",
            r"\btimes\s+(?:are|shown|given|listed)(?:\s+in)?",
            r"\b(?:alle\s+(?:uhr)?zeit(?:en|angaben)|(?:uhr)?zeitangaben|uhrzeiten)\b(?:\s+(?:sind|in|nach|gelten|jeweils))*",
            r"\b(?:toutes\s+les\s+)?heures\s+(?:sont\s+)?(?:(?:indiquées|données|exprimées|affichées)\s+)?(?:en\s+)?",
            r"\bheure\s+(?=de\s|d'|fran|belge|suisse)",
            r"\b(?:tutti\s+gli\s+)?orari\s+(?:sono\s+)?(?:(?:indicati|espressi)\s+)?(?:in\s+)?(?:ora\s+)?",
            r"\bora\s+(?=italiana)",
            r"\b(?:todas\s+las\s+)?horas\s+(?:son\s+|están\s+|estan\s+)?(?:(?:expresadas|indicadas)\s+)?(?:en\s+)?(?:hora\s+)?",
            r"\bhora\s+(?=peninsular|espa|de\s+madrid)",
            r"\b(?:wszystkie\s+)?godziny\s+(?:są\s+)?(?:podane\s+|podano\s+)?(?:są\s+)?(?:w\s+|według\s+)?(?:czasie\s+)?",
            r"\bczas(?:u|ie)?\s+(?=polsk)",
            r"\balle\s+tijden\s+(?:zijn\s+)?(?:in\s+)?",
            r"(?=\b(?:nederlandse|belgische)\s+tijd\b)",
        ]
    ).join(["(?:", ")\\s*" + _TAIL]),
    re.I,
)
# How many such sentences are tried before giving up: the lead words are common ("all
# times", "horas"), and a page whose first few do not name a zone names none.
MAX_STATEMENT_TRIES = 40
# A mark in a sentence is written in capitals ("All times BST"); "et" in French is "and".
_WORDS = re.compile(r"[^\W\d_]+", re.U)


@dataclass(frozen=True)
class PlaceHint:
    """What a page's language, locale and address say of where it is from."""

    zone: dt.tzinfo | None  # the country's (or language's) zone; None when they say none
    evidence: str  # "html lang de-CH", "the URL's .ch domain"
    country: str | None  # ISO country code, for marks that depend on it (IST)
    language: str | None = None  # the page's language ("en"), for the same
    language_evidence: str = ""  # "html lang he"


def zone_for_mark(mark: str, country: str | None = None) -> dt.tzinfo | None:
    """The zone a written mark means ("BST" -> +01:00, "ET" -> America/New_York); a mark
    several places write ("IST") by the page's country (Ireland, Israel, else India); None
    for a mark not known here."""
    mark = mark.strip().strip("()[]").upper()
    if meanings := _AMBIGUOUS.get(mark):
        return next((m.zone for m in meanings if country in m.countries), meanings[0].zone)
    return _MARKS.get(mark)


@dataclass(frozen=True)
class MarkReading:
    """What a mark several places write ("IST", "CST", "BST", "AST") means on one page."""

    zone: dt.tzinfo
    evidence: str  # 'IST is Ireland's (Europe/Dublin): +01:00 in meta article:published_time'
    sure: bool  # False when the page's evidence is missing or disagrees: a warning says so


# A machine time with a non-zero offset, and where the page writes it ("meta article:published_time").
OffsetStamp = tuple[dt.datetime, str]


def read_mark(mark: str, hint: PlaceHint, offsets: Sequence[OffsetStamp] = (), home: tuple[dt.tzinfo, str] | None = None) -> MarkReading | None:
    """The meaning of an ambiguous mark from the page's other evidence: the offsets of its
    own timestamps (+01:00 in July fits Ireland, +05:30 India), its country (lang en-IE, a
    .ie domain), its language (he, zh) or a zone it states otherwise (`home`: "All times
    Irish time", --tz). None for a mark that means one zone wherever it is written."""
    mark = mark.strip().strip("()[]").upper()
    meanings = _AMBIGUOUS.get(mark)
    if not meanings:
        return None
    place, said = _meaning_by_place(meanings, hint, home)
    fits = [m for m in meanings if offsets and all(when.astimezone(m.region).utcoffset() == when.utcoffset() for when, _ in offsets)]
    shown = f"{offset_text(offsets[0][0].utcoffset() or dt.timedelta(0))} in {offsets[0][1]}" if offsets else ""

    def reading(chosen: _Meaning, why: str, sure: bool) -> MarkReading:
        said = f"{mark} read as {chosen.place}'s ({zone_key(chosen.zone)}): {why}"
        return MarkReading(chosen.zone, said if sure else f"{said} (pass --tz)", sure)

    if place is not None and (place in fits or not offsets):
        return reading(place, ", ".join(part for part in (shown, said) if part), True)
    if len(fits) == 1:
        if place is None:
            return reading(fits[0], shown, True)
        return reading(fits[0], f"{shown}; but {said} says {place.place}'s (evidence disagrees)", False)
    if fits:  # several places fit the offsets, and nothing says which
        return reading(fits[0], f"{shown} fits {' and '.join(m.place for m in fits)}; nothing on the page says which (assumed)", False)
    others = ", ".join(m.place for m in meanings[:-1]) + f" or {meanings[-1].place}"
    if offsets:
        chosen = place or meanings[0]
        why = said if place is not None else "assumed"
        return reading(chosen, f"{why}; but {shown} fits none of {others} (evidence disagrees)", False)
    # With nothing else to go on, a mark whose first meaning is by far the most written
    # (BST: British pages write it daily, Bangladesh's mostly write +06) is said, not doubted.
    return reading(meanings[0], f"assumed: nothing on the page (an offset, its country or language) says whether it means {others}",
                   mark in _PLAIN_WITHOUT_EVIDENCE)


_PLAIN_WITHOUT_EVIDENCE = frozenset({"BST"})


def _meaning_by_place(meanings: tuple[_Meaning, ...], hint: PlaceHint, home: tuple[dt.tzinfo, str] | None) -> tuple[_Meaning | None, str]:
    """The meaning the page's country, language or stated zone picks, and the words for it."""
    if hint.country and (found := next((m for m in meanings if hint.country in m.countries), None)):
        return found, hint.evidence
    if hint.language and (found := next((m for m in meanings if hint.language in m.languages), None)):
        return found, hint.language_evidence
    if home is not None and (found := next((m for m in meanings if zone_key(m.region) == zone_key(home[0])), None)):
        return found, home[1]
    return None, ""


def offset_text(offset: dt.timedelta) -> str:
    """+01:00, -04:00, +05:30."""
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


_OFFSET = re.compile(r"^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$", re.I)
# Offsets the world uses run from -12:00 to +14:00.
_MAX_OFFSET_HOURS = 14


def zone_named(text: str, country: str | None = None) -> dt.tzinfo | None:
    """A zone as a user names it: an IANA name ("Europe/Zurich"), a mark ("CEST"), or an
    offset ("+05:30", "UTC-3"); None when it is none of these."""
    text = text.strip()
    if not text:
        return None
    found = _OFFSET.match(text)
    if found:
        sign, hours, minutes = found.group(1), int(found.group(2)), int(found.group(3) or 0)
        if hours > _MAX_OFFSET_HOURS or minutes > 59:
            return None
        delta = dt.timedelta(hours=hours, minutes=minutes) * (-1 if sign == "-" else 1)
        return dt.timezone(delta)
    if (mark := zone_for_mark(text, country)) is not None:
        return mark
    try:
        return zoneinfo.ZoneInfo(text)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return None


def check_zone_name(text: str, where: str, country: str | None = None) -> dt.tzinfo:
    """The zone a user named (--tz, a manifest's `tz`), or a one-line error naming `where`."""
    zone = zone_named(text, country)
    if zone is None:
        raise LivelineError(
            f"{where} {text[:40]!r} is not a time zone: give an IANA name (Europe/Zurich), a mark (BST, CEST, IST) or an offset (+05:30)"
        )
    return zone


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()


# Words that may stand between a statement's lead and its zone ("are in the", "en heure de").
_FILLERS = frozenset(
    "the in at are is all times stated shown given listed quoted a heure heures de d en le la les ora hora horas time zeit tijd "
    "czasie czasu w sono son sont sind zijn nach jeweils gli las".split()
)


def _zone_in_words(tail: str, country: str | None) -> dt.tzinfo | None:
    """The zone the words after a statement's lead name, if they name one before any word
    that is not a filler ("All times are approximate in Paris" names none)."""
    words = _WORDS.findall(tail)[:6]
    for i, word in enumerate(words):
        if word.isupper() and (mark := zone_for_mark(word, country)) is not None:
            return mark
        folded = _fold(word)
        pair = f"{folded} {_fold(words[i + 1])}" if i + 1 < len(words) else ""
        if name := _ZONE_WORDS.get(pair) or _ZONE_WORDS.get(folded):
            return _iana(name)
        if folded not in _FILLERS:
            return None
    return None


def stated_zone(text: str, country: str | None = None) -> tuple[dt.tzinfo, str] | None:
    """The zone a sentence in the page's text says its times are in, and the words that
    say it ("All times stated are UK time"); None when no such sentence names one."""
    for tries, found in enumerate(_STATEMENTS.finditer(text)):
        if tries >= MAX_STATEMENT_TRIES:
            break
        zone = _zone_in_words(found.group("tail"), country)
        if zone is not None:
            return zone, " ".join(found.group(0).split())
    return None


def _language_tag(tag: str | None) -> tuple[str | None, str | None]:
    """ "de-CH" / "de_CH" / "zh-Hans-CN" -> ("de", "CH")."""
    parts = [p for p in re.split(r"[-_]", (tag or "").strip()) if p]
    if not parts or not parts[0].isalpha():
        return None, None
    region = next((p.upper() for p in parts[1:] if len(p) == 2 and p.isalpha()), None)
    return parts[0].lower(), region


def _domain_country(url: str | None) -> str | None:
    try:
        host = urlsplit(url or "").hostname or ""
    except ValueError:
        return None
    return _DOMAIN_COUNTRIES.get(host.rsplit(".", 1)[-1].lower()) if "." in host else None


def place_hint(lang: str | None, locale: str | None, url: str | None) -> PlaceHint:
    """The page's home zone from `<html lang>`, og:locale and the URL's country domain,
    most specific first: a language with its country, then the domain, then a language."""
    lang_code, lang_region = _language_tag(lang)
    locale_code, locale_region = _language_tag(locale)
    domain = _domain_country(url)
    top = (urlsplit(url or "").hostname or "").rsplit(".", 1)[-1] if domain else ""
    regions = [(lang_region, f"html lang {lang}"), (locale_region, f"og:locale {locale}"), (domain, f"the URL's .{top} domain")]
    language, language_evidence = next(
        ((code, evidence) for code, evidence in ((lang_code, f"html lang {lang}"), (locale_code, f"og:locale {locale}")) if code), (None, "")
    )
    for region, evidence in regions:
        if region and region in _COUNTRY_ZONES:
            return PlaceHint(_iana(_COUNTRY_ZONES[region]), evidence, region, language=language, language_evidence=language_evidence)
    country, evidence = next(((region, evidence) for region, evidence in regions if region), (None, ""))
    if country is None:  # a bare language: its zone, where it has one
        for code, said in ((lang_code, f"html lang {lang}"), (locale_code, f"og:locale {locale}")):
            if code and code in _LANGUAGE_ZONES:
                return PlaceHint(_iana(_LANGUAGE_ZONES[code]), said, _LANGUAGE_COUNTRIES.get(code), language=language, language_evidence=language_evidence)
    return PlaceHint(None, evidence, country, language=language, language_evidence=language_evidence)


def stored_zone_name(zone: dt.tzinfo) -> str | None:
    """The page's zone as a timeline stores it (sources.tz), for a reader showing each page's
    own times: an IANA name, else a fixed offset "+01:00"; None for a zone that is neither
    (an abbreviation such as "IST" names several zones, so it is never stored)."""
    key = zone_key(zone)
    if "/" in key or key == "UTC":
        return key
    offset = zone.utcoffset(None)
    if offset is None:
        return None
    minutes = int(offset.total_seconds()) // 60
    return f"{'-' if minutes < 0 else '+'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def zone_key(zone: dt.tzinfo) -> str:
    """An IANA name where the zone has one, else its own name ("+05:30", "BST")."""
    # zoneinfo names its key; dateutil's zones (the UK one liveline shows times in) only their file.
    key = getattr(zone, "key", None) or getattr(zone, "_filename", None)
    if isinstance(key, str) and key:
        return key.split("zoneinfo/")[-1]
    return str(zone.tzname(None) or zone)
