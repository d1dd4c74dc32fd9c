"""Who each paragraph reports: speaker attribution from how news prose attributes speech.

Per paragraph, in order of strength:
- an explicit cue outside quotation marks: "<someone> says/told MPs/asks...", ", she
  says", "said the minister", "We're now hearing from <someone>", "calls from <A>, <B>";
  <someone> is a name, title + surname, surname, role phrase, organisation or pronoun;
- a bare quotation, or a quote with no verb, continuing the previous paragraph's speaker;
- reported plans ("The government will...") continuing the previous paragraph's speaker;
- a journalist's own analysis under their byline;
- otherwise plain narration: nobody.
Pronouns go to the nearest compatible person earlier in the sentence, else the most
recent compatible speaker in the post.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from dataclasses import dataclass, field

from ingest.wordtrie import trie_pattern
from ingest.people import (
    FULL_NAME,
    NOT_GIVEN,
    NOT_SURNAME,
    POSTNOMINAL,
    RANKS,
    ROLE_NOUNS,
    ROLE_WORDS,
    SURNAME_WORD,
    TITLES,
    Person,
    Registry,
    fold,
    looks_like_person,
    role_key,
    split_title,
)

_TITLE = r"(?:Mr|Mrs|Ms|Miss|Sir|Dame|Lady|Lord|Baroness|Baron|Dr|Prof|Professor|Rev|Cllr)\.?"
# A full name at the end of a phrase; a middle part may only be initials ("Andrew RT Davies").
_NAME_END = re.compile(rf"(?:^|(?<=\s))(?:(?P<title>{_TITLE})\s+)?(?P<name>[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?:\s+[A-Z]{{1,2}}\.?)?\s+{SURNAME_WORD})(?:['’]s?)?$")
_TITLED_END = re.compile(rf"(?:^|(?<=\s))(?P<title>{_TITLE})\s+(?P<sur>{SURNAME_WORD})(?:['’]s?)?$")
_ONE_WORD = re.compile(rf"^(?P<sur>{SURNAME_WORD}|[A-Z]{{2,6}})(?:['’]s?)?$")
_ROLE_END = re.compile(rf"(?i:\b(?:{ROLE_NOUNS}))(?:\s+for\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){{0,3}})?$")
_PRONOUN_END = re.compile(r"(?:^|\s)(?P<p>she|he|they)$", re.I)
_FIRST_PERSON = re.compile(r"^(?:we|we'?re|we'?ll|we'?ve|i|i'?m|i'?ll|you|let'?s)\b", re.I)

# Verbs that report what somebody said, claimed or did in the proceedings; "|" joins the
# words of a phrase ("calls|for").
REPORTING_VERBS = [
    phrase.replace("|", " ")
    for phrase in """
