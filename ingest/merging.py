"""The same event reported by several outlets, merged: paragraph-level events for one date.

Candidates come from an inverted index over each paragraph's rarest tokens, never all
pairs, so a thousand blogs merge in seconds. A pair is scored by IDF-weighted overlap of
content words, names and numbers (the speakers' own names left out: who talks says
nothing about what of), adjusted for speaker agreement and time compatibility.

1. Seeds: pairs from two outlets (or a summary bullet and a post of its own page) that
   are each other's best match, clearly alike and sharing several words (one shared
   name, "Home Office", is a topic, not an event).
2. Growth: a paragraph joins the event whose centroid (all members' words together) it
   is nearest; nearer is needed unless that event holds its same-speaker neighbour in the
   post and the paragraph does not say it is another item ("she also announced");
   a paragraph naming other speakers than the event's, or other sums of money, must be
   nearer still.
3. Joins: two events adjacent, in the same order, in two sources are one statement
   reported in parallel; two events with alike centroids are fragments of one, and
   fairly alike is enough when they report the same person and no other sums.
4. A paragraph pointing back ("Four of those...", "we have accepted them") by the same
   speaker as the paragraph before it joins that paragraph's event. One person's run of
   paragraphs in a page, across its posts (a shadow minister's response), is one exchange,
   with the answer after it ("Cooper responds to Philp"); not the story's main speaker's.
5. A post's headline never matches by itself (a few topic words match every post on the
   topic): it joins the event most of its post reports, and so do the two paragraphs under
   it when they matched nothing (the lede tells the headline's story: inverted pyramid).
   An article without a headline opens with its lede, which joins the nearest of the
   article's stories. Headlines stacked at a post's top are key points, each matched
   like a paragraph.
   A sentence a page repeats in post after post is furniture and joins nothing.
Events never span two dates: each date is merged on its own.

Thresholds were chosen on the development gold (see the README section "Merging").
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from ingest.features import cosine, idf_table, tokens, vector

# Chosen on ../shared/gold; the README gives the precision/recall each trades.
SEED = 0.40  # a pair of paragraphs from two outlets this alike (mutual best) starts an event
SEED_SHARED = 3  # ...and shares this many distinct words: one name ("Home Office") is a topic, not an event
SAME_SOURCE = 0.55  # a summary bullet repeating one of its own page's posts
GROW = 0.35  # a paragraph this close to an event's centroid joins it
GROW_NEAR = 0.06  # ...or this close, when its same-speaker neighbour already belongs
GROW_ROUNDS = 2
JOIN = 0.45  # two fragments of one event: centroids this alike
JOIN_NEAR = 0.25  # ...or this alike when adjacent in some post
JOIN_SAME_SPEAKER = 0.26  # ...or this alike when one reports nobody but people the other reports
TOP_TOKENS = 12  # tokens of a paragraph used to find candidates
MAX_POSTING = 64  # tokens in more paragraphs than this say nothing about an event
MAX_CANDIDATES = 16  # partners (paragraphs or events) scored per paragraph or event
CENTROID_TOKENS = 48  # an event's words, heaviest first, kept for comparing
TIME_SLACK = dt.timedelta(minutes=90)
SPEAKER_MATCH = 0.05  # added to a pair's similarity when they report the same person
SPEAKER_MISMATCH = 0.10  # taken off when both name speakers and none is shared
LEDE = 2  # paragraphs under a headline that tell its story
SUMS_DIFFER = 0.20  # taken off when both name sums of money and share none
MAIN_SPEAKER = 0.3  # share of a date's attributed paragraphs that makes a person the story's main speaker
REPEATED_POSTS = 3  # a text in this many posts of one page is the page's furniture, not news


@dataclass
class Item:
    """A paragraph as merging sees it."""

    paragraph_id: int
    source_id: int
    post_id: int
    post_kind: str  # post | summary (a live page's) | article
    text: str
    part: str
    speakers: frozenset[int] = frozenset()
    opens_quote: bool = False
    earliest: dt.datetime | None = None  # what the post's clock allows
    latest: dt.datetime | None = None
    quote: bool = False  # carries a directly quoted, attributed statement
    copies: int = 0  # exact repeats of it in later posts of its page (stored as duplicates)


@dataclass
class Event:
    members: list[tuple[int, float]]  # (item index, similarity that brought it in)
    representative: int = 0
    sources: set[int] = field(default_factory=set)


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _time_penalty(a: Item, b: Item) -> float:
    """Two posts whose clocks cannot overlap are not reporting the same moment."""
    if a.latest and b.earliest and a.latest + TIME_SLACK < b.earliest:
        return 0.15
    if b.latest and a.earliest and b.latest + TIME_SLACK < a.earliest:
        return 0.15
    return 0.0


def score(a: Item, b: Item, similarity: float) -> float:
    if a.speakers and b.speakers:
        similarity += SPEAKER_MATCH if a.speakers & b.speakers else -SPEAKER_MISMATCH
    return similarity - _time_penalty(a, b)


def candidate_pairs(vectors: list[dict[str, float]], idf: dict[str, float]) -> set[tuple[int, int]]:
    """Pairs sharing some of their rarest tokens: an inverted index, never all pairs.

    Each paragraph keeps its MAX_CANDIDATES partners with the most rare-token weight in
    common, so the work grows with the corpus, not with its square.
    """
    postings: dict[str, list[int]] = defaultdict(list)
    tops = []
    # A word only one paragraph has can pair it with nothing: the rarest words that at
    # least two paragraphs share find the partners ("Stornoway" alone would crowd them out).
    unique = math.log((1 + len(vectors)) / 2) + 1.0 - 1e-9  # idf_table's weight for a word in one paragraph
    for index, vec in enumerate(vectors):
        top = sorted((t for t in vec if idf.get(t, 0.0) < unique), key=lambda t: -idf.get(t, 0.0))[:TOP_TOKENS]
        tops.append(top)
        for token in top:
            postings[token].append(index)
    pairs: set[tuple[int, int]] = set()
    for a, top in enumerate(tops):
        shared: dict[int, float] = defaultdict(float)
        for token in top:
            members = postings[token]
            if len(members) > MAX_POSTING:
                continue
            weight = idf.get(token, 0.0)
            for b in members:
                if b != a:
                    shared[b] += weight
        best = sorted(shared, key=shared.__getitem__, reverse=True)[:MAX_CANDIDATES]
        pairs.update((min(a, b), max(a, b)) for b in best)
    return pairs


def _sums(tokens_of: dict[str, float] | Counter[str]) -> frozenset[str]:
    """Sums of money a paragraph names ("£5m", "5 million" -> "#5m")."""
    return frozenset(t for t in tokens_of if t[:1] == "#" and t[-1:] in ("m", "n", "k"))


def _sums_differ(x: frozenset[str], y: frozenset[str]) -> float:
    """Two reports naming sums of money, none of them the same, are of two announcements."""
    return SUMS_DIFFER if x and y and not x & y else 0.0


def _shared_words(a: Counter[str], b: Counter[str]) -> int:
    """Distinct words two paragraphs share, a name's entity token and its word counted once."""
    return len({t.lstrip("@") for t in a.keys() & b.keys()})


