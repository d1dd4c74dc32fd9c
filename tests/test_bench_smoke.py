"""The benchmarks run end to end at a tiny size, so they cannot rot (numbers are not checked)."""

from __future__ import annotations

import json
import subprocess
import sys

from bench.corpus import generate
from bench.quality import evaluate
from tests.conftest import REPO


def test_synthetic_corpus_is_deterministic_and_scores(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    assert generate(600, 3, one) == generate(600, 3, two)
    assert sorted(p.read_bytes() for p in one.glob("*.txt")) == sorted(p.read_bytes() for p in two.glob("*.txt"))
    result = evaluate(one, tmp_path / "q.db")
    assert result["stated_times"]["recall"] is not None and result["speakers"]["lines"] > 0
    assert result["merge"]["cross_day"] == 0


def test_speed_report_runs_at_a_tiny_size(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "bench.speed", "--paragraphs", "300", "600", "--out", str(tmp_path), "--no-toolong"],
        cwd=REPO, capture_output=True, text=True, check=True,
    )
    report = json.loads(done.stdout)
    assert set(report["sizes"]) == {"300", "600"} and "growth" in report
    assert report["sizes"]["600"]["export_seconds"] is not None
    assert report["sizes"]["600"]["reader_first_screen_s"] > 0  # the reader drew its first screen in a pty
    assert report["sizes"]["600"]["filter_switch_ms"] is not None


def test_the_page_score_reads_every_fixture_page_and_none_is_wrong_silently():
    from bench.pages import score

    result = score(REPO / "tests" / "fixtures" / "pages" / "expected.toml")
    assert result["pages"] >= 18 and result["wrong silently"] == 0, result["verdicts"]
    assert result["exact"] + result["wrong with a warning"] == result["pages"]
