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
6. An official record's turns anchor events (record_anchors.py): a report quoting a turn
   joins it, and no event holds two turns. A date without a record is not touched. Such an
   event is shown by the record's own words (`representative`).
7. A preview ("She will make a statement to MPs", previews.py) was written before the act
   it announces: at every step above it joins only previews (two outlets' previews of the
   day are one event), never the act's event, whose time it would borrow. On
   bench/stories/ruling-day this took merge precision from 0.87 to 0.96; debate-day 0.71
   to 0.96.
Events never span two dates: each date is merged on its own.

The thresholds (`thresholds.py`) were chosen on the development gold (README, "Merging").
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from liveline.ingest.events.candidates import candidate_pairs
from liveline.ingest.events.context import anaphora_follow, exchanges_follow, headlines_follow, is_post_headline
from liveline.ingest.events.features import cosine, document_frequencies, idf_of, vector
from liveline.ingest.events.growth import grow, join_parallel, join_similar
from liveline.ingest.events.items import Event, Item, UnionFind
from liveline.ingest.events.likeness import Vectors, content, score, shared_words, sums, sums_differ
from liveline.ingest.events.previews import is_preview, preview_flags
from liveline.ingest.events.record_anchors import anchor_to_record
from liveline.ingest.events.thresholds import GROW_ROUNDS, REPEATED_POSTS, SAME_SOURCE, SEED, SEED_SHARED, SPEAKER_MATCH


def paragraph_words(
    items: list[Item], ignore: frozenset[str], repeated: set[str] | None = None, known: dict[int, Counter[str]] | None = None,
) -> tuple[list[Counter[str]], list[Counter[str]]]:
    """Each paragraph's words, read once: its own (what a headline or lede is compared by),
    and as merging matches them. `repeated`: the date's furniture texts, when `items` are not
    the whole date; `known`: own words already read, by paragraph id."""
    # A post's headline is a few words ("Doe on school meals") that match every post on the
    # topic: it never matches on its own, it follows its post (headlines_follow).
    # A sentence a page repeats in post after post ("Crowds gathered outside") is furniture.
    repeated = _repeated_texts(items) if repeated is None else repeated
    known = known or {}
    # Each distinct text read once: outlets repeat each other word for word (on the 50k
    # benchmark corpus a date's 23,900 paragraphs hold 14,000 texts). Paragraphs with one
    # text share one Counter, which nothing changes.
    read: dict[str, Counter[str]] = {}
    own = []
    for item in items:
        if item.paragraph_id in known:
            own.append(known[item.paragraph_id])
            continue
        words = read.get(item.text)
        if words is None:
            words = read[item.text] = content(item.text, ignore)
        own.append(words)
    matched = [Counter() if is_post_headline(items, i) or item.text in repeated else own[i] for i, item in enumerate(items)]
    return own, matched


def merge(items: list[Item], ignore: frozenset[str] = frozenset()) -> list[Event]:
    """Events (two or more paragraphs from two or more posts) among one date's paragraphs.

    Seeds are pairs from different outlets that clearly report one thing; each seed then
    grows by paragraphs close to its centroid (all its members' words together), helped
    when the paragraph's neighbour in the same post, by the same speaker, already belongs.
    `ignore` holds words naming the story's speakers: who talks says nothing about what of.
    """
    return merge_counted(items, ignore)[0]


