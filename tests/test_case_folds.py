"""The pre-checks that let a line skip a regex admit every line the regex matches, also
lines whose letters match only under re.IGNORECASE's Unicode folds."""

from __future__ import annotations

import re

from liveline.ingest.clock.case_folds import ODD_FOLDS, case_variants, may_hold
from liveline.ingest.clock.stamps import parse_ago_line, parse_stamp_line, split_date_prefix, split_glued_stamp
from liveline.ingest.read.furniture import furniture_kind


def test_odd_folds_are_every_character_outside_ascii_that_matches_an_ascii_letter() -> None:
    everything = "".join(chr(c) for c in range(0x80, 0x110000))
    found: dict[str, str] = {}
    for letter in "abcdefghijklmnopqrstuvwxyz":
        matched = "".join(m.group() for m in re.finditer(letter, everything, re.I))
        if matched:
            found[letter] = matched
    assert found == ODD_FOLDS


def test_case_variants_are_what_ignorecase_matches() -> None:
    assert case_variants("s") == frozenset("sSſ")
    assert case_variants("ab") == frozenset("aAbB")


def test_may_hold_leaves_a_line_with_an_odd_fold_to_the_regex() -> None:
    assert may_hold("Storm hits PUBLISHED", ("published",))
    assert not may_hold("Storm hits the coast", ("published",))
    assert not may_hold("Storm hits the coast £", ("published",))
    assert may_hold("Storm poſted", ("published",))  # no word, but "ſ" may make one for re


def test_lines_that_match_only_through_a_fold_are_still_read() -> None:
    glued = split_glued_stamp("Storm hits coastpoſted at 16:25 GMT")
    assert glued is not None and glued[0] == "Storm hits coast" and (glued[1].hour, glued[1].minute) == (16, 25)
    assert furniture_kind("ſhare") == "end"
    assert furniture_kind("ſource link") == "drop"
    assert furniture_kind("\u212aey events") == "divider"
    assert furniture_kind("Kelvin: the Key events") is None


def test_prechecks_keep_the_lines_each_reader_reads() -> None:
    assert parse_stamp_line("4.25 p.m.") is not None
    assert parse_stamp_line("Thu 16 Jan 2025 16.25 GMT ") is not None
    assert parse_stamp_line("  2025-01-16T10:00Z") is not None
    assert parse_stamp_line("He said so.") is None
    assert parse_ago_line("Updated 2h AGO ") is not None
    assert parse_ago_line("just now") is not None
    assert split_date_prefix(" date 2025-01-16 Labour has") is not None
    assert split_date_prefix("Thursday 16 January 2025") is not None
    assert split_date_prefix("Thursday 16 January") is None
