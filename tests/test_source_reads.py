"""A source's bytes are read whole, also when the file grows after it was measured."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from liveline.ingest.sources import loading
from liveline.timeline.errors import LivelineError


def _stat_saying(size: int, real=os.fstat):  # type: ignore[no-untyped-def]
    def fstat(fd: int) -> os.stat_result:
        info = list(real(fd))
        info[6] = size  # st_size
        return os.stat_result(info)
    return fstat


def test_a_file_grown_since_its_size_was_taken_is_read_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "blog.txt"
    path.write_bytes(b"x" * 5000)
    monkeypatch.setattr(os, "fstat", _stat_saying(10))  # the one read_local calls
    assert loading.read_local(path, "file") == b"x" * 5000


def test_a_file_grown_past_the_cap_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "blog.txt"
    path.write_bytes(b"x" * 5000)
    monkeypatch.setattr(os, "fstat", _stat_saying(10))  # the one read_local calls
    monkeypatch.setattr(loading, "MAX_FILE_BYTES", 100)
    with pytest.raises(LivelineError, match="larger than"):
        loading.read_local(path, "file")


def test_a_file_read_at_its_size(tmp_path: Path) -> None:
    path = tmp_path / "blog.txt"
    for size in (1, 4096, 70000):
        path.write_bytes(bytes(range(256)) * (size // 256) + b"y" * (size % 256))
        assert loading.read_local(path, "file") == path.read_bytes()
