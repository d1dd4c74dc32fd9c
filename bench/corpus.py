"""A deterministic synthetic corpus of live blogs and articles, with gold annotations.

    python -m bench.corpus --paragraphs 200000 --seed 7 --out build/corpus [--archive]

Writes BBC-style blogs (timed headlines, name + role bylines, summary bullets above
"Edited by"), Guardian-style blogs (a time line on each post, blocks ending in "Share",
"Updated at" after it) and articles (blank-line layout), about invented stories over
several days: invented people with roles speak in quotes, paraphrase and pronouns; each
event is reworded by several outlets. Also writes sources.toml and gold files in the
format of shared/gold/README.md, so `python -m bench.quality build/corpus` scores it, and
live.json: the last day's events, for bench.live's followed page.

With --archive: about one story per 2,000 paragraphs (1,000 at 2M), each over 2-4
consecutive days with a cast of 8 drawn from 160 people (names recur across stories), on
days whose number grows as the square root of the corpus, so paragraphs per day grow
with it; the manifest names each source's story.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

GIVEN = """Amara Bilal Carys Dmitri Eilidh Farid Gwen Hamish Ines Jalen Keira Lorcan Maren Nnamdi
Orla Priya Quentin Rhiannon Soren Tamsin Umar Vesna Wilf Yusra Zane Alba Bryn Cosima Dev Elin""".split()
SURNAME_PARTS = ("Ash Brack Carn Dun Ell Fen Garr Hol Ing Kest Lind Mor Nor Pen Quar Rath Sel Thorn "
                 "Ulm Vard Wex").split()
SURNAME_ENDS = "ford wick ley by ton more well stead ridge combe".split()
DEPARTMENTS = "transport health housing energy education justice environment culture".split()
PLACES = "Arden Belcombe Cresswell Dunmere Eastleigh Fallowby Glenarm Harrowgate Ivybridge Kelso".split()
TOPIC_NOUNS = ["bus routes", "flood barriers", "hospital wards", "tram lines", "school meals", "rail fares",
               "wind farms", "court backlogs", "library hours", "bridge repairs", "water meters", "care homes"]
VERBS = [("fund", "funding for"), ("expand", "an expansion of"), ("review", "a review of"),
         ("protect", "protection for"), ("rebuild", "the rebuilding of")]
TALK = ["says", "tells MPs", "argues", "insists"]
GENERIC = [
    "Crowds gathered outside the building as the session went on.",
    "There were 14 interventions in the first hour alone.",
    "The chamber was noticeably busier than usual for a Thursday.",
    "Officials handed out copies of the documents to reporters.",
]


@dataclass
class Person:
    given: str
    surname: str
    role: str
    female: bool

    @property
    def name(self) -> str:
        return f"{self.given} {self.surname}"


@dataclass
class EventSpec:
    key: str
    speaker: Person
    verb: tuple[str, str]
    topic: str
    amount: int
    count: int
    place: str
    scheme: str  # what makes this event itself: a named scheme, as real announcements have
    at: dt.time = dt.time(12, 0)  # when it happened; outlets report it within minutes


@dataclass
class Writer:
    """Lines of one source file with their gold annotations."""

    name: str
    lines: list[str] = field(default_factory=list)
    gold: list[dict] = field(default_factory=list)
    posts: list[dict] = field(default_factory=list)
    paragraphs: int = 0

    def add(self, text: str, post: str, part: str, speakers: list[str] | None = None, event: str | None = None,
            blank: bool = False) -> None:
        self.lines.append(text)
        row = {"source": self.name, "line": len(self.lines), "post": post, "part": part}
        if part in ("body", "headline"):
            row["speakers"] = speakers or []
            row["event"] = event
            self.paragraphs += 1
        self.gold.append(row)
        if blank:
            self.lines.append("")


def _people(rng: random.Random, count: int) -> list[Person]:
    people, seen = [], set()
    while len(people) < count:
        given = rng.choice(GIVEN)
        surname = rng.choice(SURNAME_PARTS) + rng.choice(SURNAME_ENDS)
        if surname in seen:
            continue
        seen.add(surname)
        department = DEPARTMENTS[len(people) % len(DEPARTMENTS)]
        role = (f"{department.title()} Secretary", f"shadow {department} secretary",
                f"Labour MP for {rng.choice(PLACES)}")[len(people) // len(DEPARTMENTS) % 3]
        people.append(Person(given, surname, role, female=len(people) % 2 == 0))
    return people


def _report(event: EventSpec, style: int, first: bool) -> tuple[str, str]:
    """(text, how) of one outlet's wording of an event; `style` picks the wording."""
    p = event.speaker
    pronoun = "She" if p.female else "He"
    verb, noun_phrase = event.verb
    if style == 0:
        subject = f"{p.role} {p.name}" if first else p.surname
        return (f"{subject} {TALK[event.amount % len(TALK)]} the government will {verb} {event.topic} "
                f"in {event.count} areas around {event.place} under the {event.scheme} plan, backed by £{event.amount}m.", "paraphrase")
    if style == 1:
        return (f"\u201cThrough {event.scheme} we will {verb} {event.topic} across {event.count} areas, starting in {event.place}, "
                f"with £{event.amount}m of new money,\u201d {p.surname if not first else p.name} said.", "quote")
    if style == 2:
        return (f"{pronoun} says £{event.amount}m will pay for {noun_phrase} {event.topic} in {event.place} "
                f"and {event.count} other areas.", "pronoun")
    return (f"{p.name}, the {p.role.lower()}, announced {noun_phrase} {event.topic} worth £{event.amount}m "
            f"covering {event.count} areas including {event.place}, to be known as {event.scheme}.", "paraphrase")


