"""Posts from a page's own markup: a post is the largest element around one post time
(<time datetime> or a data-*-time attribute) holding no other, and the posts are the
siblings holding the most paragraph text. Also bylines ("By Jane Doe", "Autor: Jan
Kowalski") and time prefixes on headings, for every witness's posts.

Every question about the tree is asked of a MarkupTree (markup_tree.py), in one pass over
the elements rather than a walk per element, so the reading is linear in the page.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable

from selectolax.lexbor import LexborHTMLParser

from liveline.ingest.read.key_events import flagged_post
from liveline.ingest.read.markup_tree import FURNITURE_TAGS, STOP_TAGS, MarkupTree, WorkBudget
from liveline.ingest.read.raw_post import RawPost, TimeReader, clean, credit_line, post_key, split_credit
from liveline.ingest.read.wall_time import stamp_at_start

_TIME_WORDS = ("time", "date")  # "timestamp" holds "time"
# A name's last word that says when ("data-published-at", "data-created_at", "data-post-ts",
# "data-epoch"); a parser lower-cases "data-publishedAt" to "data-publishedat", so a past
# participle run into "at" ("...edat") says so too.
_WHEN_LAST_WORDS = frozenset({"at", "ts", "epoch"})
_RUN_INTO_AT = "edat"
# A name's last word that says it counts or names things: "data-timeline-id",
# "data-update-count" hold epoch-sized numbers that are no time, whatever else the name says.
_NOT_WHEN_LAST_WORDS = frozenset({
    "id", "ids", "uid", "uuid", "key", "hash", "count", "counter", "total", "index", "idx", "num", "number",
    "seq", "version", "rev", "size", "length", "limit", "offset", "format", "zone", "tz",
})
_WORD_BREAK = re.compile(r"[-_]")
_WORDY = re.compile(r"[\w-]*")
_UPDATED = re.compile(r"modif|updat|edit", re.I)
_SKIP_INSIDE = FURNITURE_TAGS
_SKIP_BUT_HEADER = _SKIP_INSIDE - {"header"}
_HEADINGS = frozenset({"h1", "h2", "h3", "h4"})
_PARAGRAPHS = frozenset({"p", "li", "blockquote"})
_P = frozenset({"p"})
_TIME = frozenset({"time"})
# Elements of the post's prose: a name there is who the post is about, not its author.
_TEXT = frozenset({"p", "blockquote", "li", "h1", "h2", "h3", "h4", "figure", "figcaption"})
# Elements a byline may stand alone in, and the blocks such an element may not hold.
_NAME_HOLDERS = frozenset({"span", "mark", "strong", "b", "a", "cite", "div", "address"})
_BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "div", "li"})
# A time is written as one (not as a number opening a sentence) with a colon, a bracket, a
# dash, or a word (pm, Uhr, GMT, h) in it.
_WRITTEN_AS_STAMP = re.compile(r"[:\[\]()–—|-]|[^\W\d_]")
# What opens a byline in the languages live blogs are common in: a By-word ("By", "Von",
# "Par", "Di", "Por", "Door", "Przez", Nordic "Av"/"Af") or a label with its colon ("Autor:",
# "Auteur :", "Redactie:"); without the colon a label word is the sentence's own word.
_BY_WORD = re.compile(
    r"^(?:(?:written|posted|reported)\s+by|by|von|par|di|por|door|przez|av|af)\s*:?\s+"
    r"|^(?:author|autor(?:in|en|ka|zy|a)?|auteur|autrice|autore|autori|redactie|redaktion|redakcja|r[ée]daction|"
    r"redazione|redacci[óo]n|reporter(?:in)?|verslaggever|text|texte|testo|texto|tekst)\s*:\s*",
    re.I,
)
# Desks and wires a page may sign a post with ("Door Redactie", "Von Online-Redaktion",
# "By Staff and agencies"): an author only where the page marks the line as its byline.
_DESKS = frozenset({
    "staff", "newsroom", "newsdesk", "desk", "redactie", "redaktion", "redaction", "rédaction", "redazione",
    "redacción", "redaccion", "redakcja", "agencies", "agencias", "agenzie", "agences", "agenturen", "agencje",
})
_DESK_WORD = re.compile(r"[^\W\d_]+")
# Words a bare name near a post's time never holds: articles and the live page's own labels
# ("Key Event", "Read More", "Die Polizei"), which are capitalised like names.
_NOT_NAMES = frozenset({
    "the", "a", "an", "this", "die", "das", "ein", "eine", "les", "el", "los", "las", "il", "lo", "het", "een",
    "key", "event", "events", "live", "update", "updates", "breaking", "news", "pinned", "post", "read", "more",
    "show", "share", "copy", "link", "latest", "top", "new", "summary", "watch", "video", "photo", "ticker",
})
_ROLE_BREAK = re.compile(r"\s*(?:,|\(|\s[–—|-]\s)\s*")
_JOINER = re.compile(r"\s+(?:and|und|et|e|y|en|i|og|och|&)\s+|\s*&\s*")
_PARTICLES = frozenset({"de", "da", "di", "del", "della", "van", "von", "der", "den", "du", "le", "la", "dos", "das", "ten", "ter", "zu"})
_NAME_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_SENTENCE = re.compile(r"[.!?:;]\s|[.!?]$")
# A byline names at most four people's words (more is a sentence), a particle or two
# between ("Jan de Vries"), and a line longer than this is prose that starts with "By".
_MAX_NAME_WORDS = 4
_MAX_PARTICLES = 2
_MAX_BYLINE_LINE = 120
_BYLINE_SELECTOR = "[itemprop=author], [rel=author], [class*=byline], [class*=author], [class*=contributor]"
# A byline's parts are short; longer text near a post time is prose.
_MAX_BYLINE_PART = 80
# Text longer than this (as the page has it, spaces and all) is never a byline's part or a
# bare name, so it is not read: a name nested in a thousand spans is not read a thousand times.
_MAX_NAME_TEXT = 200

Container = tuple[int, int, dt.datetime, dt.datetime | None]  # (post element, its time's element, time, updated)
Member = tuple[int, int]  # (post element, its anchor's element)
Measure = Callable[[list[Member]], int]  # how much of a list of posts' text is the posts'


def _is_time_attribute(name: str) -> bool:
    """data-*time*, data-*date*, data-*timestamp* (what `^data-[\\w-]*(time|date)[\\w-]*$`
    says, without a regex that backtracks over a long attribute name), data-*-at and
    data-*edAt, data-ts, data-*-epoch; never a name ending in an id or a count word. The
    value must still read as a time (ISO 8601, or a 10- or 13-digit epoch): both are needed."""
    if not name.startswith("data-"):
        return False
    rest = name[5:]
    if _WORDY.fullmatch(rest) is None or _names_a_count(rest):
        return False
    words = _WORD_BREAK.split(rest)
    return (
        any(word in rest for word in _TIME_WORDS)
        or (words[-1] in _WHEN_LAST_WORDS and (len(words) > 1 or words[-1] != "at"))
        or rest.endswith(_RUN_INTO_AT)
    )


def _names_a_count(name: str) -> bool:
    """Whether an attribute's name ends in a word for an id or a count ("data-post-id",
    "data-edit-count"), whose number is never a time."""
    return _WORD_BREAK.split(name)[-1] in _NOT_WHEN_LAST_WORDS


def markup_posts(page: LexborHTMLParser, read_time: TimeReader, budget: WorkBudget) -> tuple[list[RawPost], MarkupTree | None]:
    """The posts the page's markup holds (and the indexed body, for reading an article)."""
    if page.body is None:
        return [], None
    tree = MarkupTree(page.body, budget)
    posts = [_markup_post(tree, *found) for found in _containers(tree, read_time)]
    return posts, tree


