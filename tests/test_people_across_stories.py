"""Following a person across the stories of a library: the same person in two stories is
one person only on strong evidence (the same full name), never on a surname or an office
alone, and `liveline speakers --all` shows them once with every story they appear in.
Every person here is invented.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from liveline.ingest.speakers.linking import link_people, name_key
from liveline.timeline.people_across import people_across_stories
from liveline.timeline.store import open_db

PEOPLE_PER_STORY = 1_000_000


class Library:
    """A timeline of several stories written row by row, as ingest leaves them: each
    story's people numbered from its own block of ids, each with paragraphs they said."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.db = open_db(path, create=True)
        self.conn = self.db.conn
        self.people_in: dict[int, int] = {}
        self.paragraphs = 0

    def story(self, name: str, date: str, outlet: str = "The Courier") -> int:
        story = self.conn.execute(
            "INSERT INTO stories (name, title, origin, created_at) VALUES (?, ?, 'named', ?)", (name, name, date)
        ).lastrowid
        source = self.conn.execute(
            "INSERT INTO sources (name, outlet, kind, date, story_id) VALUES (?, ?, 'liveblog', ?, ?)",
            (f"{name}.txt", outlet, date, story),
        ).lastrowid
        self.conn.execute("INSERT INTO posts (id, source_id, seq, kind, date) VALUES (?, ?, 1, 'post', ?)", (source, source, date))
        self.conn.commit()
        assert story is not None
        return story

    def person(self, story: int, name: str, role: str | None = None, kind: str = "person", said: int = 1) -> int:
        self.people_in[story] = self.people_in.get(story, 0) + 1
        person = (story - 1) * PEOPLE_PER_STORY + self.people_in[story]
        self.conn.execute(
            "INSERT INTO people (id, name, role, kind, aliases, story_id) VALUES (?, ?, ?, ?, ?, ?)",
            (person, name, role, kind, f'["{name}"]', story),
        )
        (source,) = self.conn.execute("SELECT id FROM sources WHERE story_id = ?", (story,)).fetchone()
        for _ in range(said):
            self.paragraphs += 1
            self.conn.execute(
                "INSERT INTO paragraphs (id, post_id, source_id, seq, part, text, story_id, rank) VALUES (?, ?, ?, ?, 'body', ?, ?, ?)",
                (self.paragraphs, source, source, self.paragraphs, f"{name} spoke.", story, self.paragraphs),
            )
            self.conn.execute(
                "INSERT INTO paragraph_speakers (paragraph_id, person_id, how, confidence) VALUES (?, ?, 'quote', 1.0)",
                (self.paragraphs, person),
            )
        self.conn.commit()
        return person

    def link(self) -> None:
        link_people(self.conn)
        self.conn.commit()

    def same_as(self, person: int) -> int | None:
        (value,) = self.conn.execute("SELECT same_as FROM people WHERE id = ?", (person,)).fetchone()
        return value

    def rows_named(self, name: str) -> list[dict[str, object]]:
        return [row for row in people_across_stories(self.db) if row["name"] == name]


@pytest.fixture
def library(tmp_path: Path) -> Library:
    return Library(tmp_path / "t.db")


def test_the_same_full_name_in_two_stories_is_one_person_across_the_season(library):
    budget = library.story("budget-2023", "2023-03-15")
    pmqs = library.story("pmqs-2025", "2025-02-05", outlet="The Ledger")
    first = library.person(budget, "Dana Okafor", role="policing minister", said=3)
    # Roles change from one year to the next; the name is the evidence.
    later = library.person(pmqs, "Dana Okafor", role="shadow home secretary", said=2)
    library.link()

    assert library.same_as(first) == first and library.same_as(later) == first
    (row,) = library.rows_named("Dana Okafor")
    assert row["stories"] == ["budget-2023", "pmqs-2025"]
    assert row["paragraphs"] == 5
    assert row["roles"] == ["policing minister", "shadow home secretary"]
    assert row["outlets"] == ["The Courier", "The Ledger"]


def test_case_accents_apostrophes_and_titles_do_not_hide_a_name(library):
    one = library.story("one", "2024-05-01")
    two = library.story("two", "2024-09-01")
    plain = library.person(one, "Tomas OBrien")
    titled = library.person(two, "Sir Tomás O'Brien")
    library.link()

    assert library.same_as(titled) == plain
    assert name_key("Dr  Tomás O’Brien MP") == name_key("tomas obrien")


def test_a_surname_alone_never_links(library):
    one = library.story("one", "2023-01-10")
    two = library.story("two", "2024-01-10")
    three = library.story("three", "2025-01-10")
    full = library.person(one, "Mina Castell")
    bare = library.person(two, "Castell")
    titled = library.person(three, "Mr Castell")
    library.link()

    assert [library.same_as(p) for p in (full, bare, titled)] == [None, None, None]
    assert len(people_across_stories(library.db)) == 3


def test_the_same_office_held_by_different_people_never_links(library):
    earlier = library.story("earlier", "2023-06-01")
    later = library.story("later", "2025-06-01")
    holders = [
        library.person(earlier, "Priya Lal", role="home secretary"),
        library.person(later, "Tom Reyes", role="home secretary"),
        # An unnamed office holder is whoever held it in that story.
        library.person(earlier, "the home secretary", role="home secretary", kind="role"),
        library.person(later, "the home secretary", role="home secretary", kind="role"),
    ]
    library.link()

    assert [library.same_as(p) for p in holders] == [None] * 4
    assert len(library.rows_named("the home secretary")) == 2


