"""Following several live pages at once: each polled on its own schedule, asked "has it
changed?" with the server's own validators, a failing host spared while the others go on,
a page that is gone for good dropped with one message; posts matched across polls, edits
rewritten in place, a post that left its page kept and marked, and nothing written twice
after a restart or a kill -9. Pages come from local servers started in the test."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from liveline.ingest.follow import follow
from liveline.ingest.sources.spec import SourceSpec
from liveline.ingest.sources.web import USER_AGENT
from tests.conftest import REPO, digest
from tests.test_web import BBC_STYLE, UPDATES, live_page, rows

HANG = 120  # seconds: a subprocess that takes this long is stuck, not slow

LATE = {"@id": "p4", "headline": "Bridge opens in 2027", "datePublished": "2025-03-04T12:10:00Z",
        "articleBody": "Work starts in the spring, the council says.", "author": {"@type": "Person", "name": "Owen Hale"}}
HERALD = [
    {"@id": "h2", "headline": "Vote due at noon", "datePublished": "2025-03-04T10:30:00Z",
     "articleBody": "Councillors will vote on the bridge plan at noon."},
    {"@id": "h1", "headline": "Morning", "datePublished": "2025-03-04T09:15:00Z",
     "articleBody": "Good morning from the town hall, where the bridge debate begins."},
]


def courier(updates: list[dict] = UPDATES) -> str:
    return live_page(updates)


def herald(updates: list[dict] = HERALD) -> str:
    return live_page(updates, title="Bridge vote as it happens", site="Harbour Herald")


class LiveSite:
    """A local server for followed pages, which can change between polls. A page answers a
    conditional request with 304 while it has not changed (by ETag, or by Last-Modified
    where the page has no ETag), and the site counts each path's requests and 304s."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[int, str, str]] = {}  # path -> status, body, validator kind
        self.versions: Counter[str] = Counter()
        self.requests: Counter[str] = Counter()
        self.not_modified: Counter[str] = Counter()
        self.agents: set[str | None] = set()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                site.requests[self.path] += 1
                site.agents.add(self.headers.get("User-Agent"))
                status, body, kind = site.pages.get(self.path, (404, "not here", ""))
                etag = f'"{hashlib.sha1(body.encode()).hexdigest()[:16]}"'
                modified = f"Tue, 04 Mar 2025 {site.versions[self.path] % 24:02d}:00:00 GMT"
                asked = (self.headers.get("If-None-Match") == etag if kind == "etag"
                         else self.headers.get("If-Modified-Since") == modified if kind == "last-modified" else False)
                if status == 200 and asked:
                    site.not_modified[self.path] += 1
                    self.send_response(304)
                    self.end_headers()
                    return
                data = body.encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                if status == 200 and kind == "etag":
                    self.send_header("ETag", etag)
                if status == 200 and kind == "last-modified":
                    self.send_header("Last-Modified", modified)
                if status == 200 and kind == "unsendable":
                    self.send_header("ETag", '"caf\xe9"')  # not ASCII: cannot be sent back
                if status == 503 and kind.isdigit():
                    self.send_header("Retry-After", kind)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def page(self, path: str, body: str, status: int = 200, validator: str = "etag") -> str:
        """Serve `body` at `path`; `validator` is etag, last-modified, unsendable, or for a
        503 the seconds of its Retry-After."""
        self.pages[path] = (status, body, validator)
        self.versions[path] += 1
        return self.base + path

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def live(monkeypatch):
    monkeypatch.setenv("LIVELINE_FETCH_TIMEOUT", "2")
    served = LiveSite()
    yield served
    served.close()


@pytest.fixture
def other_host(monkeypatch):
    served = LiveSite()  # another port: another host, with a back-off of its own
    yield served
    served.close()


def page(url: str) -> SourceSpec:
    return SourceSpec(path=None, outlet="", name=url, url=url, remote=True)


def status_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if "posts on the page)" in line or line.endswith("not modified")]


def settled(db: Path) -> bool:
    """Every post is in the combined order (a settle finished after the last write)."""
    return rows(db, "SELECT COUNT(*) FROM paragraphs WHERE rank IS NULL AND duplicate_of IS NULL") == [(0,)]


def keys(db: Path) -> list[str]:
    return sorted(key for (key,) in rows(db, "SELECT key FROM posts"))