says said say tells told asks asked adds added responds responded replies replied calls|for called|for
calls|on called|on urges urged claims claimed warns warned insists insisted confirms confirmed
announces announced argues argued explains explained welcomes welcomed accuses accused reiterates
reiterated repeats repeated criticises criticised criticizes criticized condemns condemned challenges
challenged pledges pledged promises promised praises praised admits admitted stresses stressed
suggests suggested describes described defends defended questions questioned rejects rejected
dismisses dismissed writes wrote written sent agreed agrees revealed reveals disclosed discloses
unveils unveiled outlines outlined sets|out set|out proposes proposed backs backed opposes opposed
wants believes believed thinks hopes vows vowed demands demanded denies denied acknowledges
acknowledged apologises apologised highlights highlighted notes noted points|out pointed|out concedes
conceded ordered orders goes|on went|on continues continued begins began finishes finished concludes
concluded stood|up stands|up hits|back hit|back interjects interrupts interrupted speaks spoke tabled
tables recalls recalled answered answers will|not|announce will|announce is|speaking is|now|speaking
is|taking|questions is|now|taking|questions is|answering is|now|answering
""".split()
]
_VERB = re.compile(rf"\b{trie_pattern(REPORTING_VERBS)}\b")
_INVERTED = re.compile(
    r"(?:^|[,;:»]\s*)(?:says|said|adds|added|asks|asked|replied|replies|continued|continues|insisted|insists)\s+"
    r"(?P<ref>(?:the\s+|a\s+)?[A-Za-z][\w'’-]*(?:\s+[A-Za-z][\w'’-]*){0,5}?)\s*(?=[.,;:]|$)"
)
_FROM = re.compile(
    r"\b(?:(?:now\s+)?hearing\s+from|heard\s+from|question\s+(?:from|by)|according\s+to)\s+"
    r"(?P<ref>(?:the\s+|The\s+)?[A-Za-z][\w'’-]*(?:\s+[A-Za-z][\w'’-]*){0,6}?)\s*(?=[.,;:?!»]|\s+(?:now|who|about|on|at|in|and)\b|$)"
)
# "She was threatened with legal action by Jane Doe": the agent of a passive speech act.
_PASSIVE_BY = re.compile(
    r"\b(?:was|were|been|being|is|are)\s+(?:threatened|criticised|criticized|accused|urged|warned|challenged|"
    r"condemned|praised|attacked|questioned|pressed|lobbied|sued)\b[^.;:«»,]{0,40}?\s+by\s+"
    rf"(?P<ref>(?:the\s+)?(?:{_TITLE}\s+)?[A-Z][\w'’-]*(?:\s+(?:of\s+|for\s+)?[A-Z][\w'’-]*){{0,5}})"
)
_CALLS_FROM = re.compile(r"\bcalls?\s+(?:for\s+[^.;:»,]{1,80}?\s+)?(?:from|by)\s+(?P<list>[^.;:»]{3,160})")
# Words that end the phrase before a verb: what stands left of them is another clause.
_BOUNDARY_WORDS = {
    "and", "but", "or", "as", "that", "while", "after", "before", "when", "because", "if", "though",
    "although", "so", "where", "whether", "which", "who", "whom", "then", "yet", "with", "for", "to",
    "by", "from", "-", "–", "—",
}
_CLAUSE_PUNCTUATION = set('.;:?!,()[]«»"“”')
# Words between a subject and its verb: "Doe has also just said", "Doe previously called".
_FILLER_WORDS = {
    "has", "have", "had", "is", "are", "was", "were", "will", "would", "did", "does", "do", "also",
    "then", "later", "again", "further", "now", "just", "previously", "earlier", "today",
    "yesterday", "once", "not", "never", "already", "still",
}


def _strip_filler(left: str) -> str:
    left = left.rstrip()
    while left:
        cut = left.rfind(" ")
        word = left[cut + 1 :]
        if word in _FILLER_WORDS or (len(word) > 4 and word.endswith("ly") and word.isalpha() and word.islower()):
            left = left[:cut].rstrip() if cut >= 0 else ""
        else:
            break
    return left


_WH_WORDS = {"what", "whatever", "how"}
_RELATIVE_WHO = re.compile(r",\s+who$")
_PREPOSITIONS = {"to", "with", "for", "by", "from"}
_PARENTHESIS_END = re.compile(r"\s*\([^()]{1,60}\)$")  # "Jane Doe (Rochdale) said"
_UNCLOSED_APPOSITION = re.compile(
    rf"(?:^|(?<=\s))(?P<name>{FULL_NAME}|{SURNAME_WORD}),\s+(?P<role>(?:the|a|an)\s+[^,;:«»()]{{2,80}})$"
)
_FRONTED = re.compile(r"\s*(?:Responding|Replying|Reacting|Speaking|Turning|Talking|Writing)\s+(?:to|about|on|after)\b[^,.;:]{0,160},")


def _embedded(left: str) -> bool:
    """Whether the verb's clause is an object ("condemn what Doe said"), not a report."""
    left = _strip_filler(left)
    tail = _tail(left)
    words = [*left[: len(left) - len(tail)].split()[-1:], *tail.split()[:1]]
    return bool(tail) and any(word.lower() in _WH_WORDS for word in words)


_BE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are|be)\s+(?:[a-z]+ly\s+)?$")
_PARTICIPLES = {"told", "said", "written", "sent", "set out"}


def _is_passive(masked: str, verb: re.Match) -> bool:
    """"The minister was criticised (by...)": the subject is the one spoken of, not the speaker."""
    word = verb.group()
    return (word.endswith("ed") or word in _PARTICIPLES) and bool(_BE_BEFORE.search(masked, 0, verb.start()))


# "Avon and Somerset Police", "Devon and Cornwall Police": one body named after two places.
_PLACE_BODIES = {"police", "constabulary", "council", "councils", "trust", "fire", "service", "authority", "board"}
_PLACES_AND = re.compile(r"(?:^|(?<=\s))(?P<places>[A-Z][\w'’-]+)\s+and\s+$")


def _subject_tail(left: str) -> str:
    """The verb's subject phrase: _tail, widened over "X and" when it names a place's body."""
    tail = _tail(left)
    words = tail.split()
    if words and words[0][:1].isupper() and words[-1].lower() in _PLACE_BODIES:
        m = _PLACES_AND.search(left, 0, len(left) - len(tail))
        if m:
            return left[m.start("places") :]
    return tail


def _tail(left: str) -> str:
    """The words after the last clause boundary: the phrase that can be a verb's subject."""
    words: list[str] = []
    for word in reversed(left[-200:].split()):
        if word.lower() in _BOUNDARY_WORDS:
            break
        if _CLAUSE_PUNCTUATION.intersection(word):
            # Punctuation ending this word closes the clause before it; opening ones start it.
            head = re.split(r"[.;:?!,()\[\]«»\"“”]", word)[-1]
            if head:
                words.append(head)
            break
        words.append(word)
    return " ".join(reversed(words))


