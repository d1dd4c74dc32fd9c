"""A follower's new or rewritten posts attributed on their own, as a full settle would.

A full settle reads the whole story: it learns every post's people, then attributes each
source's posts in page order, each post reading what the earlier ones established (who
has spoken on the page, the last speaker a pronoun may mean). Here the registry is the
one the last settle kept (kept.py), the new posts teach it what they introduce, and each
is attributed after replaying its page's earlier posts from their stored attributions.
Other paragraphs keep their speakers: a later post is not re-read because an earlier one
changed, which a full settle would do.

A whole new source (a follower's first poll of a page, a small ingest) is attributed the
same way, after it (`attribute_sources`): its posts taught to the registry, then the
earlier sources whose speakers that can change read again, whole (reread.py), then the new
source, as a full settle reads them, in source order.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable

from liveline.ingest.speakers.attribution import Attributor
from liveline.ingest.speakers.blog_author import blog_authors
from liveline.ingest.speakers.introductions import learn
from liveline.ingest.speakers.kept import keep_registry, people_rows
from liveline.ingest.speakers.lead_ins import carry_across_posts
from liveline.ingest.speakers.record_turns import for_learning, register_turns
from liveline.ingest.speakers.references import ReferenceContext
from liveline.ingest.speakers.registry import Registry
from liveline.ingest.speakers.reread import changes, mark_across_texts, misspellings, sources_naming, words_of
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


def _source_posts(conn: sqlite3.Connection, sources: set[int]) -> dict[int, list[PostText]]:
    """Each source's posts in page order, as a full settle reads them (refresh._story)."""
    found: dict[int, dict[int, PostText]] = {}
    authors = {source: author for number in sources for source, author in blog_authors(conn, number).items()}
    rows = conn.execute(
        f"""SELECT p.source_id, p.id, p.author, p.author_role, s.kind = 'transcript', pa.id, pa.text, pa.part, pa.duplicate_of
            FROM posts p JOIN sources s ON s.id = p.source_id LEFT JOIN paragraphs pa ON pa.post_id = p.id
            WHERE p.source_id IN ({_marks(sources)}) ORDER BY p.source_id, p.seq, pa.seq""",
        sorted(sources),
    )
    for source_id, post_id, author, role, record, para_id, text, part, duplicate in rows:
        post = found.setdefault(source_id, {}).setdefault(
            post_id, PostText(author, role, blog_author=authors.get(source_id), record=bool(record)))
        if para_id is not None:
            post.paragraphs.append(Para(para_id, text, part, duplicate))
    return {source: list(posts.values()) for source, posts in found.items()}


def _count(conn: sqlite3.Connection, sources: set[int]) -> int:
    if not sources:
        return 0
    (count,) = conn.execute(f"SELECT COUNT(*) FROM paragraphs WHERE source_id IN ({_marks(sources)})", sorted(sources)).fetchone()
    return int(count)


def attribute_sources(conn: sqlite3.Connection, registry: Registry, new_sources: set[int], story_id: int, most: int) -> bool:
    """Attribute whole new sources of story `story_id` (whose kept registry this is, learned
    from every other source of the story) and re-read the earlier sources they can change,
    as a full settle would attribute them; False, having written nothing, when a full
    settle is needed instead: more than `most` paragraphs to read, a record among them, or
    a doubt reread.py names."""
    new = _source_posts(conn, new_sources)
    posts = [post for source in sorted(new) for post in new[source]]
    if any(post.record for post in posts):
        return False  # a full settle registers every record's members before any learning
    before = registry.state()
    learn(registry, (for_learning(post) for post in posts))
    found = changes(before, registry)
    if found.new_people:
        named = words_of(found.new_people) | misspellings(conn, found.new_people)
        if sources_naming(conn, story_id, named, new_sources):
            return False  # earlier mentions of a new person: a full settle's learning reads them with it known
    mark_across_texts(conn, registry, before, story_id, new_sources, posts)
    reread = sources_naming(conn, story_id, found.words, new_sources)
    if _count(conn, reread) + sum(len(post.paragraphs) for post in posts) > most:
        return False
    old = _source_posts(conn, reread)
    if any(post.record for source in old.values() for post in source):
        return False  # its members' turns would be registered twice
    attributor = Attributor(registry, {})
    results: dict[int, list[Attribution]] = {}
    learned = registry.state()
    for source in sorted(old):
        results.update(_attribute_source(attributor, old[source]))
    # What re-reading taught the registry (a lone surname after a colon) is the story's
    # from here on: only the sources read again may have read it differently.
    if sources_naming(conn, story_id, changes(learned, registry).words, new_sources) - reread:
        return False
    for source in sorted(new):
        results.update(_attribute_source(attributor, new[source]))
    old_speakers = {person for (person,) in conn.execute(
        f"""SELECT DISTINCT person_id FROM paragraph_speakers WHERE paragraph_id IN
            (SELECT id FROM paragraphs WHERE source_id IN ({_marks(reread)}))""", sorted(reread))} if reread else set()
    _write(conn, registry, results, story_id, old_speakers)
    return True


def _attribute_source(attributor: Attributor, posts: list[PostText]) -> dict[int, list[Attribution]]:
    """A source's posts attributed in page order, as attribution.attribute_story reads each."""
    results: dict[int, list[Attribution]] = {}
    ctx = ReferenceContext(source_people=set())
    for post in posts:
        results.update(attributor.attribute_post(post, ctx))
        for para in post.paragraphs:
            ctx.source_people.update(a.person.key for a in results.get(para.key, []))
    carry_across_posts([post for post in posts if not post.record], results)
    return results


def _write(conn: sqlite3.Connection, registry: Registry, results: dict[int, list[Attribution]], story_id: int,
           old_speakers: set[int] | None = None) -> None:
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
    # Somebody the paragraphs read again no longer name is listed no more, as after a full settle.
    for person in sorted((old_speakers or set()) - speaking):
        kind = conn.execute("SELECT kind FROM people WHERE id = ?", (person,)).fetchone()
        spoken = conn.execute("SELECT 1 FROM paragraph_speakers WHERE person_id = ? LIMIT 1", (person,)).fetchone()
        if kind is not None and kind[0] != "journalist" and spoken is None:
            conn.execute("DELETE FROM people WHERE id = ?", (person,))
    keep_registry(conn, registry, story_id)
