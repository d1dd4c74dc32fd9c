"""`python -m bench.quality` scores a build against gold labels in the shared format."""

from __future__ import annotations

import json

from bench.quality import evaluate
from tests.conftest import write

BLOG = """
16:40 GMT
The vote has begun.
Share
Second post, untimed.
Share
Updated at 16.20 GMT
16:05 GMT
The debate opens.
Share
"""


def gold_set(tmp_path, posts, lines):
    write(tmp_path, "blog.txt", BLOG)
    write(tmp_path, "sources.toml", '[[source]]\nfile = "blog.txt"\noutlet = "T"\nkind = "liveblog"\ndate = "2025-01-16"\n')
    (tmp_path / "posts.jsonl").write_text("\n".join(json.dumps(p) for p in posts))
    (tmp_path / "lines.jsonl").write_text("\n".join(json.dumps(line) for line in lines))
    return tmp_path


def post(pid, chron, published=None, updated=None):
    return {"post": pid, "source": "blog", "chron": chron, "published": published, "updated": updated, "pinned": False}


def line(n, pid, part="body"):
    return {"source": "blog", "line": n, "post": pid, "part": part}


LINES = [line(1, "p1", "timestamp"), line(2, "p1"), line(3, "p1", "boilerplate"), line(4, "p2"),
         line(5, "p2", "boilerplate"), line(6, "p2", "timestamp"), line(7, "p3", "timestamp"), line(8, "p3"),
         line(9, "p3", "boilerplate")]


def test_a_correct_reading_scores_perfectly(tmp_path):
    gold = gold_set(tmp_path, [post("p1", 3, "16:40"), post("p2", 2, None, "16:20"), post("p3", 1, "16:05")], LINES)
    result = evaluate(gold, tmp_path / "x.db")
    source = result["sources"]["blog"]
    assert source["segmentation"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert source["order_tau"] == 1.0
    assert result["stated_times"]["precision"] == result["stated_times"]["recall"] == 1.0
    assert result["speakers"] is None and result["merge"] is None  # no attribution or merging yet


def test_disagreements_lower_the_scores(tmp_path):
    # Gold that says the middle post is two posts, the first untimed and the order reversed.
    lines = [*LINES[:3], line(4, "p2"), line(5, "p2b", "boilerplate"), *LINES[5:]]
    gold = gold_set(tmp_path, [post("p1", 1), post("p2", 2, None, "16:20"), post("p2b", 3), post("p3", 4, "16:05")], lines)
    result = evaluate(gold, tmp_path / "x.db")
    source = result["sources"]["blog"]
    assert source["segmentation"]["recall"] == 0.75 and source["segmentation"]["precision"] == 1.0
    assert source["order_tau"] < 0
    assert result["stated_times"]["precision"] == 0.6667 and result["stated_times"]["recall"] == 1.0


def test_several_gold_sets_are_scored_in_one_run_and_misses_are_listed(tmp_path, capsys):
    from bench.quality import main

    spoken = dict(line(2, "p1"), speakers=["Jane Doe"])
    for name in ("one", "two"):
        folder = tmp_path / name
        folder.mkdir()
        gold_set(folder, [post("p1", 3, "16:40"), post("p2", 2, None, "16:20"), post("p3", 1, "16:05")], [spoken, *LINES[2:]])
        (folder / "people.json").write_text(json.dumps([{"name": "Jane Doe", "aliases": []}]))
    assert main([str(tmp_path / "one"), str(tmp_path / "two"), "--misses"]) == 0
    out, err = capsys.readouterr()
    assert set(json.loads(out)) == {"one", "two"}
    # Nobody in the blog is attributed, so the labelled line is a miss in each set, with its text.
    assert "one: blog:2 gold=['Jane Doe'] got=[] | The vote has begun." in err
    assert "two: blog:2" in err
