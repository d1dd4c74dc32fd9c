"""Paragraphs placed by where they stand rather than by their words: one pointing back at its
speaker's previous paragraph, a person's exchange and the answer to it, a post's headline
and lede."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence

from liveline.ingest.events.features import cosine, vector
from liveline.ingest.events.items import Item, UnionFind
from liveline.ingest.events.likeness import centroids, event_speakers
from liveline.ingest.events.previews import cluster_previews, preview_flags
from liveline.ingest.events.thresholds import GROW_NEAR, LEDE, MAIN_SPEAKER

# A paragraph that points back ("Four of those...", "We have accepted them", "That has to
# change") continues what its speaker's previous paragraph reported.
_ANAPHOR = re.compile(r"^\W*(?:(?:this|that|it|these|those)\b|(?:\S+\s+){0,7}?(?:these|those|them)\b)", re.I)


def anaphora_follow(items: list[Item], label: dict[int, int], previews: Sequence[bool] | None = None) -> dict[int, int]:
    """An unmatched paragraph pointing back joins the event of its speaker's paragraph before
    it, unless one of the two is a preview and the other not (`previews`: `is_preview`)."""
    previews = preview_flags(items) if previews is None else previews
    out = dict(label)
    for i in range(1, len(items)):
        item, before = items[i], items[i - 1]
        if (i not in out and i - 1 in out and previews[i] == previews[i - 1] and item.post_id == before.post_id and item.speakers
                and item.speakers == before.speakers and item.part == "body" and _ANAPHOR.match(item.text)):
            out[i] = out[i - 1]
    return out


# An answer names its question: "Cooper responds to Philp", "Responding to Labour MP ...".
_ANSWER = re.compile(r"\b(?:respond(?:s|ed|ing)? to|repl(?:y|ies|ied|ying) to|in reply to|in response to)\b", re.I)


def exchanges_follow(items: list[Item], label: dict[int, int], sums_of: list[frozenset[str]],
                     previews: Sequence[bool] | None = None) -> dict[int, int]:
    """One person's run of paragraphs in a page (across its posts: a response to a
    statement, told in several posts) is one exchange, with the answer that follows it when
    that answer says it is one ("Cooper responds to Philp"). The run's events that report
    only that person become one, and its unmatched paragraphs join it; events naming other
    sums of money are that person's separate announcements and stay apart.

    The story's main speaker (most of the date's attributed paragraphs) is left out: a
    minister's statement is one announcement after another, not one exchange; so is a
    page's summary, one development a bullet. A preview in the run ("she will respond
    later") is not part of the exchange (`previews`: `is_preview`)."""
    previews = preview_flags(items) if previews is None else previews
    kind = cluster_previews(previews, label)
    said: Counter[int] = Counter(person for item in items for person in item.speakers)
    attributed = sum(1 for item in items if item.speakers)
    main = {person for person, count in said.most_common(1) if count > MAIN_SPEAKER * attributed}
    speakers = event_speakers(items, label)
    money: dict[int, frozenset[str]] = defaultdict(frozenset)
    for index, cluster in label.items():
        money[cluster] |= sums_of[index]
    out = dict(label)
    joins = UnionFind(len(items))
    # A page's summary lists separate developments, one a bullet: two bullets reporting one
    # speaker (a court's ruling, then what follows from it) are two items, not an exchange.
    for run in _runs(items, lambda item: len(item.speakers) == 1 and not item.speakers & main and item.post_kind != "summary"):
        person = items[run[0]].speakers
        events = {label[i] for i in run if i in label and speakers[label[i]] == person and not kind[label[i]]}
        if not events or len({money[event] for event in events} - {frozenset()}) > 1:
            continue
        run = run + _answer(items, run)
        first_event = min(events)
        for event in events:
            joins.union(first_event, event)
        for i in run:
            if i not in label and not previews[i]:
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


def is_post_headline(items: list[Item], index: int) -> bool:
    """The headline opening a post (a later headline-like line is a subheading of its own).

    Headline lines stacked at the top of a post ("Rapid audit" / "Five local inquiries")
    are a list of key points, each its own item, not one headline."""
    item = items[index]
    if item.part != "headline" or (index > 0 and items[index - 1].post_id == item.post_id):
        return False
    after = index + 1
    return not (after < len(items) and items[after].post_id == item.post_id and items[after].part == "headline")


def headlines_follow(
    items: list[Item], vectors: list[dict[str, float]], idf: dict[str, float], label: dict[int, int],
    own: list[Counter[str]], previews: Sequence[bool] | None = None,
) -> dict[int, int]:
    """A post's headline, and the unmatched lede paragraphs under it, join the event most of
    the post's paragraphs report (an article's main story), when they share that event's
    words and none names another speaker; the first such paragraph breaks a tie. An
    article without a headline opens with its lede: its first paragraphs join the nearest
    of the stories the article goes on to report. `own`: each paragraph's own words (a
    headline's too, which merging's matching leaves out). A preview headline or lede never
    joins an event of the act it announces, nor a lede reporting the act an event of
    previews (`previews`: `is_preview`); a headline that is neither goes with its post."""
    previews = preview_flags(items) if previews is None else previews
    by_post: dict[int, Counter[int]] = defaultdict(Counter)
    first: dict[tuple[int, int], int] = {}
    for i, item in enumerate(items):
        if i in label and not is_post_headline(items, i):
            by_post[item.post_id][label[i]] += 1
            first.setdefault((item.post_id, label[i]), i)
    options: dict[int, list[int]] = {}  # headline or lede paragraph -> events it may join
    for i, item in enumerate(items):
        votes = by_post.get(item.post_id)
        if not votes or (i > 0 and items[i - 1].post_id == item.post_id):
            continue
        if is_post_headline(items, i):
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
    centroid_of = centroids(vectors, kept)
    speakers = event_speakers(items, kept)
    kind = cluster_previews(previews, kept)
    out = dict(label)
    for i, stories in options.items():
        words = vector(own[i], idf)
        best, best_value = None, GROW_NEAR
        for cluster in stories:
            if previews[i] != kind[cluster] and (previews[i] or not is_post_headline(items, i)):
                continue
            if items[i].speakers and speakers[cluster] and not items[i].speakers & speakers[cluster]:
                continue
            value = cosine(words, centroid_of[cluster])
            if value >= best_value:
                best, best_value = cluster, value
        if best is not None:
            out[i] = best
    return out
