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
# "IST" is India's, Ireland's or Israel's: the page's country decides.
_IST = {"IE": "Europe/Dublin", "IL": "Asia/Jerusalem"}
_IST_DEFAULT = "Asia/Kolkata"

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
    "MX": "America/Mexico_City", "CO": "America/Bogota", "CL": "America/Santiago",
}  # fmt: skip
# The zone a language alone implies, where most pages in it come from one zone. English
# says nothing (UK, US, India, Australia...), nor does Portuguese (Brazil or Portugal);
# Spanish without a country is taken as Spain's, as the issue asks (es -> Madrid).
_LANGUAGE_ZONES = {
    "de": "Europe/Berlin", "fr": "Europe/Paris", "it": "Europe/Rome", "es": "Europe/Madrid",
    "pl": "Europe/Warsaw", "nl": "Europe/Amsterdam", "he": "Asia/Jerusalem", "ja": "Asia/Tokyo",
    "cs": "Europe/Prague", "da": "Europe/Copenhagen", "sv": "Europe/Stockholm", "nb": "Europe/Oslo",
    "no": "Europe/Oslo", "fi": "Europe/Helsinki", "el": "Europe/Athens", "hu": "Europe/Budapest",
    "tr": "Europe/Istanbul",
}  # fmt: skip
_LANGUAGE_COUNTRIES = {"he": "IL"}
# Country domains that say where a news site is. Not every ccTLD: .co, .tv, .me, .io and
# the like are sold as generic names.
_DOMAIN_COUNTRIES = {
    **{code: code.upper() for code in "ch de at fr be lu it es pt pl nl dk se no fi cz gr ie in au nz za il jp sg hk pk".split()},
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


def zone_for_mark(mark: str, country: str | None = None) -> dt.tzinfo | None:
    """The zone a written mark means ("BST" -> +01:00, "ET" -> America/New_York); "IST" by
    the page's country (Ireland, Israel, else India); None for a mark not known here."""
    mark = mark.strip().strip("()[]").upper()
    if mark == "IST":
        return _iana(_IST.get(country or "", _IST_DEFAULT))
    return _MARKS.get(mark)


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
    for region, evidence in regions:
        if region and region in _COUNTRY_ZONES:
            return PlaceHint(_iana(_COUNTRY_ZONES[region]), evidence, region)
    country = next((region for region, _ in regions if region), None)
    if country is None:  # a bare language: its zone, where it has one
        for code, evidence in ((lang_code, f"html lang {lang}"), (locale_code, f"og:locale {locale}")):
            if code and code in _LANGUAGE_ZONES:
                return PlaceHint(_iana(_LANGUAGE_ZONES[code]), evidence, _LANGUAGE_COUNTRIES.get(code))
    return PlaceHint(None, "", country)


def zone_key(zone: dt.tzinfo) -> str:
    """An IANA name where the zone has one, else its own name ("+05:30", "BST")."""
    # zoneinfo names its key; dateutil's zones (the UK one liveline shows times in) only their file.
    key = getattr(zone, "key", None) or getattr(zone, "_filename", None)
    if isinstance(key, str) and key:
        return key.split("zoneinfo/")[-1]
    return str(zone.tzname(None) or zone)
