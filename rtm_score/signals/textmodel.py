"""The learned text signal: TF-IDF over stemmed word 1-2-grams, linear heads, plain JSON.

One vocabulary, several heads fitted by ``scripts/fit_judgment.py`` on the team's labelled rows
(``labels/``) and weakly labelled real corpora:

- ``never``: P(the text is about real harm to real people: a tragedy);
- ``notsafe``: P(never or sensitive: a brand with no stake should stay out);
- ``frame``: P(alarming words are used in a fiction, sport, business or figurative sense);
- ``category``: which category (death-injury, war, ...) the text is about.

Scoring needs numpy only (no scikit-learn import, no unpickling) and works on a whole batch at
once: the features are the ``terms`` the text pipeline already computed for every topic.
"""

from __future__ import annotations

import binascii
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt

from ..errors import DataError
from ..resources import read_json
from .base import Observed, logit

__all__ = [
    "FEATURES",
    "FORMAT",
    "FORMAT_VERSION",
    "Head",
    "TextModel",
    "array_of",
    "features",
    "packed",
    "values",
]

FORMAT = "rtm-score/text-model"
FORMAT_VERSION = 1
_SOURCE = "rtm_score/data/models/text-model.json"

Array = npt.NDArray[np.float64]


NUMBER = "<n>"
"""Every all-digit term becomes this one term: "12 killed" and "300 killed" are the same
evidence, and a year or a row number is not evidence at all."""
ANALYZER = {"terms": "rtm_score.text.Analysed.terms", "ngram_range": [1, 2], "numbers": NUMBER}


def features(terms: Sequence[str]) -> list[str]:
    """Unigrams and bigrams of stemmed terms (numbers folded into :data:`NUMBER`); a bigram
    joins two terms with a space."""
    t = [NUMBER if w.isdigit() else w for w in terms]
    return [*t, *(f"{a} {b}" for a, b in itertools.pairwise(t))]


@dataclass(frozen=True, slots=True)
class Head:
    """One linear head: ``classes`` and a coefficient row per class (one row when binary)."""

    name: str
    classes: tuple[str, ...]
    coef: Array
    """Shape (rows, vocabulary); rows is 1 for a binary head, else len(classes)."""
    intercept: Array

    @property
    def binary(self) -> bool:
        """A binary head gives P(classes[1])."""
        return bool(self.coef.shape[0] == 1)


class TextModel:
    """The packaged text model; build it with :meth:`load` or :meth:`from_dict`."""

    def __init__(
        self,
        vocabulary: Sequence[str],
        idf: Array,
        heads: Mapping[str, Head],
        *,
        metadata: Mapping[str, Any] | None = None,
        category_never_rate: Mapping[str, float] | None = None,
    ) -> None:
        self.vocabulary_ = {t: i for i, t in enumerate(vocabulary)}
        self.category_never_rate: Mapping[str, float] = dict(category_never_rate or {})
        self.terms_ = tuple(vocabulary)
        self.idf_ = idf
        self.heads = dict(heads)
        self.metadata: Mapping[str, Any] = dict(metadata or {})

    @classmethod
    def load(cls) -> TextModel:
        """The packaged model (``data/models/text-model.json``), read once per process."""
        return _load_packaged()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, source: str = "<model>") -> TextModel:
        """A model from its JSON form; raises :class:`DataError` when the form is wrong."""
        for key in ("format", "format_version", "analyzer", "vocabulary", "idf", "heads"):
            if key not in data:
                raise DataError(
                    f"model file lacks the key {key!r}",
                    source=source,
                    hint="refit with scripts/fit_judgment.py",
                )
        if data["format"] != FORMAT or data["format_version"] != FORMAT_VERSION:
            raise DataError(
                f"unsupported model format {data['format']!r} v{data['format_version']}",
                source=source,
                where="format",
                hint=f"expected {FORMAT!r} v{FORMAT_VERSION}",
            )
        if dict(data["analyzer"]) != ANALYZER:
            raise DataError(
                "the model was fitted on other features than this code computes",
                source=source,
                where="analyzer",
                hint=f"expected {ANALYZER}; refit with scripts/fit_judgment.py",
            )
        vocabulary = [str(t) for t in data["vocabulary"]]
        idf = array_of(data["idf"], source, "idf")
        if idf.shape != (len(vocabulary),):
            raise DataError(
                f"idf has {idf.shape[0]} values for {len(vocabulary)} terms",
                source=source,
                where="idf",
                hint="refit with scripts/fit_judgment.py",
            )
        heads: dict[str, Head] = {}
        for name, h in data["heads"].items():
            coef = array_of(h["coef"], source, f"heads.{name}.coef")
            if coef.ndim != 2 or coef.shape[1] != len(vocabulary):
                raise DataError(
                    f"head {name!r} has coefficients of shape {coef.shape}",
                    source=source,
                    where=f"heads.{name}.coef",
                    hint="refit with scripts/fit_judgment.py",
                )
            intercept = array_of(h["intercept"], source, f"heads.{name}.intercept")
            heads[name] = Head(name, tuple(h["classes"]), coef, intercept)
        for array in (idf, *(a for h in heads.values() for a in (h.coef, h.intercept))):
            array.setflags(write=False)  # a cached model must not be changed by a caller
        return cls(
            vocabulary,
            idf,
            heads,
            metadata=data.get("metadata"),
            category_never_rate=_rates(data.get("category_never_rate", {}), source),
        )

    def transform(self, docs: Sequence[Sequence[str]]) -> Any:
        """Sublinear TF-IDF rows (l2-normalised) of term lists, as a scipy CSR matrix."""
        from scipy.sparse import csr_matrix

        vocab = self.vocabulary_
        indptr = [0]
        cols: list[int] = []
        for terms in docs:
            cols.extend(i for i in map(vocab.get, features(terms)) if i is not None)
            indptr.append(len(cols))
        n, size = len(docs), len(self.terms_)
        ones = np.ones(len(cols), dtype=np.float64)
        m = csr_matrix((ones, np.asarray(cols, dtype=np.int64), indptr), shape=(n, size))
        m.sum_duplicates()
        m.data = (np.log(m.data) + 1.0) * self.idf_[m.indices]
        norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        m.data /= np.repeat(norms, np.diff(m.indptr))
        return m

    def decision(self, x: Any, head: str) -> Array:
        """Log-odds (binary head, shape (n,)) or class scores (shape (n, classes))."""
        h = self.heads[head]
        out: Array = np.asarray(x @ h.coef.T) + h.intercept
        return out[:, 0] if h.binary else out

    def proba(self, x: Any, head: str) -> Array:
        """P(positive class) for a binary head; class probabilities for a multi-class one."""
        z = self.decision(x, head)
        if self.heads[head].binary:
            out: Array = np.exp(-np.logaddexp(0.0, -z))
            return out
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        probs: Array = e / e.sum(axis=1, keepdims=True)
        return probs

    def category_never(self, category_probs: Array) -> Array:
        """Per row, the share of never its likely categories carry: the category head's
        probabilities weighted by each category's never rate among the labelled training rows
        (``category_never_rate``, one per class of the category head)."""
        classes = self.heads["category"].classes
        if set(self.category_never_rate) != set(classes):
            raise DataError(
                "the model's category_never_rate does not cover the category head's classes",
                source=_SOURCE,
                where="category_never_rate",
                hint="refit with scripts/fit_judgment.py",
            )
        rates = np.array([self.category_never_rate[c] for c in classes])
        out: Array = np.asarray(category_probs) @ rates
        return out

    def top_terms(self, x: Any, row: int, head: str, k: int = 3) -> list[str]:
        """The terms of one row that raised a binary head most, strongest first."""
        coef = self.heads[head].coef[0]
        start, end = x.indptr[row], x.indptr[row + 1]
        idx, vals = x.indices[start:end], x.data[start:end]
        contrib = vals * coef[idx]
        order = np.argsort(-contrib, kind="stable")
        out: list[str] = []
        for j in order:
            if contrib[j] <= 0 or len(out) == k:
                break
            term = self.terms_[int(idx[j])]
            if not any(term in o.split() or o in term.split() for o in out):
                out.append(term)
        return out


