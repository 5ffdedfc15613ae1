"""Tests for rtm_score.inputs: only files and pipes are read, and never past the limit."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rtm_score import inputs
from rtm_score.cli import app
from rtm_score.inputs import read_input

ROOT = Path(__file__).resolve().parents[1]
BRAND = ROOT / "examples" / "brands" / "crunchwell-snacks.yaml"


def test_a_regular_file_is_read(tmp_path: Path) -> None:
    (tmp_path / "f.csv").write_bytes(b"topic\nx\n")
    assert read_input(tmp_path / "f.csv") == b"topic\nx\n"


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError, match="is a directory"):
        read_input(tmp_path)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_device_is_refused_at_once(device: str) -> None:
    if not os.path.exists(device):
        pytest.skip(f"no {device} here")
    with pytest.raises(OSError, match="is a device"):
        read_input(device)


def test_more_than_the_limit_is_refused(tmp_path: Path) -> None:
    (tmp_path / "big").write_bytes(b"x" * 101)
    assert read_input(tmp_path / "big", limit=101) == b"x" * 101
    with pytest.raises(OSError, match="larger than 100 bytes"):
        read_input(tmp_path / "big", limit=100)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_pipe_with_a_writer_is_read(tmp_path: Path) -> None:
    fifo = tmp_path / "feed"
    os.mkfifo(fifo)

    def write() -> None:
        with open(fifo, "wb") as fh:
            fh.write(b"topic\n#GameNight\n")

    writer = threading.Thread(target=write)
    writer.start()
    assert read_input(fifo) == b"topic\n#GameNight\n"
    writer.join()


def test_a_writer_that_comes_late_is_waited_for(tmp_path: Path) -> None:
    fifo = tmp_path / "feed"
    os.mkfifo(fifo)

    def write() -> None:
        time.sleep(0.3)  # the reader is already polling
        with open(fifo, "wb") as fh:
            fh.write(b"topic\n#GameNight\n")

    writer = threading.Thread(target=write)
    writer.start()
    assert read_input(fifo) == b"topic\n#GameNight\n"
    writer.join()


def test_a_named_pipe_nobody_writes_to_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fifo = tmp_path / "feed"
    os.mkfifo(fifo)
    monkeypatch.setattr(inputs, "PIPE_WAIT_SECONDS", 0.2)
    with pytest.raises(OSError, match="no program wrote to within 0 s") as info:
        read_input(fifo)
    assert info.value.filename == str(fifo)


def test_a_profile_over_the_config_limit_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "brand.yaml"
    big.write_text("name: x\n" + "#" * inputs.MAX_CONFIG_BYTES + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(big)])
    assert result.exit_code == 2 and "larger than" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["score", "/dev/zero", "--brand", str(BRAND)],
        ["score", str(ROOT / "examples/feeds/big-game-day.csv"), "--brand", "/dev/urandom"],
        ["check", "ZERO.csv", "--brand", str(BRAND)],  # a calendar name pointing at a device
        ["score", str(ROOT / "examples"), "--brand", str(BRAND)],
    ],
)
def test_commands_refuse_devices_and_directories_with_exit_2(
    args: list[str], tmp_path: Path
) -> None:
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero here")
    (tmp_path / "ZERO.csv").symlink_to("/dev/zero")
    args = [str(tmp_path / a) if a == "ZERO.csv" else a for a in args]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "device" in result.stderr or "directory" in result.stderr


@pytest.mark.parametrize(
    "text",
    [
        "",
        "a,b\r\nc,d\r\n",
        'id,topic\n1,"two\nlines"\n2,"cr\rinside"\r\n',
        "old mac\rline endings\r",
        "no newline at the end",
        "line separator \u2028 and form feed \x0c are data\n\n\nblank lines",
        "\r\n\r\r\n\n",
    ],
)
def test_lines_of_reads_as_a_stringio_does(text: str) -> None:
    import csv
    import io

    from rtm_score.inputs import lines_of

    assert list(lines_of(text)) == list(io.StringIO(text, newline=""))
    rows = list(csv.reader(lines_of(text)))
    assert rows == list(csv.reader(io.StringIO(text, newline="")))


def test_a_file_over_the_limit_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from rtm_score import inputs

    big = tmp_path / "big.csv"
    with big.open("wb") as fh:
        fh.truncate(5_000)  # sparse: its size is known without a byte written

    def no_open(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the file was opened before its size was checked")

    monkeypatch.setattr(inputs, "open", no_open, raising=False)
    with pytest.raises(OSError) as info:
        inputs.read_input(big, limit=1_000)
    assert info.value.errno == errno.EFBIG and "larger than 1,000 bytes" in str(info.value)