def merge(items: list[Item], ignore: frozenset[str] = frozenset()) -> list[Event]:
    """Events (two or more paragraphs from two or more posts) among one date's paragraphs.

    Seeds are pairs from different outlets that clearly report one thing; each seed then
    grows by paragraphs close to its centroid (all its members' words together), helped
    when the paragraph's neighbour in the same post, by the same speaker, already belongs.
    `ignore` holds words naming the story's speakers: who talks says nothing about what of.
    """
    if len(items) < 2:
        return []
    # A post's headline is a few words ("Doe on school meals") that match every post on the
    # topic: it never matches on its own, it follows its post (_headlines_follow).
    # A sentence a page repeats in post after post ("Crowds gathered outside") is furniture.
    repeated = _repeated_texts(items)
    counts = [
        Counter() if _is_post_headline(items, i) or item.text in repeated else _content(item.text, ignore)
        for i, item in enumerate(items)
    ]
    idf = idf_table(counts)
    vectors = [vector(c, idf) for c in counts]
    sums = [_sums(c) for c in counts]
    seeds = _UnionFind(len(items))
    strength: dict[int, float] = defaultdict(float)
    best: dict[tuple[int, int], tuple[float, int]] = {}  # (paragraph, other source) -> best match
    strong: list[tuple[float, int, int]] = []
    for a, b in candidate_pairs(vectors, idf):
        x, y = items[a], items[b]
        if x.post_id == y.post_id:
            continue
        same_source = x.source_id == y.source_id
        if same_source and "summary" not in (x.post_kind, y.post_kind):
            continue
        value = score(x, y, cosine(vectors[a], vectors[b])) - _sums_differ(sums[a], sums[b])
        if value < (SAME_SOURCE if same_source else SEED) or _shared_words(counts[a], counts[b]) < SEED_SHARED:
            continue
        strong.append((value, a, b))
        for one, other in ((a, b), (b, a)):
            key = (one, items[other].source_id)
            if value > best.get(key, (0.0, -1))[0]:
                best[key] = (value, other)
    for value, a, b in strong:
        # Mutual best matches only: one paragraph cannot tie together two of another page's.
        if best[(a, items[b].source_id)][1] == b and best[(b, items[a].source_id)][1] == a:
            seeds.union(a, b)
            strength[a] = max(strength[a], value)
            strength[b] = max(strength[b], value)
    label: dict[int, int] = {index: seeds.find(index) for index in strength}
    label = _join_parallel(items, label)
    for _ in range(GROW_ROUNDS):
        label = _grow(items, vectors, idf, label, strength, sums)
        label = _join_parallel(items, label)
        label = _join_similar(items, vectors, idf, label)
    label = _anaphora_follow(items, label)
    label = _exchanges_follow(items, label, sums)
    label = _headlines_follow(items, vectors, idf, label, ignore)
    groups: dict[int, list[int]] = defaultdict(list)
    for index, cluster in label.items():
        groups[cluster].append(index)
    events = []
    for members in groups.values():
        members.sort()
        sources = {items[i].source_id for i in members}
        posts = {items[i].post_id for i in members}
        if len(members) < 2 or (len(sources) < 2 and len(posts) < 2):
            continue
        event = Event(members=[(i, round(strength.get(i, 0.0), 4)) for i in members], sources=sources)
        event.representative = max(members, key=lambda i: (items[i].quote, items[i].part == "body", len(items[i].text)))
        events.append(event)
    return events