PACKED = "<f8"
"""The one dtype of a packed array: little-endian 64-bit floats, the values exactly as fitted."""


def packed(values: Any) -> dict[str, Any]:
    """An array as plain JSON that reads back at once: ``{"dtype": "<f8", "shape": [...],
    "base64": ...}`` (the 540,000 coefficients of the packaged model decode in 5 ms instead
    of 45 ms as a list of numbers, and read back as the same floats)."""
    a = np.ascontiguousarray(values, dtype=PACKED)
    text = binascii.b2a_base64(a.tobytes(), newline=False).decode("ascii")
    return {"dtype": PACKED, "shape": list(a.shape), "base64": text}


def array_of(value: Any, source: str, where: str) -> Array:
    """A model's array from its JSON: a (nested) list of numbers, or :func:`packed`."""
    if not isinstance(value, Mapping):
        return np.asarray(value, dtype=np.float64)
    shape = value.get("shape")
    try:
        if value.get("dtype") != PACKED or not isinstance(shape, list):
            raise ValueError(f"expected dtype {PACKED!r} and a shape")
        raw = binascii.a2b_base64(str(value.get("base64", "")))
        out: Array = np.frombuffer(raw, dtype=PACKED).astype(np.float64).reshape(shape)
    except (ValueError, TypeError, binascii.Error) as exc:
        raise DataError(
            f"a packed array that cannot be read: {exc}",
            source=source,
            where=where,
            hint="refit with scripts/fit_judgment.py",
        ) from None
    return out


def _rates(rates: Any, source: str) -> dict[str, float]:
    """``category_never_rate``: each category's share of never, between 0 and 1."""
    if not isinstance(rates, Mapping) or not all(
        isinstance(v, int | float) and 0 <= v <= 1 for v in rates.values()
    ):
        raise DataError(
            "category_never_rate must map each category to a share between 0 and 1",
            source=source,
            where="category_never_rate",
            hint="refit with scripts/fit_judgment.py",
        )
    return {str(k): float(v) for k, v in rates.items()}


@lru_cache(maxsize=1)
def _load_packaged() -> TextModel:
    """The packaged model is immutable once loaded, so one copy per process is shared."""
    return TextModel.from_dict(read_json("models", "text-model.json"), source=_SOURCE)


FEATURES = (
    "text.never",
    "text.notsafe",
    "text.frame",
    "text.frame_x_never",
    "text.notsafe_x_category_never",
    "text.notsafe_x_never_if_notsafe",
)
"""The text model's features for the judgment (the signal protocol of :mod:`.base`)."""


def values(o: Observed) -> list[float]:
    """The text model's features of one topic, in :data:`FEATURES` order."""
    never, notsafe, frame, category_never, never_if_notsafe = o.text_probs
    return [
        logit(never),
        logit(notsafe),
        logit(frame),
        frame * logit(never),
        # P(never) factored as P(not safe) x P(never | not safe): the category head and the
        # never-if-not-safe head learn only from rows that are not safe, so alone they would
        # read "cover shoot" as violence; the not-safe head knows it is harmless.
        logit(notsafe * category_never),
        logit(notsafe * never_if_notsafe),
    ]
