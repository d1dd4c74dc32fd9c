"""Live blogs from the web: pages served by a local HTTP server in the test (never the
network) are ingested by URL or as saved files; outlet, title and date come from the page."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace

import pytest

from liveline.ingest.follow import follow
from liveline.ingest.sources.spec import SourceSpec
from liveline.timeline.store import content_digest, open_db
from tests.conftest import REPO

REAL = REPO / "tests" / "fixtures" / "realpages"
GUARDIAN = "guardian_2023-05-15_russia-ukraine-live.html"
MIRROR = "mirror_2024-08-05_uk-riots-live.html"


def live_page(updates: list[dict], *, title: str = "Harbour bridge vote – live", site: str = "Coastal Courier") -> str:
    """A live page in the schema.org style: LiveBlogPosting JSON-LD, no post markup."""
    data = {
        "@context": "https://schema.org", "@type": "LiveBlogPosting", "headline": title,
        "datePublished": "2025-03-04T08:00:00+00:00", "publisher": {"@type": "Organization", "name": site},
        "author": [{"@type": "Person", "name": "Desk Team"}],
        "liveBlogUpdate": [{"@type": "BlogPosting", **u} for u in updates],
    }
    return f"""<!doctype html><html><head><title>{title}</title>
<script type="application/ld+json">{json.dumps(data)}</script></head><body><main><h1>{title}</h1></main></body></html>"""


UPDATES = [
    {"@id": "p3", "headline": "Vote passes", "datePublished": "2025-03-04T11:42:31Z",
     "articleBody": "Councillors approved the bridge plan by 31 votes to 12.\nCouncillor Ada Pryce said: \u201cThis is a good day.\u201d",
     "author": {"@type": "Person", "name": "Nia Rowe"}},
    {"@id": "p2", "headline": "Debate opens", "datePublished": "2025-03-04T10:05:59+00:00",
     "articleBody": "Mayor Tom Ellery opened the debate on the harbour bridge.", "author": {"@type": "Person", "name": "Owen Hale"}},
    {"@id": "p1", "headline": "Welcome", "datePublished": "2025-03-04T09:00:00Z",
     "articleBody": "Welcome to our coverage of the council's bridge vote.", "author": {"@type": "Person", "name": "Nia Rowe"}},
]

BBC_STYLE = """<!doctype html><html><head><meta property="og:site_name" content="Northern Wire">
<meta property="og:title" content="Ferry strike: latest"></head><body>
<header><time datetime="2025-06-02T06:00:00Z">Page started</time></header>
<ol class="stream">
<li><article><header><h3><span>Unions respond</span></h3><time datetime="2025-06-02T13:20:00+01:00">13:20 BST</time></header>
<div class="contributor"><p class="contributor-name">Sam Idris</p><p>Transport reporter</p></div>
<div class="body"><p>The union says the strike will go ahead on Friday.</p><p>"We have no choice," its leader says.</p></div></article></li>
<li><article><header><h3><span>Ferry strike called</span></h3><time datetime="2025-06-02T12:05:00+01:00">12:05 BST</time></header>
<div class="body"><p>Crews on the island ferries will walk out for two days.</p></div></article></li>
</ol><footer><p>Copyright Northern Wire</p></footer></body></html>"""

GUARDIAN_STYLE = """<!doctype html><html><head><meta property="og:site_name" content="Evening Ledger">
<title>Budget day – as it happened</title></head><body><div id="liveblog-body">
<article id="block-77b"><header><a href="#block-77b"><time dateTime="2025-11-26T14:31:09.000Z">2m ago</time><span>14.31 GMT</span></a>
<div><span>Lena Marsh</span></div></header><p>The chancellor sits down after 71 minutes.</p>
<blockquote><p>We have made the right choices.</p></blockquote></article>
<article id="block-77a"><header><a href="#block-77a"><time dateTime="2025-11-26T13:20:00.000Z">1h ago</time><span>13.20 GMT</span></a></header>
<p>The chancellor rises to deliver the budget.</p></article>
</div><aside><h2>Key events</h2><ul><li><a href="#block-77b"><time dateTime="2025-11-26T14:31:09.000Z">14.31</time> Speech ends</a></li>
<li><a href="#block-77a"><time dateTime="2025-11-26T13:20:00.000Z">13.20</time> Budget begins</a></li></ul></aside></body></html>"""

ARTICLE = """<!doctype html><html><head><meta property="og:site_name" content="Valley Times">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Bridge approved after long debate",
"datePublished": "2025-03-04T18:30:00Z", "author": {"@type": "Person", "name": "Iris Lowe"}}</script></head>
<body><article><h1>Bridge approved after long debate</h1><p>The harbour bridge will be built, councillors decided on Tuesday.</p>
<p>Mayor Tom Ellery called it "a generation's project".</p><figure><figcaption>The harbour at dusk</figcaption></figure></article></body></html>"""


class Site:
    """A local web server whose pages a test can change between requests."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[int, dict, bytes | str]] = {}
        self.delay: dict[str, float] = {}
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                time.sleep(site.delay.get(self.path, 0))
                status, headers, body = site.pages.get(self.path, (404, {}, "not here"))
                data = body.encode("utf-8") if isinstance(body, str) else body
                self.send_response(status)
                headers = {"Content-Type": "text/html; charset=utf-8", **headers}
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def page(self, path: str, body: bytes | str, status: int = 200, **headers: str) -> str:
        self.pages[path] = (status, {k.replace("_", "-"): v for k, v in headers.items()}, body)
        return self.base + path


