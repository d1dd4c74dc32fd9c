"""A fuzz of the web-page reader: generated pages (LiveBlogPosting or NewsArticle JSON-LD
with values of any type, any nesting, odd times and strings, fields missing, in random
markup) go through the real ingest into a timeline that already holds a page. A page is
either taken or refused with the one-line LivelineError, never another exception, and a
refused page leaves the timeline exactly as it was.

The seed is fixed; LIVELINE_FUZZ_EXAMPLES raises the count for a long run
(LIVELINE_FUZZ_EXAMPLES=10000 .venv/bin/pytest tests/test_fuzz_json_ld.py).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from liveline.ingest.pipeline import ingest
from liveline.ingest.sources.spec import SourceSpec
from liveline.timeline.errors import LivelineError
from tests.conftest import digest
from tests.test_web import UPDATES, live_page

# Enough to reach every kind of value below in the suite's run (about 10 s); the long run
# is the 10,000.
EXAMPLES = int(os.environ.get("LIVELINE_FUZZ_EXAMPLES") or 400)

# Times as pages write them, and as they should not: years at and past the ends of what
# liveline stores, offsets at their limits, epoch seconds and milliseconds, nonsense.
_YEARS = st.sampled_from(["2025"] * 100 + ["0001", "0999", "1000", "1970", "9999"])  # a page has many times
_ISO = st.builds(
    lambda year, month, day, hour, zone: f"{year}-{month:02d}-{day:02d}T{hour:02d}:30:00{zone}",
    _YEARS, st.integers(1, 12), st.integers(1, 28), st.integers(0, 23),
    st.sampled_from(["", "Z", "+00:00", "+01:00", "-05:00", "+14:00", "-23:59", "+05:30"]),
)
TIMES = st.one_of(
    _ISO, _ISO, _ISO, _ISO, _ISO, _ISO,
    st.integers(0, 9_999_999_999).map(str),
    st.integers(0, 9_999_999_999_999).map(str),
    st.integers(-(10**20), 10**20),
    st.sampled_from(["", "now", "2025-02-30T10:00:00Z", "12:05 BST"] * 10 + ["9999-12-31T23:59:59-05:00", "0001-01-01T00:00:00+05:00"]),
)
# Text with what pages put in it: markup, entities, controls and escapes, other scripts.
TEXT = st.one_of(
    st.text(max_size=40),
    st.sampled_from([
        "Councillors approved the bridge plan.", "Nia Rowe", "by Owen Hale", "A<br><br>B <b>bold</b>",
        "&quot;quoted&quot; &amp; more", "\x1b]0;PWNED\x07title", "Sky [/bold]", "\u202eevil", "line\nbreak",
        "<p>para</p><div>div</div>", "<section><section>deep</section></section>", "   ",
    ]),
)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["name", "@type", "x", "@graph"]), inner, max_size=3),
    max_leaves=6,
)


def _maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """A field as it should be (most often), as anything else, or left out."""
    return st.one_of(strategy, strategy, strategy, JSON_VALUES, st.just(_MISSING))


_MISSING = object()


def _object(fields: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in fields.items() if value is not _MISSING}


UPDATE = st.builds(
    lambda *values: _object(dict(zip(
        ["@type", "@id", "url", "headline", "articleBody", "text", "datePublished", "dateModified", "author"],
        values, strict=True))),
    _maybe(st.sampled_from(["BlogPosting", "LiveBlogPosting"])),
    _maybe(st.sampled_from(["#block-1", "#block-2", "https://x.test/live#post-3", "p4", ""])),
    _maybe(st.sampled_from(["https://x.test/live/5", "https://x.test/live/"])),
    _maybe(TEXT), _maybe(TEXT), _maybe(TEXT), _maybe(TIMES), _maybe(TIMES),
    _maybe(st.one_of(TEXT, st.builds(lambda name: {"@type": "Person", "name": name}, TEXT))),
)
TYPES = st.sampled_from(["LiveBlogPosting", "NewsArticle", ["LiveBlogPosting", "NewsArticle"], "Article"])
MAIN = st.builds(
    lambda kind, headline, published, publisher, author, updates, body: _object({
        "@context": "https://schema.org", "@type": kind, "headline": headline, "datePublished": published,
        "publisher": publisher, "author": author, "liveBlogUpdate": updates, "articleBody": body}),
    _maybe(TYPES), _maybe(TEXT), _maybe(TIMES),
    _maybe(st.builds(lambda name: {"@type": "Organization", "name": name}, TEXT)),
    _maybe(TEXT), _maybe(st.one_of(st.lists(UPDATE, min_size=1, max_size=4), UPDATE)), _maybe(TEXT),
)


@st.composite
def json_ld_blocks(draw: st.DrawFn) -> str:
    """The page's JSON-LD: the main object, maybe in @graph or lists, maybe cut short."""
    data: Any = draw(MAIN)
    for _ in range(draw(st.integers(0, 3))):
        data = draw(st.sampled_from([{"@graph": [data]}, [data], [{"@type": "WebPage"}, data]]))
    text = json.dumps(data, ensure_ascii=draw(st.booleans()))
    if draw(st.integers(0, 9)) == 0:
        text = text[: draw(st.integers(0, len(text)))]  # a block the page cut off
    return text.replace("</", "<\\/")  # as pages escape it inside <script>


