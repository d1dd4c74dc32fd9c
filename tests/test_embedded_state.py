"""A ticker whose posts live only in the page's embedded JSON state (a single-page app's
`__NEXT_DATA__`, `window.__INITIAL_STATE__ = {...}`, Apollo's cache, Nuxt's payload) is
read from there: the list of updates, not the teaser cards beside it; each post with its
own time, text, author and id. A page's scripts are a stranger's: whatever they hold is
read in bounded work, or passed over, never a traceback."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from liveline.ingest.read.embedded_state import MAX_DEPTH, EmbeddedReading, embedded_posts, embedded_reading
from liveline.ingest.read.html_page import parse_time
from liveline.ingest.read.markup_tree import WORK_PER_PAGE_CHARACTER, WorkBudget
from liveline.timeline.errors import LivelineError

UTC = dt.UTC
START = dt.datetime(2025, 6, 14, 9, 0, tzinfo=UTC)


def read(page: str) -> EmbeddedReading:
    return embedded_reading(LexborHTMLParser(page), parse_time, WorkBudget("ticker.html", len(page)), "ticker.html")


def html(head: str, body: str = "<main><h1>Regatta day – live</h1></main>") -> str:
    return f"<!doctype html><html><head><title>Regatta day – live</title>{head}</head><body>{body}</body></html>"


def script(name: str, value: object, after: str = "") -> str:
    return f"<script>{name} = {json.dumps(value)};{after}</script>"


TEASER_MARKUP = """<main><h1>Regatta day – live</h1><div id="__next">
<article class="card"><time datetime="2025-06-13T18:00:00Z">Yesterday</time><p>Harbour dredging starts next week</p></article>
<article class="card"><time datetime="2025-06-12T18:00:00Z">Thursday</time><p>Ferry timetable changes</p></article>
</div></main>"""


def next_page(count: int = 30) -> tuple[str, list[dt.datetime]]:
    """A Next.js page: two teaser cards in the markup and in its state, and `count` updates
    (newest first) only in __NEXT_DATA__, their times alternately epoch ms and ISO, their
    text rich-text blocks."""
    times = [START + dt.timedelta(minutes=7 * n) for n in range(count)][::-1]
    posts = []
    for n, at in enumerate(times):
        stamp: object = int(at.timestamp() * 1000) if n % 2 else at.isoformat().replace("+00:00", "Z")
        posts.append({
            "id": f"post-{count - n}", "publishedAt": stamp, "title": f"Race {count - n} result",
            "author": {"name": "Ines Calloway", "jobTitle": "Sailing correspondent"},
            "body": [
                {"_type": "block", "children": [{"_type": "span", "text": f"Boat {count - n} crossed the line "},
                                                {"_type": "span", "text": "first", "marks": ["strong"]},
                                                {"_type": "span", "text": " in a rising wind."}]},
                {"_type": "image", "url": "/img/boat.jpg", "caption": "Not a paragraph"},
                {"_type": "block", "children": [{"_type": "span", "text": "The crew thanked the harbour master."}]},
            ],
        })
    teasers = [{"id": "t1", "publishedAt": "2025-06-13T18:00:00Z", "title": "Harbour dredging", "description": "Harbour dredging starts next week"},
               {"id": "t2", "publishedAt": "2025-06-12T18:00:00Z", "title": "Ferries", "description": "Ferry timetable changes"}]
    data = {"props": {"pageProps": {"related": teasers, "liveBlog": {"title": "Regatta day", "posts": posts}}},
            "page": "/live/[slug]", "buildId": "abc123"}
    head = f'<script id="__NEXT_DATA__" type="application/json">{json.dumps(data)}</script>'
    return html(head, TEASER_MARKUP), times


def test_a_next_js_ticker_is_read_from_its_state_and_the_two_teaser_cards_lose() -> None:
    page, times = next_page(30)
    reading = read(page)
    assert len(reading.posts) == 30
    assert [post.published for post in reading.posts] == times  # epoch ms and ISO alike, page order
    first = reading.posts[0]
    assert first.key == "30"  # "post-30" without its kind prefix, as the other witnesses keep it
    assert first.headline == "Race 30 result"
    assert first.paragraphs == ["Boat 30 crossed the line first in a rising wind.", "The crew thanked the harbour master."]
    assert (first.author, first.role) == ("Ines Calloway", "Sailing correspondent")
    assert reading.where == "script#__NEXT_DATA__ props.pageProps.liveBlog.posts"
    assert (reading.lists, reading.runner_up, reading.left_out) == (2, 2, 0)  # the teaser list was seen, and lost
    assert embedded_posts(LexborHTMLParser(page), parse_time, WorkBudget("p", len(page)), "p") == reading.posts


def apollo_cache(with_list: bool) -> dict[str, object]:
    cache: dict[str, object] = {"ROOT_QUERY": {"__typename": "Query", 'liveBlog({"slug":"regatta"})': {"__ref": "LiveBlog:7"}},
                                "Author:5": {"__typename": "Author", "id": "5", "displayName": "Tomas Reyes"}}
    refs = []
    for n in (3, 2, 1):
        cache[f"LiveBlogPost:{n}"] = {
            "__typename": "LiveBlogPost", "id": str(n), "createdAt": f"2025-06-14T1{n}:05:00+02:00",
            "contentHtml": f"<p>Update {n}: the wind backs west.</p><p>Boats {n}0 to {n}9 reef.</p>",
            # Apollo 3 writes a reference {"__ref": ...}; Apollo 2 {"type": "id", "id": ...}.
            "author": {"__ref": "Author:5"} if with_list else {"type": "id", "generated": False, "id": "Author:5", "typename": "Author"},
        }
        refs.append({"__ref": f"LiveBlogPost:{n}"})
    cache["LiveBlog:7"] = {"__typename": "LiveBlog", "id": "7", "title": "Regatta", **({"posts": refs} if with_list else {})}
    return cache


@pytest.mark.parametrize("with_list", [True, False])
def test_an_apollo_cache_gives_its_posts_with_their_authors_followed_by_reference(with_list: bool) -> None:
    reading = read(html(script("window.__APOLLO_STATE__", apollo_cache(with_list))))
    assert [post.published for post in reading.posts] == [dt.datetime(2025, 6, 14, h, 5, tzinfo=UTC) for h in (11, 10, 9)]
    assert [post.key for post in reading.posts] == ["3", "2", "1"]
    assert reading.posts[0].paragraphs == ["Update 3: the wind backs west.", "Boats 30 to 39 reef."]
    assert {post.author for post in reading.posts} == {"Tomas Reyes"}
    if with_list:  # the query's list, in its order, over the same posts in the cache
        assert reading.where == "window.__APOLLO_STATE__ LiveBlog:7.posts"
        assert (reading.lists, reading.runner_up) == (1, 0)
    else:
        assert reading.where == "window.__APOLLO_STATE__ LiveBlogPost:*"


def test_an_initial_state_assignment_followed_by_more_javascript_is_read() -> None:
    state = {"app": {"ready": True}, "story": {"content_elements": [
        {"_id": "AB12", "type": "story", "display_date": "2025-06-14T10:15:00.000Z",
         "last_updated_date": "2025-06-14T10:20:00.000Z", "headlines": {"basic": "ignored"},
         "credits": {"by": [{"name": "Ola Brandt", "type": "author"}, {"name": "Kim Yu"}]},
         "content_elements": [{"type": "text", "content": "Rain stops play at the <b>north</b> mark."},
                              {"type": "image", "caption": "A boat"},
                              {"type": "text", "content": "Racing resumes at noon."}]},
        {"_id": "AB11", "type": "story", "display_date": "2025-06-14T09:40:00.000Z",
         "credits": {"by": []}, "content_elements": [{"type": "text", "content": "Fog over the bay."}]},
    ]}}
    after = " window.onload = function () { var x = {a: 1}; return x == {b: [2]}; }; window.__FLAGS__ = {broken: true};"
    reading = read(html(script("window.__INITIAL_STATE__", state, after)))
    assert reading.where == "window.__INITIAL_STATE__ story.content_elements"
    newer, older = reading.posts
    assert (newer.key, newer.published, newer.updated) == ("AB12", dt.datetime(2025, 6, 14, 10, 15, tzinfo=UTC), dt.datetime(2025, 6, 14, 10, 20, tzinfo=UTC))
    assert newer.paragraphs == ["Rain stops play at the north mark.", "Racing resumes at noon."]
    assert newer.author == "Ola Brandt, Kim Yu"
    assert (older.paragraphs, older.author) == (["Fog over the bay."], None)


def test_state_given_as_a_json_parse_string_is_read() -> None:
    posts = [{"uuid": f"u{n}", "timestamp": 1749891600 + 60 * n, "text": f"Mark {n} rounded, it's close"} for n in range(3)]
    literal = json.dumps(posts).replace("'", "\\'")
    reading = read(html(f"<script>window.__PRELOADED_STATE__ = JSON.parse('{{\"feed\": {literal}}}');</script>"))
    assert [post.paragraphs for post in reading.posts] == [[f"Mark {n} rounded, it's close"] for n in range(3)]
    assert reading.posts[0].published == dt.datetime.fromtimestamp(1749891600, UTC)


def test_a_wordpress_headless_page_reads_date_gmt_as_utc_and_rendered_html() -> None:
    posts = [{"id": 901 + n, "date": f"2025-06-14T1{n}:00:00", "date_gmt": f"2025-06-14T0{n + 8}:00:00",
              "title": {"rendered": f"Leg {n} &amp; more"}, "content": {"rendered": f"<p>Leg {n} starts.</p>\n<p>Tide turning.</p>", "protected": False}}
             for n in range(2)]
    reading = read(html(f'<script type="application/json" id="wp-state">{json.dumps({"posts": posts})}</script>'))
    assert [post.published for post in reading.posts] == [dt.datetime(2025, 6, 14, 8, tzinfo=UTC), dt.datetime(2025, 6, 14, 9, tzinfo=UTC)]
    assert (reading.posts[0].headline, reading.posts[0].paragraphs, reading.posts[0].key) == ("Leg 0 & more", ["Leg 0 starts.", "Tide turning."], "901")


def test_a_nuxt_payload_and_graphql_edges_are_followed() -> None:
    # Nuxt 3 flattens its state: an object's members are positions in one list.
    payload = [["ShallowReactive", 1], {"data": 2}, {"feed": 3}, [4, 8],
               {"node": 5}, {"firstPublished": 6, "content": 7}, ["Date", "2025-06-14T12:00:00.000Z"], "Protest boat cleared.",
               {"node": 9}, {"firstPublished": 10, "content": 11}, ["Date", "2025-06-14T12:30:00.000Z"], "Leaders round the buoy."]
    reading = read(html(f'<script type="application/json" id="__NUXT_DATA__">{json.dumps(payload)}</script>'))
    assert [(post.published, post.paragraphs) for post in reading.posts] == [
        (dt.datetime(2025, 6, 14, 12, tzinfo=UTC), ["Protest boat cleared."]),
        (dt.datetime(2025, 6, 14, 12, 30, tzinfo=UTC), ["Leaders round the buoy."])]


def test_a_page_without_embedded_state_gives_no_posts() -> None:
    ld = {"@type": "LiveBlogPosting", "liveBlogUpdate": [{"datePublished": "2025-06-14T09:00:00Z", "articleBody": "x"}] * 3}
    page = html(f'<script type="application/ld+json">{json.dumps(ld)}</script><script>var a = 1; function go() {{ return [1, 2]; }}</script>'
                '<script type="text/template"><div>{{ title }}</div></script>', TEASER_MARKUP)
    assert read(page) == EmbeddedReading([], sources=0)


def test_an_article_state_with_one_dated_story_and_two_dated_tweets_among_its_blocks_is_no_post_list() -> None:
    blocks = [{"type": "text", "content": f"Paragraph {n}."} for n in range(8)]
    blocks[3:3] = [{"type": "tweet", "created_at": "2025-06-14T09:00:00Z", "text": "A tweet"},
                   {"type": "tweet", "created_at": "2025-06-14T09:05:00Z", "text": "Another"}]
    state = {"article": {"publishedAt": "2025-06-14T08:00:00Z", "body": blocks}}
    assert read(html(script("window.__DATA__", state))).posts == []


def test_scripts_that_are_not_json_are_passed_over() -> None:
    good = {"posts": [{"id": n, "date": f"2025-06-14T09:0{n}:00Z", "html": f"<p>Post {n}</p>"} for n in range(2)]}
    page = html('<script type="application/json">not json at all</script>'
                '<script type="application/json">{"a": [1, 2</script>'
                "<script>window.__A__ = {broken: 1}; window.__B__ = JSON.parse('{\"unterminated\": </script>"
                "<script>window.__C__ = JSON.parse(localStorage.x); window.__D__ = JSON.parse(\"{bad\");</script>"
                + script("window.__E__", good))
    reading = read(page)
    assert [post.paragraphs for post in reading.posts] == [["Post 0"], ["Post 1"]]
    assert reading.where == "window.__E__ posts"


def test_values_of_the_wrong_type_are_ignored_and_posts_without_a_time_of_their_own_left_out() -> None:
    posts: list[object] = [
        {"id": {"x": 1}, "publishedAt": "2025-06-14T09:00:00Z", "body": 5, "text": "Kept: text is read from the next field",
         "author": [1, None, {"name": 3}, "Ana Silva"], "title": ["not", "a", "title"], "updatedAt": True},
        {"id": True, "publishedAt": 1749891900.5, "body": {"blocks": [{"text": "Epoch seconds with a fraction"}]}},
        {"id": "3", "publishedAt": "9999-12-31T23:59:59Z", "body": "A time liveline cannot store"},
        {"id": "4", "publishedAt": True, "body": "A boolean time"},
        {"id": "5", "body": "No time", "meta": {"publishedAt": "2025-06-14T09:10:00Z"}},
        {"id": "6", "publishedAt": "2025-06-14", "body": "A day, not a time"},
        "a string", 7, None,
        {"id": "7", "publishedAt": "2025-06-14T09:20:00Z", "body": "Plain post"},
        {"id": "8", "publishedAt": "2025-06-14T09:25:00Z", "body": "Another plain post"},
    ]
    reading = read(html(script("window.__STATE__", {"items": posts})))
    assert [(post.key, post.paragraphs, post.author, post.headline, post.updated) for post in reading.posts[:2]] == [
        (None, ["Kept: text is read from the next field"], "Ana Silva", None, None),
        (None, ["Epoch seconds with a fraction"], None, None, None),
    ]
    assert reading.posts[1].published == dt.datetime(2025, 6, 14, 9, 5, tzinfo=UTC)
    assert [post.key for post in reading.posts[2:]] == ["7", "8"]
    assert reading.warnings("ticker.html") == ["ticker.html: 4 item(s) of the page's embedded post list (window.__STATE__ items) "
                                               "have no time or no text of their own; left them out"]


def test_state_nested_past_the_limit_is_left_out_with_a_warning() -> None:
    posts = [{"id": n, "createdAt": "2025-06-14T09:00:00Z", "content": "Deep post"} for n in range(3)]
    deep: object = {"posts": posts}
    for _ in range(MAX_DEPTH + 5):
        deep = {"child": deep}
    very_deep = "[" * 100_000 + "]" * 100_000  # deeper than Python's own JSON parser goes
    page = html(script("window.__DEEP__", deep) + f'<script type="application/json">{very_deep}</script>'
                + f"<script>window.__DEEPER__ = {very_deep};</script>")
    reading = read(page)
    assert reading.posts == [] and reading.too_deep
    assert reading.warnings("ticker.html") == [f"ticker.html: the page's embedded state nests deeper than {MAX_DEPTH} levels; ignored what is below that"]


def test_a_five_megabyte_state_is_read_in_work_proportional_to_its_size() -> None:
    posts = [{"id": f"p{n}", "publishedAt": 1749891600000 + n * 1000, "title": f"Item {n}",
              "body": [{"type": "paragraph", "children": [{"text": "Word " * 20}, {"text": "end."}]}]}
             for n in range(25_000)]
    page = html(f'<script id="__NEXT_DATA__" type="application/json">{json.dumps({"props": {"posts": posts}})}</script>')
    assert len(page) > 5_000_000
    budget = WorkBudget("big.html", len(page))
    reading = embedded_reading(LexborHTMLParser(page), parse_time, budget, "big.html")
    assert len(reading.posts) == 25_000
    assert budget.used < WORK_PER_PAGE_CHARACTER * len(page) / 2


def test_a_script_built_to_make_the_search_quadratic_costs_one_pass() -> None:
    # Each "x = [" opens a string that never ends, holding the next one: decoding from every
    # one of them would read the rest of the script again each time.
    hostile = "<script>" + 'x = ["' * 200_000 + "</script>" + "<script>" + "y = JSON.parse('" * 100_000 + "</script>"
    budget = WorkBudget("hostile.html", len(hostile))
    reading = embedded_reading(LexborHTMLParser(hostile), parse_time, budget, "hostile.html")
    assert reading.posts == []
    assert budget.used < 3 * len(hostile)


def test_a_budget_already_spent_refuses_the_page_with_one_line() -> None:
    page, _ = next_page(30)
    budget = WorkBudget("ticker.html", len(page))
    budget.spend(budget.left - 10)
    with pytest.raises(LivelineError, match=r"^ticker\.html: the page's markup is nested too deeply to read"):
        embedded_reading(LexborHTMLParser(page), parse_time, budget, "ticker.html")


def test_a_broken_nuxt_payload_and_state_that_holds_itself_give_no_traceback() -> None:
    payload = [["ShallowReactive", 1], {"data": 2, "loop": 0, "self": 3, "odd": -1, "far": 99, "flag": 10},
               [11, 12, 4, 5, 18], ["Reactive", 3], {"posts": 6}, {"k": 13},
               [7, 7, 8], {"date": 14, "content": 15}, {"date": 16, "content": 7}, {"text": 17},
               True, ["Set", 1], "x", ["Map"], "2025-06-14T09:00:00Z", [9, 9], 5, "Looped", [[1, 2], "y", {"z": 1}]]
    page = html(f'<script type="application/json" id="__NUXT_DATA__">{json.dumps(payload)}</script>'
                f'<script type="application/json">{json.dumps([[[1], 2], {"a": [[[]]]}])}</script>')
    reading = read(page)
    # One post held twice (a payload shares objects by position); its text block twice, read once.
    assert [post.paragraphs for post in reading.posts] == [["Looped"], ["Looped"]]
    assert reading.left_out == 1  # the object whose "date" is 5


_KEYS = st.sampled_from(["id", "_id", "publishedAt", "date", "date_gmt", "created_at", "updatedAt", "body", "content", "text",
                         "html", "blocks", "children", "title", "author", "credits", "by", "name", "__ref", "type", "node",
                         "ROOT_QUERY", "Post:1", "Post:2", "value", "rendered", "_type", "marks", "Reactive", "header",
                         "contributor", "headline", "model", "role", "firstName"])
_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-2, 2**63), st.floats(allow_nan=False), st.text(max_size=12),
                     st.sampled_from(["2025-06-14T09:00:00Z", "1749891600000", "9999-12-31T23:59:59+14:00", "<p>Hi</p><div>",
                                      "0001-01-01T00:00:00", "Post:1", "ShallowReactive", "Date", "x = [1]", "headline",
                                      "byline", "By Ana Ruiz, reporter"]))
_STATE = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=5) | st.dictionaries(_KEYS, inner, max_size=6), max_leaves=40)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(state=_STATE)
def test_any_json_state_is_read_or_refused_with_one_line(state: object) -> None:
    text = json.dumps(state)
    literal = json.dumps(text).replace("'", "\\'")
    page = html(f'<script id="__NEXT_DATA__" type="application/json">{text}</script>'
                f'<script type="application/json" id="__NUXT_DATA__">{text}</script>'
                f"<script>window.__A__ = {text}; window.__B__ = JSON.parse({literal}); window.__C__ = JSON.parse('{text[:20]}');</script>")
    try:
        reading = read(page)
    except LivelineError as error:
        assert "\n" not in str(error)
    else:
        assert all(post.published and post.paragraphs for post in reading.posts)


def test_state_kept_as_a_json_string_with_times_in_a_dates_group_and_text_in_models_is_read() -> None:
    results = [{"id": f"urn:post:{n}", "type": "POST",
                "dates": {"firstPublished": f"2025-06-14T1{n}:00:00.000Z", "lastUpdated": f"2025-06-14T1{n}:30:00.000Z"},
                "header": {"title": "ignored"},
                "content": {"model": {"blocks": [{"type": "paragraph", "model": {
                    "text": f"Squall {n} hits the fleet.",
                    "blocks": [{"type": "fragment", "model": {"text": f"Squall {n} hits", "attributes": []}},
                               {"type": "fragment", "model": {"text": " the fleet.", "attributes": ["bold"]}}]}}]}}}
               for n in range(3)]
    kept = json.dumps(json.dumps({"data": {"page": {"results": results}}}))  # a JavaScript string holding JSON
    reading = read(html(f"<script>window.__INITIAL_DATA__={kept};</script>"))
    assert reading.where == "window.__INITIAL_DATA__ data.page.results"
    assert [(post.published.hour, post.updated and post.updated.minute, post.paragraphs) for post in reading.posts if post.published] == [
        (10 + n, 30, [f"Squall {n} hits the fleet."]) for n in range(3)]


def stream(posts: list[dict[str, object]]) -> EmbeddedReading:
    """A page whose updates are only in `window.__PAGE_STATE__`, each at its own minute from 09:00."""
    for minute, post in enumerate(posts):
        post.setdefault("publishedAt", f"2025-06-14T09:{minute:02d}:00Z")
    return read(html(script("window.__PAGE_STATE__", {"stream": {"updates": posts}})))


def blocks(*typed: tuple[str, str]) -> dict[str, object]:
    """A rich-text field as block CMSs keep it: {"model": {"blocks": [{"type": ..., "model": {"text": ...}}]}}."""
    return {"model": {"blocks": [{"type": kind, "model": {"text": text}} for kind, text in typed]}}


def test_a_headline_nested_in_a_header_block_and_a_contributor_under_its_own_key_are_the_posts_own() -> None:
    # The header holds a time and a heading block whose text is itself a block; the contributor is a key of its own.
    posts: list[dict[str, object]] = [
        {"id": f"u{n}", "body": blocks(("paragraph", f"Boat {n} capsized at the gybe mark."), ("paragraph", "Crew safe.")),
         "header": {"model": {"blocks": [{"type": "timestamp", "model": {"text": f"10:0{n}"}},
                                         {"type": "postHeading", "model": {"blocks": [{"type": "text", "model": {"text": f"Capsize number {n}"}}]}}]}},
         "contributor": {"name": "Mira Solberg", "role": "Sailing reporter"}}
        for n in range(3)]
    reading = stream(posts)
    assert [(post.headline, post.author, post.role, post.paragraphs) for post in reading.posts] == [
        (f"Capsize number {n}", "Mira Solberg", "Sailing reporter", [f"Boat {n} capsized at the gybe mark.", "Crew safe."]) for n in range(3)]


@pytest.mark.parametrize(("fields", "headline"), [
    ({"summary-title": "Fog lifts over the bay"}, "Fog lifts over the bay"),
    ({"heading": {"text": "Fog lifts over the bay"}}, "Fog lifts over the bay"),
    ({"headlines": {"basic": "Fog lifts over the bay", "web": "Fog lifts"}}, "Fog lifts over the bay"),
    ({"title": {"rendered": "Fog lifts <em>over</em> the bay"}}, "Fog lifts over the bay"),
    ({"header": {"kicker": "x", "blocks": [{"type": "headline", "text": "Fog lifts over the bay"}]}}, "Fog lifts over the bay"),
    ({"header": {"model": {"blocks": [{"type": "byline", "model": {"text": "By Ana Ruiz"}},
                                      {"type": "title", "model": {"text": "Fog lifts over the bay"}}]}}}, "Fog lifts over the bay"),
    ({"header": {"blocks": [{"type": "timestamp", "text": "10:32"}, {"type": "text", "text": "Fog lifts over the bay"}]}},
     "Fog lifts over the bay"),  # the time shown beside a headline is not it
    ({"title": "Word " * 100}, None),  # a summary, not a headline
])
def test_a_posts_headline_is_found_in_the_shapes_cms_keep_it_in(fields: dict[str, object], headline: str | None) -> None:
    posts = [{"id": str(n), "text": f"Visibility {n} miles.", **fields} for n in range(2)]
    posts[1] = {"id": "1", "text": "Racing resumes.", "title": "Racing resumes at noon"}  # a different headline beside it
    assert stream(posts).posts[0].headline == headline


@pytest.mark.parametrize(("fields", "author", "role"), [
    ({"contributor": {"name": "Ana Ruiz", "role": "Sailing reporter"}}, "Ana Ruiz", "Sailing reporter"),
    ({"byline": {"title": "Ana Ruiz", "description": "Sailing reporter"}}, "Ana Ruiz", "Sailing reporter"),
    ({"contributors": [{"displayName": "Ana Ruiz", "job": "Reporter"}, {"fullName": "Li Wei"}]}, "Ana Ruiz, Li Wei", None),
    ({"creator": {"fullName": "Ana Ruiz", "jobTitle": "Sailing reporter"}}, "Ana Ruiz", "Sailing reporter"),
    ({"writer": "By Ana Ruiz, Sailing reporter"}, "Ana Ruiz", "Sailing reporter"),
    ({"posted_by": {"firstName": "Ana", "lastName": "Ruiz"}}, "Ana Ruiz", None),
    ({"author": blocks(("contributorName", "Ana Ruiz"), ("contributorRole", "Sailing reporter"))}, "Ana Ruiz", "Sailing reporter"),
    ({"byline": {"name": "Ana Ruiz", "description": "Ana has covered sailing for twenty years, from dinghies to the ocean races."}},
     "Ana Ruiz", None),  # a bio is not a role
    ({"contributor": {"id": 7, "url": "/people/7"}}, None, None),
])
def test_a_posts_author_is_found_in_the_shapes_cms_keep_it_in(fields: dict[str, object], author: str | None, role: str | None) -> None:
    posts = [{"id": str(n), "text": f"Visibility {n} miles.", **fields} for n in range(2)]
    assert [(post.author, post.role) for post in stream(posts).posts] == [(author, role)] * 2


def test_a_body_opening_with_headline_and_byline_blocks_keeps_only_its_paragraphs() -> None:
    # Each update's text opens with its heading, byline and time blocks; a sub-heading further down stays text.
    posts: list[dict[str, object]] = [
        {"id": f"u{n}", "body": blocks(("heading", f"Leg {n} abandoned"), ("byline", "By Ana Ruiz"), ("byline", "Sailing reporter"),
                                       ("timestamp", "10:32"), ("paragraph", "No wind at the top mark."), ("subheading", "What next"),
                                       ("paragraph", "A resail at two."))}
        for n in range(2)]
    assert [(post.headline, post.author, post.role, post.paragraphs) for post in stream(posts).posts] == [
        (f"Leg {n} abandoned", "Ana Ruiz", "Sailing reporter", ["No wind at the top mark.", "What next", "A resail at two."])
        for n in range(2)]


def test_paragraphs_that_repeat_the_headline_or_the_byline_are_left_out_unless_they_are_all_the_text() -> None:
    posts: list[dict[str, object]] = [
        {"id": "a", "title": "Leg 1 abandoned", "author": {"name": "Ana Ruiz"},
         "body": "<p>Leg 1 abandoned</p><p>By Ana Ruiz</p><p>No wind at the top mark.</p>"},
        {"id": "b", "title": "Leg 2 started", "author": {"name": "Ana Ruiz"}, "body": "<p>Leg 2 started</p>"},
        {"id": "c", "body": blocks(("headline", "Only a heading"))},  # a post that is one heading keeps it as its text
    ]
    assert [(post.headline, post.author, post.paragraphs) for post in stream(posts).posts] == [
        ("Leg 1 abandoned", "Ana Ruiz", ["No wind at the top mark."]),
        ("Leg 2 started", "Ana Ruiz", ["Leg 2 started"]),
        (None, None, ["Only a heading"]),
    ]


def test_teaser_cards_with_headers_and_contributors_still_lose_to_the_updates() -> None:
    teasers = [{"id": f"t{n}", "publishedAt": f"2025-06-1{n}T18:00:00Z", "header": {"title": f"Teaser {n}"},
                "contributor": {"name": "Desk"}, "summary": f"Older story {n}"} for n in range(2)]
    updates = [{"id": f"u{n}", "publishedAt": f"2025-06-14T09:0{n}:00Z", "header": blocks(("headline", f"Update {n}")),
                "contributor": {"name": "Ana Ruiz"}, "body": blocks(("paragraph", f"Text {n}."))} for n in range(3)]
    reading = read(html(script("window.__PAGE_STATE__", {"related": teasers, "stream": {"updates": updates}})))
    assert reading.where == "window.__PAGE_STATE__ stream.updates"
    assert [post.headline for post in reading.posts] == ["Update 0", "Update 1", "Update 2"]
