"""When a line is its writer's own: the journalist's analysis, and the blog speaking in its
own voice.

A byline says who wrote a post, not who speaks in it. Live blogs credit a writer above
every post, news and analysis alike, so narration under a plain byline ("Jane Doe") is the
news it reports, nobody's words. A post is the writer's own when it is presented as their
analysis: a byline with a correspondent's, editor's or analyst's role above it, or a
headline that says it is analysis or a verdict. Elsewhere a line is the writer's only in
their own voice: first person ("That's all from me", "I think") or their inference ("That
means the vote could come before Easter"). Image captions and lines reporting somebody
else are never the writer's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from liveline.ingest.speakers.registry import Person, Registry
from liveline.ingest.speakers.story import Attribution, PostText

# A post presented as its writer's analysis is theirs line by line, as a byline vouches.
ANALYSIS_CONFIDENCE = 0.7
# A line in the writer's own voice ("That means...") under a plain byline: a reading of
# tone, less sure than a byline above an analysis post.
OWN_VOICE_CONFIDENCE = 0.6

# Roles a byline carries above an analysis box: the writer is there to interpret.
_ANALYST_ROLE = re.compile(r"(?i)\b(?:correspondent|editor|analyst|commentator|columnist)\b")
# Headlines that present a post as the writer's judgement by a label before or after the
# title ("Analysis: ...", "... – snap verdict", "Comment: ..."); the same words inside a
# news headline ("Minister declines to comment") say nothing of the post.
_LABEL = r"(?:(?:snap|quick|instant|our|first)\s+)?(?:analysis|verdict|comment|commentary|explainer|opinion|view)"
_ANALYSIS_HEADLINE = re.compile(rf"(?i)^\s*{_LABEL}\s*[:–—|-]|[:–—|-]\s*{_LABEL}\s*$|\b(?:snap|quick|instant)\s+verdict\b")
# An image's caption ends with its credit: "... Photograph: Jane Doe/Agency", "Image: PA".
CAPTION = re.compile(
    r"\b(?:Photograph|Photo|Picture|Image|Illustration|Composite|Video)s?\s*:\s*[^.!?:]{1,90}[.)]?\s*$"
)
# The writer as "I" or "we" (outside quotation marks, which the caller has masked): "I",
# "me", "my", "we", "us", "our", in any case except "US" (the country).
_FIRST_PERSON = re.compile(
    r"\b(?:I|I['’](?:m|ve|ll|d)|[Mm]e|[Mm]y|[Ww]e|[Ww]e['’](?:re|ve|ll|d)|us|Us|[Oo]ur|[Oo]urs|[Ll]et['’]s)\b"
)
# The writer drawing a conclusion or weighing the news: "That means...", "In other words",
# "clearly". Evaluative adjectives in a report ("vile scenes") are not among them: they
# colour the news without arguing from it. Nor is "appears to" / "seems to", which news
# uses as often to hedge what others report ("appear to have been thrown") as to infer.
_INFERENCE = re.compile(
    r"(?:^|[.!?]\s+)(?:That|This|Which|It)\s+(?:means|would\s+mean|could\s+mean|suggests|implies)\b"
    r"|\b(?:[Ii]n\s+other\s+words|[Cc]learly|[Ee]vidently|[Aa]rguably|[Pp]resumably)\b"
)


def is_analysis(post: PostText) -> bool:
    """Whether the whole post is presented as its writer's analysis."""
    if post.author and post.author_role and _ANALYST_ROLE.search(post.author_role):
        return True
    return any(p.part == "headline" and _ANALYSIS_HEADLINE.search(p.text) for p in post.paragraphs)


def writer(post: PostText) -> str | None:
    """Who wrote the post: its byline, else the blog's own author when the page names one."""
    return post.author or post.blog_author


# A sentence pointing the reader at something ("Here is our story", "You can watch it
# here") is the blog's furniture even in the first person: it reports nothing and judges nothing.
_POINTER = re.compile(r"^(?:(?:And|But|So)\s+)?(?:(?:Here|This|These)\s+(?:is|are|was|were)\b|Here['’]s\b|You\s+can\b)")
_SENTENCES = re.compile(r"(?<=[.!?])\s+")


def own_voice(masked: str) -> bool:
    """Whether a line (quotes masked) speaks in its writer's voice: a sentence in the first
    person or drawing an inference, other than a pointer."""
    return any(
        not _POINTER.match(sentence) and (_FIRST_PERSON.search(sentence) or _INFERENCE.search(sentence))
        for sentence in _SENTENCES.split(masked.strip())
    )


def is_caption(text: str) -> bool:
    return ":" in text and bool(CAPTION.search(text))  # the credit's colon: most paragraphs have none


_BODIES = {"police", "staff", "people", "crew", "management"}
_DETERMINERS = {
    "a", "an", "the", "one", "some", "many", "several", "other", "others", "another", "most", "all", "both",
    "each", "every", "his", "her", "their", "its", "our", "two", "three", "four", "five", "few", "no",
}


def names_somebody(subject: str) -> bool:
    """Whether an unresolved subject of a reporting verb is somebody unnamed ("one team",
    "Campaigners", "a teacher at the venue", "officials"), not words a loose verb match
    took for a subject ("to navigate these different demands": no noun phrase starts there)."""
    words = subject.split()
    if not words:
        return False
    first = words[0]
    # A bare lower-case noun speaking is a plural or a body of people ("officials", "police").
    return first[:1].isupper() or first.lower() in _DETERMINERS or words[-1].endswith("s") or words[-1] in _BODIES


@dataclass(frozen=True)
class Voice:
    """Who writes a post, and whether it is presented as their analysis."""

    author: Person | None
    analysis: bool

    def says(self, masked: str, unnamed_speaker: bool, others_named: bool = False) -> list[Attribution]:
        """The writer, for a line no cue or quotation gives to anybody (quotes masked), when
        the line is theirs; never when it reports somebody unnamed ("one team says"). Outside
        an analysis post, never a line naming other people of the story (`others_named`):
        an "I" or "we" beside them is more often theirs, in words the copy lost the marks of
        ("We will not tolerate this, the council" ...), than the blog's."""
        if self.author is None or unnamed_speaker:
            return []
        if self.analysis:
            return [Attribution(self.author, "byline", ANALYSIS_CONFIDENCE)]
        if others_named:
            return []
        return [Attribution(self.author, "byline", OWN_VOICE_CONFIDENCE)] if own_voice(masked) else []


def writer_of(registry: Registry, post: PostText) -> Voice:
    """The post's writer (its byline, else the blog's author) as a person of the story."""
    name = writer(post)
    if name is None:
        return Voice(None, False)
    return Voice(registry.find_full(name) or registry.learn_person(name, kind="journalist"), is_analysis(post))
