"""Saved transcript pages of parliaments, scored as bench.records scores them: what was
fixed stays fixed. Each trial was written blind (by a tester who did not read the reader's
code), scored, then its misses fixed as rules of each layout, never of its lines."""

from pathlib import Path

import pytest

from bench.records import score_folders

FIXTURES = Path(__file__).parent / "fixtures"

# (folders, pages at least, share of turns right now); the blind score in the comment.
TRIALS = {
    # Eleven layouts never seen (Holyrood, Lords, Stormont, Senate of Canada, Senedd, Lok Sabha,
    # Bundestag, European Parliament, Singapore, South Africa, Congressional Record) and our
    # own two pages: blind 77 of 121 (64 %), three pages refused.
    "first": (("record_trial", "records"), 13, 1.0),
    # Eight pages of seven layouts: blind 72 of 90 (80 %). Its urgent question is read
    # without its "(Urgent Question):" label (Hansard's, not the member's words), as the
    # third trial reads it.
    "second": (("record_trial2",), 8, 1.0),
    # Eight pages of eight layouts: blind 82 of 94 (87 %).
    "third": (("record_trial3",), 8, 1.0),
    # Six pages of six layouts: blind 67 of 68, with 2 extra posts and 7 procedural lines in
    # turns (a Lords amendment's print read as the mover's turn, hs_Procedure lines worded as
    # no rule knew), all right once a page's procedural markup made its lines furniture.
    "fourth": (("record_trial4",), 6, 1.0),
}


@pytest.mark.parametrize("trial", TRIALS)
def test_each_blind_trials_records_are_read_turn_by_turn(trial):
    folders, pages, turns_right = TRIALS[trial]
    summary, scores = score_folders([FIXTURES / folder for folder in folders])
    misses = {s.name: s.misses for s in scores if s.misses}
    assert summary["pages"] >= pages
    assert summary["turns_right"] >= turns_right, misses
    assert summary["pages_at_90"] == summary["pages"], misses
    assert summary["refused"] == 0 and summary["furniture_in_turns"] == 0 and summary["extra_posts"] == 0, misses
    assert summary["zone_or_date_wrong"] == 0, misses