@pytest.fixture
def site(monkeypatch):
    monkeypatch.setenv("LIVELINE_FETCH_TIMEOUT", "1")
    served = Site()
    served.thread.start()
    yield served
    served.server.shutdown()
    served.server.server_close()


def rows(db_path: Path, sql: str, params: tuple = ()) -> list[tuple]:
    db = open_db(db_path)
    try:
        return db.execute(sql, params).fetchall()
    finally:
        db.conn.close()


def test_a_json_ld_live_page_by_url_needs_no_outlet_or_date(cli, site, tmp_path):
    db = tmp_path / "t.db"
    run = cli("ingest", site.page("/live/bridge", live_page(UPDATES)), "--db", db)
    assert run.code == 0, run.err
    source = rows(db, "SELECT outlet, title, date, kind, [order], url FROM sources")[0]
    assert source == ("Coastal Courier", "Harbour bridge vote – live", "2025-03-04", "liveblog", "newest_first",
                      site.base + "/live/bridge")
    posts = rows(db, "SELECT headline, author, stated_at FROM posts ORDER BY chron")
    # Exact to the minute in UTC; seconds dropped, never rounded up.
    assert posts == [("Welcome", "Nia Rowe", "2025-03-04T09:00Z"), ("Debate opens", "Owen Hale", "2025-03-04T10:05Z"),
                     ("Vote passes", "Nia Rowe", "2025-03-04T11:42Z")]
    texts = [r[0] for r in rows(db, "SELECT text FROM paragraphs WHERE part = 'body' ORDER BY id")]
    assert "Councillor Ada Pryce said: \u201cThis is a good day.\u201d" in texts
    speakers = rows(db, "SELECT pe.name FROM paragraph_speakers ps JOIN people pe ON pe.id = ps.person_id")
    assert ("Ada Pryce",) in speakers


def test_html_inside_article_body_becomes_paragraphs_not_tags(cli, site, tmp_path):
    updates = [{**UPDATES[1], "articleBody": "Police said a man was held.<br><br>&quot;He was charged <b>tonight</b>,&quot; a spokesperson said."}]
    db = tmp_path / "t.db"
    assert cli("ingest", site.page("/live/br", live_page(updates)), "--db", db).code == 0
    texts = [t for (t,) in rows(db, "SELECT text FROM paragraphs WHERE part = 'body' ORDER BY id")]
    assert texts == ["Police said a man was held.", '"He was charged tonight," a spokesperson said.']


def test_the_same_page_twice_gives_the_same_rows(cli, site, tmp_path):
    url = site.page("/live/bridge", live_page(UPDATES))
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    assert cli("ingest", url, "--db", one).code == 0
    assert cli("ingest", url, "--db", two).code == 0
    before = content_digest(open_db(one))
    assert "unchanged" in cli("ingest", url, "--db", one).err
    assert content_digest(open_db(one)) == before == content_digest(open_db(two))


def test_real_guardian_page_times_from_markup_not_its_json_ld(cli, site, tmp_path):
    db = tmp_path / "g.db"
    run = cli("ingest", site.page("/live/g", (REAL / GUARDIAN).read_bytes()), "--db", db)
    assert run.code == 0, run.err
    assert "same time" in run.err  # the JSON-LD trap is named
    posts = rows(db, "SELECT key, stated_at, author FROM posts ORDER BY chron")
    assert len(posts) == 10 and len({p[1] for p in posts}) == 10
    assert posts[-1] == ("646219928f08e408b758af95", "2023-05-15T11:50Z", "Jennifer Rankin")
    assert posts[0][1] == "2023-05-15T10:42Z"
    assert all(author in (None, "Jennifer Rankin") for _, _, author in posts)  # not the page's author list
    assert rows(db, "SELECT outlet, date FROM sources") == [("the Guardian", "2023-05-15")]


