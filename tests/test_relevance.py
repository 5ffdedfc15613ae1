"""Tests for rtm_score.relevance: the estimator contract, exact matches, TF-IDF evidence."""

from __future__ import annotations

import numpy as np
import pytest

from rtm_score.profile import BrandProfile, Keyword, Product
from rtm_score.relevance import Relevance, RelevanceModel
from rtm_score.text import TextPipeline


def ikea() -> BrandProfile:
    return BrandProfile(
        name="IKEA (Norway)",
        description="Flat-pack furniture and home furnishings for small flats.",
        keywords=(Keyword("sofa"), Keyword("meatballs", weight=2.0)),
        products=(
            Product("Billy bookcase", keywords=("bookshelf",)),
            Product("Aurora dress"),
        ),
    )


@pytest.fixture(scope="module")
def model() -> RelevanceModel:
    return RelevanceModel().fit(ikea())


# --- the scikit-learn estimator contract ------------------------------------------------------


def test_init_only_stores_hyperparameters() -> None:
    model = RelevanceModel(exact_match_score=0.5, min_similarity=0.1)
    assert vars(model) == {"exact_match_score": 0.5, "min_similarity": 0.1}


@pytest.mark.parametrize(
    "call",
    [
        lambda m: m.score(["sofa"]),
        lambda m: m.assess(["sofa"]),
        lambda m: m.explain("sofa"),
    ],
    ids=["score", "assess", "explain"],
)
def test_unfitted_model_raises(call) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(
        RuntimeError, match=r"^RelevanceModel is not fitted; call fit\(profile\) first$"
    ):
        call(RelevanceModel())


def test_fit_returns_self_and_learns_trailing_underscore_attributes() -> None:
    model = RelevanceModel()
    before = set(vars(model))
    assert model.fit(ikea()) is model
    learned = set(vars(model)) - before
    assert {"vectorizer_", "profile_matrix_", "phrases_"} <= learned
    # Public learned attributes end with "_" (private helpers may start with "_").
    assert all(name.endswith("_") for name in learned if not name.startswith("_"))
    assert vars(model)["exact_match_score"] == 0.6


def test_fit_labels_every_brand_document() -> None:
    model = RelevanceModel().fit(ikea(), corpus=["some feed text", "more feed text"])
    # The corpus sharpens IDF weights but is not a brand document.
    assert model.labels_ == [
        "description",
        "keyword:sofa",
        "keyword:meatballs",
        "product:Billy bookcase",
        "product:Aurora dress",
        "brand:IKEA",
    ]


def test_fit_without_documents_raises() -> None:
    with pytest.raises(ValueError, match="the profile has nothing to match topics against"):
        RelevanceModel().fit(BrandProfile(name="(Norway)"))


# --- scores ------------------------------------------------------------------------------------


def test_scores_are_in_unit_interval(model: RelevanceModel) -> None:
    texts = [
        "IKEA opens a new store",
        "Swedish meatballs are back",
        "A comfy sofa for the whole family",
        "Storm in the North Sea",
        "",
        "!!!",
        "meatballs meatballs meatballs IKEA sofa Billy bookcase",
    ]
    scores = model.score(texts)
    assert isinstance(scores, np.ndarray)
    assert scores.dtype == float
    assert scores.shape == (len(texts),)
    assert ((scores >= 0.0) & (scores <= 1.0)).all()
    assert scores[3] == scores[4] == scores[5] == 0.0


def test_empty_batch(model: RelevanceModel) -> None:
    assert model.assess([]) == []
    assert model.score([]).shape == (0,)


def test_unrelated_topic_has_no_evidence(model: RelevanceModel) -> None:
    rel = model.assess(["Storm in the North Sea"])[0]
    assert rel == Relevance(0.0, 0.0, "", (), (), False)


# --- exact matches -----------------------------------------------------------------------------


def test_brand_name_without_parenthesised_qualifier_matches(model: RelevanceModel) -> None:
    rel = model.assess(["IKEA opens a new store"], names=["IKEA opens a new store"])[0]
    assert "brand 'IKEA'" in rel.matches
    assert rel.name_match is True
    assert rel.score == 1.0
    # The qualifier itself is not the brand.
    norway = model.assess(["Norway wins gold"])[0]
    assert norway.matches == ()


def test_keyword_match_scores_at_least_the_exact_match_score(model: RelevanceModel) -> None:
    rel = model.assess(["A comfy sofa for the whole family tonight, says everyone online"])[0]
    assert rel.matches == ("keyword 'sofa'",)
    assert rel.score >= 0.6
    assert rel.score == max(rel.similarity, 0.6)


