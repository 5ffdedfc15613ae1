"""The learned crisis signal: a TF-IDF + logistic-regression model stored as plain JSON.

The model is trained by ``scripts/train_crisis_model.py`` on CrisisLex (MIT, see
``data/models/README.md``) and scored here with numpy only: importing scikit-learn costs about a
second, and unpickling executes code, so neither happens at run time. The feature function
:func:`crisis_features` is shared by training and scoring, so both see the very same terms.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt

from ..errors import DataError
from ..resources import read_text
from ..text import TextPipeline, stem
from ..text.tokenize import stopwords

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "TWEET_ARTIFACTS",
    "CrisisModel",
    "crisis_features",
    "export_sklearn",
]

FORMAT = "rtm-score/crisis-model"
FORMAT_VERSION = 1
_SOURCE = "rtm_score/data/models/crisis-model.json"
# Tweet plumbing, not content: most crisis tweets in CrisisLex are retweets, so without this
# "RT" alone would push any tweet-like context towards "crisis".
TWEET_ARTIFACTS = frozenset({"rt", "mt", "via", "amp", "gt", "lt", "http", "https"})
# What the analyzer block of a model file must say for this code to reproduce its features.
_ANALYZER = {
    "pipeline": "rtm_score.text.TextPipeline.terms",
    "drop_stopwords": True,
    "ngram_range": [1, 2],
    "dropped_terms": sorted(TWEET_ARTIFACTS),
}
_REQUIRED = (
    "format",
    "format_version",
    "analyzer",
    "tfidf",
    "vocabulary",
    "idf",
    "coef",
    "intercept",
    "metadata",
)

_PIPELINE = TextPipeline()


def _terms(text: str) -> list[str]:
    return [t for t in _PIPELINE.terms(text) if t not in TWEET_ARTIFACTS]


def crisis_features(text: str) -> list[str]:
    """Unigrams and bigrams of :meth:`TextPipeline.terms` (stemmed, no stop words).

    This is the ``analyzer=`` of the training vectoriser; bigrams join two terms with a space.
    Tweet plumbing (:data:`TWEET_ARTIFACTS`, e.g. "RT") is left out.
    """
    terms = _terms(text)
    return terms + [f"{a} {b}" for a, b in itertools.pairwise(terms)]


def _features_with_words(text: str) -> list[tuple[str, str]]:
    """``(feature, words as written)`` pairs, so reasons can quote "injured" rather than "injur"."""
    stop = stopwords()
    pairs = [(stem(w), w) for w in _PIPELINE.words(text) if w not in stop]
    pairs = [p for p in pairs if p[0] not in TWEET_ARTIFACTS]
    if [p[0] for p in pairs] != _terms(text):  # the pipeline changed shape: quote the stems
        pairs = [(t, t) for t in _terms(text)]
    bigrams = [(f"{a[0]} {b[0]}", f"{a[1]} {b[1]}") for a, b in itertools.pairwise(pairs)]
    return pairs + bigrams


def _sigmoid(x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    # exp(-logaddexp(0, -x)) == 1 / (1 + exp(-x)) without overflow warnings for large |x|.
    out: npt.NDArray[np.float64] = np.exp(-np.logaddexp(0.0, -x))
    return out


class CrisisModel:
    """P(text is about a crisis or tragedy), from the packaged CrisisLex-trained model.

    Build it with :meth:`load` (the packaged model, cached) or :meth:`from_dict`.
    """

    def __init__(
        self,
        vocabulary: Mapping[str, int],
        idf: npt.NDArray[np.float64],
        coef: npt.NDArray[np.float64],
        intercept: float,
        *,
        sublinear_tf: bool,
        norm: str | None,
        metadata: Mapping[str, Any] | None = None,
    ) -> None:
        self.vocabulary_ = dict(vocabulary)
        self.idf_ = idf
        self.coef_ = coef
        self.intercept_ = float(intercept)
        self.sublinear_tf = sublinear_tf
        self.norm = norm
        self.metadata: Mapping[str, Any] = dict(metadata or {})

    @classmethod
    def load(cls) -> CrisisModel:
        """The packaged model (``data/models/crisis-model.json``), read once per process."""
        return _load_packaged()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, source: str = "<model>") -> CrisisModel:
        """A model from its JSON form; raises :class:`DataError` when the form is wrong."""
        missing = [k for k in _REQUIRED if k not in data]
        if missing:
            raise DataError(
                f"model file lacks keys {missing}",
                source=source,
                hint="retrain with scripts/train_crisis_model.py",
            )
        if data["format"] != FORMAT or data["format_version"] != FORMAT_VERSION:
            raise DataError(
                f"unsupported model format {data['format']!r} v{data['format_version']}",
                source=source,
                where="format",
                hint=f"expected {FORMAT!r} v{FORMAT_VERSION}",
            )
        analyzer = {k: data["analyzer"].get(k) for k in _ANALYZER}
        if analyzer != _ANALYZER:
            raise DataError(
                f"model analyzer {analyzer} is not the one this code computes",
                source=source,
                where="analyzer",
                hint=f"expected {_ANALYZER}",
            )
        tfidf = data["tfidf"]
        if tfidf.get("norm") not in ("l1", "l2", None) or not tfidf.get("use_idf", True):
            raise DataError(
                "unsupported tfidf settings",
                source=source,
                where="tfidf",
                hint="use norm l1, l2 or null, and use_idf true",
            )
        vocabulary: dict[str, int] = data["vocabulary"]
        idf = np.asarray(data["idf"], dtype=np.float64)
        coef = np.asarray(data["coef"], dtype=np.float64)
        size = len(vocabulary)
        if (
            idf.shape != (size,)
            or coef.shape != (size,)
            or (size and sorted(vocabulary.values()) != list(range(size)))
        ):
            raise DataError(
                f"vocabulary ({size}), idf {idf.shape} and coef {coef.shape} do not line up",
                source=source,
                where="vocabulary",
                hint="retrain with scripts/train_crisis_model.py",
            )
        return cls(
            vocabulary,
            idf,
            coef,
            float(data["intercept"]),
            sublinear_tf=bool(tfidf.get("sublinear_tf", False)),
            norm=tfidf.get("norm"),
            metadata=data["metadata"],
        )

    def _weights(
        self, features: Sequence[Sequence[str]]
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.float64]]:
        """Sparse TF-IDF rows as (row, column, normalised weight) triples, like sklearn's."""
        vocab = self.vocabulary_
        rows: list[int] = []
        cols: list[int] = []
        for i, feats in enumerate(features):
            ids = [vocab[f] for f in feats if f in vocab]
            cols.extend(ids)
            rows.extend([i] * len(ids))
        size = max(len(vocab), 1)
        keys, counts = np.unique(
            np.asarray(rows, dtype=np.int64) * size + np.asarray(cols, dtype=np.int64),
            return_counts=True,
        )
        row, col = keys // size, keys % size
        tf = counts.astype(np.float64)
        if self.sublinear_tf:
            tf = np.log(tf) + 1.0
        weight = tf * self.idf_[col]
        if self.norm is not None:
            mass = weight * weight if self.norm == "l2" else np.abs(weight)
            norms = np.bincount(row, weights=mass, minlength=len(features))
            if self.norm == "l2":
                norms = np.sqrt(norms)
            weight = weight / norms[row]
        return row, col, weight

    def decision_function(self, texts: Sequence[str]) -> npt.NDArray[np.float64]:
        """The linear score (log-odds) of each text."""
        row, col, weight = self._weights([crisis_features(t) for t in texts])
        dot = np.bincount(row, weights=weight * self.coef_[col], minlength=len(texts))
        out: npt.NDArray[np.float64] = dot.astype(np.float64) + self.intercept_
        return out

    def predict_proba(self, texts: Sequence[str]) -> npt.NDArray[np.float64]:
        """P(crisis) in [0, 1], one per text (a 1-d array, unlike sklearn's two columns)."""
        if isinstance(texts, str):
            raise TypeError("predict_proba takes a sequence of texts, not one string")
        return _sigmoid(self.decision_function(texts))

    def top_terms(self, text: str, k: int = 3) -> list[str]:
        """The words of ``text`` that raised its score most, strongest first, as written.

        Only terms with a positive contribution are returned, so a harmless text gives ``[]``.
        A single word already quoted inside a chosen two-word term is not repeated.
        """
        pairs = [(f, w) for f, w in _features_with_words(text) if f in self.vocabulary_]
        if not pairs or k <= 0:
            return []
        words = dict(reversed(pairs))  # first occurrence wins
        _, col, weight = self._weights([[f for f, _ in pairs]])
        contrib = weight * self.coef_[col]
        by_index = {self.vocabulary_[f]: f for f in words}
        order = sorted(range(len(col)), key=lambda j: (-contrib[j], by_index[int(col[j])]))
        chosen: list[str] = []
        covered: set[str] = set()
        for j in order:
            if contrib[j] <= 0 or len(chosen) == k:
                break
            surface = words[by_index[int(col[j])]]
            parts = set(surface.split())
            if parts <= covered:
                continue
            chosen.append(surface)
            covered |= parts
        return chosen


