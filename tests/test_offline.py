"""Scoring needs no network and no downloaded NLTK data (everything it reads is packaged)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ASSETS = ROOT / "tests" / "assets" / "score"

# Runs in a fresh interpreter so no cache from other tests hides a lookup.
SCRIPT = """
import datetime as dt, json, socket, sys

class NoNetwork(socket.socket):
    def __init__(self, *args, **kwargs):
        raise OSError("network access attempted")

def no_network(*args, **kwargs):
    raise OSError("network access attempted")

socket.socket = NoNetwork
socket.create_connection = no_network
socket.getaddrinfo = no_network

import nltk.data

lookups = []
def no_data(resource, *args, **kwargs):
    lookups.append(str(resource))
    raise LookupError(f"NLTK data lookup: {resource}")
nltk.data.find = no_data
nltk.data.load = no_data

from rtm_score import load_profile, read_feed, render_report, score_topics, OutputFormat

profile = load_profile(sys.argv[1])
feed = read_feed(sys.argv[2])
report = score_topics(profile, feed.topics, today=dt.date(2026, 11, 11), errors=feed.errors,
                      now=dt.datetime(2026, 11, 11, 8, 0, tzinfo=dt.UTC))
data = json.loads(render_report(report, OutputFormat.JSON))
print(json.dumps({"lookups": lookups, "nltk_path": list(nltk.data.path),
                  "decisions": {t["id"]: t["decision"] for t in data["topics"]}}))
"""


def test_score_topics_offline_without_nltk_data(tmp_path: Path) -> None:
    empty = tmp_path / "nltk_data"
    empty.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NLTK", "HTTP", "HTTPS"))}
    env.update({"NLTK_DATA": str(empty), "HOME": str(tmp_path)})
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(ASSETS / "snack-brand.yaml"), str(ASSETS / "day.csv")],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["lookups"] == []
    assert str(empty) in out["nltk_path"]
    assert out["decisions"] == {
        "t4": "engage",
        "t1": "engage",
        "t3": "skip",
        "t5": "skip",
        "t2": "never",
    }
    assert list(empty.iterdir()) == []