def _anchors(tree: MarkupTree, read_time: TimeReader) -> list[tuple[int, dt.datetime, bool]]:
    """(element, time, is_update) for every machine-readable time in the body."""
    found = []
    for i, node in enumerate(tree.nodes):
        attributes = node.attributes
        if not attributes:
            continue
        for name, value in attributes.items():
            if name == "datetime" or _is_time_attribute(name):
                when = read_time(value)
                if when is not None:
                    context = name if name != "datetime" else tree.text(i)
                    found.append((i, when, bool(_UPDATED.search(context))))
                    break
    return found


def _containers(tree: MarkupTree, read_time: TimeReader) -> list[Container]:
    """Post elements: around each post time the largest element holding no other post time;
    of those, the siblings (one list of posts) holding the most paragraph text."""
    every = _anchors(tree, read_time)
    size = len(tree)
    is_anchor = [False] * size
    for i, _, is_update in every:
        is_anchor[i] = is_anchor[i] or not is_update
    # A time inside an element that carries a post time itself (data-post-time) is the same post's.
    nested = [False] * size
    for i in range(size):
        up = tree.up(i)
        nested[i] = up >= 0 and tree.tags[i] not in STOP_TAGS and (nested[up] or is_anchor[up])
    anchors = {i: when for i, when, is_update in every if not is_update and not nested[i] and tree.tags[i] not in STOP_TAGS}
    updates = [(i, when) for i, when, is_update in every if is_update]

    def paragraph_text(members: list[Member]) -> int:
        return sum(len(tree.text(p)) for container, _ in members for p in tree.of_tags(container, _P))

    best = post_containers(tree, list(anchors), paragraph_text)
    if not best:
        return []
    # The post (if any) around each element, passed down from the posts in one pass.
    post_of = [-1] * size
    for number, (container, _) in enumerate(best):
        post_of[container] = number
    for i in range(size):
        up = tree.up(i)
        if post_of[i] < 0 and up >= 0 and tree.tags[i] not in STOP_TAGS:
            post_of[i] = post_of[up]
    inner: list[list[dt.datetime]] = [[] for _ in best]
    for i, when in updates:
        if tree.tags[i] not in STOP_TAGS and post_of[i] >= 0:
            inner[post_of[i]].append(when)
    result = []
    for (container, anchor), times in zip(best, inner, strict=True):
        when = anchors[anchor]
        attributes = tree.nodes[container].attributes or {}
        modified = next((read_time(v) for k, v in attributes.items() if _UPDATED.search(k) and not _names_a_count(k) and read_time(v)), None)
        updated = max([t for t in [*times, modified] if t and t > when], default=None)
        result.append((container, anchor, when, updated))
    return result


