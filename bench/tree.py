"""What a process and everything it starts cost: peak memory of the whole tree, CPU, load.

A stage that hands work to worker processes (merging dates, parsing sources) is charged
for them: a thread polls the process and all its descendants every `SAMPLE_SECONDS`,
summing their PSS (proportional set size: a page shared by two processes counts half in
each, so the sum is what the tree really holds) from /proc/PID/smaps_rollup, with RSS as
the fallback where that file cannot be read. The tree's peak is the highest sum seen,
but never below the highest high-water mark (VmHWM) of any one member: a peak that rises
and falls between two samples is not lost for the process that had it. CPU time is the
RUSAGE_CHILDREN delta (user + sys) around the run: the child's and every descendant it
waited for, including finished workers the sampler never saw. The load average is read
at the start and the end, so a slow figure can be told from a busy machine.
"""

from __future__ import annotations

import os
import resource
import subprocess
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

# 50 ms: a merge worker lives for seconds, so it is seen; reading smaps_rollup of a few
# processes every 50 ms cost under 2 % of one core here (measured with 5 processes).
SAMPLE_SECONDS = 0.05


@dataclass
class TreeUsage:
    """What one run of a process tree cost."""

    wall_s: float = 0.0
    cpu_s: float = 0.0  # user + sys of the process and the descendants it waited for
    peak_tree_mb: float = 0.0  # max(summed PSS, any member's VmHWM)
    peak_tree_pss_mb: float = 0.0  # the highest summed PSS sampled
    peak_tree_rss_mb: float = 0.0  # the highest summed RSS sampled (shared pages counted in each)
    peak_member_hwm_mb: float = 0.0  # the highest VmHWM of any one member seen
    processes: int = 0  # most members seen at once
    samples: int = 0
    load_start: list[float] = field(default_factory=list)  # 1, 5, 15-minute load averages
    load_end: list[float] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


def children_map() -> dict[int, list[int]]:
    """Every process's children, from /proc/*/stat (the parent pid is the 4th field, after
    the command name in parentheses, which may itself hold spaces or parentheses)."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_bytes()
        except OSError:
            continue
        fields = stat[stat.rfind(b")") + 2:].split()
        if len(fields) > 1:
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    return children


def descendants(pid: int, children: dict[int, list[int]] | None = None) -> list[int]:
    """`pid` and every process below it."""
    children = children_map() if children is None else children
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo += children.get(current, [])
    return found


def memory_kb(pid: int) -> tuple[int, int, int] | None:
    """(PSS, RSS, VmHWM) of one process in kB; PSS falls back to RSS where smaps_rollup
    cannot be read. None when the process is gone."""
    pss = rss = hwm = 0
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1])
            elif line.startswith("VmHWM:"):
                hwm = int(line.split()[1])
    except (OSError, ValueError):
        return None
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                pss = int(line.split()[1])
                break
    except (OSError, ValueError):
        pss = rss
    return (pss or rss), rss, hwm


class TreeSampler:
    """Samples the tree under one pid on a thread until stopped."""

    def __init__(self, pid: int, every: float = SAMPLE_SECONDS) -> None:
        self.pid, self.every = pid, every
        self.usage = TreeUsage()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def start(self) -> TreeSampler:
        self._thread.start()
        return self

    def sample(self) -> None:
        pss = rss = 0
        members = 0
        for pid in descendants(self.pid):
            got = memory_kb(pid)
            if got is None:
                continue
            members += 1
            pss, rss = pss + got[0], rss + got[1]
            self.usage.peak_member_hwm_mb = max(self.usage.peak_member_hwm_mb, round(got[2] / 1024, 1))
        if members:
            self.usage.samples += 1
            self.usage.processes = max(self.usage.processes, members)
            self.usage.peak_tree_pss_mb = max(self.usage.peak_tree_pss_mb, round(pss / 1024, 1))
            self.usage.peak_tree_rss_mb = max(self.usage.peak_tree_rss_mb, round(rss / 1024, 1))

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.every)

    def stop(self) -> TreeUsage:
        self._stop.set()
        self._thread.join()
        usage = self.usage
        usage.peak_tree_mb = max(usage.peak_tree_pss_mb, usage.peak_member_hwm_mb)
        return usage


def children_cpu_s() -> float:
    """User + sys seconds of every child this process has waited for."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


class Tracked:
    """A started process with its tree sampled, its CPU and wall time measured from start
    to `finish` (called once the process has been waited for, so its CPU is counted)."""

    def __init__(self, argv: list[str], **popen: object) -> None:
        self.before, self.load_start, self.started = children_cpu_s(), load(), time.perf_counter()
        self.process = subprocess.Popen(argv, **popen)  # type: ignore[call-overload]
        self.sampler = TreeSampler(self.process.pid).start()

    def finish(self) -> TreeUsage:
        usage = self.sampler.stop()
        usage.wall_s = round(time.perf_counter() - self.started, 3)
        usage.cpu_s = round(children_cpu_s() - self.before, 3)
        usage.load_start, usage.load_end = self.load_start, load()
        return usage


def run(argv: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> tuple[str, TreeUsage]:
    """Run `argv` to its end with its tree sampled; (its stdout, what it cost). Raises
    RuntimeError with the end of its stderr when it fails."""
    tracked = Tracked(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=cwd, env=env)
    out, err = tracked.process.communicate()
    usage = tracked.finish()
    if tracked.process.returncode:
        raise RuntimeError(f"{' '.join(argv)} failed (exit {tracked.process.returncode}): {err[-2000:]}")
    return out, usage
