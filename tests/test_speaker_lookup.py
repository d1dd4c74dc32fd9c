"""A reader types a speaker's name, surname, role or alias and gets that person, whatever
the size of the archive: names are looked for among the people whose fields could hold them,
and forms SQLite cannot fold (accents, apostrophes) are still found."""

from __future__ import annotations

import json

import pytest

from liveline.timeline.errors import LivelineError
from liveline.timeline.queries import find_people
from liveline.timeline.store import open_db

PEOPLE = [
    (1, "Yvette Cooper", "Home Secretary", "person", ["Home Secretary", "Ms Cooper"]),
    (2, "Seán Ó Fearghaíl", "Ceann Comhairle", "person", ["An Ceann Comhairle"]),
    (3, "Kemi O'Neill", None, "person", []),
    (4, "Metropolitan Police", None, "organisation", ["the Met"]),
]


@pytest.fixture
def db(tmp_path):
    database = open_db(tmp_path / "people.db", create=True)
    for number, name, role, kind, aliases in PEOPLE:
        database["people"].insert({"id": number, "name": name, "role": role, "kind": kind,
                                   "aliases": json.dumps(aliases), "story_id": None})
    return database


@pytest.mark.parametrize(("typed", "found"), [
    ("yvette cooper", [1]), ("COOPER", [1]), ("the Home Secretary", [1]), ("ms cooper", [1]),
    ("Ó Fearghaíl", [2]), ("ceann comhairle", [2]), ("seán", [2]),
    ("O'Neill", [3]), ("o’neill", [3]), ("the Met", [4]), ("metropolitan", [4]),
])
def test_a_speaker_is_found_by_any_form_typed(db, typed, found):
    assert find_people(db, typed) == found


def test_a_name_nobody_has_is_refused_with_the_close_names(db):
    with pytest.raises(LivelineError, match="did you mean Yvette Cooper"):
        find_people(db, "Yvete Coper")