# Several pages at once ------------------------------------------------------------------------
def test_two_outlets_followed_once_for_cron_are_both_written_and_ordered(cli, live, tmp_path):
    db = tmp_path / "f.db"
    run = cli("follow", live.page("/courier", courier()), live.page("/herald", herald()), "--once", "--db", db)
    assert run.code == 0, run.err
    assert rows(db, "SELECT outlet FROM sources ORDER BY id") == [("Coastal Courier",), ("Harbour Herald",)]
    lines = status_lines(run.err)
    assert [line.split(" ", 2)[2] for line in lines] == [
        "Coastal Courier: 3 new, 0 edited, 0 removed (3 posts on the page)",
        "Harbour Herald: 2 new, 0 edited, 0 removed (2 posts on the page)",
    ]
    assert "following 2 pages once" in run.err
    assert settled(db) and len(keys(db)) == 5
    assert live.agents == {USER_AGENT} and USER_AGENT.startswith("liveline/")


def test_two_pages_are_each_polled_on_their_own_schedule(live, tmp_path):
    db = tmp_path / "f.db"
    one, two = live.page("/courier", courier(UPDATES[1:])), live.page("/herald", herald())
    lines: list[str] = []

    def a_post_arrives(_seconds: float) -> None:
        live.page("/courier", courier())

    assert follow([page(one), page(two)], db, every=30, report=lines.append, polls=4, sleep=a_post_arrives) == 3
    assert live.requests == {"/courier": 2, "/herald": 2}
    assert any(line.endswith("Coastal Courier: 1 new, 0 edited, 0 removed (3 posts on the page)") for line in lines)
    assert any(line.endswith("Harbour Herald: not modified") for line in lines)
    assert len(keys(db)) == 5 and settled(db)


def test_a_manifest_names_the_pages_to_follow_with_their_outlets(cli, live, tmp_path):
    manifest = tmp_path / "live.toml"
    manifest.write_text(
        f'[[source]]\nurl = "{live.page("/courier", courier())}"\noutlet = "The Courier"\nevery = 30\n\n'
        f'[[source]]\nurl = "{live.page("/herald", herald())}"\n', encoding="utf-8")
    db = tmp_path / "f.db"
    run = cli("follow", "--manifest", manifest, "--once", "--db", db)
    assert run.code == 0, run.err
    assert rows(db, "SELECT outlet FROM sources ORDER BY id") == [("The Courier",), ("Harbour Herald",)]
    # ingest reads the same manifest: an entry with only a `url` is fetched.
    again = tmp_path / "i.db"
    assert cli("ingest", "--manifest", manifest, "--db", again).code == 0
    assert rows(again, "SELECT outlet FROM sources ORDER BY id") == [("The Courier",), ("Harbour Herald",)]


# Conditional requests -------------------------------------------------------------------------
@pytest.mark.parametrize("validator", ["etag", "last-modified"])
def test_an_unchanged_page_is_not_modified_and_costs_no_write_even_after_a_restart(cli, live, tmp_path, validator):
    db = tmp_path / "f.db"
    urls = [live.page("/courier", courier(), validator=validator), live.page("/herald", herald(), validator=validator)]
    assert cli("follow", *urls, "--once", "--db", db).code == 0
    before = digest(db)
    run = cli("follow", *urls, "--once", "--db", db)  # a new process: what the server said was kept
    assert run.code == 0, run.err
    assert live.not_modified == {"/courier": 1, "/herald": 1}
    assert [line.split(" ", 2)[2] for line in status_lines(run.err)] == [
        "Coastal Courier: not modified", "Harbour Herald: not modified"]
    assert digest(db) == before
    live.page("/courier", courier([LATE, *UPDATES]), validator=validator)
    run = cli("follow", *urls, "--once", "--db", db)
    assert "Coastal Courier: 1 new, 0 edited, 0 removed (4 posts on the page)" in run.err
    assert live.not_modified == {"/courier": 1, "/herald": 2}


def test_a_validator_that_cannot_be_sent_back_is_not_kept(cli, live, tmp_path):
    db = tmp_path / "f.db"
    url = live.page("/courier", courier(), validator="unsendable")
    for _ in range(2):
        run = cli("follow", url, "--once", "--db", db)
        assert run.code == 0, run.err
    assert "unchanged (3 posts on the page)" in run.err and live.requests["/courier"] == 2


def test_a_page_rebuilt_out_of_the_timeline_is_fetched_whole_again(cli, live, tmp_path):
    db = tmp_path / "f.db"
    url = live.page("/courier", courier())
    assert cli("follow", url, "--once", "--db", db).code == 0
    # Another ingest rewrites the source from a saved copy: the validators no longer describe it.
    saved = tmp_path / "saved.html"
    saved.write_text(courier(UPDATES[1:]), encoding="utf-8")
    assert cli("ingest", saved, "--name", url, "--db", db).code == 0
    run = cli("follow", url, "--once", "--db", db)
    assert run.code == 0 and live.not_modified["/courier"] == 0
    assert "0 new, 1 edited, 0 removed" in run.err  # the post the saved copy lacked is back
    assert len(keys(db)) == 3 and rows(db, "SELECT COUNT(*) FROM posts WHERE removed_at IS NOT NULL") == [(0,)]


