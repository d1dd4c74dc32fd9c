"""bench.tree charges a process for everything it starts: memory and CPU of its workers."""

from __future__ import annotations

import sys

from bench import tree

# A parent that holds little and starts a worker that holds 80 MB and burns CPU for a while.
_PARENT = """import subprocess, sys
subprocess.run([sys.executable, "-c", sys.argv[1]], check=True)
print("done")
"""
_WORKER = """import time
block = bytearray(80 * 1024 * 1024)
for i in range(0, len(block), 4096):
    block[i] = 1
end = time.process_time() + 0.4
while time.process_time() < end:
    pass
time.sleep(0.3)
"""


def test_a_workers_memory_and_cpu_are_charged_to_the_tree():
    out, usage = tree.run([sys.executable, "-c", _PARENT, _WORKER])
    assert out.strip() == "done"
    assert usage.processes >= 2  # the worker was seen beside its parent
    assert usage.peak_tree_mb >= 80 and usage.peak_tree_rss_mb >= 80
    assert usage.cpu_s >= 0.4  # the worker's CPU, reaped by its parent, reaches ours
    assert usage.samples > 0 and len(usage.load_start) == 3 and len(usage.load_end) == 3


def test_descendants_follow_the_whole_tree():
    children = {1: [2, 3], 2: [4], 4: [5], 9: [10]}
    assert sorted(tree.descendants(1, children)) == [1, 2, 3, 4, 5]


def test_a_failing_command_says_why():
    try:
        tree.run([sys.executable, "-c", "import sys; sys.exit('broken on purpose')"])
    except RuntimeError as error:
        assert "broken on purpose" in str(error)
    else:
        raise AssertionError("no error")