def anchor_counts(tree: MarkupTree, anchors: list[int]) -> list[int]:
    """For every element: how many of the anchors it holds (itself included), counted up
    from the anchors in one pass."""
    counts = [0] * len(tree)
    for i in anchors:
        counts[i] += 1
    for i in range(len(tree) - 1, 0, -1):
        up = tree.up(i)
        if up >= 0 and tree.tags[i] not in STOP_TAGS:
            counts[up] += counts[i]
    return counts


def post_containers(
    tree: MarkupTree, anchors: list[int], measure: Measure, *, counts: list[int] | None = None, cousins: bool = False
) -> list[Member]:
    """The posts around anchors (each a post's time, in document order): around each anchor
    the largest element holding no other; of those, the siblings (one list of posts) that
    `measure` finds the most text in. With `cousins`, siblings under parents alike (same
    tag and class, one grandparent: a feed split into one section per day) are one list.
    (post element, its anchor) for each post, in document order."""
    if counts is None:
        counts = anchor_counts(tree, anchors)
    groups: dict[tuple[int, str, str], list[Member]] = {}
    for anchor in anchors:
        # Up while the element holds this anchor only; those elements belong to this anchor
        # alone, so all these walks together visit each element at most once.
        container = anchor
        while (up := tree.up(container)) >= 0 and counts[up] == 1:
            container = up
        parent = tree.parent[container]
        if parent < 0:
            continue
        key = (parent, "", "")
        if cousins and tree.up(parent) >= 0:
            key = (tree.parent[parent], tree.tags[parent], (tree.nodes[parent].attributes or {}).get("class") or "")
        groups.setdefault(key, []).append((container, anchor))
    best: list[Member] = []
    best_text = 0
    for members in groups.values():
        if len(members) < 2:
            continue
        text = measure(members)
        if text > best_text:
            best, best_text = members, text
    return best


def _markup_post(tree: MarkupTree, container: int, anchor: int, when: dt.datetime | None, updated: dt.datetime | None) -> RawPost:
    skipped = tree.between(container, _SKIP_INSIDE)
    skipped_but_header = tree.between(container, _SKIP_BUT_HEADER)
    headline = None
    for i in tree.of_tags(container, _HEADINGS):
        if not skipped_but_header[i - container] and (text := clean(tree.text(i))):
            headline = text
            break
    has_p = tree.contains_tag(_P)
    paragraphs: list[str] = []
    tails: list[tuple[int, str]] = []  # (where the element ends, its text after its paragraphs)
    for i in tree.of_tags(container, _PARAGRAPHS):
        while tails and i >= tails[-1][0]:
            paragraphs.append(tails.pop()[1])
        if skipped[i - container]:
            continue
        quote = tree.tags[i] == "blockquote"
        if tree.tags[i] in ("blockquote", "li") and has_p[i]:
            # Its paragraphs are read one by one, and a quoted post's credit line after
            # them (outside any paragraph) as a paragraph of its own, in one form.
            if quote and (credit := credit_line(clean(tree.loose_text(i, has_p)))):
                tails.append((tree.end[i], credit))
            continue
        if text := clean(tree.text(i)):
            paragraphs += split_credit(text) if quote else [text]
    paragraphs += [tail for _, tail in reversed(tails)]
    attributes = tree.nodes[container].attributes or {}
    key = post_key(attributes.get("id") or attributes.get("data-id") or attributes.get("data-post-id"))
    author, role, byline = _author_of(tree, container, anchor)
    if byline >= 0:  # the byline's own lines ("By Naomi Berke", "Reporting from ...") are not the post's words
        mine = {text for i in tree.of_tags(byline, _PARAGRAPHS) if (text := clean(tree.text(i))) in (author, role) or byline_of(text)}
        paragraphs = [text for text in paragraphs if text not in mine]
    written, role_written, paragraphs = take_byline(paragraphs)
    return RawPost(key, when, updated, without_stamp(headline), author or written, paragraphs, role or role_written,
                   key_event=flagged_post(tree, container))