@st.composite
def markup(draw: st.DrawFn, least: int) -> str:
    """Some body markup: posts with times in the ways pages mark them, bylines, text."""
    parts = []
    for number in range(draw(st.integers(least, 5))):
        when = draw(TIMES)
        stamp = draw(st.sampled_from([f'<time datetime="{when}">t</time>', f"<span data-post-time='{when}'>t</span>", ""]))
        updated = draw(st.sampled_from(["", f' data-updated-time="{draw(TIMES)}"']))
        byline = draw(st.sampled_from(["", f'<span class="author">{draw(TEXT)}</span>', f"<b>{draw(TEXT)}</b>"]))
        attribute = draw(st.sampled_from(["id", "data-id", "data-post-id", "class"]))
        parts.append(f'<article {attribute}="block-{number}"{updated}><h2>{draw(TEXT)}</h2>{stamp}{byline}<p>{draw(TEXT)}</p></article>')
    wrapper = draw(st.sampled_from(["<main>{}</main>", "<ol><li>{}</li></ol>", "<div><div>{}</div></div>", "{}"]))
    return wrapper.format("".join(parts))


@st.composite
def pages(draw: st.DrawFn) -> str:
    site = draw(st.sampled_from(['<meta property="og:site_name" content="Fuzz Wire">'] * 3 + ["", '<meta property="og:site_name" content="">']))
    count = draw(st.integers(0, 2))
    blocks = "".join(f'<script type="application/ld+json">{draw(json_ld_blocks())}</script>' for _ in range(count))
    title = f"<title>{draw(TEXT)}</title>" if draw(st.booleans()) else ""
    # Without JSON-LD, enough posts in the markup to be a live page.
    return f"<!doctype html><html><head>{title}{site}{blocks}</head><body>{draw(markup(0 if count else 2))}</body></html>"



@pytest.fixture(scope="module")
def timeline(tmp_path_factory) -> tuple[Path, str]:
    """A timeline holding one good page (built once), and its digest."""
    folder = tmp_path_factory.mktemp("fuzz")
    good = folder / "good.html"
    good.write_text(live_page(UPDATES), encoding="utf-8")
    path = folder / "base.db"
    ingest([SourceSpec(path=good, outlet="", name="good")], path)
    return path, digest(path)


@seed(20_251_130)
@settings(max_examples=EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture])
@given(page=pages(), outlet=st.sampled_from(["", "Given Outlet"]), day=st.sampled_from([None, dt.date(2025, 3, 4)]))
def test_any_generated_page_is_taken_or_refused_in_one_line_and_a_refusal_changes_nothing(timeline, page, outlet, day):
    base, before = timeline
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "t.db"
        shutil.copyfile(base, db)
        source = Path(folder) / "page.html"
        source.write_text(page, encoding="utf-8", errors="surrogatepass")
        try:
            ingest([SourceSpec(path=source, outlet=outlet, name="page", date=day)], db)
        except LivelineError as refusal:
            assert "\n" not in str(refusal)
            assert digest(db) == before