def _bbc(writer: Writer, rng: random.Random, events: list[EventSpec], day: dt.date, journalist: Person) -> None:
    prefix = writer.name
    writer.add("Live: ministers set out plans", f"{prefix}-header", "header")
    for event in events[:3]:
        writer.add(f"{event.speaker.surname} promises {event.verb[1]} {event.topic}", f"{prefix}-header", "header")
    writer.add("Edited by Sam Reed", f"{prefix}-header", "boilerplate")
    events = sorted(events, key=lambda e: e.at)
    times = [dt.datetime.combine(day, e.at) + dt.timedelta(minutes=rng.randrange(1, 12)) for e in events]
    # Newest first, each post with a timed headline.
    for number, (event, when) in enumerate(reversed(list(zip(events, times, strict=True))), 1):
        post = f"{prefix}-p{number:03d}"
        chron = len(events) - number + 1
        writer.posts.append({"post": post, "source": writer.name, "chron": chron, "published": when.strftime("%H:%M"),
                             "updated": None, "pinned": False})
        writer.add(f"{event.speaker.surname} on {event.topic}published at {when:%H:%M} Greenwich Mean Time",
                   post, "headline", [event.speaker.name], event.key)
        if number % 7 == 0:
            writer.add(journalist.name, post, "byline")
            writer.add(journalist.role, post, "byline")
            writer.add(f"This looks like a shift in tone on {event.topic}.", post, "body", [journalist.name], None)
        for style in (0, 2, 1):
            text, _ = _report(event, style, first=style == 0)
            writer.add(text, post, "body", [event.speaker.name], event.key)
        writer.add(rng.choice(GENERIC), post, "body", [], None)


def _guardian(writer: Writer, rng: random.Random, events: list[EventSpec], day: dt.date) -> None:
    prefix = writer.name
    events = sorted(events, key=lambda e: e.at)
    times = [dt.datetime.combine(day, e.at) + dt.timedelta(minutes=rng.randrange(1, 12)) for e in events]
    for number, (event, when) in enumerate(reversed(list(zip(events, times, strict=True))), 1):
        post = f"{prefix}-p{number:03d}"
        updated = when + dt.timedelta(minutes=rng.randrange(5, 40)) if number % 3 == 0 else None
        writer.posts.append({"post": post, "source": writer.name, "chron": len(events) - number + 1,
                             "published": when.strftime("%H:%M"), "updated": updated and updated.strftime("%H:%M"),
                             "pinned": False})
        writer.add(f"{when:%H.%M} GMT", post, "timestamp")
        for style in (3, 1):
            text, _ = _report(event, style, first=style == 3)
            writer.add(text, post, "body", [event.speaker.name], event.key)
        writer.add("Share", post, "boilerplate")
        if updated:
            writer.add(f"Updated at {updated:%H.%M} GMT", post, "timestamp")


