"""The archive corpus: many stories, names recurring across them, days growing with the corpus."""

from __future__ import annotations

import json
import tomllib
from collections import Counter

from bench.corpus import generate


def _manifest(folder):
    return tomllib.loads((folder / "sources.toml").read_text(encoding="utf-8"))["source"]


def test_the_archive_is_deterministic_and_names_each_source_s_story(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    info = generate(8000, 5, one, archive=True)
    assert info == generate(8000, 5, two, archive=True)
    for name in ("sources.toml", "lines.jsonl", "posts.jsonl", "people.json", "events.json", "live.json"):
        assert (one / name).read_bytes() == (two / name).read_bytes()
    sources = _manifest(one)
    assert info["stories"] == 4 and len({s["story"] for s in sources}) == 4
    for story in {s["story"] for s in sources}:
        days = sorted({s["date"] for s in sources if s["story"] == story})
        assert 1 <= len(days) <= 4  # a few consecutive days
    assert (one / "lines.jsonl").exists() and (one / "events.json").exists()  # gold still written


def test_archive_days_and_paragraphs_per_day_grow_with_the_corpus(tmp_path):
    small = generate(4000, 5, tmp_path / "small", archive=True)
    large = generate(16000, 5, tmp_path / "large", archive=True)
    assert large["days"] > small["days"]
    assert large["paragraphs"] / large["days"] > small["paragraphs"] / small["days"]


def test_people_recur_across_stories(tmp_path):
    generate(16000, 5, tmp_path / "c", archive=True)
    sources = {s["file"][:5]: s["story"] for s in _manifest(tmp_path / "c")}
    stories_of: dict[str, set[str]] = {}
    for line in (tmp_path / "c" / "lines.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        for name in row.get("speakers") or []:
            stories_of.setdefault(name, set()).add(sources[row["source"][:5]])
    assert Counter(len(s) > 1 for s in stories_of.values())[True] > 0