def test_keyword_weight_scales_the_exact_match(model: RelevanceModel) -> None:
    # meatballs has weight 2.0: 0.6 * 2 = 1.2, capped at 1.
    rel = model.assess(["Swedish meatballs, lingonberries and gravy are back this week"])[0]
    assert rel.matches == ("keyword 'meatballs'",)
    assert rel.score == 1.0


def test_product_and_product_keyword_matches(model: RelevanceModel) -> None:
    rel = model.assess(["The Billy bookcase turns 45"])[0]
    assert rel.matches == ("product 'Billy bookcase'",)
    assert rel.best_document == "product:Billy bookcase"
    assert set(rel.shared_terms) == {"billi", "bookcas"}
    shelf = model.assess(["Which bookshelf fits a tiny flat?"])[0]
    assert "product keyword 'bookshelf'" in shelf.matches


def test_matches_ignore_case_plurals_and_hashtags(model: RelevanceModel) -> None:
    for text in [
        "#IKEA",
        "ikea",
        "IKEA's new catalogue",
        "Billy Bookcases on sale",
        "#BillyBookcase",
    ]:
        assert model.assess([text])[0].matches, text


def test_partial_phrase_is_not_an_exact_match(model: RelevanceModel) -> None:
    rel = model.assess(["#Aurora"], names=["#Aurora"])[0]
    assert rel.matches == ()
    assert rel.name_match is False
    # ...but TF-IDF still links it to the product, as evidence for the reasons.
    assert rel.best_document == "product:Aurora dress"
    assert rel.shared_terms == ("aurora",)
    assert 0 < rel.score < 1


def test_the_first_stem_test_only_skips_topics_that_cannot_match(model: RelevanceModel) -> None:
    texts = [
        "Billy Bookcases on sale",
        "a bookcase named Billy",
        "#Aurora",
        "Swedish meatballs and a new sofa",
        "IKEA opens in Oslo",
        "Weather for the weekend",
    ]
    names = ["Billy", "", "#Aurora", "", "IKEA", "Weather"]
    fast = model.assess(texts, names=names)
    slow = RelevanceModel().fit(ikea())

    class Everything(frozenset[str]):
        def isdisjoint(self, other: object) -> bool:
            return False  # no topic is skipped: every phrase is searched for

    slow.phrase_firsts_ = Everything()
    assert fast == slow.assess(texts, names=names)
    assert any(r.matches for r in fast) and not all(r.matches for r in fast)


def test_name_match_versus_context_match(model: RelevanceModel) -> None:
    texts = ["#Aurora\nthe Aurora dress was spotted on the red carpet", "Aurora dress\nspotted"]
    in_context, in_name = model.assess(texts, names=["#Aurora", "Aurora dress"])
    assert in_context.matches == ("product 'Aurora dress'",)
    assert in_context.name_match is False
    assert in_name.matches == ("product 'Aurora dress'",)
    assert in_name.name_match is True
    # Without names, nothing counts as a name match.
    assert model.assess(["Aurora dress"])[0].name_match is False


def test_min_similarity_cuts_weak_cosines() -> None:
    strict = RelevanceModel(min_similarity=0.99).fit(ikea())
    rel = strict.assess(["Flat-pack furniture is great, says a long article about many things"])[0]
    assert rel.similarity == 0.0
    assert rel.shared_terms == ()
    assert rel.best_document == ""


def test_lower_camel_hashtag_matches_brand_keyword() -> None:
    model = RelevanceModel().fit(BrandProfile(name="Case Co", keywords=(Keyword("iPhone"),)))
    assert model.assess(["#iPhone15 launch"])[0].matches == ("keyword 'iPhone'",)


def test_stop_word_keyword_matches() -> None:
    # "The Who" is two stop words: it matches as words in order, not as stems (it has none).
    model = RelevanceModel().fit(
        BrandProfile(
            name="Live Nation", keywords=(Keyword("The Who"), Keyword("It"), Keyword("concert"))
        )
    )
    found = model.assess(["The Who announce a farewell tour"], names=["The Who"])[0]
    assert found.matches == ("keyword 'The Who'",) and found.name_match and found.score == 0.6
    # Not inside other words, and a single stop word ("It") matches nothing.
    assert model.assess(["Who is the best? Nobody knows"])[0].matches == ()
    assert model.assess(["It is raining again"])[0].score == 0.0
    # Term lists (as a scoring run gives them) match it with the words beside them.
    pipe = TextPipeline(drop_stopwords=False)
    a = pipe.analyse_topic("The Who", "announce a farewell tour")
    by_terms = model.assess([a.terms], names=[a.name_terms], words=[(a.words, a.name_length)])
    assert by_terms[0].matches == ("keyword 'The Who'",) and by_terms[0].name_match
    assert model.assess([a.terms], names=[a.name_terms])[0].matches == ()