def _article(writer: Writer, rng: random.Random, events: list[EventSpec], day: dt.date) -> None:
    post = f"{writer.name}-p01"
    writer.posts.append({"post": post, "source": writer.name, "chron": 1, "published": None, "updated": None,
                         "pinned": False})
    lead = events[0]
    # As in the development gold, an article's headline belongs to the event it leads with.
    writer.add(f"Ministers unveil plans for {lead.topic}", post, "headline", [], lead.key, blank=True)
    for event in events:
        text, _ = _report(event, rng.choice((0, 3)), first=True)
        writer.add(text, post, "body", [event.speaker.name], event.key, blank=True)
    writer.add(rng.choice(GENERIC), post, "body", [], None, blank=True)


# The archive corpus: about one story per this many paragraphs (1,000 stories at 2M).
PARAGRAPHS_PER_STORY = 2000
# Days grow as the square root of the corpus (days ~ sqrt(paragraphs / this)), so paragraphs
# per day grow too: 14 days of ~14k at 200k, 45 days of ~44k at 2M. Work that grows
# faster than linearly in a day's size then shows in the growth per doubling.
ARCHIVE_DAY_PARAGRAPHS = 1000
# People the archive's stories draw their casts from: enough that stories differ, few
# enough that names recur across stories, as in real news (210 surnames can be made).
ARCHIVE_PEOPLE = 160
ARCHIVE_CAST = 8  # people speaking in one story
ARCHIVE_SPAN_DAYS = (2, 4)  # a story runs over this many consecutive days


@dataclass
class _Story:
    name: str
    first_day: int
    span: int
    cast: list[Person]


def _stories(rng: random.Random, paragraphs: int, days: int, pool: list[Person]) -> list[_Story]:
    stories = []
    for number in range(max(1, round(paragraphs / PARAGRAPHS_PER_STORY))):
        span = min(days, rng.randint(*ARCHIVE_SPAN_DAYS))
        name = f"Story {number + 1:04d}: {rng.choice(PLACES)} {rng.choice(TOPIC_NOUNS)}"
        stories.append(_Story(name, rng.randrange(days - span + 1), span, rng.sample(pool, ARCHIVE_CAST)))
    return stories


