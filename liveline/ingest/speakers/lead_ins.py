"""Speech introduced rather than reported: colon lead-ins and the quotation runs after them,
headlines that quote the body, and a statement continuing into the next post.

Live blogs hand the floor to somebody with a colon: "From Jane Doe:", "Jane Doe, the
former minister:", "Doe signs off:", "The council has issued the following statement:".
What follows the colon is that person's, whether or not it keeps its quotation marks (a
blockquote loses them in a copy), until the blog speaks again. Pure text work: naming the
person is the attributor's business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from liveline.ingest.speakers.authorship import is_caption
from liveline.ingest.speakers.clauses import clause_tail
from liveline.ingest.speakers.cue_patterns import READ_CACHE_SIZE, VERB, mask_quotes
from liveline.ingest.speakers.registry import NOT_GIVEN, NOT_SURNAME, ROLE_WORDS, SURNAME_WORD, Person
from liveline.ingest.speakers.story import Attribution, Para, PostText

_QUOTE_OPENERS = "“\"‘'«"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"‘'])")
# A phrase fronting the clause ("In an update on X,", "Speaking this afternoon,"): the
# subject comes after it.
_FRONTED = re.compile(
    r"^(?:In|On|At|After|Before|Earlier|Later|Meanwhile|Speaking|Writing|Posting|Responding|Replying|"
    r"Asked|Following|Separately|Elsewhere|Today|Yesterday|Tonight)\b[^,]{0,90},\s*"
)
_LEADING_ADVERB = re.compile(r"^(?:Meanwhile|Earlier|Later|Now|Also|And|But|Separately|Finally)\s+")
# "From Jane Doe:", "A statement from the council:", "This is from Sky's Jane Doe:": words
# from somebody, not a movement ("The ferry sails from Portmaddy:").
_FROM = re.compile(
    r"(?:^|(?:\b(?i:is|are|was|were|statements?|reaction|responses?|more|words?|message|letter|tweets?|posts?|update|"
    r"comments?|quotes?|extract|text|thread|video|clip|news|reply|latest|lines?|evidence|this|that)|['’]s)\s+)"
    r"[Ff]rom\s+(?P<ref>[^\s,].*)$"
)
# "Here is Jane Doe's statement:", "This is the minister's reply:": the owner of the words.
_OWNER = re.compile(
    r"^(?:(?:and|but|so)\s+)?(?:(?:here|this|that|these|below)\s+(?:is|are|was|were|['’]s)\s+)?(?P<ref>.+?)['’]s?\s+"
    r"(?:(?:full|latest|own|first|new|opening|closing|written|short|long)\s+)*"
    r"(?:statement|tweet|post|response|reply|message|letter|words|comments|remarks|speech|verdict|take|view|thread|update)$",
    re.I,
)
# "This is what Jane Doe told reporters:": the subject of the clause after "what".
_WHAT = re.compile(r"^(?:(?:and|but|so)\s+)?(?:here|this|that)\s+(?:is|was|['’]s)\s+what\s+(?P<clause>.+)$", re.I)
# "Jane Doe on X:", "Doe in a statement:": where or how, not who.
_WHERE = re.compile(r"\s+(?:on|in|via|to|at)\s+\S.*$")
# Words that open a phrase that is no one: "Here is the agenda:", "To recap:", and the
# labels a blog puts before a line ("UPDATE:", "WATCH:", "Breaking:").
_NOBODY_FIRST = {
    "here", "there", "this", "that", "these", "those", "it", "its", "what", "which", "who", "how", "why",
    "where", "when", "to", "so", "and", "but", "or", "if", "as", "below", "above", "next", "we", "i", "you",
    "update", "updated", "watch", "live", "new", "breaking", "exclusive", "latest", "recap", "summary",
    "analysis", "comment", "verdict", "video", "pictures", "photos", "listen", "read", "key", "quote",
    "reminder", "note", "correction", "clarification", "background", "context", "timeline",
}
_AUXILIARIES = {
    "has", "have", "had", "is", "was", "were", "are", "will", "would", "can", "could", "may", "might",
    "must", "shall", "should", "did", "does", "do",
}
_ROLE_WORDS = set(ROLE_WORDS)
_ONE_NAME = re.compile(rf"^{SURNAME_WORD}$")


# A lone surname before a verb that is no reporting verb ("Doe signs off:") names somebody
# the story met nowhere else: the weakest way of naming a speaker.
LONE_SURNAME_CONFIDENCE = 0.5


@dataclass(frozen=True)
class LeadIn:
    """A paragraph handing the floor to somebody: who (a phrase to resolve), whether the
    speech follows in the next paragraphs (a bare colon ends it), and whether the phrase
    is a lone word before a verb ("Doe signs off"), the weakest way of naming someone."""

    subject: str
    bare: bool
    lone_word: bool


def _predicate_at(words: list[str]) -> int | None:
    """Where the verb phrase starts in "Jane Doe posted on X", "Doe signs off": the first
    lower-case word after the subject that reads as a verb (an auxiliary, a past form, or
    an -s form with something after it; "politics editor" is a role, not a verb)."""
    for at in range(1, len(words)):
        word = words[at]
        if not word.isalpha() or not word.islower():
            continue
        after = words[at + 1 :]
        if word in _AUXILIARIES or (len(word) > 3 and word.endswith("ed")) or VERB.fullmatch(word):
            return at
        if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")) and after:
            upto_name = [w for w in after[:3] if w.islower()]
            if not any(w.strip(",") in _ROLE_WORDS for w in upto_name):
                return at
    return None


# What a verb phrase handing somebody the floor speaks of: words put out, said or signed off.
_SPEECH = re.compile(
    r"\b(?:statement|tweet(?:ed|s)?|post(?:ed|s)?|message|letter|wr(?:ote|ites|itten)|says?|said|t(?:old|ells)|"
    r"signs?\s+off|signed\s+off|puts?\s+it|add(?:ed|s)|repl(?:ied|ies)|respond(?:ed|s)|conclud(?:ed|es)|"
    r"continu(?:ed|es)|comment(?:ed|s)?|remark(?:ed|s)?|explain(?:ed|s)|shared|released|issued|published|sent|"
    r"thread|words|response|reply|speech|video|reports?|reported)\b"
)


# A paragraph ending on its reporting verb with no punctuation at all ("At the summit, he
# said", "Doe added") hands the floor on as a colon does: copies of blockquotes lose the
# colon, while a sentence reporting speech ends on a full stop.
_VERB_AT_END = re.compile(r"\s(?:said|says|added|adds|continued|continues|went\s+on)$")
_VERB_AT_END_WORDS = ("said", "says", "added", "adds", "continued", "continues", "on")


# "Here is more from Doe on the repairs.": a pointer to her words that follow, however it
# is punctuated.
_MORE_FROM = re.compile(r"^(?:(?:And|So)\s+)?(?:Here|This)\s+(?:is|are|['’]s)\s+(?:some\s+)?more\s+from\s+[^.]+\.?$", re.I)


def _singular(verb: str) -> bool:
    return verb in {"has", "is", "was", "does"} or (verb.endswith("s") and not verb.endswith("ss"))


@lru_cache(maxsize=READ_CACHE_SIZE)  # pure, and a story repeats paragraphs (see explicit_cues)
def lead_in(text: str) -> LeadIn | None:
    """The lead-in of a paragraph that ends in a colon, or whose colon opens a quotation
    ("Doe, the former minister: “...”"); None for any other paragraph and for lead-ins
    that cannot name anyone ("To recap:", "Here is the agenda:", "UPDATE:"). A phrase
    returned may still name nobody the story knows ("Answers include"): the attributor decides."""
    masked = mask_quotes(text.strip())
    if ":" not in masked and not masked.endswith(_VERB_AT_END_WORDS) and not _MORE_FROM.match(masked):
        return None  # no colon and none to restore (most paragraphs): _VERB_AT_END ends on one of its words
    if _VERB_AT_END.search(masked) or _MORE_FROM.match(masked):
        masked = masked.rstrip(".") + ":"  # "He said", "Here is more from Doe." : the colon lost
    m = re.search(r":\s*(«Q»[\s.,]*)?$", masked)
    if m is None:
        return None
    bare = m.group(1) is None
    head = _SENTENCE_END.split(masked[: m.start()].strip())[-1]
    head = _FRONTED.sub("", _LEADING_ADVERB.sub("", head)).strip()
    if not head or len(head) > 200 or "«Q»" in head:
        return None
    subject, lone_word = head, False
    owner, from_, what = _OWNER.match(head), _FROM.search(head), _WHAT.match(head)
    if owner or from_:
        subject = (owner or from_).group("ref")  # type: ignore[union-attr]
        subject = _WHERE.sub("", subject) if from_ and "," not in subject else subject  # "from Doe on the repairs"
    else:
        head = what.group("clause") if what else head
        subject = head
        words = head.split()
        at = _predicate_at(words)
        if at is not None:
            if not _SPEECH.search(" ".join(words[at:])):
                return None  # "Doe has a busy week ahead:" introduces a list, not her words
            subject = " ".join(words[:at])
            # "Doe signs off", "Doe has posted": one word before a verb may be a surname;
            # "Officials released" is a plural, which a verb marked singular rules out.
            lone_word = at == 1 and (_singular(words[1]) or not words[0].endswith("s"))
        subject = _WHERE.sub("", subject) if "," not in subject else subject
        if at is None and clause_tail(subject.split(",")[0]) != subject.split(",")[0].strip():
            return None  # "Key dates for Jane Doe:": a phrase about her, not her name
    subject = subject.strip(" ,")
    first = subject.split()[0].lower().strip(",") if subject else ""
    if not first or first in _NOBODY_FIRST or not subject[:1].isalpha():
        return None
    return LeadIn(subject, bare, lone_word)


def could_be_surname(word: str) -> bool:
    """Whether a lone capitalised word can be somebody's surname ("Doe", "McGregor"), not
    a capitalised common word, a place word or an office."""
    return bool(_ONE_NAME.match(word)) and word.lower() not in NOT_GIVEN and word.lower() not in NOT_SURNAME


# The blog speaking as itself, which ends any quotation: pointers to what is shown, its
# own coverage, hand-overs ("Here is the scene...", "That's all from me", "our live
# coverage", "you can read more").
BLOG_VOICE = re.compile(
    r"\b(?:[Hh]ere\s+(?:is|are|was|were|'s|’s)|[Hh]ere['’]s|live\s+(?:coverage|blog)|this\s+blog|from\s+(?:me|us)\b|"
    r"taking\s+over|joining\s+us|bring\s+you|more\s+(?:shortly|soon|to\s+follow)|you\s+can\s+(?:read|watch|see|follow)|"
    r"as\s+we\s+reported|our\s+(?:reporter|correspondent|colleague)s?)\b"
)


# Narration about somebody: a paragraph opening "He/She/They ..." speaks of them.
_THIRD_PERSON_START = re.compile(r"(?:He|She|They|His|Her|Their)\b")
# A speaker's own voice, which narration lacks: "I", "we", "you", what ought to be done
# ("should", "must") and the words of talk ("Frankly", "Look,"). Case matters: "US" is a country.
_SPEAKER_VOICE = re.compile(
    r"\b(?:I|[Mm]e|[Mm]y|[Ww]e|us|[Oo]ur|[Yy]ou|[Yy]our|[Ss]hould|[Mm]ust|[Oo]ught|[Cc]annot|[Cc]an['’]t)\b"
    r"|^(?:Frankly|Honestly|Quite\s+simply|Look,|Of\s+course)\b"
)


# Paragraphs of a quotation in no voice of their own ("It is a matter for the courts.") that
# a run may pass over, to give them to its speaker if her voice comes back after them: one
# or two plain sentences inside a blockquote are common, a longer stretch is the blog's.
MAX_QUIET_PARAGRAPHS = 2


@dataclass
class QuotationRun:
    """The paragraphs after "Doe said:", which are hers whether or not they keep their
    quotation marks (a blockquote loses them in a copy), until the blog speaks again.

    The first paragraph after the colon is the quotation. A later one without quotation
    marks stays hers only in a speaker's voice (first or second person, "should"), since
    narration is written in the third person; and never once the blog speaks as itself
    (a pointer, its own coverage), a caption credits a picture or a paragraph opens on
    "He"/"She" (narration about the speaker). A plain paragraph between two in her voice
    (`quiet`) is hers too: one quotation does not stop and start again mid-blockquote.
    In her first person, with no quotation marks of its own, a paragraph is hers even when
    it names others: in her words they are cited ("I expect the council will agree"), not
    speaking."""

    speakers: list[Attribution]
    paragraphs: int = 0
    quiet: list[int] = field(default_factory=list)

    def goes_on(self, text: str) -> bool:
        if self._broken(text):
            return False
        return self.paragraphs == 0 or opens_with_quote(text) or bool(_SPEAKER_VOICE.search(mask_quotes(text)))

    def in_first_person(self, text: str) -> bool:
        """A paragraph of hers even over a cue: unquoted, in the first person, the run unbroken."""
        return (self.paragraphs > 0 and mask_quotes(text) == text and not self._broken(text)
                and bool(_FIRST_PERSON_WORD.search(text)))

    def may_pass(self, text: str) -> bool:
        """Whether a paragraph in no voice may still be inside the quotation (see `quiet`)."""
        return (self.paragraphs > 0 and len(self.quiet) < MAX_QUIET_PARAGRAPHS and mask_quotes(text) == text
                and not self._broken(text))

    def _broken(self, text: str) -> bool:
        return bool(BLOG_VOICE.search(mask_quotes(text)) or is_caption(text) or _THIRD_PERSON_START.match(text.lstrip()))

    def said(self) -> list[Attribution]:
        self.paragraphs += 1
        return self.speakers


def opens_with_quote(text: str) -> bool:
    return text.lstrip()[:1] in _QUOTE_OPENERS


def leaves_curly_quote_open(text: str) -> bool:
    """A paragraph opening a curly quotation it does not close (straight marks cannot tell)."""
    return text.count("“") > text.count("”")


def leaves_quote_open(text: str) -> bool:
    """A paragraph whose speech goes on past it: a lead-in colon at its end, or a quotation
    it opens and does not close (news prose closes a quote only in its last paragraph)."""
    stripped = text.rstrip()
    if stripped.endswith(":"):
        return True
    return stripped.count("“") > stripped.count("”")


# Quotation headlines -----------------------------------------------------------------------
_WHOLE_QUOTE = re.compile(r"^\s*[“\"‘'](?P<words>[^“”\"]{3,})[”\"’']\s*[.!?]?\s*$")
# Quoted words: curly or straight double quotes, curly single quotes, and straight single
# quotes that no letter touches from outside (an apostrophe does: "Doe's").
_QUOTED = re.compile(r"“([^”]*)”?|\"([^\"]*)\"?|‘([^’]{2,})’|(?<!\w)'([^']{2,}?)'(?!\w)")
_WORD = re.compile(r"[a-z][a-z'’-]{3,}")
_COMMON = {"that", "this", "with", "have", "been", "were", "will", "from", "they", "their", "there", "what", "when", "which", "would"}
# A headline's quotation matched to the body by shared words: likely, not certain.
QUOTATION_HEADLINE_CONFIDENCE = 0.75
# A headline quoting the body shares several of its words with the quote it is cut from;
# one shared word ("deplorable") is as likely a paraphrase's echo.
MIN_SHARED_WORDS = 2
# A quotation inside a headline ("Judge: ministers 'failed to act'") is somebody's when the
# body quotes them in those very words; a phrase this short ("'throwing stones'") is as
# often the headline's scare quotes around an ordinary phrase.
MIN_QUOTED_PHRASE_WORDS = 3


def _words(text: str) -> set[str]:
    return {w.strip("'’-") for w in _WORD.findall(text.lower())} - _COMMON


def _fold(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower().replace("’", "'")))


def _quotations(text: str) -> list[str]:
    return [next(g for g in m.groups() if g is not None) for m in _QUOTED.finditer(text)]


def quoted_text(text: str, attributions: list[Attribution]) -> str:
    """What a paragraph quotes its speakers as saying: inside quotation marks, or all of it
    when the paragraph is itself a bare quotation carried on from its speaker."""
    found = _quotations(text)
    if found:
        return " … ".join(found)
    return text if any(a.how == "continuation" for a in attributions) else ""


def _body_quotes(body: list[tuple[str, list[Attribution]]]) -> dict[int, tuple[Person, str]]:
    """Each body speaker (journalists aside) with all the words the post quotes them saying."""
    quotes: dict[int, tuple[Person, str]] = {}
    for text, attributions in body:
        quoted = quoted_text(text, attributions)
        for attribution in attributions if quoted else ():
            if attribution.person.kind != "journalist":
                person, before = quotes.get(attribution.person.key, (attribution.person, ""))
                quotes[attribution.person.key] = (person, f"{before} … {quoted}")
    return quotes


def headline_speaker(headline: str, body: list[tuple[str, list[Attribution]]]) -> Person | None:
    """Who a headline quotes. Wholly a quotation ('Our streets will be safe'): the body
    speaker whose quoted words it shares most words with (a clear winner), else the post's
    only quoted speaker. A quotation inside it: the speaker the body quotes in those words."""
    quotes = _body_quotes(body)
    whole = _WHOLE_QUOTE.match(headline)
    if whole is None:
        phrases = [_fold(q) for q in _quotations(headline) if len(_fold(q).split()) >= MIN_QUOTED_PHRASE_WORDS]
        saying = [person for person, said in quotes.values() if any(phrase in _fold(said) for phrase in phrases)]
        return saying[0] if len(saying) == 1 else None
    words = _words(whole.group("words"))
    ranked = sorted(((len(words & _words(said)), person) for person, said in quotes.values()), key=lambda item: -item[0])
    if ranked and ranked[0][0] >= MIN_SHARED_WORDS and (len(ranked) == 1 or ranked[1][0] < ranked[0][0]):
        return ranked[0][1]
    return ranked[0][1] if len(ranked) == 1 else None


# A headline naming its speaker before a colon: "Doe: 'We will not be cowed'", "Minister:
# we got it wrong". What follows must be speech (quoted, or in the first person), since
# the same layout names a place or a topic ("Portmaddy: ferry strike ends").
_HEADLINE_LABEL = re.compile(r"^(?P<ref>[^:“\"‘']{2,60}?):\s+(?P<rest>\S.*)$")
_FIRST_PERSON_WORD = re.compile(r"\b(?:I|I['’](?:m|ve|ll|d)|[Mm]e|[Mm]y|[Ww]e|[Ww]e['’](?:re|ve|ll|d)|us|[Oo]ur)\b")


# Other places a headline names its speaker: after the words, "..., says Doe", "... - says
# the council", or a dash and a name or role alone ("No need for the army – minister"); and
# before a verb of putting words out, "Valley Police issue update", "Council reiterates
# calls for calm". Each is only a candidate: the attributor keeps it when the post's body
# has that person speaking, since the same shapes end on a place or a label ("– live").
_HEADLINE_SAYS = re.compile(r"(?:,[’'”\"]?|[’'”\"]|\s[-–—])\s*(?:says|said)\s+(?P<ref>[^,.:;!?“\"‘']{2,60}?)\s*[.!?]?$")
_HEADLINE_DASH = re.compile(r"\s[-–—]\s+(?P<ref>[^-–—:,.“\"‘'’”]{2,60}?)\s*$")
_HEADLINE_ISSUES = re.compile(
    r"^(?P<ref>(?:[A-Z][\w’'&.-]*\s+){1,5}?)(?:issues?|issued|reiterates?|reiterated|repeats?|renews?|releases?)\s+\w"
)


def headline_label(headline: str) -> str | None:
    """The speaker a headline names, as written: before a colon ("Doe: ..."), after the words
    ("..., says Doe", "... – Doe"), or as the subject of "issues"/"reiterates"; None for
    other headlines. Who it names is the attributor's to check against the body."""
    text = headline.strip()
    m = _HEADLINE_LABEL.match(text) or _HEADLINE_SAYS.search(text) or _HEADLINE_DASH.search(text) or _HEADLINE_ISSUES.match(text)
    if m is None:
        return None
    ref = m.group("ref").strip()
    return None if not ref or ref.split()[0].lower() in _NOBODY_FIRST else ref