def _repeated_texts(items: list[Item]) -> set[str]:
    posts: dict[tuple[int, str], int] = defaultdict(int)
    for item in items:
        posts[(item.source_id, item.text)] += 1 + item.copies
    return {text for (_, text), seen in posts.items() if seen >= REPEATED_POSTS}


# A paragraph that points back ("Four of those...", "We have accepted them", "That has to
# change") continues what its speaker's previous paragraph reported.
_ANAPHOR = re.compile(r"^\W*(?:(?:this|that|it|these|those)\b|(?:\S+\s+){0,7}?(?:these|those|them)\b)", re.I)


# "She also announced...", "In addition, ..." - the speaker moves on to another item, so
# being next to the last one is no evidence of being part of it.
_ANOTHER = re.compile(
    r"^\W*(?:in addition|additionally|separately|meanwhile)\b|\bthere(?:'s|’s| is| are| will be) also\b"
    r"|\balso\s+(?:\w+\s+)?(?:announc|said|says|say\b|promis|pledg|confirm|reveal|unveil|launch|set out|told|tells)",
    re.I,
)


def _anaphora_follow(items: list[Item], label: dict[int, int]) -> dict[int, int]:
    out = dict(label)
    for i in range(1, len(items)):
        item, before = items[i], items[i - 1]
        if (i not in out and i - 1 in out and item.post_id == before.post_id and item.speakers
                and item.speakers == before.speakers and item.part == "body" and _ANAPHOR.match(item.text)):
            out[i] = out[i - 1]
    return out


