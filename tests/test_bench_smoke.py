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
    report_file = tmp_path / "speed.json"
    subprocess.run(
        [sys.executable, "-m", "bench.speed", "--paragraphs", "300", "600", "--out",
         str(tmp_path), "--no-toolong", "--no-lnav", "--reader-runs", "1", "--reader-sizes", "600", "--json", str(report_file)],
        cwd=REPO, capture_output=True, text=True, check=True,
    )
    report = json.loads(report_file.read_text(encoding="utf-8"))
    assert set(report["sizes"]) == {"300", "600"}
    small, large = report["sizes"]["300"], report["sizes"]["600"]
    for size in (small, large):
        for stage in ("sqlite_floor", "ingest_plain", "speakers", "merge", "export", "search"):
            figures = size["stages"][stage]
            # The whole tree is never charged less than its main process's own peak.
            assert figures["peak_tree_mb"]["max"] >= figures["peak_rss_mb"]["max"] > 0
            assert figures["cpu_s"]["median"] > 0 and figures["wall_s"]["median"] > 0
            assert figures["wall_s"]["min"] <= figures["wall_s"]["median"] <= figures["wall_s"]["max"]
            assert len(figures["load_start"]) == len(figures["load_end"]) == size["runs"]
        assert size["bytes_per_paragraph"] > 0
        assert set(size["search_in_process_ms"]) == {"government", "the"}
    assert small["reader_first_screen_s"] is None  # the reader only where asked: the larger size
    assert large["reader_first_screen_s"] > 0  # the reader drew its first screen in a pty
    assert large["plain_first_screen_s"] > 0
    assert large["filter_switch_ms"] is not None
    assert set(large["search_reader_ms"]) == {"government", "the"}  # / word Enter, until drawn
    assert large["reader"]["liveline"]["peak_tree_mb"] > 0 and large["reader"]["liveline"]["cpu_s_per_session"] > 0
    pair = report["growth"][f"{small['paragraphs']}->{large['paragraphs']}"]
    assert set(pair["per_doubling"]) == {"ingest_plain", "speakers", "merge", "export"}
    assert all(set(g) == {"wall", "cpu"} for g in pair["per_doubling"].values())

    from bench.results import main as results

    results(["--from-json", str(report_file), "--md", str(tmp_path / "R.md"), "--json", str(tmp_path / "R.json")])
    text = (tmp_path / "R.md").read_text(encoding="utf-8")
    assert "HISTORY.md" in text and "## Targets (issue 20)" in text and "Growth per doubling" in text
    assert "merge CPU growth per doubling" in text and ("**met**" in text or "**missed**" in text)


def test_the_page_score_reads_every_fixture_page_and_none_is_wrong_silently():
    from bench.pages import score

    result = score(REPO / "tests" / "fixtures" / "pages" / "expected.toml")
    assert result["pages"] >= 18 and result["wrong silently"] == 0, result["verdicts"]
    assert result["exact"] + result["wrong with a warning"] == result["pages"]


def test_runs_are_summarised_as_median_min_and_max():
    from bench.speed import _summary, growth, runs_per_size

    assert runs_per_size([200000, 2000000], [3, 1]) == {200000: 3, 2000000: 1}
    assert runs_per_size([5000, 10000], [2]) == {5000: 2, 10000: 2}

    def run(wall: float, cpu: float) -> dict:
        return {"wall_s": wall, "cpu_s": cpu, "seconds": wall, "work_cpu_s": cpu, "peak_tree_mb": 90.0,
                "peak_tree_pss_mb": 80.0, "peak_tree_rss_mb": 95.0, "peak_rss_mb": 60.0, "processes": 3,
                "load_start": [1.0, 1.0, 1.0], "load_end": [2.0, 1.0, 1.0], "events": 7}

    summary = _summary([run(3.0, 2.0), run(1.0, 1.0), run(2.0, 4.0)])
    assert summary["wall_s"] == {"median": 2.0, "min": 1.0, "max": 3.0} and summary["cpu_s"]["median"] == 2.0
    assert summary["load_start"] == [1.0] * 3 and summary["events"] == 7 and summary["runs"] == 3

    def size(paragraphs: int, seconds: float) -> dict:
        stage = {"wall_s": {"median": seconds}, "cpu_s": {"median": seconds}}
        return {"paragraphs": paragraphs, "stages": dict.fromkeys(("ingest_plain", "speakers", "merge", "export"), stage)}

    # 4x the paragraphs in 9x the time: 3x per doubling, however far apart the sizes are.
    found = growth({"a": size(1000, 1.0), "b": size(4000, 9.0)})
    assert found["1000->4000"]["per_doubling"]["merge"] == {"wall": 3.0, "cpu": 3.0}
