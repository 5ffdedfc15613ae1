"""Every packaged data file is readable through importlib.resources from the installed package."""

from __future__ import annotations

import json
import tomllib
from importlib import resources
from pathlib import Path

import pytest
import yaml

from rtm_score.resources import data_path, list_files, read_text

ROOT = Path(__file__).resolve().parents[1]

EXPECTED = [
    "territories.yaml",
    "stopwords/en.txt",
    *(
        f"rules/{name}.yaml"
        for name in (
            "abuse",
            "crime",
            "death-injury",
            "disaster",
            "hate",
            "health-emergency",
            "politics-social",
            "religion",
            "remembrance",
            "terrorism",
            "violence",
            "war",
        )
    ),
    *(f"calendars/{name}.yaml" for name in ("commonwealth", "europe", "global", "israel", "us")),
    "templates/profile.yaml",
    "templates/report.html.j2",
    "models/text-model.json",
    "models/brand-story.json",
    "judgment.json",
    "signals/cues.yaml",
    "signals/inflections.json",
]


@pytest.mark.parametrize("relpath", EXPECTED)
def test_expected_file_is_packaged(relpath: str) -> None:
    node = resources.files("rtm_score").joinpath("data", *relpath.split("/"))
    assert node.is_file(), relpath
    text = node.read_text(encoding="utf-8")
    assert text.strip(), f"{relpath} is empty"
    assert read_text(*relpath.split("/")) == text
    if relpath.endswith(".yaml"):
        assert yaml.safe_load(text) is not None
    elif relpath.endswith(".json"):
        assert isinstance(json.loads(text), dict)


@pytest.mark.parametrize(
    ("folder", "suffix"), [("rules", ".yaml"), ("calendars", ".yaml"), ("templates", "")]
)
def test_list_files_sees_every_expected_file(folder: str, suffix: str) -> None:
    names = {f.name for f in list_files(folder, suffix=suffix)}
    expected = {p.split("/", 1)[1] for p in EXPECTED if p.startswith(f"{folder}/")}
    assert expected <= names


def test_data_path_of_a_folder_and_a_missing_folder() -> None:
    assert data_path("rules").is_dir()
    assert list_files("no-such-folder") == []


def test_package_data_declaration_covers_every_data_file() -> None:
    # What setuptools puts into a wheel: the package-data globs in pyproject.toml.
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["rtm_score"]
    package = ROOT / "rtm_score"
    declared = {p for pattern in patterns for p in package.glob(pattern) if p.is_file()}
    data_files = {p for p in (package / "data").rglob("*") if p.is_file()}
    assert data_files <= declared
    assert (package / "py.typed") in declared