def _round(rng: random.Random, out: Path, number: int, total: int, days: int, stories: list[_Story],
           people: list[Person], journalists: list[Person], manifest: list[dict[str, str]], gold_lines: TextIO,
           gold_posts: TextIO, gold_events: list[dict], last_round: dict[dt.date, list[EventSpec]]) -> tuple[int, int]:
    """One round of sources written (one day's events, three outlets); (paragraphs so far, next round's number)."""
    story = stories[number % len(stories)] if stories else None
    if story:
        # Stories advance together, round by round, each round on the next of its days.
        offset, cast = story.first_day + (number // len(stories)) % story.span, story.cast
    else:
        offset, cast = number % days, people
    day = dt.date(2025, 3, 3) + dt.timedelta(days=offset)
    # Each round: one day's events, reported by a BBC-style blog, a Guardian-style blog and an article.
    minutes = sorted(rng.sample(range(9 * 60, 21 * 60, 15), 12))
    events = [
        # Sums from a wide range: two announcements of one day rarely name the same figure,
        # and merging treats a shared sum as evidence of one event.
        EventSpec(f"d{number}-e{i}", rng.choice(cast), rng.choice(VERBS), rng.choice(TOPIC_NOUNS),
                  rng.randrange(2, 100_000), rng.randrange(3, 600), rng.choice(PLACES),
                  rng.choice(SURNAME_PARTS) + rng.choice(["gate", "link", "way", "start", "shield", "bridge"])
                  + f" {rng.randrange(10, 99)}", dt.time(minutes[i] // 60, minutes[i] % 60))
        for i in range(12)
    ]
    for kind, builder in (("bbc", _bbc), ("guardian", _guardian), ("article", _article)):
        name = f"{number:05d}_{kind}"
        writer = Writer(name)
        subset = events if kind != "article" else rng.sample(events, 5)
        if kind == "bbc":
            builder(writer, rng, subset, day, journalists[number % len(journalists)])
        else:
            builder(writer, rng, subset, day)
        (out / f"{name}.txt").write_text("\n".join(writer.lines) + "\n", encoding="utf-8")
        entry = {"file": f"{name}.txt", "outlet": f"{kind.title()} Outlet {number % 40}",
                 "kind": "article" if kind == "article" else "liveblog", "date": day.isoformat(),
                 "order": "article" if kind == "article" else "newest_first"}
        if story:
            entry["story"] = story.name
        manifest.append(entry)
        gold_lines.write("".join(json.dumps(r) + "\n" for r in writer.gold))
        gold_posts.write("".join(json.dumps(r) + "\n" for r in writer.posts))
        total += writer.paragraphs
    gold_events += [{"event": e.key, "date": day.isoformat(), "summary": f"{e.speaker.name}: {e.verb[0]} {e.topic}",
                     "speakers": [e.speaker.name]} for e in events]
    last_round[day] = events
    return total, number + 1


def generate(paragraphs: int, seed: int, out: Path, archive: bool = False) -> dict:
    """Write a corpus of about `paragraphs` paragraphs to `out`. The default is one story
    over max(2, paragraphs / 25,000) days; `archive` writes many stories (one per
    PARAGRAPHS_PER_STORY paragraphs) over days that grow with the corpus, each story
    over a few consecutive days with a cast of its own, named per source in the manifest."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    if archive:
        people = _people(rng, ARCHIVE_PEOPLE)
        days = max(2, round((paragraphs / ARCHIVE_DAY_PARAGRAPHS) ** 0.5))
        stories = _stories(rng, paragraphs, days, people)
    else:
        people = _people(rng, 24)
        days = max(2, paragraphs // 25000)
        stories = []
    journalists = [Person(g, s, "Political correspondent", i % 2 == 0) for i, (g, s) in
                   enumerate([("Nell", "Quarrie"), ("Idris", "Penhallow"), ("Ada", "Rusk")])]
    manifest: list[dict[str, str]] = []
    gold_events: list[dict] = []
    total = number = 0
    last_round: dict[dt.date, list[EventSpec]] = {}
    # Gold lines and posts are written as they are made: at 2M they would take gigabytes.
    with (out / "lines.jsonl").open("w", encoding="utf-8") as gold_lines, \
            (out / "posts.jsonl").open("w", encoding="utf-8") as gold_posts:
        while total < paragraphs:
            total, number = _round(rng, out, number, total, days, stories, people, journalists, manifest,
                                   gold_lines, gold_posts, gold_events, last_round)
    (out / "sources.toml").write_text(
        "".join("[[source]]\n" + "".join(f'{k} = "{v}"\n' for k, v in entry.items()) + "\n" for entry in manifest),
        encoding="utf-8",
    )
    people_rows = [{"name": p.name, "role": p.role, "kind": "politician",
                    "aliases": [p.name, p.surname, f"{p.role} {p.name}"]} for p in people]
    people_rows += [{"name": j.name, "role": j.role, "kind": "journalist", "aliases": [j.name]} for j in journalists]
    (out / "people.json").write_text(json.dumps(people_rows, indent=1), encoding="utf-8")
    (out / "events.json").write_text(json.dumps(gold_events, indent=1), encoding="utf-8")
    # The latest day's last round of events, whole, for bench.live: a live page of one more
    # outlet reports them one post at a time, as a follower would fetch them.
    latest = max(last_round)
    live = {"date": latest.isoformat(), "events": [_event_data(e) for e in last_round[latest]]}
    (out / "live.json").write_text(json.dumps(live, indent=1), encoding="utf-8")
    info = {"sources": len(manifest), "paragraphs": total, "days": days}
    if archive:
        info["stories"] = len(stories)
    return info


def _event_data(event: EventSpec) -> dict:
    speaker = event.speaker
    return {"key": event.key, "speaker": [speaker.given, speaker.surname, speaker.role, speaker.female],
            "verb": list(event.verb), "topic": event.topic, "amount": event.amount, "count": event.count,
            "place": event.place, "scheme": event.scheme, "at": event.at.strftime("%H:%M")}


def event_from_data(data: dict) -> EventSpec:
    """An event written by `_event_data`, back."""
    given, surname, role, female = data["speaker"]
    verb, noun = data["verb"]
    return EventSpec(data["key"], Person(given, surname, role, female), (verb, noun), data["topic"], data["amount"],
                     data["count"], data["place"], data["scheme"], dt.time.fromisoformat(data["at"]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.corpus", description=__doc__.split("\n\n")[0])
    parser.add_argument("--paragraphs", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=Path("build/corpus"))
    parser.add_argument("--archive", action="store_true", help="many stories over days that grow with the corpus")
    args = parser.parse_args(argv)
    print(json.dumps(generate(args.paragraphs, args.seed, args.out, args.archive)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
