"""Which earlier sources of a story a new source's people can change, found without
reading the story.

A full settle learns every source's people before attributing any: a new source's
names, roles and aliases are known when the earlier sources are read. Attributing the
new source against the registry the last settle kept (kept.py) gives the earlier sources
the same speakers only where they name nothing the new source changed. What it changed
is the difference between the registry before and after learning it; the earlier
paragraphs naming a changed word are found through the full-text index, and their
sources are read again, whole.

Where a full settle would differ in ways a re-read cannot give back, `Changes.doubt`
says why and the caller settles in full:
- a person the registry did not know who is named (or misspelt) in earlier sources: a
  full settle's learning would have read those mentions (gender votes, tie orders) with
  the new person known;
- (not a doubt: found and marked here) a word the new source capitalises that earlier
  sources write in lower case, which introductions.learn marks no one's name.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from liveline.ingest.speakers.registry import FULL_NAME_MIN_SCORE, SURNAME_MIN_FUZZY_LENGTH, Registry
from liveline.ingest.speakers.shapes import FUNCTION_WORDS
from liveline.ingest.speakers.story import PostText

_WORD = re.compile(r"\w+")
# As introductions._learn_places_and_things reads words.
_LOWER_WORD = re.compile(r"\b[a-z]+\b")
_CAPITALISED_WORD = re.compile(r"\b[A-Z][a-z]+\b")
# Index entries that only count (role votes, gender votes) change on every source naming
# a known person; only the person they elect matters to attribution.
_COUNTS = ("by_role",)
# The smallest fuzzy score at which any lookup (registry.find_full, find_surname) joins a
# word to a name: a mention of a new person misspelt scores at least this.
_FUZZY_MIN_SCORE = FULL_NAME_MIN_SCORE


@dataclass
class Changes:
    """What learning a new source changed in a story's registry."""

    words: set[str] = field(default_factory=set)  # words of changed names, aliases, roles, marks
    new_people: list[str] = field(default_factory=list)  # names of people the registry did not know
    doubt: str | None = None


def _elected(counts: dict[str, int]) -> str | None:
    return max(counts, key=counts.__getitem__) if counts else None


def _person_view(row: list[Any]) -> tuple[object, ...]:
    """A person as attribution sees them: name, kind, role, aliases and the gender elected."""
    _, name, kind, role, aliases, genders, _ = row
    best = _elected(genders)
    gender = best if best and genders[best] > sum(genders.values()) / 2 else None
    return (name, kind, role, tuple(aliases), gender)


def words_of(texts: Iterable[object]) -> set[str]:
    """The words of these texts as the full-text index holds them (lower case)."""
    return {w.lower() for text in texts if text is not None for w in _WORD.findall(str(text))}


def changes(before: dict[str, Any], after: Registry) -> Changes:
    """The words whose meaning to the registry learning changed, and the new people."""
    now = after.state()
    found = Changes()
    old_people = {row[0]: row for row in before["people"]}
    for row in now["people"]:
        old = old_people.get(row[0])
        if old is None:
            found.new_people.append(row[1])
            found.words |= words_of([row[1], row[3], *row[4]])
        elif _person_view(old) != _person_view(row):
            found.words |= words_of([row[1], old[1], row[3], old[3], *row[4], *old[4]])
    for index, value in now.items():
        if index in ("base", "people"):
            continue
        old_value = before.get(index)
        if index in _COUNTS:
            changed = [k for k, v in value.items() if _elected(v) != _elected((old_value or {}).get(k, {}))]
        elif isinstance(value, dict):
            changed = [k for k, v in value.items() if (old_value or {}).get(k) != v]
        else:
            changed = sorted(set(value) - set(old_value or []))
        found.words |= words_of(changed)
    return found


# Words no reference to anybody is made of alone: a paragraph naming somebody by a form
# holding one also holds the form's other words ("the transport secretary", "Mr Wren").
# Searched for, they would find most of the story.
_NEVER_ALONE = frozenset(FUNCTION_WORDS | {"the", "mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady"})

