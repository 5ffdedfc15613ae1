"""Tests for rtm_score.signals.textmodel: the JSON form, and features equal to scikit-learn's."""

from __future__ import annotations

import json

import numpy as np
import pytest

from rtm_score.errors import DataError
from rtm_score.resources import read_text
from rtm_score.signals.textmodel import ANALYZER, FORMAT, FORMAT_VERSION, TextModel, features
from rtm_score.text import TextPipeline

PIPE = TextPipeline(drop_stopwords=False)
CORPUS = [
    "Gunman kills 12 at a cinema",
    "Fans cheer the series finale",
    "Storm kills 3 as floods rise",
    "New pizza place opens downtown",
    "Floods close the cinema",
]


def test_features_fold_numbers_and_pair_neighbours() -> None:
    assert features(["storm", "kill", "12"]) == [
        "storm",
        "kill",
        "<n>",
        "storm kill",
        "kill <n>",
    ]
    assert features([]) == []


def _tiny() -> tuple[TextModel, object]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    terms = [PIPE.analyse_topic("", t).terms for t in CORPUS]
    vec = TfidfVectorizer(analyzer=features, sublinear_tf=True)
    x = vec.fit_transform(terms)
    lr = LogisticRegression().fit(x, [1, 0, 1, 0, 0])
    vocab = sorted(vec.vocabulary_, key=vec.vocabulary_.get)
    data = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "analyzer": ANALYZER,
        "vocabulary": vocab,
        "idf": list(vec.idf_),
        "heads": {
            "never": {
                "classes": ["0", "1"],
                "intercept": list(lr.intercept_),
                "coef": [list(lr.coef_[0])],
            }
        },
    }
    return TextModel.from_dict(data), (vec, lr, terms)


def test_transform_and_proba_equal_scikit_learn() -> None:
    model, (vec, lr, terms) = _tiny()  # type: ignore[misc]
    ours = model.transform(terms)
    theirs = vec.transform(terms)  # type: ignore[attr-defined]
    assert np.allclose(ours.toarray(), theirs.toarray())
    assert np.allclose(model.proba(ours, "never"), lr.predict_proba(theirs)[:, 1])  # type: ignore[attr-defined]


def test_top_terms_are_the_strongest_positive_contributions() -> None:
    model, (_vec, _lr, terms) = _tiny()  # type: ignore[misc]
    x = model.transform(terms)
    top = model.top_terms(x, 0, "never", k=2)
    assert top and all(t in model.vocabulary_ for t in top)
    assert model.top_terms(x, 3, "never", k=2) == [] or all(
        t in model.vocabulary_ for t in model.top_terms(x, 3, "never", k=2)
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"format": "other"}, "unsupported model format"),
        ({"analyzer": {"terms": "x"}}, "other features"),
        ({"idf": [1.0]}, "idf has"),
    ],
)
def test_malformed_model_files_are_refused(change: dict[str, object], message: str) -> None:
    data = json.loads(read_text("models", "text-model.json"))
    with pytest.raises(DataError, match=message):
        TextModel.from_dict({**data, **change})


def test_packaged_model_reproduces_its_recorded_checks() -> None:
    data = json.loads(read_text("models", "text-model.json"))
    model = TextModel.load()
    assert TextModel.load() is model
    checks = data["checks"]
    assert len(checks) >= 4
    x = model.transform([PIPE.analyse_topic(c["name"], c["context"]).terms for c in checks])
    got = model.proba(x, "never")
    assert np.allclose(got, [c["never"] for c in checks], atol=1e-4)


def test_packaged_model_arrays_are_read_only() -> None:
    model = TextModel.load()
    with pytest.raises(ValueError):
        model.idf_[0] = 0.0
    with pytest.raises(ValueError):
        model.heads["never"].coef[0, 0] = 0.0


def test_category_never_weights_each_category_by_its_share_of_never() -> None:
    model = TextModel.load()
    classes = model.heads["category"].classes
    assert set(model.category_never_rate) == set(classes)
    probs = np.zeros((2, len(classes)))
    war, crime = classes.index("war"), classes.index("crime")
    probs[0, war], probs[1, crime] = 1.0, 1.0
    out = model.category_never(probs)
    assert out[0] == pytest.approx(model.category_never_rate["war"])
    assert out[1] == pytest.approx(model.category_never_rate["crime"])
    assert out[0] > 0.8 > 0.2 > out[1]  # war is nearly always never; crime is sensitive


@pytest.mark.parametrize("rates", [{"war": 1.5}, {"war": "high"}, ["war"]])
def test_category_never_rates_out_of_range_are_refused(rates: object) -> None:
    data = json.loads(read_text("models", "text-model.json"))
    with pytest.raises(DataError, match="category_never_rate"):
        TextModel.from_dict({**data, "category_never_rate": rates})


def test_category_never_needs_a_rate_for_every_class() -> None:
    data = json.loads(read_text("models", "text-model.json"))
    model = TextModel.from_dict({**data, "category_never_rate": {"war": 0.9}})
    with pytest.raises(DataError, match="does not cover"):
        model.category_never(np.zeros((1, len(model.heads["category"].classes))))


def test_packed_arrays_read_back_as_the_same_floats() -> None:
    from rtm_score.signals.textmodel import array_of, packed

    values = np.array([[0.061932, -1.2345e-05, 0.0], [3.0, 9.9321, -0.5]])
    data = json.loads(json.dumps(packed(values)))  # through JSON text, as shipped
    assert data["dtype"] == "<f8" and data["shape"] == [2, 3]
    assert array_of(data, "model.json", "heads.never.coef").tolist() == values.tolist()
    assert array_of([[1.0, 2.0]], "model.json", "idf").tolist() == [[1.0, 2.0]]  # lists still read


def test_the_packaged_model_ships_packed_arrays() -> None:
    data = json.loads(read_text("models", "text-model.json"))
    assert data["idf"]["dtype"] == "<f8"
    assert all(h["coef"]["shape"][1] == len(data["vocabulary"]) for h in data["heads"].values())


@pytest.mark.parametrize(
    "broken",
    [
        {"dtype": "<f4", "shape": [1], "base64": "AAAAAA=="},
        {"dtype": "<f8", "shape": [2], "base64": "AAAAAAAAAAA="},  # one value for a shape of two
        {"dtype": "<f8", "shape": "1", "base64": "AAAAAAAAAAA="},
        {"dtype": "<f8", "shape": [1], "base64": "AAAAAAAAAA"},  # bad padding
    ],
)
def test_a_broken_packed_array_names_its_place(broken: dict[str, object]) -> None:
    from rtm_score.signals.textmodel import array_of

    with pytest.raises(DataError) as caught:
        array_of(broken, "rtm_score/data/models/text-model.json", "heads.never.coef")
    assert caught.value.where == "heads.never.coef"
    assert "refit" in (caught.value.hint or "")
