"""Speaker attribution for each story held in a timeline database.

The registry is per story, so a name learned from one outlet resolves a surname or a
misspelling in another outlet's page of the same story, and never in another story's
("the home secretary" of 2023 is not the one of 2025). A story's registry is rebuilt
when a batch wrote to it; a follower's new posts are attributed on their own against the
registry it keeps (new_posts.py).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable

from liveline.ingest.speakers.attribution import attribute_story
from liveline.ingest.speakers.blog_author import blog_authors
from liveline.ingest.speakers.kept import drop_registry, first_story, keep_registry, people_rows
from liveline.ingest.speakers.references import ReferenceContext, Resolver
from liveline.ingest.speakers.registry import story_base
from liveline.ingest.speakers.story import Para, PostText


def _story(conn: sqlite3.Connection, story_id: int | None = None) -> list[list[PostText]]:
    """The story's posts (None: every source's), source by source in page order."""
    sources: dict[int, dict[int, PostText]] = {}
    blog_authors_by_source = blog_authors(conn, story_id=story_id)
    where, params = ("", ()) if story_id is None else ("WHERE p.source_id IN (SELECT id FROM sources WHERE story_id = ?)", (story_id,))
    rows = conn.execute(
        f"""SELECT p.source_id, p.id, p.author, p.author_role, s.kind = 'transcript',
                  pa.id, pa.text, pa.part, pa.duplicate_of
           FROM posts p LEFT JOIN sources s ON s.id = p.source_id
           LEFT JOIN paragraphs pa ON pa.post_id = p.id {where}
           ORDER BY p.source_id, p.seq, pa.seq""",
        params,
    )
    last_post: int | None = None
    for source_id, post_id, author, role, record, para_id, text, part, duplicate in rows:
        if post_id != last_post:  # rows come post by post: each post is looked up (or made) once
            in_source = sources.setdefault(source_id, {})
            if post_id not in in_source:
                in_source[post_id] = PostText(author, role, blog_author=blog_authors_by_source.get(source_id), record=bool(record))
            post = in_source[post_id]
            last_post = post_id
        if para_id is not None:
            post.paragraphs.append(Para(para_id, text, part, duplicate))
    return [list(posts.values()) for _, posts in sorted(sources.items())]


def all_stories(conn: sqlite3.Connection) -> list[int]:
    """Every story that has sources or people (a story emptied by a move still has people to drop)."""
    return [int(story) for (story,) in conn.execute(
        """SELECT story_id FROM sources WHERE story_id IS NOT NULL
           UNION SELECT story_id FROM people WHERE story_id IS NOT NULL ORDER BY 1""")]


def refresh_speakers(conn: sqlite3.Connection, stories: Iterable[int] | None = None) -> None:
    """Re-attribute every paragraph of these stories (default: all) and rewrite their
    `people` and `paragraph_speakers`, keeping each story's registry for the follower's
    next new post (kept.py)."""
    chosen = all_stories(conn) if stories is None else sorted(set(stories))
    # Every story's old speakers go first: a paragraph moved to another story still names
    # the people of its old one until the story it joined is attributed.
    for story_id in chosen:
        conn.execute("DELETE FROM paragraph_speakers WHERE person_id IN (SELECT id FROM people WHERE story_id = ?)", (story_id,))
        conn.execute(
            "DELETE FROM paragraph_speakers WHERE paragraph_id IN (SELECT id FROM paragraphs WHERE story_id = ?)", (story_id,)
        )
        conn.execute("DELETE FROM people WHERE story_id = ?", (story_id,))
    for story_id in chosen:
        _refresh_story(conn, story_id)


def _refresh_story(conn: sqlite3.Connection, story_id: int) -> None:
    sources = _story(conn, story_id)
    if not sources:
        drop_registry(conn, story_id)
        return
    registry, results = attribute_story(sources, story_base(story_id))
    speaking = {a.person.key for attributions in results.values() for a in attributions}
    people = [p for p in registry.people if p.key in speaking or p.kind == "journalist"]
    conn.executemany(
        "INSERT INTO people (id, name, role, kind, aliases, story_id) VALUES (?, ?, ?, ?, ?, ?)",
        [(*row, story_id) for row in people_rows(people)],
    )
    conn.executemany(
        "INSERT INTO paragraph_speakers (paragraph_id, person_id, how, confidence) VALUES (?, ?, ?, ?)",
        [
            (paragraph_id, a.person.key, a.how, a.confidence)
            for paragraph_id, attributions in results.items()
            for a in attributions
        ],
    )
    keep_registry(conn, registry, story_id)


def story_resolver(conn: sqlite3.Connection, story_id: int | None = None) -> Callable[[str], str | None]:
    """A function naming who a surface form ("the home secretary", "Mr Doe") means in the
    story (default: the timeline's first, its only one in a timeline of one story)."""
    story = first_story(conn) if story_id is None else story_id
    registry, _ = attribute_story(_story(conn, story) if story is not None else [], story_base(story or 1))
    resolver = Resolver(registry)

    def resolve(surface: str) -> str | None:
        person, _ = resolver.resolve(surface, ReferenceContext(set()), allow_single_org=True)
        return person.name if person else None

    return resolve
