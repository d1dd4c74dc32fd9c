"""What a reader makes of one source before it is written: posts and their paragraphs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ingest.spec import SourceSpec
from ingest.stamps import Stamp


@dataclass
class Paragraph:
    line: int  # 1-based first source line (provenance)
    end_line: int
    text: str
    part: str = "body"  # headline | body
    duplicate_of: Paragraph | None = None  # an earlier paragraph this one repeats


@dataclass
class Post:
    first_line: int
    kind: str = "post"  # post | summary | header
    pinned: bool = False
    headline: str | None = None
    author: str | None = None
    author_role: str | None = None
    last_line: int = 0
    published: Stamp | None = None
    updated: Stamp | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    key: str | None = None  # a stable id from the page (web pages), for following a blog
    # The clock, filled by ingest.clock
    chron: int | None = None
    date: dt.date | None = None
    stated_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    not_before: dt.datetime | None = None
    not_after: dt.datetime | None = None
    basis: str = "unknown"

    @property
    def has_body(self) -> bool:
        return any(p.part == "body" for p in self.paragraphs)

    @property
    def is_empty(self) -> bool:
        return not self.paragraphs and self.headline is None and self.author is None

    @property
    def in_timeline(self) -> bool:
        return self.kind != "header"

    def touch(self, line: int) -> None:
        self.first_line = min(self.first_line, line)
        self.last_line = max(self.last_line, line)


@dataclass
class ParsedSource:
    spec: SourceSpec
    kind: str
    date: dt.date
    order: str
    order_basis: str
    posts: list[Post]
    sha256: str
    parser: str
    warnings: list[str] = field(default_factory=list)

    @property
    def timeline_posts(self) -> list[Post]:
        return [p for p in self.posts if p.in_timeline]