# An answer names its question: "Cooper responds to Philp", "Responding to Labour MP ...".
_ANSWER = re.compile(r"\b(?:respond(?:s|ed|ing)? to|repl(?:y|ies|ied|ying) to|in reply to|in response to)\b", re.I)


def _exchanges_follow(items: list[Item], label: dict[int, int], sums: list[frozenset[str]]) -> dict[int, int]:
    """One person's run of paragraphs in a page (across its posts: a response to a
    statement, told in several posts) is one exchange, with the answer that follows it when
    that answer says it is one ("Cooper responds to Philp"). The run's events that report
    only that person become one, and its unmatched paragraphs join it; events naming other
    sums of money are that person's separate announcements and stay apart.

    The story's main speaker (most of the date's attributed paragraphs) is left out: a
    minister's statement is one announcement after another, not one exchange."""
    said: Counter[int] = Counter(person for item in items for person in item.speakers)
    attributed = sum(1 for item in items if item.speakers)
    main = {person for person, count in said.most_common(1) if count > MAIN_SPEAKER * attributed}
    speakers = _event_speakers(items, label)
    money: dict[int, frozenset[str]] = defaultdict(frozenset)
    for index, cluster in label.items():
        money[cluster] |= sums[index]
    out = dict(label)
    joins = _UnionFind(len(items))
    for run in _runs(items, lambda item: len(item.speakers) == 1 and not item.speakers & main):
        person = items[run[0]].speakers
        events = {label[i] for i in run if i in label and speakers[label[i]] == person}
        if not events or len({money[event] for event in events} - {frozenset()}) > 1:
            continue
        run = run + _answer(items, run)
        first_event = min(events)
        for event in events:
            joins.union(first_event, event)
        for i in run:
            if i not in label:
                out[i] = first_event
    return {index: joins.find(cluster) for index, cluster in out.items()}


def _answer(items: list[Item], run: list[int]) -> list[int]:
    """The paragraphs right after a run that answer it ("Cooper responds to Philp by..."):
    the next person's stretch, when its first paragraph says it responds."""
    start = end = run[-1] + 1
    if start >= len(items) or not _ANSWER.search(items[start].text):
        return []
    first = items[start]
    if first.source_id != items[run[0]].source_id or not first.speakers or first.speakers == items[run[0]].speakers:
        return []
    while end < len(items) and items[end].source_id == first.source_id and items[end].speakers == first.speakers:
        end += 1
    return list(range(start, end))


def _runs(items: list[Item], counts: Callable[[Item], bool]) -> list[list[int]]:
    """Stretches of consecutive items of one page that `counts` and that report the same
    people, as lists of indices."""
    runs: list[list[int]] = []
    for i, item in enumerate(items):
        if not counts(item):
            continue
        if runs and runs[-1][-1] == i - 1 and items[i - 1].source_id == item.source_id and items[i - 1].speakers == item.speakers:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _content(text: str, ignore: frozenset[str]) -> Counter[str]:
    """A paragraph's tokens without the story's speakers' names."""
    counts = tokens(text)
    for token in [t for t in counts if t.lstrip("@") in ignore]:
        del counts[token]
    return counts


def _event_speakers(items: list[Item], label: dict[int, int]) -> dict[int, set[int]]:
    """Everyone each event's members report."""
    speakers: dict[int, set[int]] = defaultdict(set)
    for index, cluster in label.items():
        speakers[cluster] |= items[index].speakers
    return speakers


def _is_post_headline(items: list[Item], index: int) -> bool:
    """The headline opening a post (a later headline-like line is a subheading of its own).

    Headline lines stacked at the top of a post ("Rapid audit" / "Five local inquiries")
    are a list of key points, each its own item, not one headline."""
    item = items[index]
    if item.part != "headline" or (index > 0 and items[index - 1].post_id == item.post_id):
        return False
    after = index + 1
    return not (after < len(items) and items[after].post_id == item.post_id and items[after].part == "headline")


