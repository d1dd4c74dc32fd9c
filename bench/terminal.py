"""Terminal programs in a real pseudo-terminal: time to first screen, key latency, memory.

A program is started on a pty of a fixed size; we read what it writes and time how long
it takes for given text to appear, while bench.tree samples its whole process tree (peak
PSS, CPU seconds, load average). Used for the liveline reader (first screen, filter
switches, search) and, side by side, for Toolong (`tl`) and lnav opening a text file with
as many lines as the timeline has paragraphs, and for a plain process that opens the
SQLite file and prints 60 rows (the floor: what starting any reader costs). `Burners`
keeps the machine busy for measurements under load.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path
from types import TracebackType

from bench import tree

TOOLONG_VERSION = "1.5.0"  # pins Textual 0.58, so it gets a virtual environment of its own
# A burner stops by itself after this long even if the benchmark dies without killing it.
BURN_LIMIT_S = 1800
PLAIN_ROWS = 60  # a screen and more of a 100x30 terminal
# The reader's count in its status line: drawn with the first screen. A timeline of several
# stories opens on one story, so the count is read, not assumed to be the whole timeline's.
ENTRIES = re.compile(rb"([1-9][\d,]*) entries")
SPEAKER_CHIP = re.compile(rb"speaker [A-Z]")


class Terminal:
    """One program on a pseudo-terminal of `cols` x `rows`."""

    def __init__(self, argv: list[str], cols: int = 100, rows: int = 30, env: dict | None = None) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        environment = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor", **(env or {})}
        environment.pop("TEXTUAL", None)
        self.tracked = tree.Tracked(
            argv, stdin=slave, stdout=slave, stderr=slave, env=environment, start_new_session=True, close_fds=True
        )
        self.process, self.started = self.tracked.process, self.tracked.started
        os.close(slave)
        self.master = master
        self.output = bytearray()
        self.usage: tree.TreeUsage | None = None  # set by close()

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

    def wait_for(self, *texts: str | re.Pattern[bytes], since: int = 0, timeout: float = 60.0) -> float:
        """Seconds from start until every text (or pattern) has appeared in the output written after `since`."""
        wanted = [t.encode("utf-8") if isinstance(t, str) else t for t in texts]
        deadline = time.perf_counter() + timeout
        while True:
            if all((w.search(self.output, since) if isinstance(w, re.Pattern) else w in self.output[since:])
                   for w in wanted):
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

    def key_latency(self, key: str, *expect: str | re.Pattern[bytes], timeout: float = 30.0) -> float:
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

    def type(self, text: str) -> None:
        os.write(self.master, text.encode("utf-8"))

    def close(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        os.close(self.master)
        if self.usage is None:
            self.usage = self.tracked.finish()

    def search_latency(self, word: str, timeout: float = 60.0) -> float:
        """Seconds from Enter on a search for `word` until its chip (`/word ...`) is drawn."""
        self.settle(0.5)
        mark = len(self.output)
        self.type("/")
        self.wait_for("words to find", since=mark)  # the prompt's placeholder: it is open
        self.type(word)
        self.settle(0.3)
        mark = len(self.output)
        pressed = time.perf_counter()
        self.type("\r")
        self.wait_for(f"/{word}", since=mark, timeout=timeout)
        return time.perf_counter() - pressed


def liveline_reader(db: Path, speakers: list[str], total: int, words: tuple[str, ...] = (), runs: int = 3) -> dict:
    """Open the reader on `db` in a 100x30 pty: first screen, then filter switches, then a
    search for each word (twice each, alternating, so every search changes the chip). An
    archive opens on its newest story: the first screen is that, as a reader sees it; then
    `L` shows every story (timed as a switch) and the switches and searches run on the
    whole timeline of `total` entries, the case that grows with the archive."""
    argv = [sys.executable, "-m", "liveline.cli.main", "--db", str(db)]
    firsts: list[float] = []
    switches: dict[str, list[float]] = {k: [] for k in ("all stories", "speaker", "all speakers", "merged", "raw",
                                                          "newest first", "oldest first")}
    searches: dict[str, list[float]] = {word: [] for word in words}
    usages: list[tree.TreeUsage] = []
    for _ in range(runs):
        # Every run opens at the top, as a first reading does: no read position kept between runs.
        term = Terminal(argv, env={"LIVELINE_REMEMBER": "0"})
        try:
            firsts.append(term.wait_for(ENTRIES, "\u2500\u2500 "))
            if ENTRIES.findall(term.output)[-1].decode() != f"{total:,}":
                switches["all stories"].append(term.key_latency("L", f"{total:,} entries"))
            for _ in speakers[:2]:
                switches["speaker"].append(term.key_latency("]", SPEAKER_CHIP))
            switches["all speakers"].append(term.key_latency("S", f"{total:,} entries"))
            switches["merged"].append(term.key_latency("m", " merged "))
            switches["raw"].append(term.key_latency("m", " raw "))
            switches["newest first"].append(term.key_latency("r", " newest first "))
            switches["oldest first"].append(term.key_latency("r", " oldest first "))
            for word in [*words, *words] if len(words) > 1 else words:
                searches[word].append(term.search_latency(word))
        finally:
            term.close()
        if term.usage:
            usages.append(term.usage)
    every = [t for times in switches.values() for t in times]
    return {
        "first_screen_s": _stats(firsts),
        "filter_switch_ms": {k: round(statistics.median(v) * 1000) for k, v in switches.items() if v},
        "filter_switch_ms_median": round(statistics.median(every) * 1000),
        "filter_switch_ms_max": round(max(every) * 1000),
        "search_ms": {word: _stats([t * 1000 for t in times], 1) for word, times in searches.items() if times},
        **_usage(usages),
    }


def _usage(usages: list[tree.TreeUsage]) -> dict:
    """Memory and CPU of a program's sessions: the highest peak, the median CPU per session."""
    if not usages:
        return {"peak_rss_mb": None, "peak_tree_mb": None, "cpu_s_per_session": None, "load": None}
    return {
        "peak_rss_mb": max(u.peak_member_hwm_mb for u in usages),
        "peak_tree_mb": max(u.peak_tree_mb for u in usages),
        "cpu_s_per_session": round(statistics.median(u.cpu_s for u in usages), 3),
        "load": [u.load_start[0] for u in usages] + [usages[-1].load_end[0]],
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
    return _first_screens([str(tl), str(text_file)], last_line, runs)


def lnav_binary() -> str | None:
    """lnav, Debian's package, installed with apt-get on first use; None if it cannot be had."""
    found = shutil.which("lnav")
    if found or not shutil.which("apt-get"):
        return found
    print("bench: lnav is missing; installing Debian's package (apt-get install -y lnav)", file=sys.stderr)
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "install", "-y", "lnav"], ["apt-get", "update"], ["apt-get", "install", "-y", "lnav"]):
        try:
            done = subprocess.run(command, capture_output=True, env=environment, timeout=900)
        except (subprocess.SubprocessError, OSError):
            return None
        if command[1] == "install" and done.returncode == 0:
            break
    return shutil.which("lnav")


