"""Each source of a batch given its story before anything of it is written.

A story the user named (--story, a manifest's `story`) is found or made; a source the
timeline already holds keeps its story; the rest of the batch is one story, proposed
from dates and shared people and words (proposal.py), and the proposal is told to the
user with the way to choose another.

A batch too big to hold parsed at once is placed chunk by chunk (pipeline.py): a story
named or proposed for an earlier chunk is the one later chunks find, and the sources a
later chunk leaves unplaced join the story proposed for the first chunk that had any,
so that one batch still gets one proposal.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from liveline.ingest.model import ParsedSource
from liveline.ingest.stories.proposal import propose_story
from liveline.ingest.stories.rows import story_id_for
from liveline.timeline.errors import LivelineError
from liveline.timeline.store import write_transaction


@dataclass
class StoryChoice:
    """Story ids by position in the batch (None: keep the story the source has), and what
    to tell the user."""

    ids: list[int | None] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    proposed: int | None = None  # the story proposed for the batch's unplaced sources, once made


def choose_stories(conn: sqlite3.Connection, batch: Sequence[ParsedSource], earlier: StoryChoice | None = None) -> StoryChoice:
    """Decide the story of every source of `batch`, making the stories that do not exist yet;
    `earlier` is the choice for the earlier chunks of the same batch (its notes kept, its
    proposal reused)."""
    choice = StoryChoice(ids=[None] * len(batch), notes=list(earlier.notes) if earlier else [],
                         proposed=earlier.proposed if earlier else None)
    unplaced: list[int] = []
    for at, parsed in enumerate(batch):
        spec = parsed.spec
        if spec.story:
            choice.ids[at] = _named(conn, spec.story, spec.title, choice.notes)
        elif not _held(conn, parsed):
            unplaced.append(at)
    if unplaced and choice.proposed is not None:
        for at in unplaced:
            choice.ids[at] = choice.proposed
    elif unplaced:
        proposal = propose_story(conn, [batch[at] for at in unplaced])
        story_id = proposal.story_id or story_id_for(conn, proposal.name, proposal.title, "proposed")
        for at in unplaced:
            choice.ids[at] = story_id
        choice.proposed = story_id
        choice.notes.append(f"story {proposal.name} ({proposal.reason}); pass --story NAME to choose another")
    choice.notes = list(dict.fromkeys(choice.notes))  # a batch's sources named alike: told once
    return choice


def _named(conn: sqlite3.Connection, name: str, title: str | None, notes: list[str]) -> int:
    """The story a user named: the one of that name; else, as every other command reads
    --story, the one story whose name or title holds the words typed ("tariffs" for a
    proposed "2025-04-03-trump-tariffs-uk-responds"); else a new story of that name."""
    exact = conn.execute("SELECT id FROM stories WHERE name = ?", (name,)).fetchone()
    if exact:
        if f"story {name} (new)" not in notes:  # made for an earlier source of this batch
            notes.append(f"story {name}")
        return int(exact[0])
    words = name.lower().replace("-", " ").split()
    matching = [
        (int(story_id), str(full)) for story_id, full, title in conn.execute("SELECT id, name, title FROM stories ORDER BY id")
        if all(word in f"{full} {title or ''}".lower().replace("-", " ") for word in words)
    ]
    if len(matching) > 1:
        raise LivelineError(
            f"--story {name!r} matches {len(matching)} stories ({', '.join(full for _, full in matching[:4])}); "
            "give more of the name, or a new name for a new story"
        )
    if matching:
        story_id, full = matching[0]
        notes.append(f"story {full} (the one story matching {name!r})")
        return story_id
    notes.append(f"story {name} (new)")
    return story_id_for(conn, name, title, "named")


def place_in_stories(
    db: sqlite_utils.Database, db_path: Path | str, batch: Sequence[ParsedSource], earlier: StoryChoice | None = None
) -> StoryChoice:
    """choose_stories in a write of its own, before the batch's sources are written: a story
    made for a batch that then fails is left empty, and the next settle drops it. `earlier`:
    the choice for the batch's earlier chunks."""
    if not any(parsed.spec.story for parsed in batch) and all(_held(db.conn, parsed) for parsed in batch):
        # Nothing to decide (a follower's every later poll of its page): no write turn taken.
        return StoryChoice(ids=[None] * len(batch), notes=list(earlier.notes) if earlier else [],
                           proposed=earlier.proposed if earlier else None)
    with write_transaction(db, db_path) as conn:
        return choose_stories(conn, batch, earlier)


def _held(conn: sqlite3.Connection, parsed: ParsedSource) -> bool:
    """The timeline has this source (same outlet and name): it stays in its story."""
    row = conn.execute(
        "SELECT 1 FROM sources WHERE outlet = ? AND name = ?", (parsed.spec.outlet, parsed.spec.name)
    ).fetchone()
    return row is not None