def test_real_mirror_page_keeps_every_update_and_takes_bylines_from_markup(cli, site, tmp_path):
    db = tmp_path / "m.db"
    run = cli("ingest", site.page("/live/m", (REAL / MIRROR).read_bytes()), "--db", db)
    assert run.code == 0, run.err
    posts = dict((key, (stated, author)) for key, stated, author in rows(db, "SELECT key, stated_at, author FROM posts"))
    assert len(posts) == 428
    assert posts["751105"] == ("2024-08-05T20:00Z", "Antony Clements-Thrower")
    assert posts["751101"][1] is None  # "KEY EVENT" is not a byline
    dates = {d for (d,) in rows(db, "SELECT DISTINCT date FROM posts")}
    assert {"2024-08-04", "2024-08-05"} <= dates  # the blog crosses midnight


def test_bbc_and_guardian_style_markup_without_json_ld(cli, site, tmp_path):
    db = tmp_path / "m.db"
    assert cli("ingest", site.page("/bbc", BBC_STYLE), site.page("/g", GUARDIAN_STYLE), "--db", db).code == 0
    posts = rows(db, "SELECT s.outlet, p.headline, p.author, p.stated_at FROM posts p JOIN sources s ON s.id = p.source_id ORDER BY s.id, p.chron")
    assert posts == [
        ("Northern Wire", "Ferry strike called", None, "2025-06-02T11:05Z"),
        ("Northern Wire", "Unions respond", "Sam Idris", "2025-06-02T12:20Z"),
        ("Evening Ledger", None, None, "2025-11-26T13:20Z"),
        ("Evening Ledger", None, "Lena Marsh", "2025-11-26T14:31Z"),
    ]
    texts = [t for (t,) in rows(db, "SELECT text FROM paragraphs ORDER BY id")]
    assert "We have made the right choices." in texts and "Copyright Northern Wire" not in texts
    assert not any("Key events" in t or t.endswith("Speech ends") for t in texts)


def test_an_article_page_is_one_untimed_post_of_paragraphs(cli, site, tmp_path):
    db = tmp_path / "a.db"
    assert cli("ingest", site.page("/news/bridge", ARTICLE), "--db", db).code == 0
    assert rows(db, "SELECT outlet, kind, date, title FROM sources") == [
        ("Valley Times", "article", "2025-03-04", "Bridge approved after long debate")]
    assert rows(db, "SELECT COUNT(stated_at) FROM posts") == [(0,)]
    texts = [t for (t,) in rows(db, "SELECT text FROM paragraphs ORDER BY id")]
    assert texts[0].startswith("The harbour bridge will be built") and "The harbour at dusk" not in texts


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda s: s.page("/gone", "no", status=404), "answered 404"),
        (lambda s: s.page("/down", "oops", status=503), "answered 503"),
        (lambda s: s.page("/file.pdf", b"%PDF-1.4", Content_Type="application/pdf"), "not a web page"),
        (lambda s: s.page("/empty", "<!doctype html><html><body><p>Nothing here yet.</p></body></html>"), "no posts found"),
        (lambda s: s.page("/loop", "", status=302, Location="/loop"), "redirects"),
        (lambda s: (s.delay.__setitem__("/slow", 3), s.page("/slow", live_page(UPDATES)))[1], "timed out"),
    ],
    ids=["404", "503", "not-html", "no-posts", "redirect-loop", "slow"],
)
def test_a_page_that_cannot_be_read_is_one_clear_line(cli, site, tmp_path, setup, message):
    db = tmp_path / "t.db"
    run = cli("ingest", setup(site), "--db", db)
    assert run.code == 1 and message in run.err and len(run.err.strip().splitlines()) == 1
    assert not db.exists() or rows(db, "SELECT COUNT(*) FROM posts") == [(0,)]


def test_a_redirect_is_followed_and_only_http_is_fetched(cli, site, tmp_path):
    site.page("/live/bridge", live_page(UPDATES))
    moved = site.page("/old", "", status=301, Location="/live/bridge")
    assert cli("ingest", moved, "--db", tmp_path / "t.db").code == 0
    assert rows(tmp_path / "t.db", "SELECT url FROM sources") == [(site.base + "/live/bridge",)]
    run = cli("follow", "ftp://example.invalid/live", "--db", tmp_path / "t.db")
    assert run.code == 1 and "only http" in run.err


