"""Tests for rtm_score.atomic: the whole new file or the untouched old one, never half."""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from rtm_score import atomic
from rtm_score.atomic import write_atomic
from rtm_score.errors import RtmScoreError


def _leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


def test_writes_a_new_file_as_utf8_without_newline_translation(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    write_atomic(target, "# Fête\r\nline two\n")
    assert target.read_bytes() == "# Fête\r\nline two\n".encode()
    assert _leftovers(tmp_path) == []


def test_replaces_an_existing_file_and_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_atomic(str(target), "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert _leftovers(tmp_path) == []


def test_new_file_gets_umask_permissions_not_private_temp_ones(tmp_path: Path) -> None:
    old_umask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "r.html", "x")
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE((tmp_path / "r.html").stat().st_mode) == 0o644


def test_failure_mid_write_keeps_the_old_file_and_removes_the_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.html"
    target.write_text("yesterday's report", encoding="utf-8")
    calls: list[int] = []

    def full_disk(fd: int) -> None:
        calls.append(fd)
        raise OSError(28, "No space left on device")

    # The data has been written to the temp file when fsync fails: a crash "mid-write".
    monkeypatch.setattr(atomic.os, "fsync", full_disk)
    with pytest.raises(RtmScoreError) as info:
        write_atomic(target, "today's report " * 1000)
    assert calls, "the failure was not reached"
    assert target.read_text(encoding="utf-8") == "yesterday's report"
    assert _leftovers(tmp_path) == []
    message = str(info.value)
    assert str(target) in message
    assert "No space left on device" in message
    assert "hint: check free disk space" in message


def test_failure_on_rename_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.md"
    target.write_text("old", encoding="utf-8")

    def broken_replace(src: str, dst: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic.os, "replace", broken_replace)
    with pytest.raises(RtmScoreError, match="Permission denied"):
        write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert _leftovers(tmp_path) == []


def test_interrupt_mid_write_is_not_swallowed_and_cleans_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.md"
    target.write_text("old", encoding="utf-8")

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert _leftovers(tmp_path) == []


def test_missing_directory_is_a_clear_error(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-dir" / "report.html"
    with pytest.raises(RtmScoreError) as info:
        write_atomic(missing, "x")
    assert str(missing) in str(info.value)
    assert info.value.hint == "create the directory first, or choose another path"
    assert not missing.parent.exists()


def test_directory_as_target_is_refused_and_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "reports"
    target.mkdir()
    (target / "keep.txt").write_text("keep", encoding="utf-8")
    with pytest.raises(RtmScoreError):
        write_atomic(target, "x")
    assert (target / "keep.txt").read_text(encoding="utf-8") == "keep"
    assert _leftovers(tmp_path) == []


def test_symlink_is_followed_so_the_link_survives(tmp_path: Path) -> None:
    real = tmp_path / "2026-11-22.html"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "latest.html"
    link.symlink_to(real.name)
    write_atomic(link, "new")
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "new"


# --- special targets and stale temp files (issue 10) -------------------------------------------


def test_a_device_is_not_replaced() -> None:
    if not os.path.exists("/dev/null"):
        pytest.skip("no /dev/null here")
    with pytest.raises(RtmScoreError, match="not a regular file"):
        write_atomic("/dev/null", "report")


def test_a_directory_target_says_so(tmp_path: Path) -> None:
    with pytest.raises(RtmScoreError, match="is a directory"):
        write_atomic(tmp_path, "report")


def test_a_temp_file_left_by_a_killed_run_is_removed_later(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    old = tmp_path / ".report.html.0123456789ab.tmp"
    young = tmp_path / ".report.html.ba9876543210.tmp"
    other = tmp_path / ".other.html.0123456789ab.tmp"
    for p in (old, young, other):
        p.write_text("half", encoding="utf-8")
    hours_ago = time.time() - 2 * 3600
    os.utime(old, (hours_ago, hours_ago))
    os.utime(other, (hours_ago, hours_ago))
    write_atomic(target, "whole")
    assert target.read_text(encoding="utf-8") == "whole"
    assert not old.exists()  # ours, and stale
    assert young.exists()  # ours, but maybe a run in progress
    assert other.exists()  # another report's


def test_pieces_are_written_in_turn_as_one_file(tmp_path: Path) -> None:
    target = tmp_path / "report.jsonl"
    write_atomic(target, (f'{{"rank": {i}}}\n' for i in range(1, 4)))
    assert target.read_text(encoding="utf-8") == '{"rank": 1}\n{"rank": 2}\n{"rank": 3}\n'


def test_a_failure_while_the_pieces_are_made_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "report.jsonl"
    target.write_text("yesterday\n", encoding="utf-8")

    def pieces() -> Iterator[str]:
        yield "today, part one\n"
        raise RuntimeError("renderer failed")

    with pytest.raises(RuntimeError, match="renderer failed"):
        write_atomic(target, pieces())
    assert target.read_text(encoding="utf-8") == "yesterday\n"
    assert _leftovers(tmp_path) == []
