"""Hostile values on the command line: a poll interval that is not a number of seconds, a
count SQLite cannot hold, a blank or control-laden name. Each is a usage error from the
parser (exit 2, its last line "liveline ...: error: argument ...") before any command
runs, never a traceback; the database is untouched."""

from __future__ import annotations

import pytest

from liveline.cli.parser import build_parser
from liveline.timeline.errors import LivelineError
from liveline.timeline.locations import ALLOW_FAST_POLL_ENV
from liveline.timeline.store import content_digest, open_db
from liveline.timeline.view import View, resolve


@pytest.fixture
def usage_error(cli, capsys, example_db, monkeypatch):
    """Run ARGS against the example timeline and expect the parser to refuse them: exit 2,
    one error line naming the flag, nothing slept, nothing written."""

    def never_sleep(seconds: float) -> None:
        raise AssertionError(f"a command slept {seconds} s: the value was not refused up front")

    monkeypatch.setattr("time.sleep", never_sleep)
    monkeypatch.setenv(ALLOW_FAST_POLL_ENV, "1")  # so the 5 s politeness floor cannot hide the check

    def run(*args: str, flag: str) -> str:
        before = _digest(example_db)
        with pytest.raises(SystemExit) as stopped:
            cli(*args, "--db", example_db)
        err = capsys.readouterr().err
        assert stopped.value.code == 2, err
        assert "Traceback" not in err
        last = err.strip().splitlines()[-1]
        assert last.startswith("liveline") and f"error: argument {flag}:" in last, err
        assert _digest(example_db) == before
        return last

    return run


def _digest(path) -> str:
    database = open_db(path)
    try:
        return content_digest(database)
    finally:
        database.conn.close()


@pytest.mark.parametrize("every", ["nan", "inf", "-inf", "-3", "0", "1e400", "1e300"])
def test_follow_every_that_is_not_a_number_of_seconds_is_a_usage_error(usage_error, every):
    line = usage_error("follow", "http://127.0.0.1:9/live", f"--every={every}", flag="--every")
    assert repr(every) in line


def test_follow_every_accepts_an_ordinary_interval():
    assert build_parser().parse_args(["follow", "http://x.test/", "--every", "30"]).every == 30.0
    assert build_parser().parse_args(["follow", "http://x.test/", "--every", "0.5"]).every == 0.5


@pytest.mark.parametrize("count", ["99999999999999999999999", "-1", "0", "9" * 5000], ids=["huge", "negative", "zero", "5000-digits"])
def test_events_min_outlets_outside_a_count_is_a_usage_error(usage_error, count):
    line = usage_error("events", "--min-outlets", count, flag="--min-outlets")
    assert "whole number" in line


def test_events_min_outlets_larger_than_any_story_shows_no_events(cli, example_db):
    run = cli("events", "--min-outlets", str(2**63 - 1), "--db", example_db)
    assert run.code == 0 and "Traceback" not in run.err


@pytest.mark.parametrize(
    "args",
    [
        ("posts", "--outlet"),
        ("posts", "--speaker"),
        ("export", "-o", "-", "--outlet"),
        ("export", "-o", "-", "--speaker"),
        ("ingest", "-", "--date", "2025-01-16", "--outlet"),
        ("follow", "http://127.0.0.1:9/live", "--outlet"),
        ("--outlet",),
        ("--speaker",),
    ],
    ids=lambda args: " ".join(args),
)
@pytest.mark.parametrize("name", ["   ", "\t", "", "BBC\x1b]0;PWNED\x07"], ids=["spaces", "tab", "empty", "escape"])
def test_a_blank_or_control_laden_outlet_or_speaker_is_a_usage_error(usage_error, args, name):
    usage_error(*args, name, flag=args[-1])


def test_a_name_with_extra_spaces_is_read_as_the_name(cli, example_db):
    assert cli("posts", "--outlet", "  BBC   News ", "--db", example_db).out == cli("posts", "--outlet", "BBC News", "--db", example_db).out


def test_the_core_refuses_a_blank_filter_from_any_caller(example_db):
    database = open_db(example_db)
    try:
        for view in (View(outlets=("  ",)), View(speakers=("",))):
            with pytest.raises(LivelineError, match="blank"):
                resolve(database, view)
    finally:
        database.conn.close()