def test_following_appends_new_posts_and_applies_edits(site, tmp_path):
    db = tmp_path / "f.db"
    url = site.page("/live", live_page(UPDATES[1:]))
    spec = SourceSpec(path=None, outlet="", name=url, url=url, remote=True)
    polls = iter([
        live_page(UPDATES[1:]),  # nothing new
        live_page(UPDATES),  # a new post on top
        live_page([{**UPDATES[0], "articleBody": "Councillors approved the bridge plan by 31 votes to 11."}, *UPDATES[1:]]),  # an edit
    ])
    lines: list[str] = []

    def next_poll(_seconds: float) -> None:
        site.page("/live", next(polls, live_page(UPDATES)))

    follow(spec, db, every=1, report=lines.append, polls=1, sleep=next_poll)
    first_ids = rows(db, "SELECT id, text FROM paragraphs ORDER BY id")
    follow(spec, db, every=1, report=lines.append, polls=4, sleep=next_poll)
    assert any("unchanged" in line for line in lines)
    assert any("1 new, 0 edited" in line for line in lines) and any("0 new, 1 edited" in line for line in lines)
    now = rows(db, "SELECT id, text FROM paragraphs ORDER BY id")
    assert now[: len(first_ids)] == first_ids  # earlier posts kept their rows
    texts = [t for _, t in now]
    assert "Councillors approved the bridge plan by 31 votes to 11." in texts
    assert "Councillors approved the bridge plan by 31 votes to 12." not in texts
    assert rows(db, "SELECT COUNT(*) FROM posts") == [(3,)]
    # The day was merged and ordered again: every paragraph has its place.
    assert rows(db, "SELECT COUNT(*) FROM paragraphs WHERE rank IS NULL") == [(0,)]


def test_following_survives_a_server_error_with_back_off(site, tmp_path):
    url = site.page("/live", "broken", status=503)
    waits: list[float] = []

    def recover(seconds: float) -> None:
        waits.append(seconds)
        site.page("/live", live_page(UPDATES))

    lines: list[str] = []
    follow(SourceSpec(path=None, outlet="", name=url, url=url, remote=True), tmp_path / "f.db", every=10,
           report=lines.append, polls=2, sleep=recover)
    assert waits == [20] and "503" in lines[0] and "3 posts on the page" in lines[-1]


def test_follow_stops_cleanly_on_ctrl_c(cli, site, tmp_path, monkeypatch):
    url = site.page("/live", live_page(UPDATES))

    def interrupted(_seconds: float) -> None:
        raise KeyboardInterrupt

    # Ctrl-C arrives while follow waits for the next poll (only follow's clock is replaced).
    monkeypatch.setattr("liveline.ingest.follow.time", SimpleNamespace(sleep=interrupted, strftime=time.strftime))
    run = cli("follow", url, "--every", "30", "--db", tmp_path / "f.db")
    assert run.code == 0 and "stopped following" in run.err
    assert rows(tmp_path / "f.db", "SELECT COUNT(*) FROM posts") == [(3,)]  # the finished poll is kept


def test_a_saved_page_needs_no_outlet_but_a_text_file_does(cli, tmp_path):
    saved = tmp_path / "saved-page.html"
    saved.write_text(live_page(UPDATES), encoding="utf-8")
    assert cli("ingest", saved, "--db", tmp_path / "t.db").code == 0
    assert rows(tmp_path / "t.db", "SELECT outlet, name FROM sources") == [("Coastal Courier", "saved-page")]
    (tmp_path / "notes.txt").write_text("Published at 10:00 GMT\nThe session opens.\n", encoding="utf-8")
    run = cli("ingest", tmp_path / "notes.txt", "--date", "2025-03-04", "--db", tmp_path / "t.db")
    assert run.code == 1 and "--outlet" in run.err


def test_a_page_over_the_size_cap_is_refused(cli, site, tmp_path, monkeypatch):
    monkeypatch.setattr("liveline.ingest.sources.web.MAX_BYTES", 10_000)
    run = cli("ingest", site.page("/huge", live_page(UPDATES) + "<!-- " + "x" * 20_000 + " -->"), "--db", tmp_path / "t.db")
    assert run.code == 1 and "larger than" in run.err
