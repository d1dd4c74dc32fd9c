"""The story as attribution reads it (posts of paragraphs) and what it says of each
paragraph (who it reports, how we know, how sure we are)."""

from __future__ import annotations

from dataclasses import dataclass, field

from liveline.ingest.speakers.registry import Person


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
    # The page's own author (`--author`, the manifest, the page byline), who writes the
    # posts that carry no byline of their own; None when nobody says who writes the blog.
    blog_author: str | None = None
    # A turn of an official record (its source's kind is "transcript"): `author` is the
    # member speaking, `author_role` their office or seat as printed (record_turns.py).
    record: bool = False
