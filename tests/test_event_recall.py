"""Reports of one event told differently by several outlets still merge, and nothing else does:
a conflict between two blogs' orders, a summary's bullets, paraphrase and the day's stock phrases."""

from __future__ import annotations

from liveline.ingest.events import merging
from liveline.ingest.events.items import Event, Item
from liveline.ingest.events.merging import merge
from liveline.ingest.events.order import Row, combined_order


def _row(index: int, source: int, post: int, chron: int, text: str, part: str = "body") -> Row:
    item = Item(paragraph_id=index, source_id=source, post_id=post, post_kind="post", text=text, part=part)
    return Row(item, "liveblog", chron, chron, index, False, f"2025-03-04T{10 + chron:02d}:00Z")


def test_an_early_background_line_matched_with_a_late_recap_undoes_that_merge_only():
    # Blog 1 gives the campaign's background first and the ruling later; blog 2 reports the
    # ruling (headline and body) first and recaps the background late in the day. Merging
    # both pairs puts the two blogs' orders in conflict: one of the merges must go.
    rows = [
        _row(0, 1, 10, 1, "The campaign says the road would add two million tonnes of carbon."),
        _row(1, 1, 11, 2, "Road approval unlawful, court rules", "headline"),
        _row(2, 1, 11, 2, "The court ruled the approval of the road unlawful."),
        _row(3, 2, 20, 1, "Court rules road approval unlawful", "headline"),
        _row(4, 2, 20, 1, "Judges found the road's approval was unlawful."),
        _row(5, 2, 21, 5, "Campaigners had put the road's carbon at two million tonnes."),
    ]
    ruling = Event(members=[(1, 0.0), (2, 0.7), (3, 0.0), (4, 0.7)])
    background = Event(members=[(0, 0.42), (5, 0.42)])
    log: list[str] = []
    order = combined_order(rows, [ruling, background], log)
    assert sorted(order) == list(range(6))
    assert ruling.members == [(1, 0.0), (2, 0.7), (3, 0.0), (4, 0.7)]  # headlines and all
    assert len(log) == 1 and "similarity 0.42" in log[0]
    for source in (1, 2):
        own = [i for i in order if rows[i].item.source_id == source]
        assert own == sorted(own, key=lambda i: (rows[i].chron, rows[i].seq))


def test_merging_reads_each_paragraphs_words_once(monkeypatch):
    read: list[str] = []
    real = merging.content

    def counted(text: str, ignore: frozenset[str]):
        read.append(text)
        return real(text, ignore)

    monkeypatch.setattr(merging, "content", counted)
    items = _items(
        (1, 10, "headline", "Lopez saves country buses"),
        (1, 10, "body", "Lopez announced a £40m fund to save rural bus routes across the Pennine valleys."),
        (2, 20, "headline", "Rural buses rescued"),
        (2, 20, "body", "A £40m fund will save rural bus routes across the Pennine valleys, Lopez announced."),
        (2, 20, "body", "The fund opens in April."),
    )
    (event,) = merge(items)
    assert len(event.members) == 5  # the headlines followed their posts
    assert sorted(read) == sorted(item.text for item in items)


def _items(*paragraphs: tuple[int, int, str, str]) -> list[Item]:
    return [Item(paragraph_id=n, source_id=source, post_id=post, post_kind="post", text=text, part=part,
                 speakers=frozenset({7}))
            for n, (source, post, part, text) in enumerate(paragraphs, 1)]


def _grouped(items: list[Item]) -> list[set[str]]:
    return [{items[i].text for i, _ in event.members} for event in merge(items)]


OTHER_NEWS = [  # the day's other reports
    (3, 30, "body", "Volunteers cleared snow from the mountain railway at Glenmore overnight."),
    (3, 31, "body", "Harbour dues on the northern islands will be frozen for three years."),
    (4, 40, "body", "A consultation on canal moorings in the Pennine valleys opens next spring."),
]


def test_two_outlets_wording_one_announcement_differently_report_one_event():
    items = _items(
        (1, 10, "body", "Lopez unveiled a £40m rescue of rural bus routes, run by 12 regional transport boards."),
        (2, 20, "body", "Twelve regional transport boards will share £40m to keep rural bus routes alive, Lopez said."),
        *OTHER_NEWS,
    )
    (event,) = _grouped(items)
    assert len(event) == 2 and all("£40m" in text for text in event)


def test_two_announcements_told_in_the_days_stock_phrase_stay_apart():
    # A minister's day of announcements, each told in the same words ("the government will
    # set out new plans for ... next month"): what the day's reports keep saying says
    # nothing about which announcement a report is of; only what it is about does.
    topics = ["northern ferry timetables", "canal moorings", "tram lines in Arden", "the Glenmore mountain railway",
              "cycle lanes in Belcombe", "airport noise limits", "road gritting budgets", "taxi licensing rules"]
    items = _items(
        (1, 10, "body", "Lopez said the government will set out new plans for rural bus routes next month."),
        (2, 20, "body", "Lopez said the government will set out new plans for harbour safety next month."),
        *[(3 + k % 3, 30 + k, "body", f"Lopez said the government will set out new plans for {topic} next month.")
          for k, topic in enumerate(topics)],
    )
    assert _grouped(items) == []


def test_a_summarys_bullets_by_one_speaker_are_separate_items_not_one_exchange():
    court, minister = 9, 7
    items = [
        Item(1, 1, 10, "summary", "The appeal court ruled unanimously that the Kelso bridge licence was unlawful.", "body",
             speakers=frozenset({court})),
        Item(2, 1, 10, "summary", "A new decision on the crossing will be taken by April.", "body", speakers=frozenset({court})),
        Item(3, 1, 11, "post", "Lopez tells MPs the tolls on the Kelso bridge will be reviewed by the spring.", "body",
             speakers=frozenset({minister})),
        Item(4, 1, 12, "post", "Lopez adds that ferry fares to the islands are frozen until the summer.", "body",
             speakers=frozenset({minister})),
        Item(5, 2, 20, "post", "The appeal court has ruled unanimously that the licence for the Kelso bridge was unlawful.", "body",
             speakers=frozenset({court})),
        Item(6, 2, 21, "post", "Lopez said ferry fares to the islands would stay frozen until the summer.", "body",
             speakers=frozenset({minister})),
        Item(7, 2, 22, "post", "Lopez promised that tolls on the Kelso bridge would be looked at again by spring.", "body",
             speakers=frozenset({minister})),
    ]
    ruling = next(event for event in _grouped(items) if any("unlawful" in text for text in event))
    assert ruling == {items[0].text, items[4].text}
