"""A local web server for saved pages in tests: each page answers at the path a test gives it,
so a page can have the dated address its publisher gave it, and no test touches the network."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class PageServer:
    """Pages by path on 127.0.0.1; anything else answers 404."""

    def __init__(self) -> None:
        self.pages: dict[str, bytes] = {}
        pages = self.pages

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                body = pages.get(self.path)
                self.send_response(200 if body is not None else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                data = body if body is not None else b"not here"
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def serve(self, path: str, page: Path | bytes | str) -> str:
        """Serve a saved page (a file, bytes or text) at `path`; returns its address."""
        if isinstance(page, Path):
            page = page.read_bytes()
        self.pages[path] = page.encode("utf-8") if isinstance(page, str) else page
        return self.base + path


# How often the server looks for its stop signal: shutting down waits up to this long, once per test.
STOP_POLL_SECONDS = 0.02


@contextmanager
def page_server() -> Iterator[PageServer]:
    served = PageServer()
    thread = threading.Thread(target=served.server.serve_forever, args=(STOP_POLL_SECONDS,), daemon=True)
    thread.start()
    try:
        yield served
    finally:
        served.server.shutdown()
        served.server.server_close()
