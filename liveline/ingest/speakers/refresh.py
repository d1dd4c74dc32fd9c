"""Speaker attribution for the whole story held in a timeline database.

The registry is per story (here: per database), so a name learned from one outlet
resolves a surname or a misspelling in another. It is rebuilt once per ingest batch; a
follower's new posts are attributed on their own against the registry it keeps (new_posts.py).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from liveline.ingest.speakers.attribution import attribute_story
from liveline.ingest.speakers.blog_author import blog_authors
from liveline.ingest.speakers.kept import keep_registry, people_rows
from liveline.ingest.speakers.references import ReferenceContext, Resolver
from liveline.ingest.speakers.story import Para, PostText


def _story(conn: sqlite3.Connection) -> list[list[PostText]]:
    sources: dict[int, dict[int, PostText]] = {}
    blog_authors_by_source = blog_authors(conn)
    rows = conn.execute(
        """SELECT p.source_id, p.id, p.author, p.author_role, pa.id, pa.text, pa.part, pa.duplicate_of
           FROM posts p LEFT JOIN paragraphs pa ON pa.post_id = p.id
           ORDER BY p.source_id, p.seq, pa.seq"""
    )
    for source_id, post_id, author, role, para_id, text, part, duplicate in rows:
        post = sources.setdefault(source_id, {}).setdefault(post_id, PostText(author, role, blog_author=blog_authors_by_source.get(source_id)))
        if para_id is not None:
            post.paragraphs.append(Para(para_id, text, part, duplicate))
    return [list(posts.values()) for _, posts in sorted(sources.items())]


def refresh_speakers(conn: sqlite3.Connection) -> None:
    """Re-attribute every paragraph and rewrite `people` and `paragraph_speakers`, keeping
    the registry for the follower's next new post (kept.py)."""
    registry, results = attribute_story(_story(conn))
    speaking = {a.person.key for attributions in results.values() for a in attributions}
    people = [p for p in registry.people if p.key in speaking or p.kind == "journalist"]
    conn.execute("DELETE FROM paragraph_speakers")
    conn.execute("DELETE FROM people")
    conn.executemany("INSERT INTO people (id, name, role, kind, aliases) VALUES (?, ?, ?, ?, ?)", people_rows(people))
    conn.executemany(
        "INSERT INTO paragraph_speakers (paragraph_id, person_id, how, confidence) VALUES (?, ?, ?, ?)",
        [
            (paragraph_id, a.person.key, a.how, a.confidence)
            for paragraph_id, attributions in results.items()
            for a in attributions
        ],
    )
    keep_registry(conn, registry)


def story_resolver(conn: sqlite3.Connection) -> Callable[[str], str | None]:
    """A function naming who a surface form ("the home secretary", "Mr Doe") means in this story."""
    registry, _ = attribute_story(_story(conn))
    resolver = Resolver(registry)

    def resolve(surface: str) -> str | None:
        person, _ = resolver.resolve(surface, ReferenceContext(set()), allow_single_org=True)
        return person.name if person else None

    return resolve