def without_stamp(headline: str | None) -> str | None:
    """A headline without the time it opens with ("19:02(IST) Rain stops play"): the post's
    time is told once, by the post's own time, never again in its words. A number opening
    the words ("10.50 million watched") stays."""
    if headline and (found := stamp_at_start(headline)) is not None and (rest := found[1].strip()):
        written = headline[: len(headline) - len(found[1])]
        if written_as_stamp(written):
            return rest
    return headline


def written_as_stamp(written: str) -> bool:
    """Whether a time as written ("16:25", "4.25pm", "11.04 Uhr:", "16.25 -") is one beyond
    doubt, rather than a number that opens a sentence ("12.50 euros ...")."""
    return _WRITTEN_AS_STAMP.search(written) is not None


def take_byline(paragraphs: list[str]) -> tuple[str | None, str | None, list[str]]:
    """(author, role, the other paragraphs) when the post's first or last paragraph is a
    byline ("By Jane Doe, Political correspondent", "Von Hans Muster"), else no author."""
    for at in (0, -1)[: len(paragraphs)]:
        found = _byline(paragraphs[at])
        if found:
            rest = paragraphs[1:] if at == 0 else paragraphs[:-1]
            return found[0], found[1], rest
    return None, None, paragraphs


def _byline(text: str) -> tuple[str, str | None] | None:
    """A line that opens as a byline ("By", "Door", "Autor:") and names a person or a desk."""
    return byline_of(text) if _BY_WORD.match(text) else None


def byline_of(text: str) -> tuple[str, str | None] | None:
    """(name, role) of a line the page marks as a byline, with or without its "By" or label
    ("Anna Keller, economics editor", "Door Sanne de Vries", "Autor: Jan Kowalski"), or None.
    A desk ("Redactie", "Staff and agencies") signs a post as well as a person does."""
    if len(text) > _MAX_BYLINE_LINE:
        return None
    text = text[opening.end():] if (opening := _BY_WORD.match(text)) else text
    if _is_desk(text):
        return text.strip(), None
    name, role = _split_role(text)
    people = _JOINER.split(name)
    if not all(_is_person(person) for person in people):
        return None
    if role is not None and (len(role) > _MAX_BYLINE_PART or _SENTENCE.search(role)):
        return None
    return name, role


def people_of(name: str) -> list[str]:
    """The people a byline's name joins ("Jane Doe and John Roe", "Anna Keller & Jan Nowak");
    none when a desk signs it ("Desk Team", "Staff and agencies")."""
    if _is_desk(name):
        return []
    return [person.strip() for person in _JOINER.split(name) if person.strip()]


def _split_role(text: str) -> tuple[str, str | None]:
    """"Jane Doe, Political correspondent" -> ("Jane Doe", "Political correspondent")."""
    parts = _ROLE_BREAK.split(text.strip(), maxsplit=1)
    if len(parts) == 1:
        return parts[0].strip(), None
    return parts[0].strip(), parts[1].strip(" )") or None


def _is_person(words: str) -> bool:
    """Two to four capitalised words ("Jane Doe", "Ana García", "Jan de Vries")."""
    parts = words.split()
    if not 2 <= len(parts) <= _MAX_NAME_WORDS + _MAX_PARTICLES:
        return False
    named = [w for w in parts if w.lower() not in _PARTICLES]
    if not 2 <= len(named) <= _MAX_NAME_WORDS or parts[0] not in named or parts[-1] not in named:
        return False
    return all(w[0].isupper() and _NAME_WORD.fullmatch(w) for w in named)


