"""People followed across the stories of a library (`liveline speakers --all`).

Each story keeps its own people; ingest links the same person in several stories through
`people.same_as` (the linked group's lowest id; NULL for a person linked to nobody), so
one person across a season is `COALESCE(same_as, id)`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import sqlite_utils

from liveline.timeline.stories import stories


def people_across_stories(db: sqlite_utils.Database, story_ids: Sequence[int] = ()) -> list[dict[str, Any]]:
    """One row per person across the stories (all, or only `story_ids`), linked people once:
    the name they are most heard under, their roles and stories oldest first, the
    paragraphs attributed to them summed, their outlets and aliases; most heard first."""
    where, params = "", []
    if story_ids:
        # Served by the index on people(story_id).
        where, params = "WHERE pe.story_id IN (SELECT value FROM json_each(?))", [json.dumps(sorted(set(story_ids)))]
    rows = db.execute(
        f"""
        SELECT COALESCE(pe.same_as, pe.id), pe.id, pe.name, pe.role, pe.kind, pe.aliases, pe.story_id,
               COUNT(DISTINCT ps.paragraph_id), GROUP_CONCAT(DISTINCT s.outlet)
        FROM people pe
        LEFT JOIN paragraph_speakers ps ON ps.person_id = pe.id
        LEFT JOIN paragraphs pa ON pa.id = ps.paragraph_id AND pa.duplicate_of IS NULL
        LEFT JOIN sources s ON s.id = pa.source_id
        {where}
        GROUP BY pe.id
        """,
        params,
    ).fetchall()
    order: dict[int, tuple[int, str | None]] = {story.id: (n, story.name) for n, story in enumerate(stories(db))}
    unplaced = (len(order), None)
    groups: dict[int, list[tuple[Any, ...]]] = {}
    for row in rows:
        groups.setdefault(row[0], []).append(row)
    people = [_one_person(members, order, unplaced) for members in groups.values()]
    people.sort(key=lambda p: (-p["paragraphs"], p["name"] or "", p["id"]))
    return people


def _one_person(
    members: list[tuple[Any, ...]], order: dict[int, tuple[int, str | None]], unplaced: tuple[int, None]
) -> dict[str, Any]:
    members.sort(key=lambda m: (order.get(m[6], unplaced), m[1]))
    loudest = max(members, key=lambda m: (m[7], -m[1]))
    roles: list[str] = []
    aliases: list[str] = []
    outlets: set[str] = set()
    for member in members:
        if member[3] and member[3] not in roles:
            roles.append(member[3])
        aliases += [a for a in json.loads(member[5] or "[]") if a not in aliases]
        outlets.update((member[8] or "").split(",") if member[8] else [])
    story_names = [order.get(m[6], unplaced)[1] for m in members]
    return {
        "id": members[0][0],
        "person_ids": sorted(m[1] for m in members),
        "name": loudest[2],
        "roles": roles,
        "kind": loudest[4],
        "aliases": aliases,
        "paragraphs": sum(int(m[7]) for m in members),
        "outlets": sorted(outlets),
        "stories": list(dict.fromkeys(name for name in story_names if name is not None)),
    }