@lru_cache(maxsize=1)
def _load_packaged() -> CrisisModel:
    try:
        data = json.loads(read_text("models", "crisis-model.json"))
    except json.JSONDecodeError as exc:
        raise DataError(
            f"model file is not valid JSON: {exc.msg}",
            source=_SOURCE,
            where=f"line {exc.lineno}",
            hint="reinstall rtm-score",
        ) from exc
    return CrisisModel.from_dict(data, source=_SOURCE)


def _round(values: Sequence[float] | npt.NDArray[np.float64], digits: int | None) -> list[float]:
    """Floats rounded to ``digits`` significant digits (``None`` keeps full precision)."""
    if digits is None:
        return [float(v) for v in values]
    return [float(f"{float(v):.{digits}g}") if math.isfinite(v) else float(v) for v in values]


def export_sklearn(
    vectorizer: Any,
    classifier: Any,
    *,
    metadata: Mapping[str, Any] | None = None,
    digits: int | None = 6,
) -> dict[str, Any]:
    """The JSON form of a fitted ``TfidfVectorizer(analyzer=crisis_features)`` + binary
    ``LogisticRegression``; read back with :meth:`CrisisModel.from_dict`.

    Duck-typed on the fitted attributes, so this module never imports scikit-learn.
    """
    if getattr(vectorizer, "analyzer", None) is not crisis_features:
        raise ValueError("the vectorizer's analyzer must be rtm_score's crisis_features")
    if list(classifier.classes_) != [0, 1]:
        raise ValueError(f"expected classes [0, 1], got {list(classifier.classes_)}")
    vocabulary = {
        str(t): int(i) for t, i in sorted(vectorizer.vocabulary_.items(), key=lambda kv: kv[1])
    }
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "analyzer": dict(_ANALYZER),
        "tfidf": {
            "sublinear_tf": bool(vectorizer.sublinear_tf),
            "norm": vectorizer.norm,
            "use_idf": bool(vectorizer.use_idf),
            "smooth_idf": bool(vectorizer.smooth_idf),
        },
        "intercept": _round(classifier.intercept_, digits)[0],
        "metadata": dict(metadata or {}),
        "idf": _round(vectorizer.idf_, digits),
        "coef": _round(classifier.coef_[0], digits),
        "vocabulary": vocabulary,
    }