# Failures -------------------------------------------------------------------------------------
def test_a_page_answering_503_backs_off_while_another_host_is_still_polled(live, other_host, tmp_path):
    db = tmp_path / "f.db"
    good = live.page("/courier", courier())
    down = other_host.page("/herald", "busy", status=503)
    lines: list[str] = []
    follow([page(good), page(down)], db, every=10, report=lines.append, polls=8, sleep=lambda _s: None,
           jitter=lambda: 0.0)
    backoffs = [line.split("trying again in ")[1] for line in lines if "trying again" in line]
    assert backoffs == ["20 s", "40 s"]  # doubling from the page's own interval
    assert all("answered 503" in line for line in lines if "trying again" in line)
    assert live.requests["/courier"] == 6 and other_host.requests["/herald"] == 2
    assert rows(db, "SELECT outlet FROM sources") == [("Coastal Courier",)]


def test_a_busy_server_asking_for_a_longer_wait_gets_it(live, tmp_path):
    lines: list[str] = []
    follow(page(live.page("/busy", "busy", status=503, validator="120")), tmp_path / "f.db", every=10,
           report=lines.append, polls=1, sleep=lambda _s: None)
    assert lines == [f"{live.base}/busy: the server answered 503 Service Unavailable; trying again in 120 s"]


def test_every_page_of_a_failing_host_waits_with_it(live, tmp_path):
    down = live.page("/down", "busy", status=503)
    other = live.page("/herald", herald())
    waits: list[float] = []
    lines: list[str] = []
    follow([page(down), page(other)], tmp_path / "f.db", every=10, report=lines.append, polls=2, sleep=waits.append,
           jitter=lambda: 0.0)
    assert waits == [20] and live.requests == {"/down": 1, "/herald": 1}
    assert "2 new" in lines[-1]


def test_a_page_gone_for_good_is_dropped_with_one_message_and_the_others_go_on(live, tmp_path):
    db = tmp_path / "f.db"
    good, gone = live.page("/courier", courier()), live.base + "/gone"
    lines: list[str] = []
    warnings: list[str] = []
    follow([page(gone), page(good)], db, every=10, report=lines.append, warn=warnings.append, polls=4, sleep=lambda _s: None)
    assert warnings == [f"{gone}: the server answered 404 Not Found; no longer following it"]
    assert live.requests == {"/gone": 1, "/courier": 3}
    assert len(status_lines("\n".join(lines))) == 3


def test_when_every_page_is_gone_follow_ends_with_one_error(cli, live, tmp_path):
    db = tmp_path / "f.db"
    run = cli("follow", live.base + "/a", live.base + "/b", "--every", "30", "--db", db)
    assert run.code == 1
    warning, error = [line for line in run.err.splitlines() if not line.startswith("liveline: following ")]
    assert warning.startswith("liveline: warning:") and "/a: the server answered 404" in warning
    assert error.startswith("liveline: error:") and error.endswith("no page left to follow")
    assert not db.exists()


def test_once_exits_non_zero_when_any_page_failed_after_writing_the_others(cli, live, tmp_path):
    db = tmp_path / "f.db"
    run = cli("follow", live.page("/down", "busy", status=503), live.page("/herald", herald()), "--once", "--db", db)
    assert run.code == 1
    assert "answered 503" in run.err and run.err.strip().splitlines()[-1] == "liveline: error: 1 of 2 pages could not be read"
    assert rows(db, "SELECT outlet FROM sources") == [("Harbour Herald",)]


def test_quiet_prints_only_warnings_and_errors(cli, live, tmp_path):
    db = tmp_path / "f.db"
    ok = cli("follow", live.page("/courier", courier()), "--once", "--quiet", "--db", db)
    assert ok.code == 0 and ok.err == "" and len(keys(db)) == 3
    failing = cli("follow", live.base + "/gone", live.page("/herald", herald()), "--once", "--quiet", "--db", db)
    assert failing.code == 1
    assert [line.split(":")[1] for line in failing.err.strip().splitlines()] == [" warning", " error"]