def merge_counted(items: list[Item], ignore: frozenset[str]) -> tuple[list[Event], tuple[int, Counter[str]]]:
    """`merge`, and the date's vocabulary (`document_frequencies` of its paragraphs' words),
    which a follower's next new post on the date is weighed by (attach.py)."""
    own, counts = paragraph_words(items, ignore)
    vocabulary = document_frequencies(counts)
    if len(items) < 2:
        return [], vocabulary
    idf = idf_of(*vocabulary)
    vectors = vectors_of(counts, idf)
    money = [sums(c) for c in counts]
    previews = preview_flags(items)
    seeds = UnionFind(len(items))
    strength: dict[int, float] = defaultdict(float)
    best: dict[tuple[int, int], tuple[float, int]] = {}  # (paragraph, other source) -> best match
    strong: list[tuple[float, int, int]] = []
    for a, b in candidate_pairs(vectors, idf):
        value = seed_value(items, counts, vectors, money, a, b, previews)
        if value is None:
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
    label = join_parallel(items, label, previews)
    for _ in range(GROW_ROUNDS):
        label = grow(items, vectors, idf, label, strength, money, previews)
        label = join_parallel(items, label, previews)
        label = join_similar(items, vectors, idf, label, previews)
    label = anaphora_follow(items, label, previews)
    label = exchanges_follow(items, label, money, previews)
    label = headlines_follow(items, vectors, idf, label, own, previews)
    anchored = anchor_to_record(items, label, strength, previews=previews)
    if anchored is not label:
        # A post whose quote moved it to a turn takes its headline and lede along.
        label = headlines_follow(items, vectors, idf, anchored, own, previews)
    groups: dict[int, list[int]] = defaultdict(list)
    for index, cluster in label.items():
        groups[cluster].append(index)
    events = []
    for members in groups.values():
        members.sort()
        if not is_event(items, members):
            continue
        event = Event(members=[(i, round(strength.get(i, 0.0), 4)) for i in members],
                      sources={items[i].source_id for i in members})
        event.representative = representative(items, members)
        events.append(event)
    return events, vocabulary


def vectors_of(counts: list[Counter[str]], idf: dict[str, float]) -> Vectors:
    """Each paragraph's `vector`, one for each distinct Counter (paragraphs with one text
    share theirs, `paragraph_words`), in a `Vectors` that keeps centroids between steps."""
    made: dict[int, dict[str, float]] = {}
    out = Vectors()
    for c in counts:
        found = made.get(id(c))
        if found is None:
            found = made[id(c)] = vector(c, idf)
        out.append(found)
    return out


def is_event(items: list[Item], members: list[int]) -> bool:
    """Two or more paragraphs, from two or more sources or posts."""
    return len(members) >= 2 and (len({items[i].source_id for i in members}) >= 2 or len({items[i].post_id for i in members}) >= 2)


def representative(items: list[Item], members: list[int]) -> int:
    """The member that shows an event: the record's own words when it holds a turn (the
    turn's first paragraph: the authority on what was said, where a report's quote may be
    of someone else in the event); else a quote, in a body, the longest."""
    recorded = [i for i in members if items[i].record and items[i].part == "body"]
    if recorded:
        return min(recorded)
    return max(members, key=lambda i: (items[i].quote, items[i].part == "body", len(items[i].text)))


def seed_value(
    items: list[Item], counts: list[Counter[str]], vectors: list[dict[str, float]], money: list[frozenset[str]],
    a: int, b: int, previews: Sequence[bool] | None = None,
) -> float | None:
    """How alike two paragraphs are, when alike enough to start an event; else None.
    A preview and a report of the act never start one (`previews`: each item's
    `is_preview`, else read here)."""
    x, y = items[a], items[b]
    if x.post_id == y.post_id:
        return None
    if (previews[a] != previews[b]) if previews is not None else (is_preview(x) != is_preview(y)):
        return None
    same_source = x.source_id == y.source_id
    if same_source and "summary" not in (x.post_kind, y.post_kind):
        return None
    needed = SAME_SOURCE if same_source else SEED
    similarity = cosine(vectors[a], vectors[b])
    # Nothing but a shared speaker adds to the likeness, and (float subtraction being
    # monotone) what `score` and the sums take off only lowers it: a pair short even with
    # that bonus is no seed, and is not scored further.
    if similarity + SPEAKER_MATCH < needed:
        return None
    value = score(x, y, similarity) - sums_differ(money[a], money[b])
    if value < needed or shared_words(counts[a], counts[b]) < SEED_SHARED:
        return None
    return value


def _repeated_texts(items: list[Item]) -> set[str]:
    """Texts a page repeats in REPEATED_POSTS posts or more (its furniture)."""
    posts: dict[tuple[int, str], int] = defaultdict(int)
    for item in items:
        posts[(item.source_id, item.text)] += 1 + item.copies
    return {text for (_, text), seen in posts.items() if seen >= REPEATED_POSTS}
