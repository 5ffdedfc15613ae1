"""Tests for the packaged crisis model and its numpy scorer (rtm_score/sensitivity/model.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from rtm_score.errors import DataError
from rtm_score.resources import data_path, read_text
from rtm_score.sensitivity.model import (
    TWEET_ARTIFACTS,
    CrisisModel,
    crisis_features,
    export_sklearn,
)

REPO = Path(__file__).resolve().parents[2]
HELD_OUT = {
    "Bohol_earthquake",
    "Glasgow_helicopter_crash",
    "Lac_Megantic_train_crash",
    "NY_train_crash",
    "Russia_meteor",
    "Savar_building_collapse",
    "Singapore_haze",
    "Typhoon_Yolanda",
}

CRISIS = [
    "Explosion at fertilizer plant, dozens injured, death toll rises",
    "Flood victims evacuated as the river bursts its banks",
    "#PrayForBoston: explosions at the marathon finish line, many injured",
    "Wildfire forces thousands to evacuate, homes destroyed",
    "Typhoon leaves thousands homeless; relief donations needed",
]
EVERYDAY = [
    "Watching the game with pizza tonight",
    "Happy birthday to my best friend!",
    "New lipstick shades for spring are here",
    "Our summer sale starts Monday: 20% off all sneakers",
    "lol I love this song so much",
]


@pytest.fixture(scope="module")
def packaged() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(read_text("models", "crisis-model.json"))
    return data


@pytest.fixture(scope="module")
def model() -> CrisisModel:
    return CrisisModel.load()


# --- the packaged model ----------------------------------------------------------------------


def test_packaged_json_has_the_expected_keys(packaged: dict[str, Any]) -> None:
    assert packaged["format"] == "rtm-score/crisis-model"
    assert packaged["format_version"] == 1
    for key in (
        "analyzer",
        "tfidf",
        "vocabulary",
        "idf",
        "coef",
        "intercept",
        "metadata",
        "checks",
    ):
        assert key in packaged
    size = len(packaged["vocabulary"])
    assert 1000 < size <= 30_000
    assert len(packaged["idf"]) == len(packaged["coef"]) == size
    assert sorted(packaged["vocabulary"].values()) == list(range(size))
    meta = packaged["metadata"]
    for key in ("trained_on", "training_data", "settings", "cross_validation", "versions"):
        assert key in meta
    assert meta["parity_max_abs_diff_vs_sklearn"] <= 1e-6


def test_packaged_model_never_saw_the_held_out_events(packaged: dict[str, Any]) -> None:
    events = packaged["metadata"]["training_data"]["events"]
    assert len(events) == 17  # all six T6 crises + eleven T26 events
    assert not {e for e in events for h in HELD_OUT if h in e}


def test_load_is_cached(model: CrisisModel) -> None:
    assert CrisisModel.load() is model


def test_stored_checks_are_reproduced(packaged: dict[str, Any], model: CrisisModel) -> None:
    # A failure here means the text pipeline changed since training: retrain the model.
    texts = [c["text"] for c in packaged["checks"]]
    expected = np.asarray([c["proba"] for c in packaged["checks"]])
    np.testing.assert_allclose(model.predict_proba(texts), expected, atol=1e-6)


def test_probabilities_are_in_0_1_one_per_text(model: CrisisModel) -> None:
    texts = [*CRISIS, *EVERYDAY, "", "   ", "the and of", "🔥🔥🔥", "日本語のテキスト"]
    proba = model.predict_proba(texts)
    assert proba.shape == (len(texts),)
    assert np.all((proba >= 0) & (proba <= 1))
    assert model.predict_proba([]).shape == (0,)


def test_a_single_string_is_refused(model: CrisisModel) -> None:
    with pytest.raises(TypeError, match="sequence of texts"):
        model.predict_proba("Explosion downtown")


@pytest.mark.parametrize("text", CRISIS)
def test_clear_crisis_text_scores_high(model: CrisisModel, text: str) -> None:
    assert model.predict_proba([text])[0] >= 0.8


@pytest.mark.parametrize("text", EVERYDAY)
def test_everyday_text_scores_low(model: CrisisModel, text: str) -> None:
    assert model.predict_proba([text])[0] <= 0.25


def test_batch_equals_one_by_one(model: CrisisModel) -> None:
    texts = [*CRISIS, *EVERYDAY, "", "flood flood flood"]
    batch = model.predict_proba(texts)
    single = np.asarray([model.predict_proba([t])[0] for t in texts])
    np.testing.assert_allclose(batch, single, atol=1e-12)


def test_top_terms_quote_the_words_that_raised_the_score(model: CrisisModel) -> None:
    terms = model.top_terms("Explosion at fertilizer plant, dozens injured", k=3)
    assert terms[0] == "explosion"
    assert 1 <= len(terms) <= 3
    assert model.top_terms("Explosion at fertilizer plant", k=0) == []
    assert model.top_terms("") == []


def test_top_terms_only_reports_positive_contributions(model: CrisisModel) -> None:
    for term in model.top_terms("lol I love this song, happy birthday", k=5):
        contribution = model.coef_[model.vocabulary_[crisis_features(term)[-1]]]
        assert contribution > 0


def test_tweet_artifacts_are_not_features() -> None:
    assert crisis_features("RT @cnn: Flood via http://t.co/x") == ["cnn", "flood", "cnn flood"]
    assert not TWEET_ARTIFACTS & set(crisis_features("RT MT via amp"))


# --- parity with scikit-learn ----------------------------------------------------------------

TRAIN = [
    ("explosion at the plant, many injured", 1),
    ("flood waters rise, homes evacuated", 1),
    ("pray for the victims of the blast", 1),
    ("death toll rises after the earthquake", 1),
    ("shooting at the airport, suspect in custody", 1),
    ("wildfire destroys homes, evacuate now", 1),
    ("typhoon victims need relief donations", 1),
    ("firefighters battle the blaze downtown", 1),
    ("great pizza with friends tonight", 0),
    ("happy birthday to my sister", 0),
    ("new shoes for the summer sale", 0),
    ("watching the game, go team", 0),
    ("love this song so much lol", 0),
    ("coffee and a good book this morning", 0),
    ("our new menu launches on monday", 0),
    ("the finale was amazing tonight", 0),
]
SAMPLE = [
    "explosion and flood, victims evacuated",
    "pizza tonight with the team",
    "",
    "the blast injured many, pray for the victims",
    "new song, new shoes, new menu",
    "earthquake earthquake earthquake",
    "unknown words only: zyx qwv",
]


@pytest.mark.parametrize(
    ("sublinear_tf", "norm"), [(True, "l2"), (False, "l2"), (True, "l1"), (False, None)]
)
def test_scores_match_a_fitted_sklearn_pipeline(sublinear_tf: bool, norm: str | None) -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    texts, labels = zip(*TRAIN, strict=True)
    vec = TfidfVectorizer(analyzer=crisis_features, sublinear_tf=sublinear_tf, norm=norm)
    clf = LogisticRegression(C=10.0, class_weight="balanced", random_state=0)
    clf.fit(vec.fit_transform(texts), labels)
    expected = clf.predict_proba(vec.transform(SAMPLE))[:, 1]

    exact = CrisisModel.from_dict(export_sklearn(vec, clf, digits=None))
    np.testing.assert_allclose(exact.predict_proba(SAMPLE), expected, rtol=0, atol=1e-12)
    np.testing.assert_allclose(
        exact.decision_function(SAMPLE), clf.decision_function(vec.transform(SAMPLE)), atol=1e-10
    )
    # The packaged file rounds floats; at 7 significant digits that stays within 1e-6.
    rounded = CrisisModel.from_dict(json.loads(json.dumps(export_sklearn(vec, clf, digits=7))))
    np.testing.assert_allclose(rounded.predict_proba(SAMPLE), expected, rtol=0, atol=1e-6)


def test_export_refuses_another_analyzer() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    texts, labels = zip(*TRAIN, strict=True)
    vec = TfidfVectorizer()
    clf = LogisticRegression().fit(vec.fit_transform(texts), labels)
    with pytest.raises(ValueError, match="crisis_features"):
        export_sklearn(vec, clf)


# --- broken model files ----------------------------------------------------------------------


def _tiny() -> dict[str, Any]:
    """A two-term model file, built afresh on each call so tests may break it."""
    return {
        "format": "rtm-score/crisis-model",
        "format_version": 1,
        "analyzer": {
            "pipeline": "rtm_score.text.TextPipeline.terms",
            "drop_stopwords": True,
            "ngram_range": [1, 2],
            "dropped_terms": sorted(TWEET_ARTIFACTS),
        },
        "tfidf": {"sublinear_tf": True, "norm": "l2", "use_idf": True, "smooth_idf": True},
        "vocabulary": {"flood": 0, "pizza": 1},
        "idf": [1.5, 2.0],
        "coef": [3.0, -2.0],
        "intercept": -0.5,
        "metadata": {},
    }


def test_a_tiny_hand_written_model_scores_as_expected() -> None:
    model = CrisisModel.from_dict(_tiny())
    # One known term, l2-normalised: weight 1, so the log-odds are coef + intercept.
    assert model.predict_proba(["flood"])[0] == pytest.approx(1 / (1 + np.exp(-2.5)))
    assert model.predict_proba(["pizza"])[0] == pytest.approx(1 / (1 + np.exp(2.5)))
    assert model.predict_proba(["nothing known"])[0] == pytest.approx(1 / (1 + np.exp(0.5)))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("coef"), "lacks keys"),
        (lambda d: d.update(format="other"), "unsupported model format"),
        (lambda d: d.update(format_version=99), "unsupported model format"),
        (lambda d: d["analyzer"].update(ngram_range=[1, 3]), "analyzer"),
        (lambda d: d["tfidf"].update(norm="max"), "tfidf"),
        (lambda d: d.update(idf=[1.0]), "do not line up"),
        (lambda d: d.update(vocabulary={"flood": 0, "pizza": 5}), "do not line up"),
    ],
)
def test_broken_model_files_raise_data_error(change: Any, message: str) -> None:
    data = _tiny()
    change(data)
    with pytest.raises(DataError, match=message) as info:
        CrisisModel.from_dict(data, source="broken.json")
    assert info.value.source == "broken.json"


# --- no pickle, no scikit-learn at run time ---------------------------------------------------


def test_no_pickled_files_are_packaged() -> None:
    root = Path(str(data_path()))
    suffixes = {".pkl", ".pickle", ".joblib", ".npy", ".npz", ".sav"}
    assert not [p for p in root.rglob("*") if p.suffix.lower() in suffixes]
    models = sorted(p.name for p in (root / "models").iterdir())
    assert "crisis-model.json" in models
    assert all(p.endswith((".json", ".md", ".txt")) for p in models)


def test_model_code_never_unpickles() -> None:
    for path in (
        REPO / "rtm_score" / "sensitivity" / "model.py",
        REPO / "scripts" / "train_crisis_model.py",
    ):
        source = path.read_text(encoding="utf-8")
        for word in ("import pickle", "joblib", "pickle.load", "np.load"):
            assert word not in source, f"{path.name} uses {word}"


def test_scoring_works_without_sklearn() -> None:
    # sys.modules[name] = None makes "import sklearn" fail in the child process. (NLTK itself
    # imports scikit-learn when it is installed; the scorer must simply not depend on it.)
    code = (
        "import sys; sys.modules['sklearn'] = None; "
        "from rtm_score.sensitivity.model import CrisisModel; "
        "print(CrisisModel.load().predict_proba(['flood victims evacuated'])[0] > 0.5)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"


def test_the_licence_notice_ships_with_the_weights() -> None:
    notice = read_text("models", "LICENSE-CrisisLex.txt")
    assert "Alexandra Olteanu, Carlos Castillo" in notice
    assert "MIT" in notice
