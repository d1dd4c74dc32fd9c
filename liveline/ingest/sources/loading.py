"""Reading a source's bytes and decoding them, refusing what is not text.

Local reads are bounded like a fetch: only regular files (a device such as /dev/zero
never ends, a FIFO blocks until someone writes to it), and at most `MAX_FILE_BYTES`.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path

from liveline.ingest.sources.spec import SourceSpec
from liveline.ingest.sources.web import MAX_BYTES
from liveline.timeline.errors import LivelineError
from liveline.timeline.text import strip_controls

# The web fetch's cap: a saved page is read like a fetched one, and the largest real
# live blog seen is a few MB, so 20 MB is generous for text and still fits in memory.
MAX_FILE_BYTES = MAX_BYTES
_MEGABYTES = MAX_FILE_BYTES // (1024 * 1024)
# Opening a FIFO for reading waits for a writer unless non-blocking (not on Windows).
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
# UTF-32's little-endian mark starts with UTF-16's, so it is tried first.
_BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass
class SourceText:
    text: str
    sha256: str
    warnings: list[str] = field(default_factory=list)


def read_bytes(spec: SourceSpec) -> bytes:
    if spec.path is None:
        data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise LivelineError(f"standard input is larger than {_MEGABYTES} MB; not read")
        return data
    return read_local(spec.path, "file", "give files, or a manifest with --manifest")


def read_local(path: Path, what: str, directory_hint: str = "") -> bytes:
    """The bytes of the regular file at `path` (a source or a manifest: `what`), or one
    line saying why not: missing, a directory, a link loop, a device, FIFO or socket,
    unreadable, or over the size cap."""
    try:
        info = os.stat(path)  # before opening: opening some devices has effects of its own
    except OSError as exc:
        raise _unreadable(path, what, exc) from None
    if stat.S_ISDIR(info.st_mode):
        raise LivelineError(f"{path} is a directory, not a {what}" + (f"; {directory_hint}" if directory_hint else ""))
    try:
        fd = os.open(path, os.O_RDONLY | _NONBLOCK)
    except OSError as exc:
        raise _unreadable(path, what, exc) from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)  # the file opened, which may have been swapped since the stat
        if not stat.S_ISREG(info.st_mode):
            raise LivelineError(f"{path} is not a regular file (a device, pipe or socket); give a text or HTML {what}")
        if info.st_size > MAX_FILE_BYTES:
            raise LivelineError(f"{path} is larger than {_MEGABYTES} MB; not read")
        try:
            # Asked for its size and a byte more, not the cap: a read sized to the cap
            # allocates the whole cap first (20 MB for a 10 kB file, thrice the read's cost).
            # The byte more shows a file still growing, read on to the cap, where it stops.
            data = handle.read(info.st_size + 1)
            if len(data) > info.st_size:
                data += handle.read(MAX_FILE_BYTES + 1 - len(data))
        except OSError as exc:
            raise _unreadable(path, what, exc) from None
    if len(data) > MAX_FILE_BYTES:
        raise LivelineError(f"{path} is larger than {_MEGABYTES} MB; not read")
    return data


def _unreadable(path: Path, what: str, exc: OSError) -> LivelineError:
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return LivelineError(f"no such {what}: {path}")
    if exc.errno == errno.ELOOP:
        return LivelineError(f"{path} is a symbolic link loop")
    return LivelineError(f"cannot read {path}: {exc.strerror}")


def decode(data: bytes, label: str) -> SourceText:
    """UTF-8 (with or without BOM) silently; UTF-16/32 when they start with their BOM;
    cp1252 with a warning; never binary."""
    if not data.strip():
        raise LivelineError(f"{label} is empty")
    warnings = []
    marked = next((encoding for mark, encoding in _BYTE_ORDER_MARKS if data.startswith(mark)), None)
    if marked:
        try:
            text = data.decode(marked)  # the codec reads the mark's byte order and drops it
        except UnicodeDecodeError:
            raise LivelineError(f"{label} starts with a {marked.upper()} byte-order mark but is not {marked.upper()}") from None
    elif b"\x00" in data:
        raise LivelineError(f"{label} looks binary (it has NUL bytes); give a text file")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
                warnings.append(f"{label} is not UTF-8; decoded it as Windows-1252 (cp1252)")
            except UnicodeDecodeError:
                text = data.decode("latin-1")
                warnings.append(f"{label} is not UTF-8; decoded it as Latin-1")
    text = strip_controls(text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise LivelineError(f"{label} has no readable text")
    return SourceText(text=text, sha256=hashlib.sha256(data).hexdigest(), warnings=warnings)


def load(spec: SourceSpec) -> SourceText:
    return decode(read_bytes(spec), spec.label)