def _is_role_line(text: str) -> bool:
    """A byline's job line ("news reporter", "Reporting from Lower Manhattan"), not a name,
    a sentence, a time or a date."""
    return not byline_of(text) and not _SENTENCE.search(text) and not any(c.isdigit() for c in text)


def _is_desk(words: str) -> bool:
    """A desk or wire signing a post: a few words, one of them a desk's ("Online-Redaktion")."""
    parts = words.split()
    return (
        0 < len(parts) <= _MAX_NAME_WORDS
        and not _SENTENCE.search(words)
        and not any(c.isdigit() for c in words)
        and any(w.lower() in _DESKS for w in _DESK_WORD.findall(words))
    )


def _is_bare_name(words: str) -> bool:
    """A person's name standing alone, unmarked: written as a name ("Lucía Herrera", not
    "LIVE UPDATES") and holding none of a page's labels or articles ("Key Event")."""
    if not _is_person(words):
        return False
    parts = [w.strip(".") for w in words.split() if w.lower() not in _PARTICLES]
    return all(w.lower() not in _NOT_NAMES and (len(w) == 1 or any(c.islower() for c in w[1:])) for w in parts)


def _bare_byline(text: str) -> tuple[str, str | None] | None:
    """A byline standing alone near a post's time, unmarked: opened as one ("Door Redactie"),
    else a bare name."""
    return _byline(text) or ((text, None) if _is_bare_name(text) else None)


def post_author(tree: MarkupTree, container: int, anchor: int) -> tuple[str | None, str | None]:
    """The post's (byline, role): a marked-up author, else a name standing alone near the
    post's time (outside the text), searched from the time outwards to the whole post."""
    author, role, _ = _author_of(tree, container, anchor)
    return author, role


def _author_of(tree: MarkupTree, container: int, anchor: int) -> tuple[str | None, str | None, int]:
    """post_author's (byline, role) and the marked-up byline element it was read from (or -1)."""
    in_text = _in_text(tree, container)
    for byline in tree.within(tree.matching(_BYLINE_SELECTOR), container):
        if in_text[byline - container]:
            continue
        tree.visit(tree.end[byline] - byline)
        # A heading inside a byline's element (one that wraps the post) is the post's headline.
        in_heading = tree.between(byline, _HEADINGS)
        short = [
            i for i in range(byline, tree.end[byline])
            if tree.text_size[i] <= _MAX_NAME_TEXT and not in_heading[i - byline] and (i == byline or tree.tags[i] not in _HEADINGS)
        ]
        # Each element's own words: a name may sit beside its role's element ("Ruth Okafor<span>news reporter</span>").
        leaves = [clean(tree.text(i) if tree.childless[i] else tree.nodes[i].text(deep=False) or "") for i in short]
        # A leaf that is only the By-word or label ("By", "Autor:") opens the name after it.
        leaves = [t for t in leaves if t and len(t) <= _MAX_BYLINE_PART and not _BY_WORD.fullmatch(t + " ")]
        for at, leaf in enumerate(leaves):
            if found := byline_of(leaf):
                # A job line is a few words, never a sentence, a time or a date beside the name.
                role = found[1] or next((t for t in leaves[at + 1:] if _is_role_line(t)), None)
                return found[0], role, byline
    if anchor == container:
        anchor = next(iter(tree.of_tags(container, _TIME)), container)
    holds_block = tree.contains_tag(_BLOCKS)
    level, searched = anchor, -1
    while True:
        # The level's elements in document order; those inside the level below were
        # searched there already (and what fails there fails here: the test is the same).
        if searched < 0:
            spans = [range(level, tree.end[level])]
        else:
            spans = [range(level, searched), range(tree.end[searched], tree.end[level])]
        tree.visit(sum(len(span) for span in spans))
        for i in itertools.chain(*spans):
            if tree.tags[i] not in _NAME_HOLDERS or tree.tags[i] in _BLOCKS or holds_block[i] or in_text[i - container]:
                continue
            if tree.text_size[i] > _MAX_NAME_TEXT:
                continue
            if found := _bare_byline(clean(tree.text(i))):
                return found[0], found[1], -1
        if level == container or tree.parent[level] < 0:
            return None, None, -1
        level, searched = tree.parent[level], level


def _in_text(tree: MarkupTree, container: int) -> list[bool]:
    """For each element of the post (from the container): whether it is part of the post's prose."""
    end = tree.end[container]
    flags = [False] * (end - container)
    for i in range(container + 1, end):
        flags[i - container] = tree.tags[i] in _TEXT or flags[tree.parent[i] - container]
    return flags
