"""Reading a source's bytes and decoding them, refusing what is not text."""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass, field

from liveline.ingest.sources.spec import SourceSpec
from liveline.timeline.errors import LivelineError
from liveline.timeline.text import strip_controls


@dataclass
class SourceText:
    text: str
    sha256: str
    warnings: list[str] = field(default_factory=list)


def read_bytes(spec: SourceSpec) -> bytes:
    if spec.path is None:
        return sys.stdin.buffer.read()
    path = spec.path
    if not path.exists():
        raise LivelineError(f"no such file: {path}")
    if path.is_dir():
        raise LivelineError(f"{path} is a directory; give files, or a manifest with --manifest")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise LivelineError(f"cannot read {path}: {exc.strerror}") from None


def decode(data: bytes, label: str) -> SourceText:
    """UTF-8 (with or without BOM) silently; cp1252 with a warning; never binary."""
    if not data.strip():
        raise LivelineError(f"{label} is empty")
    if b"\x00" in data:
        raise LivelineError(f"{label} looks binary (it has NUL bytes); give a text file")
    warnings = []
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
