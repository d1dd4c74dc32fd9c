"""A batch's sources parsed as a stream, in the batch's order, in chunks of bounded size.

A big batch is parsed in worker processes while this process writes what they have
parsed (pipeline.py); at most LOOKAHEAD sources are parsed ahead of the writing, so the
memory held is a chunk being written and the sources parsed ahead of it, whatever the
size of the batch. A small batch is parsed here: starting the workers and sending the
parsed sources back costs more than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Generator, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass

from liveline.ingest.model import ParsedSource
from liveline.ingest.sources.spec import SourceSpec
from liveline.timeline.errors import LivelineError

# A chunk (parsed whole, then given its stories and written) ends at this many sources or
# CHUNK_PARAGRAPHS paragraphs, whichever comes first. A batch that fits in one chunk is
# parsed whole before anything is written, as before streaming: a bad source then fails it
# with the timeline untouched. Parsed, a paragraph holds about 1-2 KB of Python objects
# (374 MB for 400k paragraphs held at once), so a chunk and the sources parsed ahead of it
# hold some tens of MB.
CHUNK_SOURCES = 256
CHUNK_PARAGRAPHS = 10_000
# Sources parsed ahead of the one being written: as many as a chunk, so that the workers
# parse the next chunk while this process writes the current one.
LOOKAHEAD = CHUNK_SOURCES
# Batches of at least this many sources are parsed in worker processes. Starting two
# workers (fork) costs ~20 ms; sending a parsed source back costs ~0.6 ms of pickling (a
# third of parsing one of the benchmark's 32-paragraph sources, measured: 400 sources
# parsed in 0.65 s, pickled and unpickled in 0.25 s). A handful of sources parses in less
# time than that; a manifest of dozens of live blogs saves about half of its parse time.
PARALLEL_FROM = 16


@dataclass(frozen=True)
class _Failed:
    """A source a worker could not use: the one-line error (LivelineError's subclasses do
    not all survive pickling, so the message crosses, and is raised here as one)."""

    message: str


def _parse_one(parse: Callable[[SourceSpec], ParsedSource], spec: SourceSpec) -> ParsedSource | _Failed:
    try:
        return parse(spec)
    except LivelineError as exc:
        return _Failed(str(exc))


def _ignore_interrupts() -> None:
    """Ctrl-C is the writing process's to handle: it stops the workers itself."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _workers() -> int:
    return max(1, min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1, 4))


def _in_workers(specs: Sequence[SourceSpec]) -> bool:
    # Standard input and fetched pages are read here: a worker has no terminal, and a
    # fetch's errors carry more than their message.
    return len(specs) >= PARALLEL_FROM and _workers() > 1 and all(spec.path is not None and not spec.remote for spec in specs)


def parsed_sources(specs: Sequence[SourceSpec], parse: Callable[[SourceSpec], ParsedSource]) -> Generator[ParsedSource, None, None]:
    """Each spec parsed, in order; raises the LivelineError of the first source that cannot
    be used when the stream reaches it. Close the iterator to stop the workers early."""
    if not _in_workers(specs):
        for spec in specs:
            yield parse(spec)
        return
    # fork: a worker starts in milliseconds with liveline already imported (a fresh
    # interpreter spends a second importing it); elsewhere the platform's default.
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
    pool = ProcessPoolExecutor(max_workers=_workers(), mp_context=context, initializer=_ignore_interrupts)
    try:
        pending: deque[Future[ParsedSource | _Failed]] = deque()
        ahead = iter(specs)
        for spec in ahead:
            pending.append(pool.submit(_parse_one, parse, spec))
            if len(pending) >= LOOKAHEAD:
                break
        while pending:
            result = pending.popleft().result()
            spec_next = next(ahead, None)
            if spec_next is not None:
                pending.append(pool.submit(_parse_one, parse, spec_next))
            if isinstance(result, _Failed):
                raise LivelineError(result.message)
            yield result
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


@dataclass
class Chunk:
    """Sources parsed together, and the error that cut the chunk short (None: it is whole)."""

    sources: list[ParsedSource]
    failure: LivelineError | None = None


def next_chunk(stream: Iterator[ParsedSource]) -> Chunk:
    """The next chunk of the stream: empty at its end."""
    chunk = Chunk([])
    paragraphs = 0
    try:
        while len(chunk.sources) < CHUNK_SOURCES and paragraphs < CHUNK_PARAGRAPHS:
            source = next(stream, None)
            if source is None:
                break
            chunk.sources.append(source)
            paragraphs += source.paragraph_count
    except LivelineError as exc:
        chunk.failure = exc
    return chunk
