"""Relevance of topics to a brand: TF-IDF similarity plus exact keyword/product matches.

``RelevanceModel`` follows scikit-learn's estimator contract: ``__init__`` only stores
parameters, ``fit`` learns ``vectorizer_``, ``profile_matrix_`` and ``phrases_`` and returns
``self``, and ``score`` / ``assess`` need a fitted model.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .profile import BrandProfile
from .text import TextPipeline, analyze

Text = str | list[str]
"""A text, or its terms already analysed by ``TextPipeline.terms`` (saves analysing twice)."""


_EMPTY_TERM = "\x00"


def _as_terms(doc: Text) -> list[str]:
    """Vectoriser analyzer: pre-analysed term lists pass through, strings are analysed."""
    return doc if isinstance(doc, list) else analyze(doc)


@dataclass(frozen=True, slots=True)
class Relevance:
    """The relevance of one topic, with its evidence."""

    score: float
    """0..1: max of the TF-IDF cosine to any brand document and the exact-match score."""
    similarity: float
    """The best TF-IDF cosine alone."""
    best_document: str
    """Label of the closest brand document, e.g. ``product:Aurora dress``."""
    matches: tuple[str, ...]
    """Brand terms (keywords, products, the brand's name) found verbatim in the topic."""
    shared_terms: tuple[str, ...]
    """Stemmed terms shared with the closest brand document (TF-IDF evidence)."""
    name_match: bool
    """True when a brand term is in the topic's name itself (not only its context)."""


@dataclass(frozen=True, slots=True)
class _Phrase:
    label: str
    stems: tuple[str, ...]
    weight: float
    needle: str = ""
    """The stems as a space-padded string, searched for in a topic's joined terms."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "needle", " " + " ".join(self.stems) + " ")


PLATFORM_KINDS = ("slogan", "mascot", "sponsorship", "moment")
"""The kinds of :meth:`~rtm_score.profile.Platform.hooks`, as relevance labels them."""

PLATFORM_WEIGHT = 1.5
"""A platform hook in a topic counts as the brand's name does (a keyword counts 1.0)."""


def _brand_name_variants(name: str) -> list[str]:
    """``IKEA (Norway)`` -> ``IKEA``; ``Walmart (Great Value store brand)`` -> ``Walmart``."""
    base = re.sub(r"\(.*?\)", " ", name).strip()
    return [base] if base else []


@dataclass(frozen=True, slots=True)
class TermCounts:
    """How often each term occurs in each text of a batch: counted once for every brand that
    scores the batch (each brand's relevance reads it through its own vocabulary and IDF)."""

    terms: tuple[str, ...]
    """The batch's distinct terms, sorted (as a vectoriser's vocabulary is)."""
    matrix: Any
    """CSR counts, one row a text, one column a term of ``terms``, indices sorted."""


def term_counts(term_lists: Sequence[Sequence[str]]) -> TermCounts:
    """The :class:`TermCounts` of term lists (``Analysed.terms``)."""
    from scipy.sparse import csr_matrix

    index: dict[str, int] = {}
    columns: list[int] = []
    indptr = [0]
    for terms in term_lists:
        columns.extend([index.setdefault(t, len(index)) for t in terms])
        indptr.append(len(columns))
    found = list(index)
    order = sorted(range(len(found)), key=found.__getitem__)
    rank = np.empty(len(found), dtype=np.int64)
    rank[order] = np.arange(len(found), dtype=np.int64)
    cols = rank[np.asarray(columns, dtype=np.int64)]
    ones = np.ones(len(cols), dtype=np.int64)
    matrix = csr_matrix((ones, cols, indptr), shape=(len(term_lists), len(found)))
    matrix.sum_duplicates()  # sorts the indices too
    return TermCounts(tuple(found[i] for i in order), matrix)


class RelevanceModel:
    """TF-IDF relevance of topics to a brand profile.

    Args:
        exact_match_score: relevance given to a topic that contains a brand keyword, product
            name or the brand's name verbatim (scaled by the keyword's weight, capped at 1).
        min_similarity: cosine below this is treated as noise (0).
    """

    def __init__(self, exact_match_score: float = 0.6, min_similarity: float = 0.05) -> None:
        self.exact_match_score = exact_match_score
        self.min_similarity = min_similarity

    def fit(
        self,
        profile: BrandProfile,
        corpus: Sequence[Text] = (),
        *,
        doc_freq: Mapping[str, int] | None = None,
        n_docs: int = 0,
    ) -> RelevanceModel:
        """Learn the brand's vectors; ``corpus`` (the feed's texts) sharpens the IDF weights.

        ``doc_freq`` and ``n_docs`` give the feed's document frequencies instead of ``corpus``
        (from :func:`rtm_score.frame.feed_stats`, summed over partitions): the model is then
        exactly the one ``corpus`` would give, without holding the feed.
        """
        from sklearn.feature_extraction.text import TfidfVectorizer

        docs = profile.documents()
        # Each product's name on its own as well: a topic that names the product ("#Aurora" for
        # the "Aurora dress") is close to it even when the product's description is long.
        docs.extend((f"product:{p.name}", p.name) for p in profile.products if p.description)
        for variant in _brand_name_variants(profile.name):
            docs.append((f"brand:{variant}", variant))
        if not docs:
            raise ValueError("the profile has nothing to match topics against")
        self.labels_ = [label for label, _ in docs]
        self.vectorizer_ = TfidfVectorizer(analyzer=_as_terms, sublinear_tf=True)
        if doc_freq is not None:
            self._fit_counts([text for _, text in docs], doc_freq, n_docs)
        else:
            try:
                self.vectorizer_.fit([text for _, text in docs] + list(corpus))
            except ValueError:
                # Every document was stop words only ("The Who"): keep a one-term vocabulary so
                # similarities are simply zero and exact matches still work.
                self.vectorizer_.fit([[_EMPTY_TERM]])
        self.profile_matrix_ = self.vectorizer_.transform([text for _, text in docs]).tocsr()
        self.vocabulary_inverse_ = self.vectorizer_.get_feature_names_out()
        self._profile_rows = [
            dict(
                zip(
                    self.profile_matrix_.indices[a:b].tolist(),
                    self.profile_matrix_.data[a:b].tolist(),
                    strict=True,
                )
            )
            for a, b in zip(
                self.profile_matrix_.indptr[:-1], self.profile_matrix_.indptr[1:], strict=True
            )
        ]
        self.phrases_, self.word_phrases_ = self._phrases(profile)
        self.phrase_firsts_ = frozenset(ph.stems[0] for ph in self.phrases_)
        return self

    def _fit_counts(self, texts: list[Text], doc_freq: Mapping[str, int], n_docs: int) -> None:
        """The vectoriser ``fit`` would give on ``texts`` plus a feed of ``n_docs`` documents
        with ``doc_freq`` (scikit-learn's smooth IDF: ln((1 + n) / (1 + df)) + 1)."""
        from sklearn.feature_extraction.text import TfidfVectorizer

        counts: dict[str, int] = dict(doc_freq)
        for text in texts:
            for term in set(_as_terms(text)):
                counts[term] = counts.get(term, 0) + 1
        if not counts:
            self.vectorizer_.fit([[_EMPTY_TERM]])
            return
        vocab = sorted(counts)  # the order fit() gives: indices and ties come out the same
        n = n_docs + len(texts)
        df = np.array([counts[t] for t in vocab], dtype=np.float64)
        self.vectorizer_ = TfidfVectorizer(
            analyzer=_as_terms, sublinear_tf=True, vocabulary={t: i for i, t in enumerate(vocab)}
        )
        self.vectorizer_.fit([vocab[:1]])
        self.vectorizer_.idf_ = np.log((1.0 + n) / (1.0 + df)) + 1.0

    def _phrases(self, profile: BrandProfile) -> tuple[list[_Phrase], list[_Phrase]]:
        """The brand's phrases as stems (stop words left out), and those made of two or more
        stop words alone ("The Who", "Take That" is not) as their words: a stop word alone
        ("It", "Us") is every other sentence, and matches nothing."""
        pipe = TextPipeline()
        out: list[_Phrase] = []
        of_words: list[_Phrase] = []
        items: list[tuple[str, str, float]] = [
            ("keyword", k.term, k.weight) for k in profile.keywords
        ]
        for p in profile.products:
            items.append(("product", p.name, 1.0))
            items.extend(("product keyword", k, 1.0) for k in p.keywords)
        items.extend(("brand", v, 1.5) for v in _brand_name_variants(profile.name))
        # The brand's platform: a mascot or a sponsored event is as much the brand as its name.
        items.extend((kind, text, PLATFORM_WEIGHT) for kind, text in profile.platform.hooks())
        for kind, text, weight in items:
            stems = tuple(pipe.terms(text))
            if stems:
                out.append(_Phrase(f"{kind} '{text}'", stems, weight))
                continue
            words = tuple(pipe.words(text))
            if len(words) > 1:
                of_words.append(_Phrase(f"{kind} '{text}'", words, weight))
        return out, of_words

    def _check_fitted(self) -> None:
        if not hasattr(self, "vectorizer_"):
            raise RuntimeError("RelevanceModel is not fitted; call fit(profile) first")

    def score(self, texts: Sequence[Text]) -> np.ndarray:
        """Relevance in [0, 1] for each text (name and context together)."""
        return np.array([r.score for r in self.assess(texts)], dtype=float)

    def assess(
        self,
        texts: Sequence[Text],
        names: Sequence[Text] | None = None,
        *,
        counts: TermCounts | None = None,
        words: Sequence[tuple[Sequence[str], int]] | None = None,
    ) -> list[Relevance]:
        """Relevance with evidence for each text; ``names`` (the topic names) mark name matches.

        Texts and names may be strings or term lists from ``TextPipeline.terms``; ``counts``,
        the texts' :func:`term_counts` when the caller has them (several brands score the
        same texts), spares counting them again. ``words``, each text's words
        (``TextPipeline.words``, the name's first) and how many of them are the name's, are
        read for the profile's phrases of stop words alone (:meth:`_phrases`); texts given as
        strings give their own, term lists without them match none of those phrases.
        """
        self._check_fitted()
        if not texts:
            return []
        pipe = TextPipeline()
        term_lists = [_as_terms(t) for t in texts]
        if counts is not None and counts.matrix.shape[0] != len(term_lists):
            raise ValueError(
                f"counts of {counts.matrix.shape[0]} texts given for {len(term_lists)} texts"
            )
        matrix = self._tfidf(counts if counts is not None else term_counts(term_lists))
        sims = (matrix @ self.profile_matrix_.T).toarray()
        bests = sims.argmax(axis=1).tolist() if sims.shape[1] else [0] * len(term_lists)
        values = sims[np.arange(len(bests)), bests].tolist() if sims.shape[1] else bests
        out: list[Relevance] = []
        for i, terms in enumerate(term_lists):
            best, sim = bests[i], float(values[i])
            if sim < self.min_similarity:
                sim = 0.0
            name = names[i] if names is not None else []
            name_terms = name if isinstance(name, list) else pipe.terms(name, is_name=True)
            matches, name_match, exact = self._exact(terms, name_terms)
            if self.word_phrases_:
                found = self._exact_words(_words_of(texts[i], name, words, i))
                if found[0]:
                    matches = tuple(dict.fromkeys((*matches, *found[0])))
                    name_match, exact = name_match or found[1], max(exact, found[2])
            shared = self._shared(matrix, i, best) if sim > 0 else ()
            out.append(
                Relevance(
                    score=round(min(1.0, max(sim, exact)), 6),
                    similarity=round(sim, 6),
                    best_document=self.labels_[best] if sim > 0 else "",
                    matches=matches,
                    shared_terms=shared,
                    name_match=name_match,
                )
            )
        return out

    def _tfidf(self, counts: TermCounts) -> Any:
        """The rows ``vectorizer_.transform`` gives for the counted texts, to the bit: sublinear
        TF times this model's IDF, l2-normalised, from the counts through its vocabulary (a
        term it does not know is left out, as the vectoriser leaves it out)."""
        from scipy.sparse import csr_matrix
        from sklearn.preprocessing import normalize

        vocabulary = self.vectorizer_.vocabulary_
        cols = np.array([vocabulary.get(t, -1) for t in counts.terms], dtype=np.int64)
        m = counts.matrix
        indices = cols[m.indices]
        data = m.data.astype(np.float64)
        indptr = m.indptr
        known = indices >= 0
        if not known.all():
            rows = np.repeat(np.arange(m.shape[0]), np.diff(indptr))[known]
            indices, data = indices[known], data[known]
            indptr = np.concatenate(([0], np.cumsum(np.bincount(rows, minlength=m.shape[0]))))
        x = csr_matrix((data, indices, indptr), shape=(m.shape[0], len(vocabulary)))
        known_cols = cols[cols >= 0]
        if np.any(known_cols[1:] <= known_cols[:-1]):  # a vocabulary not in sorted order
            x.sort_indices()  # the vectoriser's order, so the norms add up the same
        np.log(x.data, x.data)
        x.data += 1.0
        x.data *= self.vectorizer_.idf_[x.indices]
        return normalize(x, norm="l2", copy=False)

    def _exact(
        self, terms: list[str], name_terms: list[str]
    ) -> tuple[tuple[str, ...], bool, float]:
        # A phrase matches whole stems in a row, so a topic with none of the phrases' first
        # stems matches none (most topics of a feed, for any brand).
        firsts = self.phrase_firsts_
        if firsts.isdisjoint(terms) and firsts.isdisjoint(name_terms):
            return (), False, 0.0
        joined = " " + " ".join(terms) + " "
        name_joined = " " + " ".join(name_terms) + " "
        matches: list[str] = []
        name_match = False
        best = 0.0
        for ph in self.phrases_:
            needle = ph.needle
            if needle in joined or needle in name_joined:
                matches.append(ph.label)
                best = max(best, min(1.0, self.exact_match_score * ph.weight))
                name_match = name_match or needle in name_joined
        return tuple(dict.fromkeys(matches)), name_match, best

    def _exact_words(
        self, words: tuple[Sequence[str], Sequence[str]] | None
    ) -> tuple[tuple[str, ...], bool, float]:
        """:meth:`_exact` for the phrases of stop words alone, on a text's (words, name's
        words)."""
        if words is None:
            return (), False, 0.0
        joined = " " + " ".join(words[0]) + " "
        name_joined = " " + " ".join(words[1]) + " "
        matches = [ph for ph in self.word_phrases_ if ph.needle in joined]
        best = max((min(1.0, self.exact_match_score * ph.weight) for ph in matches), default=0.0)
        in_name = any(ph.needle in name_joined for ph in matches)
        return tuple(ph.label for ph in matches), in_name, best

    def _shared(self, matrix: Any, i: int, best: int) -> tuple[str, ...]:
        a, b = matrix.indptr[i], matrix.indptr[i + 1]
        brand = self._profile_rows[best]
        weights = [
            (-(v * brand[j]), j)
            for j, v in zip(matrix.indices[a:b].tolist(), matrix.data[a:b].tolist(), strict=True)
            if j in brand
        ]
        weights.sort()
        return tuple(str(self.vocabulary_inverse_[j]) for _w, j in weights[:3])

    def explain(self, text: str, k: int = 3) -> list[str]:
        """The brand terms behind a text's relevance: verbatim matches first, then TF-IDF terms."""
        rel = self.assess([text])[0]
        return [*rel.matches, *rel.shared_terms][:k]


def _words_of(
    text: Text, name: Text, words: Sequence[tuple[Sequence[str], int]] | None, i: int
) -> tuple[Sequence[str], Sequence[str]] | None:
    """Text ``i``'s words and its name's: from ``words`` (each text's words and how many are
    the name's), or read from strings."""
    if words is not None:
        all_words, name_length = words[i]
        return all_words, all_words[:name_length]
    if not isinstance(text, str):
        return None
    pipe = TextPipeline()
    return pipe.words(text), pipe.words(name, is_name=True) if isinstance(name, str) else []