def quotation_headlines(post: PostText, results: dict[int, list[Attribution]]) -> None:
    """A headline quoting a body speaker is that speaker's words."""
    body = [(p.text, results.get(p.key, [])) for p in post.paragraphs if p.part == "body"]
    for para in post.paragraphs:
        if para.part == "headline" and not results.get(para.key) and _QUOTED.search(para.text):
            person = headline_speaker(para.text, body)
            if person is not None:
                results[para.key] = [Attribution(person, "quote", QUOTATION_HEADLINE_CONFIDENCE)]


# A statement continuing across posts ------------------------------------------------------
# A post may end on "Doe said:" or inside an unclosed quotation and the next post take up
# her words with a bare quotation. Posts are read in page order, which is newest first on
# most live blogs, so the post continued may sit above or below: either neighbour counts,
# and neither when both could. Only a quotation left open carries over: a closed one ends
# its speaker's turn, and a new post's bare quote may be anybody's.
CARRIED_CONFIDENCE = 0.5


def _left_open(post: PostText, results: dict[int, list[Attribution]]) -> list[Attribution]:
    body = [p for p in post.paragraphs if p.part == "body" and p.duplicate_of is None]
    if not body or not leaves_quote_open(body[-1].text):
        return []
    return [a for a in results.get(body[-1].key, []) if a.person.kind != "journalist"]


def _opening_quotation(post: PostText, results: dict[int, list[Attribution]]) -> list[Para]:
    """The bare quotation paragraphs a post opens with, none given a speaker yet; none when
    the post has its own headline (a new item, not a continuation)."""
    if any(p.part == "headline" for p in post.paragraphs):
        return []
    opening: list[Para] = []
    for para in post.paragraphs:
        if not opens_with_quote(para.text) or results.get(para.key):
            break
        opening.append(para)
    return opening


def carry_across_posts(posts: list[PostText], results: dict[int, list[Attribution]]) -> None:
    """Give a post's opening bare quotation to the speaker its neighbour left open."""
    for first, second in zip(posts, posts[1:], strict=False):
        forward = (_left_open(first, results), _opening_quotation(second, results))
        backward = (_left_open(second, results), _opening_quotation(first, results))
        ready = [(speakers, paras) for speakers, paras in (forward, backward) if speakers and paras]
        if len(ready) != 1:
            continue
        speakers, paras = ready[0]
        carried = [Attribution(a.person, "continuation", CARRIED_CONFIDENCE) for a in speakers]
        for para in paras:
            results[para.key] = carried
