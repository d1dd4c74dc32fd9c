"""Offices as an official record prints them, and as news names their holders.

A record gives the office in full ("The Secretary of State for the Home Department (Yvette
Cooper)"); a live blog of the same debate writes "the Home Secretary". The short form is
made by rule from the department phrase: its first item ("Health and Social Care" ->
"Health", "Foreign, Commonwealth and Development Affairs" -> "Foreign") unless the phrase
is a fixed pair of single words ("Work and Pensions"); a trailing "Affairs" goes. Only
real irregulars, where no rule gives the news form, are named in tables below. Nothing
here knows any story's people.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from liveline.ingest.speakers.names import ROLE_NOUN_RE, fold


@dataclass(frozen=True)
class OfficeForms:
    """The role to record for an office's holder (None: the words are no office, as a seat
    and party "Croydon South, Con" are) and every form naming the holder, the printed
    office among them."""

    role: str | None
    aliases: frozenset[str]


NO_OFFICE = OfficeForms(None, frozenset())

# Offices with no English role word in them (the Dáil's, and Westminster's Lord Privy Seal):
# the registry would take them for nobody's office (names.ROLE_WORDS), so they are known
# here by name.
_NATIVE_OFFICES = {"taoiseach", "tánaiste", "ceann comhairle", "leas-cheann comhairle", "lord privy seal"}
# Department phrases news shortens otherwise than by the rule: "the Home Department" is the
# Home Office's formal name, its secretary "Home Secretary".
_DEPARTMENT_SHORT = {"home department": "Home"}
# Departments whose junior ministers news calls "<X> Office minister" ("Home Office
# minister", "Foreign Office minister"), not "<X> minister".
_OFFICE_DEPARTMENTS = {"home": "Home Office", "foreign": "Foreign Office"}
# Whole offices news names by another title altogether.
_IRREGULAR = {"chancellor of the exchequer": "Chancellor"}

# What stands before the office on a speaker line: an article or a form of address.
_ADDRESS = re.compile(r"^(?:(?:the|an|madam|madame|mr|mister)\s+)+", re.I)
_SHADOW = re.compile(r"^shadow\s+", re.I)
# A junior minister of a department: "Parliamentary Under-Secretary of State for the Home
# Department", "Minister of State for Security".
_JUNIOR = re.compile(
    r"^(?:Parliamentary\s+Under[- ]Secretary\s+of\s+State|Under[- ]Secretary\s+of\s+State|Minister\s+of\s+State"
    r"|Parliamentary\s+Secretary)\s*(?:for|at|in|,)\s+(?:the\s+)?(?P<dept>.+)$",
    re.I,
)
# A department's secretary: "Secretary of State for Work and Pensions", Scotland's
# "Cabinet Secretary for Justice and Home Affairs".
_SECRETARY = re.compile(r"^(?:Secretary\s+of\s+State|Cabinet\s+Secretary)\s+for\s+(?:the\s+)?(?P<dept>.+)$", re.I)
_MINISTER = re.compile(r"^Minister\s+(?:for|of)\s+(?:the\s+)?(?P<dept>.+)$", re.I)
# Two offices held at once: "Lord Chancellor and Secretary of State for Justice". The
# second starts with an office's own first word, which no department phrase's item does
# ("Minister for Women and Equalities" is one office).
_JOINED = re.compile(r"\s+and\s+(?=(?:Secretary|Minister|Lord|Chancellor|Deputy|First|Leader|Attorney)\b)")
_ITEMS = re.compile(r",\s*|\s+and\s+")
_AFFAIRS = re.compile(r"\s+Affairs$", re.I)


def _plain(office: str) -> str:
    """The office without what addresses its holder; in capitals (a record's "The
    PRESIDENT") written as a title."""
    text = _ADDRESS.sub("", " ".join(office.split()).strip(" .,:;-–—"))
    return text.title() if text.isupper() else text


def is_office(office: str | None) -> bool:
    """Whether the words name an office (a role word, or an office with none in English)."""
    text = _plain(office or "")
    return bool(text) and (ROLE_NOUN_RE.search(text) is not None or fold(text) in _NATIVE_OFFICES)


def _short(dept: str) -> tuple[str, str]:
    """(short form, whole phrase) of a department phrase: the short one its first item
    without a trailing "Affairs", the whole one as printed."""
    irregular = _DEPARTMENT_SHORT.get(fold(dept))
    if irregular:
        return irregular, irregular
    items = _ITEMS.split(dept)
    # "Work and Pensions", "Business and Trade": two single words read as one name.
    if len(items) == 2 and "," not in dept and all(" " not in item for item in items):
        return dept, dept
    return _AFFAIRS.sub("", items[0]) or dept, dept


def _one(office: str) -> tuple[str, set[str]]:
    """(role, aliases) of one office, printed form first among the aliases."""
    forms = {office}
    if fold(office) in _IRREGULAR:
        role = _IRREGULAR[fold(office)]
    elif m := _JUNIOR.match(office):
        short, _ = _short(m.group("dept"))
        role = f"{_OFFICE_DEPARTMENTS.get(fold(short), short)} minister"
    elif m := _SECRETARY.match(office):
        short, whole = _short(m.group("dept"))
        role = f"{short} Secretary"
        forms.add(f"{whole} Secretary")
    elif m := _MINISTER.match(office):
        # "Minister for Safeguarding" is how news names it too; a ministry of "X Affairs"
        # is "the X Minister" ("Minister for Foreign Affairs": "Foreign Minister").
        short, whole = _short(m.group("dept"))
        role = f"{short} Minister" if _AFFAIRS.search(m.group("dept")) else office
        forms |= {f"{short} Minister", f"{whole} Minister"}
    else:
        role = office
    forms.add(role)
    return role, forms


def office_forms(office: str | None) -> OfficeForms:
    """The role to record for the holder of an office as a record prints it, and the forms
    a news text names them by; NO_OFFICE for words that are no office."""
    if not is_office(office):
        return NO_OFFICE
    text = _plain(office or "")
    shadow = _SHADOW.match(text)
    rest = text[shadow.end():] if shadow else text
    roles, aliases = [], {text}
    for part in _JOINED.split(rest):
        role, forms = _one(part)
        roles.append(role)
        aliases |= forms
    if shadow:
        # The shadow of an office is another office: never its holder's forms.
        prefix = shadow.group()
        roles = [prefix + role for role in roles]
        aliases = {text} | {prefix + form for form in aliases if form != text}
    return OfficeForms(roles[0], frozenset(aliases))
