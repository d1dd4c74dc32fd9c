"""A follower's new or rewritten posts attributed on their own, as a full settle would.

A full settle reads the whole story: it learns every post's people, then attributes each
source's posts in page order, each post reading what the earlier ones established (who
has spoken on the page, the last speaker a pronoun may mean). Here the registry is the
one the last settle kept (kept.py), the new posts teach it what they introduce, and each
is attributed after replaying its page's earlier posts from their stored attributions.
Other paragraphs keep their speakers: a later post is not re-read because an earlier one
changed, which a full settle would do.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable

from liveline.ingest.speakers.attribution import Attributor
from liveline.ingest.speakers.blog_author import blog_authors
from liveline.ingest.speakers.introductions import learn
from liveline.ingest.speakers.kept import keep_registry, people_rows
from liveline.ingest.speakers.record_turns import for_learning, register_turns
from liveline.ingest.speakers.references import ReferenceContext
from liveline.ingest.speakers.registry import Registry
from liveline.ingest.speakers.story import Attribution, Para, PostText


def _marks(values: Iterable[object]) -> str:
    return ", ".join("?" * len(list(values)))


def _posts(conn: sqlite3.Connection, post_ids: set[int]) -> dict[int, list[tuple[int, int]]]:
    """source -> its (seq, post id) to attribute, in page order."""
    by_source: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for post_id, source_id, seq in conn.execute(
        f"SELECT id, source_id, seq FROM posts WHERE id IN ({_marks(post_ids)})", sorted(post_ids)
    ):
        by_source[source_id].append((seq, post_id))
    return {source: sorted(posts) for source, posts in by_source.items()}


def _text(conn: sqlite3.Connection, post_id: int) -> PostText:
    author, role, source_id, record = conn.execute(
        """SELECT p.author, p.author_role, p.source_id, s.kind = 'transcript'
           FROM posts p LEFT JOIN sources s ON s.id = p.source_id WHERE p.id = ?""",
        (post_id,),
    ).fetchone()
    post = PostText(author, role, blog_author=blog_authors(conn, source_id).get(source_id), record=bool(record))
    for para_id, text, part, duplicate in conn.execute(
        "SELECT id, text, part, duplicate_of FROM paragraphs WHERE post_id = ? ORDER BY seq", (post_id,)
    ):
        post.paragraphs.append(Para(para_id, text, part, duplicate))
    return post


def _stored(conn: sqlite3.Connection, registry: Registry, source_id: int, last_seq: int
            ) -> list[tuple[int, list[tuple[str, list[Attribution]]]]]:
    """The page's posts up to `last_seq`, in page order: (post id, [(part, stored speakers)])."""
    rows = conn.execute(
        """SELECT p.id, pa.id, pa.part, ps.person_id, ps.how, ps.confidence,
                  (SELECT o.post_id FROM paragraphs o WHERE o.id = pa.duplicate_of) = p.id
           FROM posts p JOIN paragraphs pa ON pa.post_id = p.id
           LEFT JOIN paragraph_speakers ps ON ps.paragraph_id = pa.id
           WHERE p.source_id = ? AND p.seq <= ? ORDER BY p.seq, pa.seq, ps.rowid""",
        (source_id, last_seq),
    )
    posts: dict[int, dict[int, tuple[str, list[Attribution]]]] = {}
    for post_id, para_id, part, person_id, how, confidence, copy in rows:
        # A copy of a paragraph of its own post repeats its speakers without reading as a new one.
        _, attributions = posts.setdefault(post_id, {}).setdefault(para_id, ("copy" if copy else part, []))
        if person_id is not None and registry.holds(person_id):
            attributions.append(Attribution(registry.person(person_id), how, confidence))
    return [(post_id, list(paragraphs.values())) for post_id, paragraphs in posts.items()]


def attribute_posts(conn: sqlite3.Connection, registry: Registry, post_ids: set[int], story_id: int) -> None:
    """Attribute these posts' paragraphs (all of story `story_id`, whose registry this is),
    add the people they introduce, keep the registry."""
    if not post_ids:
        return
    sources = _posts(conn, post_ids)
    texts = {post_id: _text(conn, post_id) for posts in sources.values() for _, post_id in posts}
    # As a full settle does (attribution.attribute_story): the record's members, then the news.
    turns = register_turns(registry, texts.values())
    learn(registry, (for_learning(post) for post in texts.values()))
    attributor = Attributor(registry, turns)
    results: dict[int, list[Attribution]] = {}
    for source_id, posts in sorted(sources.items()):
        ctx = ReferenceContext(source_people=set())
        for post_id, stored in _stored(conn, registry, source_id, posts[-1][0]):
            if post_id in texts:
                found = attributor.attribute_post(texts[post_id], ctx)
                results.update(found)
                said = list(found.values())
            else:
                # An earlier post of the page, as the last settle attributed it.
                said = [attributions for _, attributions in stored]
                body = [attributions for part, attributions in stored if part == "body" and attributions]
                if body:
                    ctx.previous_in_file = body[-1]
            for attributions in said:
                ctx.source_people.update(a.person.key for a in attributions)
    _write(conn, registry, results, story_id)


def _write(conn: sqlite3.Connection, registry: Registry, results: dict[int, list[Attribution]], story_id: int) -> None:
    """The new speakers, and `people` rows for whoever now speaks (or changed) in the registry."""
    conn.execute(f"DELETE FROM paragraph_speakers WHERE paragraph_id IN ({_marks(results)})", list(results))
    conn.executemany(
        "INSERT INTO paragraph_speakers (paragraph_id, person_id, how, confidence) VALUES (?, ?, ?, ?)",
        [(paragraph_id, a.person.key, a.how, a.confidence) for paragraph_id, found in results.items() for a in found],
    )
    stored = {row[0]: tuple(row) for row in conn.execute(
        "SELECT id, name, role, kind, aliases FROM people WHERE story_id = ?", (story_id,))}
    speaking = {a.person.key for found in results.values() for a in found}
    listed = [p for p in registry.people if p.key in stored or p.key in speaking or p.kind == "journalist"]
    for row in people_rows(listed):
        if row[0] not in stored:
            conn.execute("INSERT INTO people (id, name, role, kind, aliases, story_id) VALUES (?, ?, ?, ?, ?, ?)", (*row, story_id))
        elif stored[row[0]] != row:
            conn.execute("UPDATE people SET name = ?, role = ?, kind = ?, aliases = ? WHERE id = ?", (*row[1:], row[0]))
    keep_registry(conn, registry, story_id)