_HEADLINE_ON = re.compile(rf"^(?:[A-Z][a-z]+:\s+)?(?P<ref>(?:{_TITLE}\s+)?(?:{FULL_NAME}|{SURNAME_WORD}))\s+on\s+\S")
_MODAL = re.compile(r"\b(?:will|would|won'?t|is\s+going\s+to|are\s+going\s+to|'s\s+going\s+to|plans?\s+to|is\s+set\s+to|are\s+set\s+to|is\s+to|are\s+to)\b", re.I)
_QUOTE_PAIRS = re.compile(r"“[^”]*(?:”|$)|\"[^\"]*(?:\"|$)|‘[^’]{2,}?’(?=[\s.,;:!?)]|$)")

# How sure each way of knowing is.
CONFIDENCE = {"quote": 0.95, "paraphrase": 0.9, "pronoun": 0.8, "continuation": 0.65, "byline": 0.7}
# News prose often introduces someone by description before naming them: "...threatened
# with legal action by a former police detective who set up a charity." and the next
# paragraph opens "Jane Doe - who resigned in 2012 - has sent...". The description is
# that person (cataphora); weaker evidence than a cue, so a lower confidence.
_INDEFINITE_AGENT = re.compile(r"\bby\s+(?P<desc>an?\s+[a-z][^.;:!?“”\"()«»]{8,160}?)\s*(?:[.;:!?]|$)")
_OPENING_NAME = re.compile(rf"^(?:{_TITLE}\s+)?(?P<name>{FULL_NAME})(?=\s+(?:-|–|—|,|who\b|has\b|had\b|is\b|was\b))")
CATAPHORA_CONFIDENCE = 0.6


@dataclass
class Attribution:
    person: Person
    how: str
    confidence: float


@dataclass
class Para:
    """What attribution needs of one paragraph."""

    key: int
    text: str
    part: str = "body"
    duplicate_of: int | None = None


@dataclass
class PostText:
    author: str | None
    author_role: str | None
    paragraphs: list[Para] = field(default_factory=list)


def _split_apposition(left: str) -> tuple[str, str | None]:
    """("Jane Doe", "the health secretary") for "Jane Doe, the health secretary,"; else (left, None)."""
    if left.endswith(","):
        before = left.rfind(",", 0, len(left) - 1)
        if before >= 0 and len(left) - before <= 142 and "«" not in left[before:]:
            return left[:before].rstrip(), left[before + 1 : -1].strip()
    elif left.endswith(("-", "–", "—")) and left[-2:-1] == " ":
        for dash in ("-", "–", "—"):
            before = left.rfind(f" {dash} ", 0, len(left) - 2)
            if before >= 0 and len(left) - before <= 164:
                return left[:before].rstrip(), left[before + 3 : -2].strip()
    return left, None


def mask_quotes(text: str) -> str:
    """Quoted speech replaced by «Q», so words inside quotes never read as cues."""
    return _QUOTE_PAIRS.sub("«Q»", text)


# Words that open a clause; a capitalised phrase starting with one is no organisation's name.
_FUNCTION_WORDS = {
    "a", "an", "and", "but", "in", "on", "at", "as", "if", "so", "it", "this", "that", "these", "those",
    "there", "then", "when", "while", "after", "before", "since", "yet", "also", "just", "we", "i",
    "you", "he", "she", "they", "his", "her", "our", "their", "my", "its", "asked", "speaking",
    "responding", "following", "despite", "meanwhile", "earlier", "later", "today", "yesterday",
    "according", "with", "without", "from", "for", "by", "of", "to", "no", "not", "why", "how",
    "what", "who", "where", "which", "watch", "only", "all", "some", "many", "more", "most",
}
_ROLE_STOP = {
    "with", "from", "by", "to", "the", "a", "an", "as", "and", "in", "on", "at", "that", "after",
    "before", "following", "responding", "response", "of", "watch", "yet", "now", "but", "when",
    "while", "we", "they", "he", "she", "it", "i", "you", "our", "their", "his", "her", "its",
    "include", "includes", "including", "is", "are", "was", "were", "be", "been", "has", "have",
    "had", "will", "would", "wait", "waiting", "writes", "join", "joined", "also", "than", "like",
}


def _clean_role(words: str) -> str | None:
    """The role part of "...with child protection expert" -> "child protection expert"."""
    kept: list[str] = []
    for word in reversed(words.split()):
        bare = word.lower().strip(",")
        if bare in _ROLE_STOP or word.endswith((",", ":", ".", "!", "?", "”", '"')) or _VERB.fullmatch(bare):
            break  # a role never reaches back over a clause or a sentence
        kept.append(word)
    role = " ".join(reversed(kept)).strip()
    return role or None


# Learning people from the whole story before attributing ------------------------------

