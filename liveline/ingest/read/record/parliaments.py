"""Which parliament a record is of, and the zone its sittings keep: from the words of its
header ("House of Commons", "Dáil Éireann", "Senate" with "Australia") and the address it
was saved from (aph.gov.au, ourcommons.ca).

The record's times are the chamber's wall clock, so the zone is the parliament's seat.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_LONDON, _DUBLIN = "Europe/London", "Europe/Dublin"
_WASHINGTON = "America/New_York"

# (address ends with, path contains or "", parliament, zone); the most specific first.
_DOMAINS: tuple[tuple[str, str, str, str], ...] = (
    ("parliament.uk", "/lords", "House of Lords", _LONDON),
    ("parliament.uk", "", "House of Commons", _LONDON),
    ("parliament.scot", "", "Scottish Parliament", _LONDON),
    ("senedd.wales", "", "Senedd", _LONDON),
    ("niassembly.gov.uk", "", "Northern Ireland Assembly", _LONDON),
    ("oireachtas.ie", "/seanad", "Seanad Éireann", _DUBLIN),
    ("oireachtas.ie", "", "Dáil Éireann", _DUBLIN),
    ("aph.gov.au", "/senate", "Australian Senate", "Australia/Sydney"),
    ("aph.gov.au", "", "Australian House of Representatives", "Australia/Sydney"),
    ("parliament.nsw.gov.au", "", "Parliament of New South Wales", "Australia/Sydney"),
    ("parliament.vic.gov.au", "", "Parliament of Victoria", "Australia/Melbourne"),
    ("parliament.qld.gov.au", "", "Queensland Parliament", "Australia/Brisbane"),
    ("parliament.wa.gov.au", "", "Parliament of Western Australia", "Australia/Perth"),
    ("parliament.sa.gov.au", "", "Parliament of South Australia", "Australia/Adelaide"),
    ("parliament.tas.gov.au", "", "Parliament of Tasmania", "Australia/Hobart"),
    ("parliament.nz", "", "New Zealand Parliament", "Pacific/Auckland"),
    ("sencanada.ca", "", "Senate of Canada", "America/Toronto"),
    ("parl.ca", "/senate", "Senate of Canada", "America/Toronto"),
    ("ourcommons.ca", "", "House of Commons of Canada", "America/Toronto"),
    ("parl.ca", "", "House of Commons of Canada", "America/Toronto"),
    ("ola.org", "", "Legislative Assembly of Ontario", "America/Toronto"),
    ("leg.bc.ca", "", "Legislative Assembly of British Columbia", "America/Vancouver"),
    ("sansad.in", "/rs", "Rajya Sabha", "Asia/Kolkata"),
    ("rajyasabha.nic.in", "", "Rajya Sabha", "Asia/Kolkata"),
    ("sansad.in", "", "Lok Sabha", "Asia/Kolkata"),
    ("loksabha.nic.in", "", "Lok Sabha", "Asia/Kolkata"),
    ("bundestag.de", "", "Deutscher Bundestag", "Europe/Berlin"),
    ("europarl.europa.eu", "", "European Parliament", "Europe/Brussels"),
    ("tynwald.org.im", "", "Tynwald", "Europe/Isle_of_Man"),
    ("statesassembly.gov.je", "", "States Assembly", "Europe/Jersey"),
    ("parliament.gov.za", "", "Parliament of South Africa", "Africa/Johannesburg"),
    # The Parliamentary Monitoring Group publishes South Africa's Hansards.
    ("pmg.org.za", "", "Parliament of South Africa", "Africa/Johannesburg"),
    ("parliament.gov.sg", "", "Parliament of Singapore", "Asia/Singapore"),
    # Singapore's reports are searched and saved from sprs.parl.gov.sg.
    ("parl.gov.sg", "", "Parliament of Singapore", "Asia/Singapore"),
    ("parliament.go.ke", "", "Parliament of Kenya", "Africa/Nairobi"),
    ("parlimen.gov.my", "", "Parliament of Malaysia", "Asia/Kuala_Lumpur"),
    # The Congressional Record: congress.gov and the Government Publishing Office's govinfo.
    ("congress.gov", "/senate", "United States Senate", _WASHINGTON),
    ("congress.gov", "", "United States Congress", _WASHINGTON),
    ("govinfo.gov", "", "United States Congress", _WASHINGTON),
)


def _words(*patterns: str) -> tuple[re.Pattern[str], ...]:
    """Words that must all be in the header."""
    return tuple(re.compile(pattern, re.I) for pattern in patterns)


# (words in the header, parliament, zone); the most specific first, so "House of Commons"
# with "Canada" is Ottawa's, without it Westminster's.
_WORDS: tuple[tuple[tuple[re.Pattern[str], ...], str, str], ...] = (
    (_words(r"\bSeanad\b"), "Seanad Éireann", _DUBLIN),
    (_words(r"\bD[áa]il\b|\bOireachtas\b|\bCeann Comhairle\b"), "Dáil Éireann", _DUBLIN),
    (_words(r"\bScottish Parliament\b|\bPàrlamaid na h-Alba\b"), "Scottish Parliament", _LONDON),
    (_words(r"\bSenedd\b|\bWelsh Parliament\b|\bNational Assembly for Wales\b"), "Senedd", _LONDON),
    (_words(r"\bNorthern Ireland Assembly\b"), "Northern Ireland Assembly", _LONDON),
    (_words(r"\bSenate\b[^\n]*\bAustralia|\bAustralia[^\n]*\bSenate\b"), "Australian Senate", "Australia/Sydney"),
    (_words(r"\bCommonwealth of Australia\b|\bParliament of Australia\b", r"\bSenate\b"), "Australian Senate", "Australia/Sydney"),
    # ParlInfo is the Australian Parliament's database; its details name the chamber ("Source: Senate", "House of Reps").
    (_words(r"\bParlInfo\b", r"\bSenate\b"), "Australian Senate", "Australia/Sydney"),
    (_words(r"\bHouse of Representatives\b[^\n]*\bAustralia|\bAustralia[^\n]*\bHouse of Representatives\b|\bFederation Chamber\b"
            r"|\bCommonwealth of Australia\b|\bParliament of Australia\b|\bParlInfo\b|\bHouse of Reps\b"),
     "Australian House of Representatives", "Australia/Sydney"),
    (_words(r"\bNew Zealand\b[^\n]*\b(?:Parliament|House of Representatives|Hansard)\b|\b(?:Parliament|Hansard)\b[^\n]*\bNew Zealand\b"),
     "New Zealand Parliament", "Pacific/Auckland"),
    (_words(r"\bSenate of Canada\b|\bDebates of the Senate\b|\bDébats du Sénat\b"), "Senate of Canada", "America/Toronto"),
    (_words(r"\bHouse of Commons\b[^\n]*\bCanada\b|\bCanada\b[^\n]*\bHouse of Commons\b|\bChambre des communes\b"
            r"|\b\d{2}(?:st|nd|rd|th) Parliament, \d(?:st|nd|rd|th) Session\b"),
     "House of Commons of Canada", "America/Toronto"),
    (_words(r"\bLok Sabha\b"), "Lok Sabha", "Asia/Kolkata"),
    (_words(r"\bRajya Sabha\b"), "Rajya Sabha", "Asia/Kolkata"),
    (_words(r"\bBundestag\b"), "Deutscher Bundestag", "Europe/Berlin"),
    (_words(r"\bEuropean Parliament\b|\bParlement européen\b|\bEuropäisches Parlament\b"), "European Parliament", "Europe/Brussels"),
    (_words(r"\bTynwald\b"), "Tynwald", "Europe/Isle_of_Man"),
    (_words(r"\bParliament of Singapore\b|\bSingapore Parliament\b"), "Parliament of Singapore",
     "Asia/Singapore"),
    # South Africa's unrevised Hansard heads every page "UNREVISED HANSARD" over the House's
    # name; the National Council of Provinces is South Africa's alone. "National Assembly"
    # alone is also Kenya's, Pakistan's or Quebec's. A country's name alone is no parliament:
    # Westminster debates other countries ("Singapore Free Trade Agreement - Hansard").
    (_words(r"\bNational Council of Provinces\b|\bParliament of (?:the Republic of )?South Africa\b"
            r"|\bUnrevised Hansard\b[\s\S]{0,200}\bNational Assembly\b"),
     "Parliament of South Africa", "Africa/Johannesburg"),
    (_words(r"\bRepublic of Kenya\b|\bParliament of Kenya\b"), "Parliament of Kenya", "Africa/Nairobi"),
    (_words(r"\bDewan Rakyat\b|\bDewan Negara\b|\bParliament of Malaysia\b"), "Parliament of Malaysia", "Asia/Kuala_Lumpur"),
    # Every page of the Congressional Record says so in its running head ("[Congressional
    # Record Volume 173, Number 98 (Tuesday, June 15, 2027)]") and names its chamber.
    (_words(r"\bCongressional Record\b", r"(?m)^\[Senate\]"), "United States Senate", _WASHINGTON),
    (_words(r"\bCongressional Record\b|\bUnited States Congress\b"), "United States Congress", _WASHINGTON),
    (_words(r"\bHouse of Lords\b|\bLords Chamber\b|\bGrand Committee\b"), "House of Lords", _LONDON),
    (_words(r"\bHouse of Commons\b|\bCommons Chamber\b|\bWestminster Hall\b"), "House of Commons", _LONDON),
    # Westminster's pages name the site, not the House: "Flood Recovery - Hansard - UK Parliament".
    (_words(r"\bUK Parliament\b|\bParliament of the United Kingdom\b"), "UK Parliament", _LONDON),
)
# Words of a header only: a member's state in a speaker line ("Senator WONG (South Australia—...)")
# is no statement of the parliament, so only this many leading characters are searched.
MAX_HEADER_CHARS = 3000


def parliament_of(text: str, url: str | None = None) -> tuple[str | None, str | None]:
    """(parliament, IANA zone of its sittings) from a record's header and its address;
    (None, None) when neither says."""
    if url:
        try:
            parts = urlsplit(url)
        except ValueError:
            parts = None
        host = (parts.hostname or "").lower() if parts else ""
        path = (parts.path or "").lower() if parts else ""
        for domain, where, name, zone in _DOMAINS:
            if (host == domain or host.endswith("." + domain)) and (not where or where in path):
                return name, zone
    header = text[:MAX_HEADER_CHARS]
    for patterns, name, zone in _WORDS:
        if all(pattern.search(header) for pattern in patterns):
            return name, zone
    return None, None
