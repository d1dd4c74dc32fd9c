"""The same person in several stories, linked as one only on strong evidence.

Each story's registry decides who its people are; this only says which people of
different stories are one person, in `people.same_as`: every member of a linked group
holds the group's lowest person id (the lowest one its own), and a person linked to
nobody holds NULL, so `COALESCE(same_as, id)` names a person across the whole library.

Strong evidence is the same full name: at least two name words once case, accents,
apostrophes and titles ("Sir", "Dr") are folded away, and the same kind (person or
journalist). A surname alone ("Mr Sunak") or an office alone ("the home secretary") is
never evidence: those name different people in different years. Roles may change
between stories (a minister in one, a shadow secretary the next) and never block a link;
an equal role held by one person at a time lets a slip of typing in one name word
through ("Chris Phillip" and "Chris Philp", both "shadow home secretary").
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

from liveline.ingest.speakers.names import TITLES, role_key

_LINKED_KINDS = ("person", "journalist")
# Letters after the name that are no part of it ("Jane Doe MP", "John Roe KC").
_POST_NOMINALS = {"mp", "msp", "mep", "ms", "kc", "qc", "mbe", "obe", "cbe"}
# Roles many people hold at once: sharing one says nothing about who somebody is, so a
# near-identical name with such a role stays unlinked ("Labour MP" John Smith and John Smyth).
_MANY_HOLDERS = {
    "mp", "msp", "mep", "ms", "member", "councillor", "peer", "candidate", "lawyer", "barrister", "kc", "qc",
    "solicitor", "spokesperson", "spokesman", "spokeswoman", "correspondent", "reporter", "editor", "presenter",
    "journalist", "columnist", "writer", "analyst", "economist", "expert", "campaigner", "activist", "victim",
    "survivor", "officer", "constable", "detective", "official", "adviser", "advisor", "resident", "witness",
    "protester", "protestor", "volunteer", "worker", "doctor", "nurse", "teacher", "student", "parent", "source",
    "backbencher",
}
# A slipped word must be this long: in "Ed"/"Ted" one letter is a different name.
_SLIP_MIN_LETTERS = 4
# More differently spelt names than this sharing an office and all words but one: the
# office is not one person's at a time, so none of them is taken for a slip (and the
# comparisons, pair by pair, stay few however large the library).
_SLIP_BUCKET_MAX = 6


# "O'Neill" and "ONeill" are one spelling (apostrophes go first); a hyphen keeps
# "Smith-Jones" one word; full stops and the rest part words ("Dr.", "J.K.").
_NOT_NAME = re.compile(r"[^a-z0-9\- ]+")


def _ascii(text: str) -> str:
    """Accents dropped ("Tomás" is "Tomas"), and curly apostrophes with them."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


@lru_cache(maxsize=1 << 16)
def name_key(name: str | None) -> tuple[str, ...] | None:
    """A full name's words folded for comparison across stories, titles and post-nominal
    letters dropped; None when fewer than two name words remain (a surname alone)."""
    name = name or ""
    folded = (name if name.isascii() else _ascii(name)).lower()
    words = _NOT_NAME.sub(" ", folded.replace("'", "")).split()
    while words and words[0] in TITLES:
        words.pop(0)
    while words and words[-1] in _POST_NOMINALS:
        words.pop()
    return tuple(words) if len(words) >= 2 else None


@lru_cache(maxsize=1 << 12)
def _role_slip_key(role: str | None) -> str | None:
    """The role a misspelt name must share to be linked: folded, and held by one person
    at a time (not "MP", "spokesperson")."""
    key = role_key(role)
    if not key:
        return None
    key = _ascii(key)
    return None if key.split()[-1] in _MANY_HOLDERS else key


def _one_slip(a: str, b: str) -> bool:
    """Whether two words differ by a slip of typing, with the same first letter: one letter
    added, dropped, changed or two swapped, or two such in a word of five letters or more
    ("Philp" written "Phillip")."""
    if a == b or min(len(a), len(b)) < _SLIP_MIN_LETTERS or a[0] != b[0]:
        return False
    return _within(a, b, 2 if min(len(a), len(b)) >= 5 else 1)


def _within(a: str, b: str, edits: int) -> bool:
    """Whether `a` becomes `b` in at most `edits` edits (a swap of neighbours is one)."""
    start = 0
    while start < len(a) and start < len(b) and a[start] == b[start]:
        start += 1
    a, b = a[start:], b[start:]
    end = 0
    while end < len(a) and end < len(b) and a[-1 - end] == b[-1 - end]:
        end += 1
    a, b = a[: len(a) - end], b[: len(b) - end]
    if not a or not b:
        return max(len(a), len(b)) <= edits
    if edits == 0 or abs(len(a) - len(b)) > edits:
        return False
    if len(a) > 1 and len(b) > 1 and a[0] == b[1] and a[1] == b[0] and _within(a[2:], b[2:], edits - 1):
        return True
    return _within(a[1:], b[1:], edits - 1) or _within(a[1:], b, edits - 1) or _within(a, b[1:], edits - 1)