# A run of capitalised words; a person's name is its last two words (three with initials).
_CAPITAL_RUN = re.compile(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*")
_ROLE_WORD_SET = set(ROLE_WORDS)
_PEERS = {"baroness", "baron", "lord", "lady", "dame", "sir"}
_ROLE_SEARCH = re.compile(rf"(?i)\b{ROLE_NOUNS}\b")
_ROLE_PHRASE = re.compile(rf"\b[Tt]he\s+(?:[a-z]+\s+){{0,3}}(?i:{ROLE_NOUNS})\b")
_AFTER_NAME_ROLE = re.compile(r",\s+(?P<role>(?:the|a|an|[A-Z][\w'’]*['’]s)\s+[^,.;:“”\"()]{2,90}?|[A-Z][^,.;:“”\"()]{2,90}?)(?=,|\s+(?:said|says|told|has|had|who|is|was)\b|\.)")
_GENDER_AFTER = re.compile(r"\s+(?:says|said|adds|added|told\s+\w+|tells\s+\w+|believes|thinks|insists|insisted)\s+(?:that\s+)?(?P<p>she|he)\b")


@lru_cache(maxsize=1 << 16)
def _name_in_run(run: str) -> tuple[str, str, str | None] | None:
    """(name, words before it in the run, title) for the person a capitalised run ends with."""
    words = POSTNOMINAL.sub("", run).split()
    words = [w[:-2] if w.endswith(("'s", "’s")) else w for w in words]
    if len(words) >= 2 and words[-2].lower().rstrip(".") in _PEERS and words[-1].lower() not in NOT_SURNAME:
        return " ".join(words[-2:]), " ".join(words[:-2]), words[-2]  # "Baroness Newlove"
    size = 3 if len(words) >= 3 and re.fullmatch(r"[A-Z]{1,2}\.?", words[-2]) else 2
    if len(words) < size:
        return None
    name = " ".join(words[-size:])
    if not looks_like_person(name):
        return None
    prefix = words[:-size]
    title = prefix[-1] if prefix and prefix[-1].lower().rstrip(".") in TITLES else None
    return name, " ".join(prefix[:-1] if title else prefix), title


def _role_before(text: str, start: int, in_run: str) -> str | None:
    """The role written just before a name: "shadow home secretary", "Labour MP for Anytown,"."""
    words = (text[max(0, start - 90) : start] + in_run).replace(",", " , ").split()
    if words and words[-1] == ",":
        words.pop()
    # "<role> for <Place>": step back over the place.
    place: list[str] = []
    if "for" in words[-5:]:
        at = len(words) - 1 - words[::-1].index("for")
        if at > 0 and all(w[:1].isupper() for w in words[at + 1 :]):
            place = words[at:]
            words = words[:at]
    if not words or words[-1].lower() not in _ROLE_WORD_SET:
        return None
    role = _clean_role(" ".join(words[-6:]))
    return f"{role} {' '.join(place)}" if role and place else role


def learn(registry: Registry, posts: Iterable[PostText]) -> None:
    """Introduce the story's people to the registry: bylines, then role/title + name and name + role."""
    texts = []
    posts_seen = []
    for post in posts:
        posts_seen.append(post)
        if post.author:
            registry.learn_person(post.author, post.author_role, kind="journalist")
        texts.extend(p.text for p in post.paragraphs if p.duplicate_of is None)
    later: list[tuple[str, str | None, str | None]] = []  # (name, title, pronoun after it)
    for text in texts:
        for run in _CAPITAL_RUN.finditer(text):
            found = _name_in_run(run.group())
            if found is None:
                if " " not in run.group() and not run.group().isupper():
                    gendered = _GENDER_AFTER.match(text, run.end())
                    if gendered:
                        later.append((run.group(), None, gendered.group("p")))
                continue
            name, prefix, title = found
            role = _role_before(text, run.start(), prefix)
            after = _AFTER_NAME_ROLE.match(text, run.end())
            if role is None and after and _ROLE_SEARCH.search(after.group("role")):
                role = after.group("role")
            if role or title:
                registry.learn_person(f"{title} {name}" if title else name, role)
            else:
                registry.saw_name(name)
            gendered = _GENDER_AFTER.match(text, run.end())
            later.append((name, title, gendered.group("p") if gendered else None))
    _learn_cataphora(registry, posts_seen)
    # Titles and "X said she..." vote on gender once everybody is known.
    for name, title, pronoun in later:
        bare = split_title(name)[1]
        person = registry.find_full(bare) if " " in bare else registry.find_surname(bare)
        if person is None:
            continue
        if title:
            person.vote(TITLES.get(title.lower().rstrip(".")))
        if pronoun:
            person.vote("f" if pronoun.lower() == "she" else "m")


def _learn_cataphora(registry: Registry, posts: list[PostText]) -> None:
    """A description ending a paragraph, named by the next one: alias the description."""
    for post in posts:
        body = [p for p in post.paragraphs if p.duplicate_of is None and p.part == "body"]
        for para, following in zip(body, body[1:]):
            described = _INDEFINITE_AGENT.search(mask_quotes(para.text))
            named = _OPENING_NAME.match(following.text)
            if described and named and looks_like_person(named.group("name")):
                person = registry.find_full(named.group("name")) or registry.learn_person(named.group("name"))
                registry.alias(person, described.group("desc"))


# Attributing ----------------------------------------------------------------------------

@lru_cache(maxsize=1 << 15)
def _shape(ref: str) -> tuple:
    """What kind of reference a subject phrase is, with its parts; pure, so cached."""
    ref = " ".join(ref.split()).strip(" ,")
    bare_name = POSTNOMINAL.sub("", ref)
    if bare_name != ref and _NAME_END.search(bare_name):
        ref = bare_name  # "Jane Doe KC" is Jane Doe; "The MP" stays a role
    if not ref:
        return ("none",)
    words = ref.split()
    if len(words) > 9:
        ref = " ".join(words[-9:])
    if _PRONOUN_END.fullmatch(ref):
        return ("pronoun",)
    if _FIRST_PERSON.match(ref):
        return ("none",)
    m = _NAME_END.search(ref)
    before = ref[: m.start()].strip() if m else ""
    # "MP for Leicester South": a place after a preposition is not a person.
    if m and looks_like_person(m.group("name")) and not re.search(r"\b(?:for|of|in|from|at|to|near)$", before):
        role = _clean_role(before) if before and _ROLE_END.search(before) else None
        return ("name", m.group("name"), m.group("title"), role, f"{role} {m.group(0)}" if role else m.group(0))
    m = _TITLED_END.search(ref)
    if m:
        return ("titled", m.group("title"), m.group("sur"), m.group(0))
    bare = re.sub(r"^(?:the|The)\s+", "", ref)
    if bare == "PM":
        return ("role", "the prime minister")
    ranked = bare.split()
    if len(ranked) >= 2 and _ONE_WORD.match(ranked[-1]) and all(w.lower() in RANKS for w in ranked[:-1]):
        return ("one", ranked[-1].rstrip("'’s"), ref)  # "Chief Constable Sims": a rank, then a surname
    if _ROLE_END.fullmatch(bare) or (bare != ref and _ROLE_END.search(bare)):
        return ("role", ref)  # "The MP", "the minister"
    m = _ONE_WORD.match(bare)
    if m:
        return ("one", m.group("sur"), ref)
    if _ROLE_END.search(ref):
        return ("role", ref)
    org_words = bare.split()
    connectors = {"of", "for", "and", "the", "&", "on", "in"}
    is_org = (
        len(org_words) >= 2
        and org_words[0].lower() not in _FUNCTION_WORDS
        and all(w[0].isupper() or w[0].isdigit() or w in connectors for w in org_words)
        and org_words[-1][0].isupper()
    )
    return ("other", ref, bare if is_org else None)


class _Context:
    """What a pronoun or a bare quotation can refer back to."""

    def __init__(self, source_people: set[int]) -> None:
        self.source_people = source_people
        self.post_speakers: list[Person] = []
        self.previous: list[Attribution] = []
        self.previous_in_file: list[Attribution] = []
        self.text = ""  # the paragraph being read (quotes masked)


def _compatible(person: Person, pronoun: str) -> bool:
    pronoun = pronoun.lower()
    if person.kind == "organisation":
        return pronoun == "they"
    if pronoun == "she":
        return person.gender != "m"
    if pronoun == "he":
        return person.gender != "f"
    return True


class Attributor:
    def __init__(self, registry: Registry) -> None:
        self.registry = registry

    # A reference (the words before a reporting verb) -> a person --------------------------
    def resolve(self, ref: str, ctx: _Context, allow_single_org: bool = False) -> tuple[Person | None, bool]:
        """(person, is_pronoun) for a subject phrase; (None, False) when it is nobody we can name."""
        shape = _shape(ref)
        kind = shape[0]
        registry = self.registry
        if kind == "pronoun":
            return None, True  # resolved by the caller, which knows the sentence
        if kind == "name":
            _, name, title, role, alias = shape
            person = registry.find_full(name)
            if person is None:
                person = registry.learn_person(f"{title} {name}" if title else name, role)
            else:
                registry.set_role(person, role)
            registry.alias(person, alias)
            return person, False
        if kind == "titled":
            _, title, surname, alias = shape
            person = registry.find_surname(surname, ctx.source_people)
            if person is None:
                person = registry.learn_person(f"{title} {surname}")
            registry.alias(person, alias)
            return person, False
        if kind == "role":
            return self._resolve_role(shape[1], ctx), False
        if kind == "one":
            return self._one_word(shape[1], shape[2], ctx, allow_single_org), False
        if kind == "other":
            found = registry.find_alias(ref if re.match(r"(?i)an? ", ref) else shape[1])
            if found:
                return found, False
            if shape[2]:
                return registry.learn_organisation(shape[2]), False
        return None, False

    def _one_word(self, word: str, ref: str, ctx: _Context, allow_org: bool) -> Person | None:
        """A surname, an acronym or a one-word organisation."""
        registry = self.registry
        full_names = registry.full_names_for(word)
        if len(full_names) > 1:
            # Two people share the surname: the one this paragraph names in full is meant.
            named = [name for name in full_names if re.search(rf"\b{re.escape(name)}\b", ctx.text)]
            if len(named) == 1:
                return registry.find_full(named[0]) or registry.learn_person(named[0])
        person = registry.find_alias(word)
        if person is None and not word.isupper() and word.lower() not in NOT_GIVEN:
            person = registry.find_surname(word, ctx.source_people)
            if person is None and registry.seen_full_name(word):
                person = registry.learn_person(registry.seen_full_name(word) or word)
        if person is None and (word.isupper() or allow_org):
            person = registry.learn_organisation(word)
        if person is not None:
            registry.alias(person, ref)
        return person

    def _resolve_role(self, ref: str, ctx: _Context) -> Person | None:
        registry = self.registry
        key = role_key(_clean_role(ref) or ref)
        person = registry.find_role(key)
        if person is None and key:
            # "The MP": the latest speaker in this post whose role has that word.
            for candidate in reversed(ctx.post_speakers):
                if candidate.role and re.search(rf"\b{re.escape(key)}\b", fold(candidate.role)):
                    person = candidate
                    break
        if person is None and key and len(key.split()) >= 2:
            endings = [k for k in registry.role_keys() if k.endswith(" " + key)]
            person = registry.find_role(endings[0]) if len(endings) == 1 else None
        if person is None:
            # Out of context ("The MP" on its own): whom the story first used the phrase for.
            person = registry.find_alias(ref)
        if person is None:
            if not re.match(r"^(?:the|a|an)\s|^[A-Z]", ref, re.I):
                return None
            person = registry.learn_role_person(key or ref)
        role = _clean_role(ref) or ref
        determiner = re.search(rf"\b(the|a|an)\s+{re.escape(role)}$", ref, re.I)
        registry.alias(person, f"{determiner.group(1)} {role}" if determiner else role)
        return person

    def _mentions(self, text: str, ctx: _Context) -> list[tuple[int, Person]]:
        """People named (outside quotes) in a stretch of text, by position."""
        registry = self.registry
        mentions: list[tuple[int, Person]] = []
        for run in _CAPITAL_RUN.finditer(text):
            found = _name_in_run(run.group())
            if found:
                person = registry.find_full(split_title(found[0])[1]) or registry.find_surname(
                    found[0].split()[-1], ctx.source_people
                )
            else:
                word = run.group().split()[-1]
                if word.lower() in NOT_GIVEN or word.lower() in NOT_SURNAME:
                    continue
                person = registry.find_alias(word) or registry.find_surname(word, ctx.source_people)
            if person is not None:
                mentions.append((run.start(), person))
        for m in _ROLE_PHRASE.finditer(text):
            person = registry.find_role(role_key(m.group()))
            if person is not None:
                mentions.append((m.start(), person))
        return sorted(mentions, key=lambda item: item[0], reverse=True)

    def _pronoun(self, pronoun: str, before: str, sentence_start: int, here: list[Person], ctx: _Context) -> Person | None:
        """The nearest compatible person: named earlier in the sentence, then a speaker found
        earlier in the paragraph, then named earlier in the paragraph ("Doe was blunt. He
        said..."), then the latest speaker in the post, then in the page."""
        mentions = self._mentions(before, ctx)
        # "Responding to Doe, she said": who is responded to is not who responds.
        fronted = _FRONTED.match(before, sentence_start)
        skip_before = fronted.end() if fronted else sentence_start
        in_sentence = [person for at, person in mentions if at >= skip_before]
        earlier = [person for at, person in mentions if at < sentence_start]
        # Of the people in the sentence, one known to fit the pronoun beats one not known.
        gender = {"she": "f", "he": "m"}.get(pronoun.lower())
        known = [person for person in in_sentence if gender and person.gender == gender]
        for person in [*known, *in_sentence, *reversed(here), *earlier]:
            if person.kind != "journalist" and _compatible(person, pronoun):
                return person
        for person in reversed(ctx.post_speakers):
            if _compatible(person, pronoun):
                return person
        for attribution in reversed(ctx.previous_in_file):
            if attribution.person.kind != "journalist" and _compatible(attribution.person, pronoun):
                return attribution.person
        return None

    # Cues in one paragraph --------------------------------------------------------------
    @staticmethod
    def _has_subject(left: str) -> bool:
        """Whether a noun phrase (not a clause boundary or the blog's "we") stands before the verb."""
        tail = _tail(_strip_filler(left[-240:]))
        return bool(tail) and not _FIRST_PERSON.match(tail) and tail.lower() not in {"it", "this", "that", "there"}

    def _subject(self, masked: str, start: int, here: list[Person], ctx: _Context) -> tuple[Person | None, bool]:
        # A subject, with an apposition, fits well inside the 240 characters before its verb.
        offset = max(0, start - 240)
        left = _strip_filler(masked[offset:start])
        # "They include Jane Doe, who told MPs...": the relative clause reports its antecedent.
        left = _PARENTHESIS_END.sub("", _RELATIVE_WHO.sub("", left))
        left, apposition = _split_apposition(left)
        left = _PARENTHESIS_END.sub("", left)  # "Doe (Rochdale), who chairs the committee, said"
        tail = _subject_tail(left)
        pronoun = _PRONOUN_END.search(tail)
        if pronoun:
            at = offset + len(left) - len(tail) + pronoun.start()
            before = masked[:at]
            sentence_start = max((m.end() for m in re.finditer(r"[.?!]\s", before)), default=0)
            return self._pronoun(pronoun.group("p"), before, sentence_start, here, ctx), True
        if not tail and apposition is None:
            return None, False
        if apposition and _ONE_WORD.match(tail) and _ROLE_END.search(apposition.strip()) and tail.lower() not in NOT_GIVEN:
            # "Doe, the shadow justice secretary, said": a person known so far by surname only.
            person = self._one_word(tail, tail, ctx, allow_org=False) or self.registry.learn_person(tail)
            self.registry.set_role(person, _clean_role(apposition))
            return person, False
        candidates = [tail]
        if apposition:
            # "Role, Name, says" and "Name, role, says": whichever part names a person.
            # "Jane Doe, chief officer at Citizens Advice Sunderland, said": the name comes first.
            names_first = _NAME_END.search(apposition.strip()) and not _NAME_END.search(tail.strip())
            candidates = [apposition, tail] if names_first else [tail, apposition]
        for candidate in candidates:
            person, is_pronoun = self.resolve(candidate, ctx)
            if person is not None:
                return person, is_pronoun
        unclosed = _UNCLOSED_APPOSITION.search(left) if apposition is None else None
        if unclosed and _ROLE_SEARCH.search(unclosed.group("role")):
            # "Doe, the MP for Gainsborough said": an apposition whose closing comma is missing.
            person, _ = self.resolve(unclosed.group("name"), ctx)
            if person is not None and person.kind != "organisation":
                return person, False
        return None, False

    def _coordinated(self, left: str, ctx: _Context) -> list[Person]:
        """"The Greens and the SNP said": the conjuncts before a resolved subject, named ones only."""
        left = _strip_filler(left[-240:])
        subject = _subject_tail(left)
        shape = _shape(subject) if subject else ("none",)
        if shape[0] == "name" and shape[3]:
            return []  # "Police and Crime Commissioner Jane Doe": the "and" is inside her role
        rest = left[: len(left) - len(subject)].rstrip()
        found: list[Person] = []
        # "A, B and C said": "and" next to the subject, commas further out. A comma alone
        # closes a fronted phrase ("Responding to Doe, the minister said"), not a list.
        while rest.endswith(" and") or (found and rest.endswith(",")):
            rest = rest[:-4].rstrip() if rest.endswith(" and") else rest[:-1].rstrip()
            ref = _tail(rest)
            before = rest[: len(rest) - len(ref)].split()
            if not ref or _PRONOUN_END.fullmatch(ref) or _FIRST_PERSON.match(ref) or (before and before[-1] in _PREPOSITIONS):
                break  # "talks with Doe and the minister said": Doe is talked with
            shape = _shape(ref)
            if shape[0] not in ("name", "titled", "one", "other") or (shape[0] == "other" and not shape[2]):
                break  # only a name or an organisation's name is a conjunct we can trust
            person, _ = self.resolve(ref, ctx, allow_single_org=True)
            if person is None:
                break
            found.append(person)
            rest = rest[: len(rest) - len(ref)].rstrip()
        return found

    def cues(self, text: str, ctx: _Context) -> list[tuple[Person, str]]:
        """Speakers named by explicit cues, in order; sets self.other_subject when a cue's
        subject is somebody we cannot name ("Campaigners say...")."""
        self.other_subject = False
        masked = mask_quotes(text)
        ctx.text = masked
        quoted = masked != text
        found: list[tuple[int, Person, str]] = []
        verbs = list(_VERB.finditer(masked))
        if not verbs and "from" not in masked and "according" not in masked and " by " not in masked:
            return []
        for m in _FROM.finditer(masked):
            person, _ = self.resolve(m.group("ref"), ctx, allow_single_org=True)
            if person:
                found.append((m.start(), person, "quote" if quoted else "paraphrase"))
        for m in _PASSIVE_BY.finditer(masked) if " by " in masked else ():
            person, _ = self.resolve(m.group("ref"), ctx, allow_single_org=True)
            if person:
                found.append((m.start(), person, "quote" if quoted else "paraphrase"))
        for m in _CALLS_FROM.finditer(masked) if "call" in masked else ():
            for item in re.split(r",\s*|\s+and\s+", m.group("list")):
                item = item.strip()
                if not item or not (item[0].isupper() or item.startswith("the ")):
                    continue
                person, _ = self.resolve(item, ctx, allow_single_org=True)
                if person:
                    found.append((m.start(), person, "paraphrase"))
        for m in verbs:
            if _embedded(masked[: m.start()]) or _is_passive(masked, m):
                continue
            here = [p for at, p, _ in sorted(found, key=lambda f: f[0]) if at < m.start()]
            person, is_pronoun = self._subject(masked, m.start(), here, ctx)
            if person is None and not is_pronoun and self._has_subject(masked[: m.start()]):
                self.other_subject = True
            if person is not None:
                how = "pronoun" if is_pronoun else ("quote" if quoted else "paraphrase")
                found.append((m.start(), person, how))
                if not is_pronoun:
                    for distance, other in enumerate(self._coordinated(masked[: m.start()], ctx), 1):
                        found.append((m.start() - distance, other, how))  # in reading order
        for m in _INVERTED.finditer(masked) if verbs else ():
            ref = m.group("ref")
            if _PRONOUN_END.fullmatch(ref.strip()) or _FIRST_PERSON.match(ref):
                continue
            person, _ = self.resolve(ref, ctx)
            if person:
                found.append((m.start(), person, "quote" if quoted else "paraphrase"))
        found.sort(key=lambda f: f[0])
        out: list[tuple[Person, str]] = []
        for _, person, how in found:
            if all(person is not p for p, _ in out):
                out.append((person, how))
        return out

    # A post, paragraph by paragraph -------------------------------------------------------
    def attribute_post(self, post: PostText, ctx: _Context) -> dict[int, list[Attribution]]:
        results: dict[int, list[Attribution]] = {}
        author = self.registry.find_full(post.author) if post.author else None
        ctx.post_speakers = []
        ctx.previous = []
        for para in post.paragraphs:
            if para.duplicate_of is not None and para.duplicate_of in results:
                results[para.key] = results[para.duplicate_of]
                continue
            found = self.cues(para.text, ctx)
            if not found and para.part == "headline":
                found = self._headline_subject(para.text, ctx)
            attributions = [Attribution(p, how, CONFIDENCE[how]) for p, how in found]
            if not attributions and para.part == "body":
                attributions = self._described(para.text)
            if not attributions and para.part == "body":
                attributions = self._without_cue(para.text, ctx, author, self.other_subject)
            results[para.key] = attributions
            for attribution in attributions:
                if attribution.person.kind != "journalist":
                    ctx.post_speakers = [p for p in ctx.post_speakers if p is not attribution.person]
                    ctx.post_speakers.append(attribution.person)
            if para.part == "body":
                ctx.previous = attributions
                if attributions:
                    ctx.previous_in_file = attributions
        return results

    def _described(self, text: str) -> list[Attribution]:
        """Somebody introduced by a description the next paragraph names (see _learn_cataphora)."""
        m = _INDEFINITE_AGENT.search(mask_quotes(text))
        person = self.registry.find_alias(m.group("desc")) if m else None
        return [Attribution(person, "paraphrase", CATAPHORA_CONFIDENCE)] if person is not None else []

    def _about_others(self, masked: str, speakers: list[Attribution], ctx: _Context) -> bool:
        """Whether a paragraph names people, none of them the speakers it would continue."""
        named = {person.key for _, person in self._mentions(masked, ctx)}
        return bool(named) and not named & {a.person.key for a in speakers}

    def _headline_subject(self, text: str, ctx: _Context) -> list[tuple[Person, str]]:
        """Live-blog headlines name their speaker before "on": "Doe on the rail strike"."""
        m = _HEADLINE_ON.match(text)
        if not m:
            return []
        person, _ = self.resolve(m.group("ref"), ctx)
        return [(person, "paraphrase")] if person is not None and person.kind != "organisation" else []

    def _without_cue(self, text: str, ctx: _Context, author: Person | None, other_subject: bool) -> list[Attribution]:
        stripped = text.lstrip()
        if _FIRST_PERSON.match(stripped):
            return []  # the blog's own voice: "We'll bring you the key lines"
        # A paragraph reporting somebody unnamed ("Campaigners say...") continues nobody.
        speakers = [] if other_subject else [a for a in ctx.previous if a.person.kind != "journalist"]
        masked = mask_quotes(text)
        if speakers:
            opens_with_quote = stripped[:1] in "“\"‘'"
            if opens_with_quote or ((masked != text or _MODAL.search(masked)) and not self._about_others(masked, speakers, ctx)):
                return [Attribution(a.person, "continuation", CONFIDENCE["continuation"]) for a in speakers]
        if author is not None:
            return [Attribution(author, "byline", CONFIDENCE["byline"])]
        return []


def attribute_story(sources: list[list[PostText]]) -> tuple[Registry, dict[int, list[Attribution]]]:
    """Learn the story's people from every source, then attribute every paragraph."""
    registry = Registry()
    learn(registry, (post for source in sources for post in source))
    attributor = Attributor(registry)
    results: dict[int, list[Attribution]] = {}
    for source in sources:
        ctx = _Context(source_people=set())
        for post in source:
            results.update(attributor.attribute_post(post, ctx))
            for para in post.paragraphs:
                for attribution in results.get(para.key, []):
                    ctx.source_people.add(attribution.person.key)
    return registry, results
