"""Terminal programs in a real pseudo-terminal: time to first screen, key latency, peak RSS.

A program is started on a pty of a fixed size; we read what it writes and time how long
it takes for given text to appear. Used for the liveline reader and, side by side, for
Toolong (`tl`) opening a text file with as many lines as the timeline has paragraphs.
"""

from __future__ import annotations

import fcntl
import os
import select
import signal
import statistics
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

TOOLONG_VERSION = "1.5.0"  # pins Textual 0.58, so it gets a virtual environment of its own


class Terminal:
    """One program on a pseudo-terminal of `cols` x `rows`."""

    def __init__(self, argv: list[str], cols: int = 100, rows: int = 30, env: dict | None = None) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        environment = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor", **(env or {})}
        environment.pop("TEXTUAL", None)
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=environment, start_new_session=True, close_fds=True
        )
        os.close(slave)
        self.master = master
        self.output = bytearray()

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.master, 1 << 16)
        except OSError:
            return False
        self.output += chunk
        return bool(chunk)

    def wait_for(self, *texts: str, since: int = 0, timeout: float = 60.0) -> float:
        """Seconds from start until every text has appeared in the output written after `since`."""
        wanted = [t.encode("utf-8") for t in texts]
        deadline = time.perf_counter() + timeout
        while True:
            if all(w in self.output[since:] for w in wanted):
                return time.perf_counter() - self.started
            if self.process.poll() is not None or time.perf_counter() > deadline:
                tail = self.output[-400:].decode("utf-8", "replace")
                raise TimeoutError(f"{texts} never appeared (exit {self.process.poll()}); last output: {tail!r}")
            self._read(0.05)

    def settle(self, quiet: float = 1.0, limit: float = 20.0) -> None:
        """Wait until the program has written nothing for `quiet` seconds."""
        deadline = time.perf_counter() + limit
        while time.perf_counter() < deadline:
            if not self._read(quiet):
                return

    def key_latency(self, key: str, *expect: str, timeout: float = 30.0) -> float:
        """Seconds from a key press until the expected text is drawn."""
        self.settle(0.5)
        mark = len(self.output)
        pressed = time.perf_counter()
        os.write(self.master, key.encode("utf-8"))
        self.wait_for(*expect, since=mark, timeout=timeout)
        return time.perf_counter() - pressed

    def peak_rss_mb(self) -> float | None:
        try:
            for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
        except OSError:
            return None
        return None

    def close(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        os.close(self.master)


def liveline_reader(db: Path, speakers: list[str], total: int, runs: int = 3) -> dict:
    """Open the reader on `db` in a 100x30 pty: first screen, then filter switches."""
    argv = [sys.executable, "-m", "liveline.cli.main", "--db", str(db)]
    firsts, switches, rss = [], {"speaker": [], "all speakers": [], "merged": [], "raw": [], "newest first": [], "oldest first": []}, []
    for _ in range(runs):
        # Every run opens at the top, as a first reading does: no read position kept between runs.
        term = Terminal(argv, env={"LIVELINE_REMEMBER": "0"})
        try:
            firsts.append(term.wait_for(f"{total:,} entries", "\u2500\u2500 "))
            for name in speakers[:2]:
                switches["speaker"].append(term.key_latency("]", f"speaker {name}"))
            switches["all speakers"].append(term.key_latency("S", f"{total:,} entries"))
            switches["merged"].append(term.key_latency("m", " merged "))
            switches["raw"].append(term.key_latency("m", " raw "))
            switches["newest first"].append(term.key_latency("r", " newest first "))
            switches["oldest first"].append(term.key_latency("r", " oldest first "))
            rss.append(term.peak_rss_mb())
        finally:
            term.close()
    every = [t for times in switches.values() for t in times]
    return {
        "first_screen_s": _stats(firsts),
        "filter_switch_ms": {k: round(statistics.median(v) * 1000) for k, v in switches.items() if v},
        "filter_switch_ms_median": round(statistics.median(every) * 1000),
        "filter_switch_ms_max": round(max(every) * 1000),
        "peak_rss_mb": max(r for r in rss if r is not None) if any(rss) else None,
    }


def toolong_venv(where: Path) -> Path | None:
    """Toolong in its own virtual environment (it pins an old Textual); None if it cannot be installed."""
    tl = where / "bin" / "tl"
    if tl.exists():
        return tl
    try:
        subprocess.run([sys.executable, "-m", "venv", str(where)], check=True, capture_output=True)
        subprocess.run([str(where / "bin" / "pip"), "install", "-q", f"toolong=={TOOLONG_VERSION}"],
                       check=True, capture_output=True, timeout=600)
    except (subprocess.SubprocessError, OSError):
        return None
    return tl if tl.exists() else None


def toolong(tl: Path, text_file: Path, last_line: str, runs: int = 3) -> dict:
    """Toolong opening a text file in the same 100x30 pty: time until its first screen (the
    end of the file, where Toolong opens) shows."""
    firsts, rss = [], []
    for _ in range(runs):
        term = Terminal([str(tl), str(text_file)])
        try:
            firsts.append(term.wait_for(last_line))
            term.settle(0.5, limit=5)
            rss.append(term.peak_rss_mb())
        finally:
            term.close()
    return {"first_screen_s": _stats(firsts), "peak_rss_mb": max(r for r in rss if r is not None) if any(rss) else None}


def _stats(values: list[float]) -> dict:
    return {"median": round(statistics.median(values), 3), "min": round(min(values), 3), "max": round(max(values), 3)}
