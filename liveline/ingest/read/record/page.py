"""A saved web page of a parliament's official record, read as a transcript.

The record's text reader (record_text.py) reads lines; a page's markup says in tags what a
printed record says in layout, so the page becomes the lines a printed copy would have:
every block of its main content one line, in document order, and the markup's speaker
and time elements put where the printed record puts them. What the sites print, as
their scrapers read them:

- hansard.parliament.uk: a contribution's header holds `a.attributed-to-details` with
  `.primary-text` ("Chris Philp", "The Prime Minister") and `.secondary-text` ("(Croydon
  South) (Con)"), its speech the `p.hs_Para` of `.content`; procedure sits in other items.
- theyworkforyou.com: `h2.debate-speech__speaker` holds the name (`strong ..__name`), the
  position (`small ..__position`) and the time link (`a.time`: "2:34 pm, 16th January 2025").
- parlinfo.aph.gov.au: the speaker inline at a paragraph's start, "Senator DOE
  (<span class=HPS-Electorate>..</span>) (<span class=HPS-Time>12:56</span>): text".
- parliament.nz: `<strong>Hon JANE DOE (Minister of X)</strong>: text`, often with the
  colon in a `<strong>` of its own, and the time only in an anchor `<a name="time_14:04:02">`.

So a speaker element standing alone becomes its own line ("Name (seat or office)"), with
its time on a line before it; a speaker printed inline at a paragraph's start stays
"Name ...: text" as printed. A time element alone is its own line. Procedural and
heading text stays a line of its own, which the text reader knows as furniture.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from liveline.ingest.read.json_ld import LIVE_TYPES, JsonLd, types
from liveline.ingest.read.markup_tree import FURNITURE_TAGS
from liveline.ingest.read.nesting import check_nesting
from liveline.ingest.read.page_clock import meta_content, url_day
from liveline.ingest.read.record.parliaments import parliament_of
from liveline.ingest.read.record.record_text import MAX_HEADER_LINES, RESUMES_FLOOR, RecordReading, looks_like_record, read_record, stated_day
from liveline.ingest.sources.addresses import public_url
from liveline.timeline.text import strip_controls

# Elements that start and end a line of text, as a browser lays them out.
_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "caption", "center", "dd", "details", "dialog", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup",
    "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "ul", "br", "body", "html",
})
# A site's header is furniture; inside the main content, a <header> holds the debate's
# title and sitting date, which the record's reader needs.
_SKIPPED = FURNITURE_TAGS - {"header"}
# Class and id words of page furniture on parliaments' sites (share buttons on each
# hansard.parliament.uk contribution, TheyWorkForYou's comment teasers and "link to this
# speech" lists, cookie banners everywhere), matched as whole words.
_FURNITURE_WORDS = re.compile(
    r"(?:^|[\s_-])(?:share|sharing|social|cookies?|consent|breadcrumbs?|nav|navigation|menu|sidebar|footer|"
    r"skip|search|newsletter|signup|subscribe|promo|advert\w*|modal|popup|comments?|feedback|toolbar|"
    r"sr-only|visually-hidden|screen-reader-text|links)(?:$|[\s_-])",
    re.I,
)
# A link whose whole text is one of these is a permalink to the speech it sits by (oireachtas.ie's
# "#" after each speaker's name), not the record's words: left out, as a printed copy has none.
_PERMALINK_GLYPHS = frozenset({"#", "¶", "§", "🔗", "⚓"})
# The main content's own marks, first found wins (ParlInfo's document panel holds the
# record; other sites mark it with <main>).
_MAIN = ("#documentContentPanel", "main", "[role=main]", "#main-content", "#content")
# The main content must hold at least this share of the body's text, else it is a box
# that borrowed the name and the whole body is read.
_MAIN_SHARE = 0.3

# Class words of an element that names the member speaking.
_SPEAKER_CLASS = re.compile(
    r"^attributed-to|^hps-(?:member|office)speech$|(?:^|[_-])(?:speaker|speakername|speaker-name|speechname|"
    r"membername|member-name|memberlink|member-link|name-link)$",
    re.I,
)
# "name" names the speaker only inside a speech's own container.
_NAME_CLASS = re.compile(r"^(?:name|member|who)$", re.I)
_SPEECH_CLASS = re.compile(r"speech|contribution|intervention|debate-?item|talk", re.I)
# Class words of a part of a speaker element that is the seat, party or office, printed
# after the name in brackets.
_QUALIFIER_CLASS = re.compile(r"position|secondary|party|constituency|electorate|office|role|riding|title", re.I)
# Class of a paragraph that is an interjection: parliament.nz prints "<p class="Interjection">Hon
# JANE DOE: words</p>" inside a member's speech, and the unmarked paragraphs after it are
# the member's again, who held the floor (a new speaker is marked by a class of its own).
_INTERJECTION_CLASS = re.compile(r"^interjections?$", re.I)
# Class of a block the record prints as procedure, not speech: hansard.parliament.uk's
# `hs_Procedure` ("Amendment 12 agreed.") and its print of an amendment moved (`hs_AmendmentHeading`,
# `hs_AmendmentLevel0` with the mover's name, `hs_AmendmentLevel1` with its text): whatever
# the wording, the markup says it is the record's, so it is furniture.
_PROCEDURE_CLASS = re.compile(r"^hs_(?:procedure|amendment|division)\w*$|^(?:procedure|procedural)$", re.I)
# Class words of a time element.
_TIME_CLASS = re.compile(r"(?:^|[_-])(?:time|time-?code|time-?stamp|timestamp|hs_timeline|hps-time)$", re.I)
# An anchor naming a time (parliament.nz: <a name="time_14:04:02">, and with the sitting's
# date before it, <a name="time_20270602 14:17:40">): the clock is the part after the date.
_TIME_ANCHOR = re.compile(r"^time[_-]?(?:(?:19|20)\d{6}[\sT_-]*)?(\d{1,2}):?(\d{2})(?!\d)", re.I)
# A time as records print it: "12.45 pm", "2:34 pm", "[2.34 p.m.]", "14:05", "(1405)".
_TIME_TEXT = re.compile(
    r"\[?\(?\b\d{1,2}[.:]\d{2}\s*[ap]\.?\s?m\b\.?\]?|\[?\(?\b\d{1,2}:\d{2}(?::\d{2})?\b\)?\]?|\(\d{4}\)",
    re.I,
)
# A committee's question number in an element of its own at a paragraph's start, run up
# against the questioner's name ("<b>Q97</b><b>Mark Dowse</b> (Tarnley) (Con):", Westminster's
# evidence sessions): the record's numbering, not speech, so left out of the line.
_QUESTION_NUMBER = re.compile(r"Q\d{1,4}\.?")
# A colon the markup set apart from the speaker it follows ("<strong>Hon JANE DOE</strong>
# <strong>:</strong> text" reads "Hon JANE DOE : text"): closed up as printed.
_SPACED_COLON = re.compile(r"^([^!?:]{1,150}?)\s+:(?=\s)")
# A page's own statements of its sitting date.
_DATE_META = ("DC.Date", "DCTERMS.date", "date", "citation_date", "article:published_time")
# The label of a details table's sitting date.
_DATE_LABEL = re.compile(r"(?:sitting\s+)?date(?:\s+of\s+sitting)?\s*:?", re.I)


@dataclass
class RecordPage:
    """A record page read: its turns (as the text reader read its lines) and what the page says of itself."""

    reading: RecordReading
    outlet: str | None
    title: str | None
    url: str | None  # without credentials
    lines: list[tuple[int, str]] = field(default_factory=list)  # what the reading was read from
    procedure: frozenset[tuple[int, str]] = frozenset()  # the lines its markup marks as procedure


def page_record_lines(html: str) -> list[tuple[int, str]]:
    """The page's main content as the lines of a printed record: (1-based source line of
    the block, its text), in document order, furniture left out."""
    tree = LexborHTMLParser(html)
    root = _main_content(tree)
    if root is None:
        return []
    return _Walk(_SourceLines(html).index(tree)).lines(root)


def read_record_page(
    html: str, label: str, url: str | None = None, *, day: dt.date | None = None, zone: str | None = None, force: bool = False
) -> RecordPage | None:
    """A parliament's record page read as a transcript; None when it does not look like one
    (a live blog never does), unless `force` (the user's --kind transcript).

    `day` and `zone` are the user's word (--date, --tz) for what the page does not say.
    """
    check_nesting(html, label)  # before the parser, whose own time grows with the depth
    tree = LexborHTMLParser(html)
    ld = JsonLd(tree)
    live = any(types(item) & LIVE_TYPES for item in ld.objects)
    canonical = tree.css_first('link[rel="canonical"]')
    page_url = (canonical.attributes.get("href") if canonical is not None else None) or meta_content(tree, "og:url") or url or _saved_from(html)
    root = _main_content(tree)
    walk = _Walk(_SourceLines(html).index(tree))
    lines = walk.lines(root) if root is not None else []
    procedure = frozenset(walk.procedure)
    if not force and (live or not looks_like_record(lines)):
        return None
    title = _title(tree)
    # The page's own word on whose record it is and which day it keeps, for the record's
    # reader where the record's text does not say: the text reader's header is its lines,
    # the page's is also its title, site name and address.
    head = " ".join(part for part in (meta_content(tree, "og:site_name"), _text(tree.css_first("title")), title) if part)
    head += "\n" + _details(tree)
    parliament, _ = parliament_of(head + "\n" + "\n".join(text for _, text in lines[:MAX_HEADER_LINES]), page_url)
    sitting = day or stated_day([text for _, text in lines[:MAX_HEADER_LINES]]) or _page_date(tree, page_url)
    reading = read_record(lines, label, day=sitting, zone=zone, url=page_url, head=head, procedure=procedure)
    if reading.stated_date is None and day is None:
        reading.stated_date = sitting
    if reading.title is None:
        reading.title = title
    reading.parliament = reading.parliament or parliament
    outlet = meta_content(tree, "og:site_name") or reading.parliament or parliament
    shown_url = public_url(strip_controls(page_url)) if page_url else None
    return RecordPage(reading, outlet, title or reading.title, shown_url, lines, procedure)


# What a browser writes at the top of a page it saves: "<!-- saved from url=(0076)https://... -->".
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(?P<url>[^\s>]+?)\s*-->", re.I)
# The browser's note comes before the page's own head.
_SAVED_FROM_WITHIN = 2000


def _saved_from(html: str) -> str | None:
    """The address a browser saved the page from, as it noted it at the top."""
    found = _SAVED_FROM.search(html[:_SAVED_FROM_WITHIN])
    return found.group("url") if found else None


# The page ------------------------------------------------------------------------------------
def _main_content(tree: LexborHTMLParser) -> LexborNode | None:
    """The element holding the record: the page's own mark for it, else the body."""
    body = tree.body
    if body is None:
        return None
    whole = len(body.text(deep=True) or "")
    for selector in _MAIN:
        node = tree.css_first(selector)
        if node is not None and len(node.text(deep=True) or "") >= _MAIN_SHARE * whole:
            return node
    return body


def _title(tree: LexborHTMLParser) -> str | None:
    """The debate's heading: the page's <h1>, else its Open Graph or <title> title."""
    for node in tree.css("h1"):
        if text := _text(node):
            return text
    return meta_content(tree, "og:title") or _text(tree.css_first("title")) or None


def _page_date(tree: LexborHTMLParser, url: str | None) -> dt.date | None:
    """The sitting date the page states in its address or meta tags."""
    from_url = url_day(url)
    if from_url is not None:
        return from_url[0]
    for name in _DATE_META:
        value = meta_content(tree, name) or ""
        if found := re.match(r"((?:19|20)\d\d)-(\d\d)-(\d\d)", value):
            try:
                return dt.date(*(int(part) for part in found.groups()))
            except ValueError:
                continue
        if value and (day := stated_day([value])):
            return day
    return _labelled_date(tree) or stated_day([_text(tree.css_first("title"))])


# A details table says what the record is in a few short fields; no more than this many are read.
MAX_DETAILS = 20


def _details(tree: LexborHTMLParser) -> str:
    """The page's details table as "Label: value" lines (ParlInfo's "Source: Senate")."""
    rows = []
    for label in tree.css("dt")[:MAX_DETAILS]:
        value = label.next
        while value is not None and value.tag == "-text":
            value = value.next
        if value is not None and value.tag == "dd":
            rows.append(f"{_text(label)}: {_text(value)}")
    return "\n".join(rows)


def _labelled_date(tree: LexborHTMLParser) -> dt.date | None:
    """The date a page's details table states beside a label ("Date" then "Wednesday, 22
    September 2027" in a <dt>/<dd>, <th>/<td> or two cells of a row), as ParlInfo's
    bibliographic details and the Oireachtas' debate details print it."""
    for label in tree.css("dt, th, td, span, div, strong, b, label"):
        if not _DATE_LABEL.fullmatch(_text(label)):
            continue
        value = label.next
        while value is not None and (value.tag == "-text" and not (value.text_content or "").strip()):
            value = value.next
        # The value is a date by its label, so a date in figures ("06-10-2027") is read as one.
        text = _text(value) if value is not None and value.tag != "-text" else _one_line(value.text_content or "") if value else ""
        if value is not None and (day := stated_day([f"Date: {text}"])):
            return day
    return None


def _text(node: LexborNode | None) -> str:
    return _one_line(node.text(deep=True) or "") if node is not None else ""


def _one_line(text: str) -> str:
    return " ".join(strip_controls(text).split())


# Source lines ----------------------------------------------------------------------------------
_START_TAG = re.compile(r"<!--|<([A-Za-z][^\t\n\f\r />]*)")
# Elements whose content is text, not tags, until their end tag.
_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"})


class _SourceLines:
    """The source line of each element, found by matching the k-th element of a tag in the
    tree to the k-th start tag of that name in the source. Elements the parser adds (a
    <tbody>, a <b> it reopens) have no start tag; they take the line of the element before,
    and lines never go backwards."""

    def __init__(self, html: str) -> None:
        self.starts: dict[str, list[int]] = {}
        line, counted = 1, 0
        position = 0
        while (found := _START_TAG.search(html, position)) is not None:
            if found.group(0) == "<!--":
                end = html.find("-->", found.end())
                position = len(html) if end < 0 else end + 3
                continue
            name = found.group(1).lower()
            line += html.count("\n", counted, found.start())
            counted = found.start()
            self.starts.setdefault(name, []).append(line)
            position = found.end()
            if name in _RAW_TEXT:
                closing = re.compile(rf"</{name}[\t\n\f\r />]", re.I).search(html, position)
                position = len(html) if closing is None else closing.end()
        self.at: dict[int, int] = {}  # lexbor's mem_id -> line

    def index(self, tree: LexborHTMLParser) -> _SourceLines:
        """Give every element of the tree its line, in document order."""
        seen: dict[str, int] = {}
        last = 1
        top = tree.root
        for node in top.traverse() if top is not None else ():
            tag = node.tag or ""
            if tag.startswith("-"):
                continue
            index = seen.get(tag, 0)
            seen[tag] = index + 1
            starts = self.starts.get(tag, [])
            if index < len(starts):
                last = max(last, starts[index])
            self.at[node.mem_id] = last
        return self

    def line_of(self, node: LexborNode) -> int:
        return self.at.get(node.mem_id, 1)


# The walk --------------------------------------------------------------------------------------
@dataclass
class _Speaker:
    """A speaker element's text, gathered while inside it."""

    parts: list[tuple[str, bool]] = field(default_factory=list)  # (text, printed after the name in brackets)
    times: list[str] = field(default_factory=list)
    printed: list[str] = field(default_factory=list)

    def line(self) -> str:
        words: list[str] = []
        for text, qualifier in self.parts:
            text = text.strip()
            if not text or text in (":", "-", "—", "–"):
                continue
            if qualifier and words and not text.startswith("("):
                # Brackets inside brackets ("Shadow Minister (Transport)") are no layout a
                # record prints; the inner ones become a comma, as in "Minister, Lib.".
                inner = re.sub(r"\s*\(([^()]*)\)", r", \1", text.rstrip(":").strip())
                text = f"({inner})"
            words.append(text)
        return _one_line(" ".join(words))


@dataclass
class _Open:
    node: LexborNode
    line: int
    skip: bool = False
    speaker: bool = False
    qualifier: bool = False
    time: bool = False
    speech: bool = False
    interjection: bool = False
    procedure: bool = False


class _Walk:
    """Lines from a tree in document order, a line ending at each block's edge."""

    def __init__(self, sources: _SourceLines) -> None:
        self.sources = sources
        self.out: list[tuple[int, str]] = []
        self.buffer: list[str] = []
        self.buffer_line = 0
        self.speaker: _Speaker | None = None  # inside a speaker element
        self.speaker_line = 0
        self.lead_times: list[tuple[int, str]] = []  # times marked at the start of the line being read
        self.pending: tuple[_Speaker, int] | None = None  # a speaker element alone so far in its block
        self.site_header = False  # whether a <header> outside the main content is furniture
        self.in_procedure = 0  # depth of open blocks the markup marks as procedure
        self.procedure: set[tuple[int, str]] = set()  # lines read inside them

    def lines(self, root: LexborNode) -> list[tuple[int, str]]:
        self.site_header = root.tag == "body"
        stack: list[_Open] = []
        for node in root.traverse(include_text=True):
            above = node.parent
            while stack and (above is None or stack[-1].node.mem_id != above.mem_id):
                self._leave(stack.pop())
            if any(entry.skip for entry in stack[-1:]):
                if node.tag != "-text":
                    stack.append(_Open(node, 0, skip=True))
                continue
            tag = node.tag or ""
            if tag == "-text":
                self._text(node.text_content or "", stack)
                continue
            if tag.startswith("-"):
                continue  # a comment
            line = self.sources.line_of(node)
            entry = self._enter(node, tag, line, stack)
            stack.append(entry)
        while stack:
            self._leave(stack.pop())
        self._flush()
        return self.out

    def _enter(self, node: LexborNode, tag: str, line: int, stack: list[_Open]) -> _Open:
        attributes = node.attributes
        classes = (attributes.get("class") or "").split()
        words = f"{attributes.get('class') or ''} {attributes.get('id') or ''}"[:300]
        site_header = tag == "header" and self.site_header and not any(e.node.tag in ("main", "article") for e in stack)
        if (tag in _SKIPPED or site_header or "hidden" in attributes or attributes.get("aria-hidden") == "true"
                or (_FURNITURE_WORDS.search(words) and tag not in ("body", "main", "article"))
                or (tag == "a" and (node.text(deep=True) or "").strip() in _PERMALINK_GLYPHS)):
            if tag in _BLOCKS and self.speaker is None:
                self._flush()
            return _Open(node, line, skip=True)
        if tag == "pre" and self.speaker is None:
            self._flush()
            self.out += [(line + offset, text) for offset, text in preformatted_paragraphs(node.text(deep=True) or "")]
            return _Open(node, line, skip=True)
        entry = _Open(node, line, speech=any(_SPEECH_CLASS.search(name) for name in classes) or any(e.speech for e in stack[-1:]))
        if self.speaker is not None:
            entry.qualifier = tag in _BLOCKS or tag == "small" or any(_QUALIFIER_CLASS.search(name) for name in classes)
            entry.time = tag == "time" or any(_TIME_CLASS.search(name) for name in classes)
            return entry
        time_anchor = _TIME_ANCHOR.match(attributes.get("name") or attributes.get("id") or "") if tag == "a" else None
        if time_anchor and _blank(self.buffer):
            self.lead_times.append((line, f"{int(time_anchor.group(1)):02d}:{time_anchor.group(2)}"))
        speaking = any(_SPEAKER_CLASS.search(name) for name in classes) or (
            any(e.speech for e in stack[-1:]) and any(_NAME_CLASS.match(name) for name in classes))
        if tag in _BLOCKS:
            self._flush()
        if speaking:
            entry.speaker = True
            self.speaker = _Speaker()
            self.speaker_line = line
        elif tag == "time" or any(_TIME_CLASS.search(name) for name in classes):
            entry.time = True
            self.buffer.append("\x00")  # where the time's text starts: it may be the line's only text
        if tag == "br":
            self._flush()
        entry.interjection = tag in _BLOCKS and any(_INTERJECTION_CLASS.match(name) for name in classes)
        if any(_PROCEDURE_CLASS.match(name) for name in classes):
            entry.procedure = True
            self.in_procedure += 1
        return entry

    def _leave(self, entry: _Open) -> None:
        if entry.skip:
            return
        if entry.speaker and self.speaker is not None:
            speaker, self.speaker = self.speaker, None
            self._speaker_done(speaker)
        elif entry.time and self.speaker is None:
            self.buffer.append("\x01")  # where the time's text ends
        if entry.node.tag in _BLOCKS and self.speaker is None:
            self._flush()
            if entry.interjection:
                self.out.append((entry.line, RESUMES_FLOOR))
        if entry.procedure:
            if self.speaker is None:
                self._flush()
            self.in_procedure -= 1

    def _text(self, text: str, stack: list[_Open]) -> None:
        if self.speaker is not None:
            if text.strip() and not "".join(self.speaker.printed).strip():
                self.speaker_line = next((e.line for e in reversed(stack) if e.line), self.speaker_line)  # where the name is
            self.speaker.printed.append(text)
            if any(e.time for e in stack if not e.speaker) or (_TIME_TEXT.fullmatch(text.strip()) and text.strip()):
                self.speaker.times.append(text)
                return
            inner = next((e for e in reversed(stack)), None)
            qualifier = inner is not None and inner.qualifier and not inner.speaker
            if self.speaker.parts and not qualifier and not self.speaker.parts[-1][1]:
                last, _ = self.speaker.parts[-1]
                self.speaker.parts[-1] = (last + text, False)
            else:
                self.speaker.parts.append((text, qualifier))
            return
        if _blank(self.buffer):
            if stack and stack[-1].node.tag not in _BLOCKS and _QUESTION_NUMBER.fullmatch(text.strip()):
                return
            self.buffer_line = next((e.line for e in reversed(stack) if e.line), self.buffer_line)
        self.buffer.append(text)

    def _speaker_done(self, speaker: _Speaker) -> None:
        """A speaker element ends: alone in its block it is a line of its own (its time on
        the line before); at the start of a paragraph it stays as printed."""
        printed = "".join(speaker.printed)
        if not _blank(self.buffer):
            self.buffer.append(printed)  # inline, after other text: as printed
            return
        self.buffer_line = self.speaker_line
        if printed.rstrip().endswith((":", "-", "—", "–")):
            self.buffer.append(printed)  # "The PRESIDENT:" opening its speech, as printed
            return
        self.buffer.append("\x02" + printed)  # may yet be followed by the speech itself
        self.pending = (speaker, self.speaker_line)

    def _flush(self) -> None:
        before = len(self.out)
        self._flush_line()
        if self.in_procedure:
            self.procedure.update(self.out[before:])

    def _flush_line(self) -> None:
        joined = "".join(self.buffer)
        self.buffer = []
        pending, self.pending = self.pending, None
        for line, text in self.lead_times:
            self.out.append((line, text))
        self.lead_times = []
        if "\x02" in joined and pending is not None:
            before, _, after = joined.partition("\x02")
            speaker, line = pending
            rest = after[len("".join(speaker.printed)):]
            if not _one_line(rest.replace("\x00", "").replace("\x01", "")) or _speech_follows(rest):
                for time in speaker.times:
                    if found := _TIME_TEXT.search(time):
                        self.out.append((line, found.group(0).strip()))
                if text := speaker.line():
                    self.out.append((line, text))
                joined = before + rest
                if not _one_line(joined.replace("\x00", "").replace("\x01", "")):
                    return
                self.buffer_line = max(self.buffer_line, line)
            else:
                joined = before + "".join(speaker.printed) + rest
        joined = joined.replace("\x02", "")
        start, end = joined.find("\x00"), joined.find("\x01")
        if 0 <= start < end and not _one_line(joined[:start] + joined[end + 1:]):
            time_text = _one_line(joined[start + 1:end])
            if found := _TIME_TEXT.search(time_text):
                self.out.append((self.buffer_line, found.group(0).strip()))
                return
        text = _one_line(joined.replace("\x00", "").replace("\x01", ""))
        if text:
            self.out.append((self.buffer_line, _SPACED_COLON.sub(r"\1:", text, count=1)))


def preformatted_paragraphs(text: str) -> list[tuple[int, str]]:
    """(line offset, paragraph) of preformatted text as a typewritten record sets it (the
    Congressional Record on govinfo): an indented line opens a paragraph, a line at the
    margin carries on the one before, a blank line ends it; the running heads at the margin
    ("[Congressional Record Volume 173, ...]", "[House]") are in brackets, each a line."""
    out: list[tuple[int, str]] = []
    words: list[str] = []
    start = 0
    for offset, row in enumerate(text.split("\n")):
        if words and (not row.strip() or row[:1].isspace() or row.startswith("[") or words[-1].startswith("[")):
            out.append((start, _one_line(" ".join(words))))
            words = []
        if row.strip():
            if not words:
                start = offset
            words.append(row)
    if words:
        out.append((start, _one_line(" ".join(words))))
    return out


def _blank(buffer: list[str]) -> bool:
    """Whether a line read so far holds no text yet (only spaces and the walk's marks)."""
    return not "".join(buffer).strip(" \t\n\r\f\x00\x01\x02")


def _speech_follows(rest: str) -> bool:
    """Whether text after a speaker element in its block is the speech (a separate
    paragraph of the same container), not the rest of an inline speaker line ("(Seat):")."""
    text = _one_line(rest.replace("\x00", "").replace("\x01", ""))
    return not re.match(r"^(?:\([^()]*\)\s*)*[:\-–—]", text)