# The index first: joined the other way, SQLite walks the story's paragraphs and asks the
# index about each (seconds at 50k paragraphs).
_HITS = "SELECT rowid FROM paragraphs_fts WHERE paragraphs_fts MATCH ?"


def _fts_query(words: Iterable[str]) -> str:
    return " OR ".join(f'"{word}"' for word in sorted(words))


def sources_naming(conn: sqlite3.Connection, story_id: int, words: set[str], new_sources: set[int]) -> set[int]:
    """The story's earlier sources (not `new_sources`) with a paragraph holding any of `words`."""
    words = words - _NEVER_ALONE
    if not words:
        return set()
    rows = conn.execute(
        f"SELECT DISTINCT source_id FROM paragraphs WHERE id IN ({_HITS}) AND story_id = ?", (_fts_query(words), story_id)
    )
    return {source for (source,) in rows} - new_sources


def _vocabulary(conn: sqlite3.Connection) -> list[str]:
    conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.liveline_vocab USING fts5vocab(main, paragraphs_fts, 'row')")
    return [term for (term,) in conn.execute("SELECT term FROM temp.liveline_vocab")]


def misspellings(conn: sqlite3.Connection, names: list[str]) -> set[str]:
    """The index's words close enough to a word of these names for a fuzzy lookup to join them."""
    wanted = {w for w in words_of(names) if len(w) >= SURNAME_MIN_FUZZY_LENGTH}
    if not wanted:
        return set()
    return {term for term in _vocabulary(conn) for w in wanted
            if term != w and abs(len(term) - len(w)) <= len(w) // 2 and fuzz.ratio(term, w) >= _FUZZY_MIN_SCORE}


def mark_across_texts(conn: sqlite3.Connection, registry: Registry, before: dict[str, Any], story_id: int,
                      new_sources: set[int], posts: Iterable[PostText]) -> None:
    """What introductions.learn marks from the whole story's text: a capitalised word the
    story also writes in lower case is no one's name. Within the new source, learning it
    marked them already; here each side's words are looked for in the other's.

    The words the registry knew as written capitalised mid-sentence before (`before`'s
    proper words) were capitalised in the earlier sources: unmarked, those never wrote them
    in lower case, and a new source writing one in lower case marks it. Other capitalised
    words of the new source are looked for in lower case in the earlier sources' text. (A
    word the new source writes in lower case that earlier sources capitalised only at a
    sentence's start is not looked for: every common word would be, at a cost growing
    with the story; there the mark can differ from a full settle's.)"""
    proper = set(before.get("proper_words", []))
    lower: set[str] = set()
    capitalised: set[str] = set()
    for post in posts:
        for para in post.paragraphs:
            if para.duplicate_of is None:
                lower.update(_LOWER_WORD.findall(para.text))
                capitalised.update(_CAPITALISED_WORD.findall(para.text))
    for word in sorted(lower & proper):
        if not registry.is_not_person(word):
            registry.mark_not_person(word.capitalize())
    for word in sorted(capitalised):
        if word.lower() not in proper and not registry.is_not_person(word) and _written(conn, story_id, word.lower()):
            registry.mark_not_person(word)


def _written(conn: sqlite3.Connection, story_id: int, form: str) -> bool:
    """Whether an earlier paragraph of the story holds the word exactly in this form (the
    index folds case: the form is looked for in the text, by SQLite, then as a word)."""
    pattern = re.compile(rf"\b{re.escape(form)}\b")
    rows = conn.execute(
        f"""SELECT text FROM paragraphs WHERE id IN ({_HITS}) AND story_id = ? AND duplicate_of IS NULL
            AND instr(text, ?) > 0""",
        (f'"{form.lower()}"', story_id, form),
    )
    # The new source's own text counts too: learning it marked what it shows both ways.
    return any(pattern.search(text) for (text,) in rows)