def _headlines_follow(
    items: list[Item], vectors: list[dict[str, float]], idf: dict[str, float], label: dict[int, int],
    ignore: frozenset[str],
) -> dict[int, int]:
    """A post's headline, and the unmatched lede paragraphs under it, join the event most of
    the post's paragraphs report (an article's main story), when they share that event's
    words and none names another speaker; the first such paragraph breaks a tie. An
    article without a headline opens with its lede: its first paragraphs join the nearest
    of the stories the article goes on to report."""
    by_post: dict[int, Counter[int]] = defaultdict(Counter)
    first: dict[tuple[int, int], int] = {}
    for i, item in enumerate(items):
        if i in label and not _is_post_headline(items, i):
            by_post[item.post_id][label[i]] += 1
            first.setdefault((item.post_id, label[i]), i)
    options: dict[int, list[int]] = {}  # headline or lede paragraph -> events it may join
    for i, item in enumerate(items):
        votes = by_post.get(item.post_id)
        if not votes or (i > 0 and items[i - 1].post_id == item.post_id):
            continue
        if _is_post_headline(items, i):
            main = max(votes, key=lambda c: (votes[c], -first[(item.post_id, c)]))
            options[i] = [main]
            # The lede under a headline tells the same main story (inverted pyramid).
            lede, stories = range(i + 1, i + 1 + LEDE), [main]
        elif item.post_kind == "article" and item.part != "headline":
            lede, stories = range(i, i + LEDE), list(votes)
        else:
            continue
        for j in lede:
            if j < len(items) and items[j].post_id == item.post_id and j not in label:
                options[j] = stories
    wanted = {c for stories in options.values() for c in stories}
    kept = {i: c for i, c in label.items() if c in wanted}
    centroids = _centroids(vectors, kept)
    speakers = _event_speakers(items, kept)
    out = dict(label)
    for i, stories in options.items():
        own = vector(_content(items[i].text, ignore), idf)
        best, best_value = None, GROW_NEAR
        for cluster in stories:
            if items[i].speakers and speakers[cluster] and not items[i].speakers & speakers[cluster]:
                continue
            value = cosine(own, centroids[cluster])
            if value >= best_value:
                best, best_value = cluster, value
        if best is not None:
            out[i] = best
    return out


def _join_parallel(items: list[Item], label: dict[int, int]) -> dict[int, int]:
    """Join two events that follow each other, by the same speaker, in two or more sources:
    both outlets are telling one continuous statement in the same order."""
    while True:
        # (earlier event, later event) in reading order -> sources where they are adjacent
        sources: dict[tuple[int, int], set[int]] = defaultdict(set)
        for i in range(len(items) - 1):
            x, y = items[i], items[i + 1]
            a, b = label.get(i), label.get(i + 1)
            if a is None or b is None or a == b or x.post_id != y.post_id:
                continue
            if x.speakers and x.speakers == y.speakers and not _ANOTHER.search(y.text):
                sources[(a, b)].add(x.source_id)
        joins = _UnionFind(len(items))
        changed = False
        for (a, b), seen in sources.items():
            if len(seen) >= 2 and not sources.get((b, a)):
                joins.union(a, b)
                changed = True
        if not changed:
            return label
        label = {index: joins.find(cluster) for index, cluster in label.items()}


def _centroids(vectors: list[dict[str, float]], label: dict[int, int]) -> dict[int, dict[str, float]]:
    """Each event's words, summed over its members, keeping the CENTROID_TOKENS heaviest."""
    totals: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for index, cluster in label.items():
        for token, weight in vectors[index].items():
            totals[cluster][token] += weight
    return {
        cluster: _unit(dict(sorted(total.items(), key=lambda kv: -kv[1])[:CENTROID_TOKENS]))
        for cluster, total in totals.items()
    }


def _nearest_clusters(
    tokens_of: list[str], index_of: dict[str, list[int]], idf: dict[str, float], exclude: int | None = None
) -> list[int]:
    """Clusters sharing the most rare-token weight with these tokens (at most MAX_CANDIDATES)."""
    shared: dict[int, float] = defaultdict(float)
    for token in tokens_of:
        clusters = index_of.get(token, ())
        if len(clusters) > MAX_POSTING:
            continue
        for cluster in clusters:
            if cluster != exclude:
                shared[cluster] += idf.get(token, 1.0)
    return sorted(shared, key=shared.__getitem__, reverse=True)[:MAX_CANDIDATES]


