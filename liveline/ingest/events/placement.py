"""Where a follower's new paragraphs go among their date's events, without merging the date
again: the neighbourhood they can join read from the timeline, weighed by the date's kept
vocabulary, and handed to attach.py.

The neighbourhood: the new posts; the date's paragraphs holding the new paragraphs' rare
words (found through the full-text index, then weighed by merging's own words); the
events those paragraphs are in, whole; the posts of all of these, whole (a headline is
told by its place in its post); and the new posts' pages on the date (a seed must be its
partner's best match in the new paragraph's page too). Words too common on the date to
find candidates with (merging's MAX_POSTING) are not searched, as merging does not.
Merging never crosses stories: only paragraphs of the new paragraphs' story are
neighbours (their pages, posts and events are of that story already). The date's
vocabulary is shared by its stories (combine.py says why).

With an official record on the date (record_anchors.py), the turns the new paragraphs
quote are neighbours too, and so are the old paragraphs quoting a new turn: a quote may
share few rare words with the rest of its paragraph.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter
from collections.abc import Set as AbstractSet

from liveline.ingest.events.attach import attach
from liveline.ingest.events.features import document_frequencies, idf_of, stem, vector
from liveline.ingest.events.merging import paragraph_words
from liveline.ingest.events.order import Row
from liveline.ingest.events.record_anchors import quoting
from liveline.ingest.events.rows import ID_LIST, id_list, load_rows, paragraph_stories
from liveline.ingest.events.thresholds import MAX_POSTING, REPEATED_POSTS, TOP_TOKENS
from liveline.ingest.events.vocabulary import keep_vocabulary, kept_vocabulary

# A paragraph's event after the new posts: a stored event's id, or (negative) one of the
# new events, numbered -1, -2, ... in this date.
Placement = dict[int, tuple[int, float]]  # paragraph id -> (event, similarity)


def _repeated(conn: sqlite3.Connection, date: str, rows: list[Row]) -> set[str]:
    """Which of these rows' texts a page repeats in REPEATED_POSTS posts of the date or more
    (merging's furniture, in any page)."""
    found = conn.execute(
        """SELECT pa.text FROM paragraphs pa JOIN posts p ON p.id = pa.post_id
           WHERE pa.date = ? AND p.kind != 'header' AND pa.text IN (SELECT value FROM json_each(?))
           GROUP BY pa.source_id, pa.text HAVING COUNT(*) >= ?""",
        (date, json.dumps(sorted({row.item.text for row in rows})), REPEATED_POSTS),
    )
    return {text for (text,) in found}


def vocabulary_with(conn: sqlite3.Connection, date: str, new: list[Counter[str]], shown: int,
                    ignore: frozenset[str]) -> tuple[int, Counter[str]]:
    """The date's vocabulary with the new paragraphs' words (`new`, as merging matches them)
    counted in (`shown`: how many paragraphs the date holds for merging now), kept for the
    next post. Counted afresh from the date's paragraphs when the kept one is missing or
    does not add up (written by another liveline)."""
    kept = kept_vocabulary(conn, date)
    if kept is not None and kept[0] + len(new) == shown:
        n, df = kept
        for counts in new:
            df.update(counts.keys())
        vocabulary = (n + len(new), df)
    else:
        vocabulary = document_frequencies(paragraph_words([row.item for row in load_rows(conn, date)], ignore)[1])
    keep_vocabulary(conn, date, vocabulary)
    return vocabulary


def _search_terms(token: str) -> set[str]:
    """Full-text query terms for the words that give merging's `token`: a name as written, a
    stem as each word it comes from ("fund": funds, funding, funded; "inquiry": inquiries).
    Numbers are left to the words around them."""
    if token.startswith("#"):
        return set()
    word = token.lstrip("@")
    if token.startswith("@"):
        words = {word}
    else:
        forms = {word, word + "s", word + "es", word + "ing", word + "ed"} | ({word[:-1] + "ies"} if word.endswith("y") else set())
        words = {form for form in forms if stem(form) == word}
    # The index splits words at apostrophes and hyphens: such a word is a phrase there.
    return {f'"{" ".join(parts)}"' for form in words if (parts := re.findall(r"[a-z0-9]+", form))}


def _rare_words(counts: list[Counter[str]], idf: dict[str, float], df: Counter[str]) -> set[str]:
    """The words merging finds the new paragraphs' candidates by: each one's TOP_TOKENS
    rarest held by another paragraph too, but none held by more than MAX_POSTING."""
    words: set[str] = set()
    for counts_of in counts:
        shared = sorted((t for t in vector(counts_of, idf) if df.get(t, 0) >= 2), key=lambda t: -idf.get(t, 0.0))
        words.update(t for t in shared[:TOP_TOKENS] if df[t] <= MAX_POSTING)
    return words


def _ids(conn: sqlite3.Connection, sql: str, *params: object) -> set[int]:
    return {value for (value,) in conn.execute(sql, params) if value is not None}


def _neighbourhood(conn: sqlite3.Connection, date: str, new_ids: set[int], words: set[str],
                   quoted: AbstractSet[int] = frozenset()) -> set[int]:
    """Paragraph ids of the date the new paragraphs may be merged with, and the new ones
    (`quoted`: record turns and reports quoting them, `_record_neighbours`)."""
    terms = sorted(set().union(*(_search_terms(word) for word in words)))
    # The text index first: joined the other way, SQLite matches every paragraph of the date one by one.
    stories = set(paragraph_stories(conn, date, new_ids).values())
    hits = _ids(conn, """SELECT id FROM paragraphs WHERE id IN (SELECT rowid FROM paragraphs_fts WHERE paragraphs_fts MATCH ?)
                         AND date = ? AND (story_id IN (SELECT value FROM json_each(?)) OR (story_id IS NULL AND ?))""",
                " OR ".join(terms), date, id_list(s for s in stories if s is not None), None in stories) if terms else set()
    pages = _ids(conn, f"SELECT DISTINCT source_id FROM paragraphs WHERE id IN {ID_LIST}", id_list(new_ids))
    found = hits | new_ids | quoted | _ids(conn, f"SELECT id FROM paragraphs WHERE date = ? AND source_id IN {ID_LIST}",
                                  date, id_list(pages))
    found |= _members(conn, found)
    posts = _ids(conn, f"SELECT DISTINCT post_id FROM paragraphs WHERE id IN {ID_LIST}", id_list(found))
    found |= _ids(conn, f"SELECT id FROM paragraphs WHERE post_id IN {ID_LIST}", id_list(posts))
    # Every event here whole: an event's centroid is all its members' words.
    return found | _members(conn, found)


def _record_neighbours(conn: sqlite3.Connection, date: str, new: list[Row]) -> set[int]:
    """Paragraph ids of the date's record turns the new paragraphs quote, and of the old
    reports quoting the new turns (all of the new paragraphs' story). Nothing is read when
    the story has no record on the date."""
    if conn.execute("SELECT 1 FROM sources WHERE kind = 'transcript' LIMIT 1").fetchone() is None:
        return set()  # most timelines hold no record: one look at the (small) sources table
    stories = set(paragraph_stories(conn, date, {row.item.paragraph_id for row in new}).values())
    story = "(pa.story_id IN (SELECT value FROM json_each(?)) OR (pa.story_id IS NULL AND ?))"
    in_story = (id_list(s for s in stories if s is not None), None in stories)
    record = conn.execute(
        f"""SELECT pa.id, pa.text FROM paragraphs pa JOIN sources s ON s.id = pa.source_id JOIN posts p ON p.id = pa.post_id
            WHERE pa.date = ? AND s.kind = 'transcript' AND pa.part = 'body' AND p.kind != 'header'
            AND pa.duplicate_of IS NULL AND {story}""",
        (date, *in_story),
    ).fetchall()
    if not record:
        return set()
    found = set()
    reports = [(row.item.paragraph_id, row.item.text) for row in new if not row.item.record]
    for n, (passage, _) in quoting([text for _, text in reports], [text for _, text in record]).items():
        found |= {reports[n][0], record[passage][0]}
    turns = [(row.item.paragraph_id, row.item.text) for row in new if row.item.record and row.item.part == "body"]
    if turns:
        old = conn.execute(
            f"""SELECT pa.id, pa.text FROM paragraphs pa JOIN sources s ON s.id = pa.source_id JOIN posts p ON p.id = pa.post_id
                WHERE pa.date = ? AND s.kind != 'transcript' AND p.kind != 'header' AND pa.duplicate_of IS NULL AND {story}""",
            (date, *in_story),
        ).fetchall()
        for n, _ in quoting([text for _, text in old], [text for _, text in turns]).items():
            found.add(old[n][0])
    return found


def _members(conn: sqlite3.Connection, ids: set[int]) -> set[int]:
    """Every paragraph of the events these paragraphs are in."""
    return _ids(conn, f"""SELECT id FROM paragraphs WHERE event_id IN
                          (SELECT DISTINCT event_id FROM paragraphs WHERE id IN {ID_LIST})""", id_list(ids))


def place_new_paragraphs(conn: sqlite3.Connection, date: str, new_ids: set[int], shown: int,
                         ignore: frozenset[str]) -> Placement:
    """Where the new paragraphs of `date`, and any old ones that start an event with them, go."""
    new = load_rows(conn, date, ids=new_ids)
    repeated = _repeated(conn, date, new)
    # The new paragraphs' words are read here once, and reused in the neighbourhood below.
    new_own, new_counts = paragraph_words([row.item for row in new], ignore, repeated)
    n, df = vocabulary_with(conn, date, new_counts, shown, ignore)
    if not new:
        return {}
    idf = idf_of(n, df)
    words = _rare_words(new_counts, idf, df)
    quoted = _record_neighbours(conn, date, new)
    rows = load_rows(conn, date, ids=_neighbourhood(conn, date, {row.item.paragraph_id for row in new}, words, quoted))
    items = [row.item for row in rows]
    stored = dict(conn.execute(
        f"SELECT id, event_id FROM paragraphs WHERE id IN {ID_LIST} AND event_id IS NOT NULL",
        (id_list(item.paragraph_id for item in items),),
    ))
    first: dict[int, int] = {}  # stored event -> the index of its first member here (its label)
    for index, item in enumerate(items):
        if item.paragraph_id in stored:
            first.setdefault(stored[item.paragraph_id], index)
    label = {index: first[stored[item.paragraph_id]] for index, item in enumerate(items) if item.paragraph_id in stored}
    fresh = {index for index, item in enumerate(items) if item.paragraph_id in new_ids}
    known = {row.item.paragraph_id: own for row, own in zip(new, new_own, strict=True)}
    own, counts = paragraph_words(items, ignore, _repeated(conn, date, rows), known)
    changed, similarity = attach(items, fresh, label, idf, counts, own)
    event_of = {index: event for event, index in first.items()}
    new_events: dict[int, int] = {}
    placement: Placement = {}
    for index, cluster in changed.items():
        event = event_of.get(cluster) or new_events.setdefault(cluster, -1 - len(new_events))
        placement[items[index].paragraph_id] = (event, similarity[index])
    return placement