class _Groups:
    """People joined into groups that never hold two people of one story: a story's
    registry already decided its people are different people."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}
        self.stories: dict[int, set[int | None]] = {}

    def add(self, person: int, story: int | None) -> None:
        if person not in self.parent:
            self.parent[person] = person
            self.stories[person] = {story}

    def root(self, person: int) -> int:
        while self.parent[person] != person:
            self.parent[person] = self.parent[self.parent[person]]
            person = self.parent[person]
        return person

    def join(self, a: int, b: int) -> bool:
        ra, rb = self.root(a), self.root(b)
        if ra == rb or self.stories[ra] & self.stories[rb]:
            return False
        low, high = min(ra, rb), max(ra, rb)
        self.parent[high] = low
        self.stories[low] |= self.stories.pop(high)
        return True


_Name = tuple[str, tuple[str, ...]]  # kind, folded name words
_Member = tuple[int, int | None, str | None]  # person, story, role


def link_people(conn: sqlite3.Connection) -> None:
    """Set `people.same_as` for every person of the timeline (see the module's docstring).

    One pass over the people grouped by folded name, then only the rows whose link changed
    are written: cheap at a thousand stories, and run at the end of each full settle."""
    by_name: dict[_Name, list[_Member]] = defaultdict(list)
    current: dict[int, int] = {}
    everyone = conn.execute(
        "SELECT id, name, role, kind, story_id, same_as FROM people WHERE kind IN (?, ?) OR same_as IS NOT NULL", _LINKED_KINDS
    )
    for person, name, role, kind, story, same_as in everyone:
        if same_as is not None:
            current[person] = same_as
        if kind in _LINKED_KINDS and (key := name_key(name)) is not None:
            by_name[(kind, key)].append((person, story, role))
    groups = _Groups()
    unambiguous: dict[_Name, list[_Member]] = {}
    for name, members in by_name.items():
        stories = {story for _, story, _ in members}
        # Two people of one story both bearing the name: that story's registry saw two
        # people called so, and nothing says which of them another story's one is. The
        # name is shared by several people, so it links nobody anywhere.
        if len(stories) < len(members):
            continue
        unambiguous[name] = members
        if len(members) > 1:
            for person, story, _ in members:
                groups.add(person, story)
            for (first, _, _), (other, _, _) in zip(members, members[1:], strict=False):
                groups.join(first, other)
    _link_slips(groups, unambiguous)
    _write(conn, current, groups)


def _link_slips(groups: _Groups, names: dict[_Name, list[_Member]]) -> None:
    """Join names one slip apart in one word when the same specific role goes with both.

    Names are bucketed by kind, role, length and every word but one, so only names that
    could be slips of each other are ever compared. A name close to two others is left
    alone: which of them it misspells is a guess."""
    # kind, role, words, the word that may slip, the other words
    buckets: dict[tuple[str, str, int, int, tuple[str, ...]], list[tuple[str, ...]]] = defaultdict(list)
    for (kind, key), members in names.items():
        for role in {slip for _, _, role in members if (slip := _role_slip_key(role)) is not None}:
            for i in range(len(key)):
                buckets[(kind, role, len(key), i, key[:i] + key[i + 1:])].append(key)
    close: dict[tuple[str, tuple[str, ...]], set[tuple[str, ...]]] = defaultdict(set)
    for (kind, _, _, i, _), keys in buckets.items():
        distinct = sorted(set(keys))
        if len(distinct) > _SLIP_BUCKET_MAX:
            continue
        for a, b in _pairs(distinct):
            if _one_slip(a[i], b[i]):
                close[(kind, a)].add(b)
                close[(kind, b)].add(a)
    for (kind, key), others in sorted(close.items()):
        if len(others) != 1:
            continue
        (other,) = others
        if len(close[(kind, other)]) == 1 and key < other:
            for person, story, _ in names[(kind, key)] + names[(kind, other)]:
                groups.add(person, story)
            groups.join(names[(kind, key)][0][0], names[(kind, other)][0][0])


def _pairs(keys: list[tuple[str, ...]]) -> Iterable[tuple[tuple[str, ...], tuple[str, ...]]]:
    for n, a in enumerate(keys):
        for b in keys[n + 1:]:
            yield a, b


def _write(conn: sqlite3.Connection, current: dict[int, int], groups: _Groups) -> None:
    """Write each person's group's lowest id, and clear the links no longer found."""
    sizes: dict[int, int] = defaultdict(int)
    for person in groups.parent:
        sizes[groups.root(person)] += 1
    linked = {person: root for person in groups.parent if sizes[root := groups.root(person)] > 1}
    changed: list[tuple[int | None, int]] = [(target, person) for person, target in linked.items() if current.get(person) != target]
    changed += [(None, person) for person in current if person not in linked]
    conn.executemany("UPDATE people SET same_as = ? WHERE id = ?", changed)
