"""Score the reading of parliaments' records against what a human reads in them.

    python -m bench.records DIR [DIR ...] [--show]

Every page or text copy in each DIR with a `<name>.expected.json` beside it is ingested as
`liveline ingest` would (no --kind: detection is part of the test) into a fresh timeline,
and its turns are matched to the expected ones by their first words. A turn is right when
a post opens with its speech, by its speaker (or its office, for a chair printed only by
office), at the printed time or none. Also counted: posts that match no turn (furniture
taken for a turn), procedural text inside a turn, and the zone and date. Prints one JSON
object; --show lists every page's misses on stderr.

The expected file: {"zone": IANA, "date": "YYYY-MM-DD", "turns": [{"speaker": name or
null, "role": office (for a chair named only by it), "first_words": the speech's opening
words, "time": "HH:MM" printed or null, "alt_time": another time as right}], "procedural": [texts that are no one's speech]}.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sqlite3
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from liveline.ingest.pipeline import ingest
from liveline.ingest.sources.spec import SourceSpec
from liveline.timeline.errors import LivelineError

# Courtesy titles a human writes or leaves out freely: "Mr Doe" and "Doe" are one speaker.
_COURTESY = re.compile(r"^(?:the\s+)?(?:(?:right|rt\.?)\s+)?(?:(?:mr|mrs|ms|dr|hon|senator|shri|shrimati|smt|deputy)\.?\s+)?")
OUTLET = "saved record"
# How far into a post its expected first words may start: a turn's speech opens its post.
_OPENING = 120


def _norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").replace("’", "'").replace("‘", "'")
    return re.sub(r"\s+", " ", text).strip().lower()


def _person(text: str | None) -> str:
    return _COURTESY.sub("", _norm(text)).replace(".", "")


@dataclass
class _Post:
    author: str | None
    role: str | None
    time: str | None
    paragraphs: list[str]
    used: bool = False

    @property
    def text(self) -> str:
        return _norm(" ".join(self.paragraphs))


@dataclass
class PageScore:
    name: str
    turns: int = 0
    right: int = 0
    extra_posts: int = 0
    furniture_in_turns: int = 0
    zone_right: bool = False
    date_right: bool = False
    refused: str | None = None
    misses: list[str] = field(default_factory=list)


def _posts(db: Path) -> tuple[list[_Post], str | None, str | None]:
    with sqlite3.connect(db) as conn:
        tz, date = conn.execute("SELECT tz, date FROM sources").fetchone()
        zone = ZoneInfo(tz or "Europe/London")
        posts = []
        for post_id, author, role, stated in conn.execute(
            "SELECT id, author, author_role, stated_at FROM posts WHERE kind != 'header' AND removed_at IS NULL ORDER BY seq"
        ):
            texts = [t for (t,) in conn.execute("SELECT text FROM paragraphs WHERE post_id = ? ORDER BY seq", (post_id,))]
            local = dt.datetime.fromisoformat(stated.replace("Z", "+00:00")).astimezone(zone).strftime("%H:%M") if stated else None
            posts.append(_Post(author, role, local, texts))
    return posts, tz, date


def _speaker_right(turn: dict, post: _Post) -> bool:
    if turn["speaker"] is None:
        role = _norm(turn.get("role"))
        return post.author is None or bool(role) and (role in _norm(post.author) or role in _norm(post.role))
    return post.author is not None and _person(post.author) == _person(turn["speaker"])


def score_page(page: Path, expected: dict, workdir: Path) -> PageScore:
    score = PageScore(page.name, turns=len(expected["turns"]))
    db = workdir / f"{page.stem}.db"
    try:
        # The outlet is given, as a user who saved the page knows whose it is: what is
        # measured is the turns, and the zone and date the page states.
        ingest([SourceSpec(path=page, outlet=OUTLET, name=page.name)], db)
    except LivelineError as exc:
        score.refused = str(exc).splitlines()[0]
        score.misses.append(f"refused: {score.refused}")
        return score
    posts, tz, date = _posts(db)
    score.zone_right, score.date_right = tz == expected["zone"], date == expected["date"]
    for n, turn in enumerate(expected["turns"], 1):
        words = _norm(turn["first_words"])
        post = next((p for p in posts if not p.used and words in p.text[: len(words) + _OPENING]), None)
        if post is None:
            score.misses.append(f"turn {n} missing: {turn['speaker'] or turn.get('role')}: {turn['first_words'][:50]!r}")
            continue
        post.used = True
        problems = []
        if not post.text.startswith(words):
            problems.append(f"opens with {post.text[:50]!r}")
        if not _speaker_right(turn, post):
            problems.append(f"speaker {post.author!r} ({post.role!r})")
        # `alt_time`: where a human reads two times as right (a sitting's opening time, or the
        # first stamp after it, for the first turn).
        if post.time not in (turn["time"], turn.get("alt_time", turn["time"])):
            problems.append(f"time {post.time} for {turn['time']}")
        if problems:
            score.misses.append(f"turn {n} ({turn['speaker'] or turn.get('role')}): " + "; ".join(problems))
        else:
            score.right += 1
    score.extra_posts = sum(1 for p in posts if not p.used)
    score.misses += [f"extra post by {p.author!r}: {p.text[:60]!r}" for p in posts if not p.used]
    for text in expected.get("procedural", []):
        furniture = _norm(text)
        inside = [p for p in posts if any(_norm(t) == furniture or (len(furniture) >= 15 and _norm(t).startswith(furniture)) for t in p.paragraphs)]
        score.furniture_in_turns += len(inside)
        score.misses += [f"procedural in a turn of {p.author!r}: {text[:60]!r}" for p in inside]
    if not score.zone_right:
        score.misses.append(f"zone {tz} for {expected['zone']}")
    if not score.date_right:
        score.misses.append(f"date {date} for {expected['date']}")
    return score


def pages_in(folder: Path) -> list[tuple[Path, dict]]:
    """(page, what a human reads in it) for every page of `folder` with an expected file."""
    found = []
    for expected in sorted(folder.glob("*.expected.json")):
        stem = expected.name.removesuffix(".expected.json")
        pages = [p for p in folder.glob(stem + ".*") if p.suffix in (".html", ".htm", ".txt")]
        if pages:
            found.append((pages[0], json.loads(expected.read_text(encoding="utf-8"))))
    return found


def score_folders(folders: list[Path]) -> tuple[dict, list[PageScore]]:
    scores = []
    with tempfile.TemporaryDirectory() as tmp:
        for folder in folders:
            scores += [score_page(page, expected, Path(tmp)) for page, expected in pages_in(folder)]
    turns = sum(s.turns for s in scores)
    summary = {
        "pages": len(scores),
        "turns": turns,
        "turns_right": round(sum(s.right for s in scores) / turns, 4) if turns else None,
        "pages_at_90": sum(1 for s in scores if s.turns and s.right / s.turns >= 0.9),
        "refused": sum(1 for s in scores if s.refused),
        "extra_posts": sum(s.extra_posts for s in scores),
        "furniture_in_turns": sum(s.furniture_in_turns for s in scores),
        "zone_or_date_wrong": sum(1 for s in scores if not s.refused and not (s.zone_right and s.date_right)),
        "by_page": {s.name: f"{s.right}/{s.turns}" for s in scores},
    }
    return summary, scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.records", description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", type=Path, nargs="+", metavar="DIR", help="pages with <name>.expected.json beside them")
    parser.add_argument("--show", action="store_true", help="list every page's misses on stderr")
    args = parser.parse_args(argv)
    summary, scores = score_folders(args.folders)
    if args.show:
        for score in scores:
            for miss in score.misses:
                print(f"{score.name}: {miss}", file=sys.stderr)
    print(json.dumps(summary, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
