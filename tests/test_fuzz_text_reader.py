"""A fuzz of the text reader through the real ingest: generated copies (any unicode,
control characters, stamp-like lines, dates of any year, "Updated at", huge and odd
numbers, furniture, blank lines, odd line endings) are either taken, leaving a database
every command can still read, or refused with one `liveline: error:` line and the
database exactly as it was. Any other exception is a bug.

The seed is fixed. The suite runs a small count; LIVELINE_FUZZ_EXAMPLES=10000 is the long run.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from liveline.ingest.pipeline import ingest
from liveline.ingest.sources.spec import SourceSpec
from tests.conftest import digest, write

# Enough for the suite to meet every kind of line a few times in well under 20 s.
SUITE_EXAMPLES = 300
EXAMPLES = int(os.environ.get("LIVELINE_FUZZ_EXAMPLES", SUITE_EXAMPLES))

GOOD = "Minister opens the debate\n10:00 GMT\nThe minister spoke first.\nShare\n11:00 GMT\nThe opposition replied.\nShare\n"

# Mostly plausible years, so one impossible year does not refuse nearly every copy.
_plausible_year = st.integers(1990, 2040)
_years = st.one_of(_plausible_year, _plausible_year, _plausible_year, _plausible_year, st.integers(1, 9999), st.sampled_from([1, 999, 1000, 9999]))
_clock = st.tuples(st.integers(0, 99), st.integers(0, 99))
_zones = st.sampled_from(["GMT", "BST", "UTC", "Greenwich Mean Time", "British Summer Time", "", "CET", "pm", "am"])
_offsets = st.sampled_from(["", "Z", "+00:00", "+05:00", "-05:00", "+23:59", "-2359", "+01"])
_months = st.sampled_from(["January", "Jan", "June", "December", "Foo", "Sept."])


@st.composite
def _iso(draw) -> str:
    year, month, day = draw(_years), draw(st.integers(0, 13)), draw(st.integers(0, 32))
    hour, minute = draw(_clock)
    seconds = draw(st.sampled_from(["", ":00", ":59", ":60", ".123456"]))
    prefix = draw(st.sampled_from(["", "", "Updated at ", "Published: ", "date "]))
    return f"{prefix}{year:04d}-{month:02d}-{day:02d}{draw(st.sampled_from(['T', ' ']))}{hour:02d}:{minute:02d}{seconds}{draw(_offsets)}"


@st.composite
def _stamp_line(draw) -> str:
    hour, minute = draw(_clock)
    prefix = draw(st.sampled_from(["", "Updated at ", "updated ", "Published at ", "Posted: ", "Last updated at "]))
    dot = draw(st.sampled_from([":", ".", ""]))
    shown = f"{hour}{dot}{minute:02d}" if dot else f"{hour}"
    return f"{prefix}{shown} {draw(_zones)}".strip()


@st.composite
def _date_line(draw) -> str:
    year, day, month = draw(_years), draw(st.integers(0, 40)), draw(_months)
    form = draw(st.integers(0, 4))
    if form == 0:
        return f"date {year:04d}-{draw(st.integers(0, 13)):02d}-{day:02d} {draw(_prose)}"
    if form == 4:
        return f"Thu {day} {month} {year:04d} {draw(_stamp_line())}"
    return [f"Thursday {day} {month} {year:04d}", f"{day} {month} {year:04d}", f"{month} {day}, {year:04d}"][form - 1]


_odd_numbers = st.sampled_from([
    "99999999999999999999:99 GMT", "1e400", "-0", "NaN", "inf", "00:00", "24:00 GMT", "12:60 BST", "0.5pm",
    "13pm", "99.99", "123456789012345678901234567890", "Updated at 99999999999999999999999 GMT",
])
_furniture = st.sampled_from(["Share", "Key events", "Edited by Ann Other", "Pinned", "Advertisement", "Copy link"])
_people = st.sampled_from(["Yvette Cooper", "Home Secretary", "By Ann Other, political correspondent", "Ann Other", "Political correspondent"])
_prose = st.sampled_from([
    "The minister said the plan would go ahead.", '"We will act," she said.', "He goes on to say more.",
    "Good morning and welcome to our live coverage.", "In summary, it was a long day.",
])
_any_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60)
_long_line = st.tuples(_prose, st.integers(20, 200)).map(lambda pair: pair[0] * pair[1])
_controls = st.text(st.characters(min_codepoint=0, max_codepoint=0x9F), max_size=12)

_line = st.one_of(
    _iso(), _stamp_line(), _date_line(), _odd_numbers, _furniture, _people, _prose, _any_text, _controls,
    st.just(""), _long_line, st.tuples(_stamp_line(), _prose).map(" ".join),
    st.tuples(_prose, _stamp_line()).map(lambda pair: f"{pair[0]}published at {pair[1]}"),
)
_copy = st.tuples(st.lists(_line, min_size=1, max_size=40), st.sampled_from(["\n", "\r\n", "\r", "\n\n"])).map(lambda parts: parts[1].join(parts[0]))
# Mostly a usable day (the DST change days included), so most copies reach the reader and
# the clock; sometimes none, any day at all, or a malformed one.
_usable_day = st.sampled_from(["2025-01-16", "2025-07-03", "2025-03-30", "2025-10-26"])
_given_date = st.one_of(
    _usable_day, _usable_day, _usable_day, st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31)).map(lambda day: day.isoformat()),
    st.sampled_from(["0999-06-01", "9999-12-31", "2025-02-30", "16/01/2025"]),
)
# What the user may tell about the copy besides its date.
_told = st.tuples(
    st.sampled_from([(), ("--kind", "liveblog"), ("--kind", "article"), ("--kind", "transcript")]),
    st.sampled_from([(), ("--order", "newest_first"), ("--order", "oldest_first")]),
).map(lambda pair: [*pair[0], *pair[1]])
# Now and then the file's bytes are not a copy's text at all.
_raw = st.one_of(st.none(), st.none(), st.none(), st.none(), st.binary(max_size=200))



def _outcome(code: int, err: str, source: Path) -> str:
    """The kind of answer, for --hypothesis-show-statistics: how often each path was met."""
    if code == 0:
        return "taken"
    message = re.sub(r"^FILE:\d+:", "FILE:N:", err.split("error:", 1)[-1].replace(str(source), "FILE").strip())
    return "refused: " + re.sub(r"'[^']*'", "'…'", message)[:60]


@pytest.fixture(scope="module")
def base_db(tmp_path_factory) -> Path:
    """A timeline that already holds one source, so 'unchanged' means something."""
    folder = tmp_path_factory.mktemp("fuzz-base")
    good = write(folder, "good.txt", GOOD)
    path = folder / "t.db"
    ingest([SourceSpec(path=good, outlet="Good", name="good", date=dt.date(2025, 2, 3))], path)
    return path


@settings(
    max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(copy=_copy, date=_given_date, raw=_raw, told=_told)
def test_any_text_copy_is_taken_or_refused_in_one_line_with_the_database_unchanged(cli, tmp_path_factory, base_db, copy, date, raw, told):
    folder = tmp_path_factory.mktemp("fuzz", numbered=True)
    db = folder / "t.db"
    shutil.copy(base_db, db)
    source = folder / "copy.txt"
    source.write_bytes(raw if raw is not None else copy.encode("utf-8"))
    before = digest(db)
    run = cli("ingest", source, "--outlet", "Fuzz", *(["--date", date] if date else []), *told, "--db", db)
    event(_outcome(run.code, run.err, source))
    if run.code == 0:
        # Taken: every later read of the database still works (no poisoned row).
        for command in (("posts",), ("print",), ("events",)):
            assert cli(*command, "--db", db).code == 0
    else:
        lines = run.err.strip().splitlines()
        assert run.code == 1 and len(lines) == 1 and lines[0].startswith("liveline: error:"), run.err
        assert digest(db) == before
    shutil.rmtree(folder)


def test_a_copy_that_is_only_its_date_line_is_refused_as_having_no_posts(cli, tmp_path):
    # Found by the fuzz: the reader took the first paragraph of an empty list.
    copy = write(tmp_path, "dated.txt", "Thursday 16 January 2025\n")
    run = cli("ingest", copy, "--outlet", "Fuzz", "--kind", "article", "--db", tmp_path / "t.db")
    assert run.code == 1 and "no posts found" in run.err
    run = cli("ingest", copy, "--outlet", "Fuzz", "--db", tmp_path / "t.db")
    assert run.code == 1 and "no posts found" in run.err