def lnav(binary: str, text_file: Path, last_line: str, home: Path, runs: int = 3) -> dict:
    """lnav opening the same text file in the same pty: like Toolong it opens at the end of
    the file, so it is timed until the last line shows. Its own HOME (config and session
    files) under the benchmark's folder, the same for every run."""
    home.mkdir(parents=True, exist_ok=True)
    result = _first_screens([binary, str(text_file)], last_line, runs, env={"HOME": str(home)})
    version = subprocess.run([binary, "-V"], capture_output=True, text=True)
    result["version"] = version.stdout.strip()
    return result


_PLAIN = """import sqlite3, sys
conn = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
for (text,) in conn.execute("SELECT text FROM paragraphs WHERE rank IS NOT NULL ORDER BY rank LIMIT ?", (int(sys.argv[2]),)):
    print(text[:98])
print("plain floor: done")
"""


def plain(db: Path, runs: int = 3) -> dict:
    """The floor: a process that opens the SQLite file and prints the first rows the
    reader would show; timed until its last line shows."""
    return _first_screens([sys.executable, "-c", _PLAIN, str(db), str(PLAIN_ROWS)], "plain floor: done", runs)


def _first_screens(argv: list[str], text: str, runs: int, env: dict | None = None) -> dict:
    firsts, usages = [], []
    for _ in range(runs):
        term = Terminal(argv, env=env)
        try:
            firsts.append(term.wait_for(text))
            term.settle(0.5, limit=5)
        finally:
            term.close()
        if term.usage:
            usages.append(term.usage)
    return {"first_screen_s": _stats(firsts), **_usage(usages)}


class Burners:
    """N processes burning CPU (plain Python busy loops) for as long as the block runs:
    a loaded machine's noise. Each stops by itself after BURN_LIMIT_S."""

    _LOOP = "import sys, time\nend = time.monotonic() + float(sys.argv[1])\nwhile time.monotonic() < end:\n    pass\n"

    def __init__(self, count: int) -> None:
        self.count = count
        self.processes: list[subprocess.Popen] = []

    def __enter__(self) -> Burners:
        self.processes = [subprocess.Popen([sys.executable, "-c", self._LOOP, str(BURN_LIMIT_S)])
                          for _ in range(self.count)]
        time.sleep(1.0)  # let the load show before the first measurement
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        for process in self.processes:
            process.kill()
        for process in self.processes:
            process.wait()


def _stats(values: list[float], digits: int = 3) -> dict:
    return {"median": round(statistics.median(values), digits), "min": round(min(values), digits),
            "max": round(max(values), digits)}