# Posts across polls ---------------------------------------------------------------------------
def test_a_post_that_leaves_the_page_is_kept_and_marked_then_unmarked_when_it_comes_back(live, tmp_path):
    db = tmp_path / "f.db"
    url = live.page("/courier", courier())
    lines: list[str] = []
    versions = iter([courier(UPDATES[1:]), courier()])

    def next_version(_seconds: float) -> None:
        live.page("/courier", next(versions))

    follow(page(url), db, every=10, report=lines.append, polls=2, sleep=next_version)
    assert lines[-1].endswith("Coastal Courier: 0 new, 0 edited, 1 removed (2 posts on the page)")
    marked = rows(db, "SELECT key, removed_at FROM posts WHERE removed_at IS NOT NULL")
    assert [key for key, _ in marked] == ["p3"]
    assert len(marked[0][1]) == len("2025-03-04T10:05Z") and marked[0][1].endswith("Z")
    assert "Councillor Ada Pryce said: \u201cThis is a good day.\u201d" in [t for (t,) in rows(db, "SELECT text FROM paragraphs")]
    assert settled(db) and len(keys(db)) == 3
    follow(page(url), db, every=10, report=lines.append, polls=2, sleep=next_version)
    assert lines[-1].endswith("Coastal Courier: 0 new, 1 edited, 0 removed (3 posts on the page)")
    assert rows(db, "SELECT COUNT(*) FROM posts WHERE removed_at IS NOT NULL") == [(0,)]
    assert keys(db) == ["p1", "p2", "p3"] and settled(db)


def test_an_edited_post_is_rewritten_in_place(live, tmp_path):
    db = tmp_path / "f.db"
    url = live.page("/courier", courier())
    follow(page(url), db, every=10, report=lambda _l: None, polls=1)
    before = dict(rows(db, "SELECT key, id FROM posts"))
    edited = {**UPDATES[0], "articleBody": "Councillors approved the bridge plan by 31 votes to 11."}
    live.page("/courier", courier([edited, *UPDATES[1:]]))
    lines: list[str] = []
    follow(page(url), db, every=10, report=lines.append, polls=1)
    assert lines[-1].endswith("0 new, 1 edited, 0 removed (3 posts on the page)")
    assert dict(rows(db, "SELECT key, id FROM posts")) == before  # the same post, the same id
    texts = [t for (t,) in rows(db, "SELECT text FROM paragraphs WHERE post_id = ?", (before["p3"],))]
    assert "Councillors approved the bridge plan by 31 votes to 11." in texts
    assert not any("31 votes to 12" in t for (t,) in rows(db, "SELECT text FROM paragraphs"))
    assert settled(db)


def test_posts_without_ids_on_their_page_are_matched_by_what_they_say(live, tmp_path):
    db = tmp_path / "f.db"
    url = live.page("/wire", BBC_STYLE)
    follow(page(url), db, every=10, report=lambda _l: None, polls=1)
    first = rows(db, "SELECT id, key FROM posts ORDER BY id")
    late = ('<li><article><header><h3><span>Talks resume</span></h3><time datetime="2025-06-02T14:40:00+01:00">14:40 BST</time>'
            '</header><div class="body"><p>Both sides are back at the table this afternoon.</p></div></article></li>')
    live.page("/wire", BBC_STYLE.replace('<ol class="stream">\n', f'<ol class="stream">\n{late}\n'))
    lines: list[str] = []
    follow(page(url), db, every=10, report=lines.append, polls=1)
    assert lines[-1].endswith("1 new, 0 edited, 0 removed (3 posts on the page)")
    assert rows(db, "SELECT id, key FROM posts ORDER BY id")[:2] == first


