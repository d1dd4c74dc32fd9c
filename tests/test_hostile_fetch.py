"""Hostile servers and addresses: a server that drips its answer a byte at a time is cut
off at the fetch's overall deadline; a malformed address, a bad $LIVELINE_FETCH_TIMEOUT
or a password in an address never gives a traceback, and the password is used for the
fetch but never stored, printed or exported. Servers are local, started in the test."""

from __future__ import annotations

import base64
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from liveline.ingest.follow import follow
from liveline.ingest.sources.addresses import is_web_address, public_url
from liveline.ingest.sources.spec import SourceSpec
from liveline.ingest.sources.web import DEADLINE_READS, check_url
from liveline.timeline.store import open_db
from tests.conftest import digest
from tests.test_web import UPDATES, live_page

PAGE = live_page(UPDATES).encode("utf-8")
DRIP_EVERY = 0.05  # seconds between bytes: well inside the read timeout below, so only the deadline can stop it
READ_TIMEOUT = 0.4  # $LIVELINE_FETCH_TIMEOUT in these tests: the deadline is DEADLINE_READS times it


class Server:
    """A local server that answers at once, drips the body or drips the headers."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.auth: list[str | None] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.auth.append(self.headers.get("Authorization"))
                head = f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {len(PAGE)}\r\n\r\n".encode()
                if self.path.startswith("/drip-head"):
                    self._drip(head + PAGE)
                elif self.path.startswith("/drip"):
                    self.wfile.write(head)
                    self._drip(PAGE)
                elif self.path.startswith("/broken"):
                    self.send_error(503)
                else:
                    self.wfile.write(head + PAGE)

            def _drip(self, data: bytes) -> None:
                for byte in data:
                    if server.done.is_set():
                        return
                    try:
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                    except OSError:
                        return  # the client gave up
                    time.sleep(DRIP_EVERY)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def close(self) -> None:
        self.done.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def server():
    served = Server()
    yield served
    served.close()


@pytest.fixture
def short_timeouts(monkeypatch):
    monkeypatch.setenv("LIVELINE_FETCH_TIMEOUT", str(READ_TIMEOUT))


@pytest.fixture
def db(cli, server, short_timeouts, tmp_path) -> Path:
    """A timeline that already holds one page, so 'unchanged' means something."""
    path = tmp_path / "t.db"
    assert cli("ingest", server.base + "/good", "--db", path).code == 0
    return path



def refused(cli, db: Path, *args: object, expect: str) -> str:
    before = digest(db)
    run = cli(*args, "--db", db)
    # `follow` says what it follows before its first fetch; past that, one line.
    lines = [line for line in run.err.strip().splitlines() if not line.startswith("liveline: following ")]
    assert run.code == 1, run.err
    assert len(lines) == 1 and lines[0].startswith("liveline: error:"), run.err
    assert expect in lines[0], lines[0]
    assert digest(db) == before
    return lines[0]


# The overall deadline ------------------------------------------------------------------------
@pytest.mark.parametrize("path", ["/drip", "/drip-head"])
def test_a_server_dripping_its_answer_is_cut_off_at_the_deadline_and_nothing_is_written(cli, server, db, path):
    # Every byte comes well within the read timeout; before the deadline, ingest waited
    # for the whole page (70 s for a real page at a byte a second).
    deadline = DEADLINE_READS * READ_TIMEOUT
    line = refused(cli, db, "ingest", server.base + path, expect=f"took more than {deadline:g} s in all")
    assert server.base + path in line


def test_following_a_dripping_server_backs_off_instead_of_hanging(server, short_timeouts, tmp_path):
    url = server.base + "/drip"
    lines: list[str] = []
    waits: list[float] = []
    follow(SourceSpec(path=None, outlet="", name=url, url=url, remote=True), tmp_path / "f.db", every=5,
           report=lines.append, polls=2, sleep=waits.append)
    assert "took more than" in lines[0] and waits == [10]  # the second poll waited out a doubled interval


# Addresses -----------------------------------------------------------------------------------
@pytest.mark.parametrize("address, expect", [
    ("http://[::1:18081/x", "Invalid IPv6 URL"),
    ("http://127.0.0.1:abc/", "Port could not be cast to integer"),
    ("http://127.0.0.1:99999/", "Port out of range"),
])
def test_a_malformed_address_is_one_line_for_ingest_and_follow(cli, db, address, expect):
    for command in ("ingest", "follow"):
        line = refused(cli, db, command, address, expect="not a valid web address")
        assert expect in line and address in line


@pytest.mark.parametrize("value", ["abc", "-1", "nan", "1e400", "inf", "99999"])
def test_a_bad_fetch_timeout_is_refused_naming_the_variable(cli, db, server, monkeypatch, value):
    monkeypatch.setenv("LIVELINE_FETCH_TIMEOUT", value)
    for command in ("ingest", "follow"):
        line = refused(cli, db, command, server.base + "/good", expect="LIVELINE_FETCH_TIMEOUT")
        assert repr(value) in line


def test_schemes_are_case_insensitive():
    assert is_web_address("HTTP://example.test/live") and is_web_address("Https://example.test/")
    assert not is_web_address("notes/http.txt") and not is_web_address("ftp://example.test/")
    assert check_url("HTTP://example.test/live") == "HTTP://example.test/live"


def test_an_address_in_capitals_is_fetched_not_taken_for_a_file(cli, server, short_timeouts, tmp_path):
    run = cli("ingest", f"HTTP://127.0.0.1:{server.port}/good", "--db", tmp_path / "t.db")
    assert run.code == 0, run.err


# Credentials ----------------------------------------------------------------------------------
def test_an_address_loses_its_user_and_password_when_shown():
    assert public_url("https://user:secret@host.test/p?q=1#f") == "https://host.test/p?q=1#f"
    assert public_url("http://a@b@host.test:8080/x@y") == "http://host.test:8080/x@y"
    assert public_url("https://host.test/p?next=//u:p@x") == "https://host.test/p?next=//u:p@x"
    assert public_url("not a url @ all") == "not a url @ all"


def test_a_password_is_used_for_the_fetch_but_not_in_its_error(cli, server, db):
    address = f"http://editor:hunter2@127.0.0.1:{server.port}/broken"
    line = refused(cli, db, "ingest", address, expect="503")
    assert "hunter2" not in line and f"http://127.0.0.1:{server.port}/broken" in line
    assert server.auth[-1] == "Basic " + base64.b64encode(b"editor:hunter2").decode()


def test_a_password_in_an_address_is_not_stored_echoed_or_exported(cli, server, short_timeouts, tmp_path):
    db = tmp_path / "t.db"
    run = cli("ingest", f"http://editor:hunter2@127.0.0.1:{server.port}/good", "--db", db)
    assert run.code == 0 and "hunter2" not in run.err + run.out
    database = open_db(db)
    try:
        assert "hunter2" not in repr(database.execute("SELECT * FROM sources").fetchall())
    finally:
        database.conn.close()
    for listing in (cli("sources", "--db", db), cli("export", "-o", "-", "--db", db)):
        assert "hunter2" not in listing.out