def _join_similar(
    items: list[Item], vectors: list[dict[str, float]], idf: dict[str, float], label: dict[int, int]
) -> dict[int, int]:
    """Join two fragments of one event: their centroids alike, or fairly alike and adjacent
    (same speaker, same post) somewhere."""
    centroids = _centroids(vectors, label)
    centroid_sums = {cluster: _sums(centroid) for cluster, centroid in centroids.items()}
    speakers = _event_speakers(items, label)
    adjacent: set[tuple[int, int]] = set()
    for i in range(len(items) - 1):
        a, b = label.get(i), label.get(i + 1)
        x, y = items[i], items[i + 1]
        if a is not None and b is not None and a != b and x.post_id == y.post_id and x.speakers and x.speakers == y.speakers:
            adjacent.add((min(a, b), max(a, b)))
    index_of: dict[str, list[int]] = defaultdict(list)
    tops: dict[int, list[str]] = {}
    for cluster, centroid in centroids.items():
        tops[cluster] = sorted(centroid, key=lambda t: -centroid[t])[:TOP_TOKENS]
        for token in tops[cluster]:
            index_of[token].append(cluster)
    pairs = set(adjacent)
    for cluster, top in tops.items():
        pairs.update((min(cluster, other), max(cluster, other)) for other in _nearest_clusters(top, index_of, idf, cluster))
    joins = _UnionFind(len(items))
    for a, b in pairs:
        differ = _sums_differ(centroid_sums[a], centroid_sums[b])
        similarity = cosine(centroids[a], centroids[b]) - differ
        if (a, b) in adjacent:
            needed = JOIN_NEAR
        elif not differ and speakers[a] and speakers[b] and (speakers[a] <= speakers[b] or speakers[b] <= speakers[a]):
            # One person's announcement told in fragments; other sums make it another announcement.
            needed = JOIN_SAME_SPEAKER
        else:
            needed = JOIN
        if similarity >= needed:
            joins.union(a, b)
    return {index: joins.find(cluster) for index, cluster in label.items()}


def _grow(
    items: list[Item], vectors: list[dict[str, float]], idf: dict[str, float], label: dict[int, int],
    strength: dict[int, float], sums: list[frozenset[str]],
) -> dict[int, int]:
    """One round of attaching unlabelled paragraphs to the event whose centroid they are nearest."""
    centroids = _centroids(vectors, label)
    centroid_sums = {cluster: _sums(centroid) for cluster, centroid in centroids.items()}
    speakers = _event_speakers(items, label)
    index_of: dict[str, list[int]] = defaultdict(list)
    for cluster, centroid in centroids.items():
        for token in centroid:
            index_of[token].append(cluster)
    grown = dict(label)
    for i, item in enumerate(items):
        if i in label:
            continue
        near = set()
        for j in (i - 1, i + 1) if not _ANOTHER.search(item.text) else ():
            if 0 <= j < len(items) and j in label and items[j].post_id == item.post_id:
                if item.speakers and items[j].speakers == item.speakers:
                    near.add(label[j])
        top = sorted((t for t in vectors[i] if t in index_of), key=lambda t: -idf.get(t, 0.0))[:TOP_TOKENS]
        candidates = set(near) | set(_nearest_clusters(top, index_of, idf))
        best, best_score = None, 0.0
        for cluster in candidates:
            value = cosine(vectors[i], centroids[cluster]) - _sums_differ(sums[i], centroid_sums[cluster])
            if item.speakers and speakers[cluster] and not item.speakers & speakers[cluster]:
                value -= SPEAKER_MISMATCH  # one person's reply is not another's announcement
            if value > best_score:
                best, best_score = cluster, value
        # The neighbour's event needs less only when nothing else is nearer.
        if best is not None and best_score >= (GROW_NEAR if best in near else GROW):
            grown[i] = best
            strength[i] = round(best_score, 4)
    return grown


def _unit(weights: dict[str, float]) -> dict[str, float]:
    norm = sum(w * w for w in weights.values()) ** 0.5 or 1.0
    return {t: w / norm for t, w in weights.items()}