# A follower killed while it writes ------------------------------------------------------------
STALLED_FOLLOWER = """
import sys, time
import liveline.ingest.{module} as target
real = target.{function}

def stall(*args, **kwargs):
    result = real(*args, **kwargs)
    print("stalled", flush=True)  # {where}: the test kills us here
    time.sleep(600)
    return result

target.{function} = stall
from liveline.cli.main import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize(
    ("module", "function", "where"),
    [("writer", "mark_dirty_posts", "rows written, not committed"), ("live.page", "write_counted", "committed, not settled")],
    ids=["mid-write", "before-settle"],
)
def test_a_follower_killed_while_it_writes_and_restarted_duplicates_nothing(cli, live, tmp_path, module, function, where):
    db = tmp_path / "f.db"
    url = live.page("/courier", courier(UPDATES[1:]))
    assert cli("follow", url, "--once", "--db", db).code == 0
    edited = {**UPDATES[1], "articleBody": "Mayor Tom Ellery opened the long debate on the harbour bridge."}
    live.page("/courier", courier([LATE, UPDATES[0], edited, UPDATES[2]]))
    script = STALLED_FOLLOWER.format(module=module, function=function, where=where)
    env = {**os.environ, "COLUMNS": "120"}
    follower = subprocess.Popen([sys.executable, "-c", script, "follow", url, "--every", "30", "--db", str(db)], cwd=REPO,
                                env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert follower.stdout is not None and follower.stderr is not None
        if follower.stdout.readline().strip() != "stalled":
            follower.wait(timeout=HANG)
            pytest.fail(f"the follower never stalled: {follower.stderr.read()}")
        follower.send_signal(signal.SIGKILL)
        follower.wait(timeout=HANG)
    finally:
        if follower.poll() is None:
            follower.kill()
            follower.wait()
    restart = cli("follow", url, "--once", "--db", db)
    assert restart.code == 0, restart.err
    assert keys(db) == ["p1", "p2", "p3", "p4"]  # every post once
    texts = [t for (t,) in rows(db, "SELECT text FROM paragraphs")]
    assert texts.count("Mayor Tom Ellery opened the long debate on the harbour bridge.") == 1
    assert not any(t == "Mayor Tom Ellery opened the debate on the harbour bridge." for t in texts)
    assert settled(db) and rows(db, "SELECT COUNT(*) FROM meta WHERE key = 'dirty_dates'") == [(0,)]


# Bad arguments --------------------------------------------------------------------------------
def one_line_error(run, expect: str) -> None:
    lines = run.err.strip().splitlines()
    assert run.code == 1 and len(lines) == 1 and lines[0].startswith("liveline: error:"), run.err
    assert expect in lines[0], lines[0]


def test_follow_without_a_url_or_manifest_is_one_line(cli, tmp_path):
    one_line_error(cli("follow", "--db", tmp_path / "f.db"), "nothing to follow")
    assert not (tmp_path / "f.db").exists()


def test_a_manifest_entry_without_a_url_cannot_be_followed(cli, tmp_path):
    (tmp_path / "notes.txt").write_text("Published at 10:00 GMT\nThe session opens.\n", encoding="utf-8")
    manifest = tmp_path / "m.toml"
    manifest.write_text('[[source]]\nurl = "http://127.0.0.1:9/live"\n\n[[source]]\nfile = "notes.txt"\noutlet = "Notes"\n',
                        encoding="utf-8")
    one_line_error(cli("follow", "--manifest", manifest, "--db", tmp_path / "f.db"), f"{manifest} source #2: needs a `url`")
    assert not (tmp_path / "f.db").exists()


def test_polling_faster_than_the_floor_is_refused(cli, tmp_path, monkeypatch):
    monkeypatch.delenv("LIVELINE_ALLOW_FAST_POLL", raising=False)
    one_line_error(cli("follow", "http://127.0.0.1:9/live", "--every", "1", "--db", tmp_path / "f.db"), "at least 5 seconds")
    manifest = tmp_path / "m.toml"
    manifest.write_text('[[source]]\nurl = "http://127.0.0.1:9/live"\nevery = 2\n', encoding="utf-8")
    one_line_error(cli("follow", "--manifest", manifest, "--db", tmp_path / "f.db"), "source #1: `every` must be at least 5")


@pytest.mark.parametrize("every", ["'soon'", "0", "-5", "true", "1e400"])
def test_a_manifest_every_that_is_not_seconds_is_one_line(cli, tmp_path, every):
    manifest = tmp_path / "m.toml"
    manifest.write_text(f'[[source]]\nurl = "http://127.0.0.1:9/live"\nevery = {every}\n', encoding="utf-8")
    one_line_error(cli("follow", "--manifest", manifest, "--db", tmp_path / "f.db"), "`every` must be a number of seconds")


def test_a_post_whose_id_changes_between_polls_but_not_its_words_stays_one_post(live, tmp_path):
    """A page's software renames its posts' ids (a new template, another witness of the
    page read): the same words under a new id are the same post, not a new one beside a
    removed copy of itself."""
    db = tmp_path / "f.db"
    url = live.page("/courier", courier())
    follow(page(url), db, every=10, report=lambda _l: None, polls=1)
    before = dict(rows(db, "SELECT key, id FROM posts"))
    renamed = [{**UPDATES[0], "@id": "live-7f3a"}, *UPDATES[1:]]
    live.page("/courier", courier(renamed))
    lines: list[str] = []
    follow(page(url), db, every=10, report=lines.append, polls=1)
    after = dict(rows(db, "SELECT key, id FROM posts"))
    old_key = UPDATES[0]["@id"]
    assert after == {**{k: v for k, v in before.items() if k != old_key}, "live-7f3a": before[old_key]}
    assert rows(db, "SELECT COUNT(*) FROM posts WHERE removed_at IS NOT NULL") == [(0,)]
    assert settled(db)