def test_two_people_of_one_name_in_one_story_link_to_nobody(library):
    crowded = library.story("crowded", "2024-02-01")
    other = library.story("other", "2024-08-01")
    first = library.person(crowded, "Sam Ortiz", role="councillor")
    second = library.person(crowded, "Sam Ortiz", role="headteacher")
    elsewhere = library.person(other, "Sam Ortiz")
    library.link()

    # Which of the story's two Sam Ortizes the other story's one is, nothing says.
    assert [library.same_as(p) for p in (first, second, elsewhere)] == [None, None, None]
    assert len(library.rows_named("Sam Ortiz")) == 3


def test_a_reporter_and_a_speaker_of_one_name_stay_apart(library):
    one = library.story("one", "2024-03-01")
    two = library.story("two", "2024-04-01")
    writer = library.person(one, "Ada Whitlow", kind="journalist")
    speaker = library.person(two, "Ada Whitlow")
    library.link()

    assert (library.same_as(writer), library.same_as(speaker)) == (None, None)


def test_a_misspelt_name_links_only_with_the_same_office(library):
    spring = library.story("spring", "2025-03-01")
    summer = library.story("summer", "2025-06-01")
    autumn = library.story("autumn", "2025-09-01")
    right = library.person(spring, "Chris Hallam", role="shadow home secretary", said=4)
    slip = library.person(summer, "Chris Halam", role="the shadow home secretary", said=1)
    # The same slip with another office: maybe somebody else.
    unsure = library.person(autumn, "Chris Hallum", role="transport secretary")
    library.link()

    assert library.same_as(slip) == right
    assert library.same_as(unsure) is None
    (row,) = library.rows_named("Chris Hallam")
    assert row["stories"] == ["spring", "summer"] and row["paragraphs"] == 5


def test_a_near_name_sharing_a_role_many_hold_stays_apart(library):
    one = library.story("one", "2024-01-01")
    two = library.story("two", "2024-07-01")
    smith = library.person(one, "John Smithers", role="Labour MP")
    smyth = library.person(two, "John Smythers", role="Labour MP")
    library.link()

    assert (library.same_as(smith), library.same_as(smyth)) == (None, None)


def test_a_person_in_three_stories_is_named_by_the_lowest_id_and_links_follow_the_rows(library):
    ids = []
    for n, date in enumerate(("2023-01-01", "2024-01-01", "2025-01-01")):
        story = library.story(f"s{n}", date)
        library.person(story, f"Only Here{n}")
        ids.append(library.person(story, "Lena Varga"))
    library.link()
    assert [library.same_as(p) for p in ids] == [ids[0]] * 3

    # The first story's people are rebuilt without her: the others stay linked, by their own lowest id.
    library.conn.execute("DELETE FROM paragraph_speakers WHERE person_id = ?", (ids[0],))
    library.conn.execute("DELETE FROM people WHERE id = ?", (ids[0],))
    library.link()
    assert [library.same_as(p) for p in ids[1:]] == [ids[1]] * 2
    library.conn.execute("DELETE FROM paragraph_speakers WHERE person_id = ?", (ids[1],))
    library.conn.execute("DELETE FROM people WHERE id = ?", (ids[1],))
    library.link()
    assert library.same_as(ids[2]) is None


def test_people_of_some_stories_only(library):
    one = library.story("one", "2023-01-01")
    two = library.story("two", "2024-01-01")
    library.person(one, "Lena Varga", said=2)
    library.person(two, "Lena Varga", said=3)
    library.person(two, "Omar Haddad")
    library.link()

    rows = people_across_stories(library.db, story_ids=[two])
    assert [(r["name"], r["stories"], r["paragraphs"]) for r in rows] == [("Lena Varga", ["two"], 3), ("Omar Haddad", ["two"], 1)]


def test_speakers_all_shows_a_linked_person_once_with_both_stories(cli, library):
    budget = library.story("budget-2023", "2023-03-15")
    pmqs = library.story("pmqs-2025", "2025-02-05")
    library.person(budget, "Dana Okafor", role="policing minister", said=3)
    library.person(pmqs, "Dana Okafor", role="shadow home secretary", said=2)
    library.person(pmqs, "Okafor")
    library.link()
    library.db.close()

    run = cli("speakers", "--all", "--db", library.path)
    assert run.code == 0, run.err
    lines = [line for line in run.out.splitlines() if "Dana Okafor" in line]
    assert len(lines) == 1
    assert "budget-2023" in lines[0] and "pmqs-2025" in lines[0] and " 5 " in lines[0]
    # A surname alone is somebody else, listed on their own.
    assert any("Okafor" in line and "Dana" not in line for line in run.out.splitlines())

    each_story = cli("speakers", "--db", library.path)
    assert each_story.code == 0
    assert len([line for line in each_story.out.splitlines() if "Dana Okafor" in line]) == 2


def test_speakers_all_for_some_stories_names_only_those(cli, library):
    spring = library.story("spring-budget", "2024-03-06")
    library.story("autumn-budget", "2024-10-30")
    summer = library.story("summer-riots", "2024-08-01")
    for story in (spring, summer):
        library.person(story, "Lena Varga", role="chancellor")
    library.link()
    library.db.close()

    run = cli("speakers", "--all", "--story", "budget", "--db", library.path)
    assert run.code == 0, run.err
    (line,) = [line for line in run.out.splitlines() if "Lena Varga" in line]
    assert "spring-budget" in line and "summer-riots" not in line