# --- explain -----------------------------------------------------------------------------------


def test_explain_lists_matches_then_tfidf_terms(model: RelevanceModel) -> None:
    assert model.explain("Swedish meatballs and a sofa") == [
        "keyword 'sofa'",
        "keyword 'meatballs'",
        "sofa",
    ]
    assert model.explain("Swedish meatballs and a sofa", k=1) == ["keyword 'sofa'"]
    assert model.explain("Storm in the North Sea") == []


def test_assess_is_deterministic(model: RelevanceModel) -> None:
    texts = ["IKEA sofa", "Billy bookcase", "#Aurora", "nothing"]
    assert model.assess(texts) == RelevanceModel().fit(ikea()).assess(texts)


def test_the_brands_platform_counts_as_the_brand() -> None:
    from rtm_score.profile import Platform

    profile = BrandProfile(
        name="Crunchwell Snacks",
        keywords=(Keyword("chips"),),
        platform=Platform(
            slogans=("Crunch louder",),
            mascots=("Kettle the Cat",),
            sponsorships=("NFL",),
            moments=("National Chip Day",),
        ),
    )
    model = RelevanceModel().fit(profile)
    assert {"slogan:Crunch louder", "mascot:Kettle the Cat", "sponsorship:NFL"} <= set(
        model.labels_
    )
    from rtm_score.text import TextPipeline

    texts = ["Kettle the Cat fans", "NFL draft tonight", "Weather today"]
    mascot, sponsor, plain = model.assess([TextPipeline().terms(t) for t in texts])
    assert mascot.matches == ("mascot 'Kettle the Cat'",) and mascot.score >= 0.9
    assert sponsor.matches == ("sponsorship 'NFL'",) and sponsor.score >= 0.9
    assert plain.matches == () and plain.score < 0.3


# --- counted once for many brands ---------------------------------------------------------------

_TEXTS = [
    "New flat-pack sofa and bookshelf for small flats",
    "Meatballs meatballs meatballs at the store",
    "Storm closes the motorway north of Oslo",
    "",
    "Zebra crossing sofa sofa",
]


def _terms() -> list[list[str]]:
    from rtm_score.text import analyze

    return [analyze(t) for t in _TEXTS]


def test_term_counts_count_each_text_in_sorted_columns() -> None:
    from rtm_score.relevance import term_counts

    counts = term_counts(_terms())
    assert list(counts.terms) == sorted(set(counts.terms))
    dense = counts.matrix.toarray()
    assert dense.shape == (5, len(counts.terms))
    assert dense[1, counts.terms.index("meatbal")] == 3 and dense[3].sum() == 0
    assert counts.matrix.has_sorted_indices


@pytest.mark.parametrize("fit_on", ["profile", "feed", "other feed"])
def test_counted_rows_are_the_vectorisers_to_the_bit(fit_on: str) -> None:
    from rtm_score.relevance import term_counts
    from rtm_score.scorer import document_frequencies
    from rtm_score.text import TextPipeline

    terms = _terms()
    if fit_on == "profile":
        m = RelevanceModel().fit(ikea())
    elif fit_on == "feed":
        analysed = [TextPipeline().analyse_topic(t) for t in _TEXTS]
        m = RelevanceModel().fit(ikea(), doc_freq=document_frequencies(analysed), n_docs=5)
    else:  # the feed holds terms the model never saw ("zebra", "storm"): left out
        m = RelevanceModel().fit(ikea(), corpus=terms[:2])
    ref = m.vectorizer_.transform(terms).tocsr()
    new = m._tfidf(term_counts(terms))
    assert np.array_equal(ref.indptr, new.indptr)
    assert np.array_equal(ref.indices, new.indices)
    assert np.array_equal(ref.data, new.data)  # exactly: the same norms, the same scores


def test_assess_with_shared_counts_is_assess_alone(model: RelevanceModel) -> None:
    from rtm_score.relevance import term_counts

    terms = _terms()
    assert model.assess(terms, counts=term_counts(terms)) == model.assess(terms)
    with pytest.raises(ValueError, match="counts of 2 texts given for 5 texts"):
        model.assess(terms, counts=term_counts(terms[:2]))
    assert [r.score > 0 for r in model.assess(terms)] == [True, True, False, False, True]
