"""Tests for the HTML report: content and order, self-containment, charts, history, escaping."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any

import pytest

from rtm_score.formatters.html import render
from rtm_score.models import Decision, History, Report, TopicChange, TopicTrend

SCRIPT = "<script>document.title='pwned'</script>"
IMG = "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">"
PAYLOADS = [
    SCRIPT,
    IMG,
    "<svg onload=alert(1)>",
    '"><b>quote break</b>',
    "</textarea></style></title><script>alert(2)</script>",
    "javascript:alert(3)",
    "{{ 7*7 }} {% raw %}",
    "&lt;script&gt; entity",
]


class _Page(HTMLParser):
    """Every start tag with its attributes, the text per tag path, and the page's headings."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.headings: list[str] = []
        self._in_heading = False
        self._heading = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "h2":
            self._in_heading, self._heading = True, ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "h2":
            self._in_heading = False
            self.headings.append(self._heading.strip())

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._in_heading:
            self._heading += data


def _parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    return page


def _marks(html: str, decision: str) -> int:
    """``<use>`` elements inside the scatter group of ``decision`` (one per topic)."""
    match = re.search(rf'<g id="rtm-points-{decision}">(.*?)\n   </g>', html, flags=re.S)
    return 0 if match is None else match.group(1).count("<use ")


def test_mixed_day_content_and_order(mixed_day_report: Report) -> None:
    html = render(mixed_day_report)
    page = _parse(html)
    assert page.headings == [
        "The day at a glance",
        "Engage opportunities (2)",
        "Never: stay out (1)",
        "The rest: skip (3)",
        "Unreadable feed rows (2)",
    ]
    text = " ".join(" ".join(page.text).split())
    assert "Trend report: Northwind Apparel" in text
    assert "2 engage" in text and "1 never" in text
    assert "Matches the brand's keywords" in text
    assert "Gunman opens fire at Aurora cinema" in text  # context shown for engage / never
    assert "row 12: volume 'lots' is not a number" in text
    assert "Generated 2026-11-22 07:30 +01:00" in text
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert html.endswith("</html>\n")


def test_page_is_self_contained_and_scriptless(mixed_day_report: Report) -> None:
    html = render(mixed_day_report)
    page = _parse(html)
    names = {tag for tag, _ in page.tags}
    assert not names & {"script", "link", "img", "iframe", "object", "embed", "base", "form"}
    for tag, attrs in page.tags:
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            if name in {"src", "href", "xlink:href", "action"}:
                assert (value or "").startswith("#"), (tag, name, value)
    assert "url(http" not in html and "@import" not in html
    csp = [a for t, a in page.tags if t == "meta" and a.get("http-equiv")]
    assert csp and "default-src 'none'" in (csp[0]["content"] or "")
    viewport = [a for t, a in page.tags if t == "meta" and a.get("name") == "viewport"]
    assert viewport and "width=device-width" in (viewport[0]["content"] or "")


def test_scatter_has_one_mark_per_topic(mixed_day_report: Report) -> None:
    html = render(mixed_day_report)
    assert html.count('<svg class="chart"') == 2  # scatter + categories
    assert (_marks(html, "engage"), _marks(html, "skip"), _marks(html, "never")) == (2, 3, 1)


def test_top_limits_the_lists_not_the_chart(mixed_day_report: Report) -> None:
    html = render(mixed_day_report, top=2)
    page = _parse(html)
    assert "Never: stay out (0)" in page.headings
    assert "showing the top 2" in html
    assert (_marks(html, "engage"), _marks(html, "skip"), _marks(html, "never")) == (2, 3, 1)


def test_render_is_deterministic(mixed_day_report: Report) -> None:
    assert render(mixed_day_report) == render(mixed_day_report)


def test_no_categories_means_no_bar_chart(
    make_scored: Callable[..., Any], make_report: Callable[..., Report]
) -> None:
    html = render(make_report([make_scored("Plain", decision="engage")]))
    assert html.count('<svg class="chart"') == 1
    assert "No topic hit a sensitivity category." in html


@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_piece_of_feed_text_is_escaped(
    payload: str, make_scored: Callable[..., Any], make_report: Callable[..., Report]
) -> None:
    scored = [
        make_scored(
            payload,
            id=payload,
            decision=decision,
            context=payload,
            categories=[payload],
            reasons=[(payload, payload, payload)],
        )
        for decision in ("engage", "never", "skip")
    ]
    report = make_report(scored, brand=payload, feed=payload, errors=[(4, payload)])
    history = History(
        previous_run=dt.datetime(2026, 11, 21),
        new_engage=(TopicChange(payload, payload, Decision.ENGAGE, None),),
        turned_never=(TopicChange(payload, payload, Decision.NEVER, Decision.SKIP),),
        gone=(TopicChange(payload, payload, None, Decision.SKIP),),
        trends=(TopicTrend(payload, payload, dt.datetime(2026, 11, 20), 2),),
    )
    html = render(dataclasses.replace(report, history=history))
    page = _parse(html)
    names = [tag for tag, _ in page.tags]
    assert "script" not in names and "img" not in names
    assert names.count("b") == 3  # the three headline counts; the payload's <b> is text
    assert names.count("svg") == 2  # only the two charts; the payload's <svg> is text
    assert not [a for _, attrs in page.tags for a in attrs if a.startswith("on")]
    text = "".join(page.text)
    # Shown as text everywhere: title, heading, meta, cards, table, history, errors, bar label.
    assert text.count(payload) >= 12, text.count(payload)
    assert "{{" not in payload or payload in text  # not evaluated as a template


def test_history_sections_and_trends(
    make_scored: Callable[..., Any], make_report: Callable[..., Report]
) -> None:
    report = make_report(
        [
            make_scored("Knitwear", id="k", decision="engage"),
            make_scored("#Aurora", id="a", decision="never"),
            make_scored("Cup final", id="c", decision="skip"),
        ]
    )
    since = dt.datetime(2026, 11, 19, 7, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    history = History(
        previous_run=dt.datetime(2026, 11, 21, 7, 30, tzinfo=dt.timezone(dt.timedelta(hours=1))),
        new_engage=(TopicChange("Knitwear", "k", Decision.ENGAGE, Decision.SKIP),),
        turned_never=(TopicChange("#Aurora", "a", Decision.NEVER, Decision.ENGAGE),),
        gone=(TopicChange("Old news", "d", None, Decision.SKIP),),
        trends=(
            TopicTrend("k", "Knitwear", since, 3),
            TopicTrend("a", "#Aurora", report.generated_at, 1),
            TopicTrend("c", "Cup final", since, 2),
        ),
    )
    page = _parse(render(dataclasses.replace(report, history=history)))
    assert page.headings[0] == "New since the previous run (2026-11-21 07:30 +01:00)"
    text = " ".join(" ".join(page.text).split())
    assert "New engage opportunities (1) Knitwear (was skip)" in text
    assert "Turned never (1) #Aurora (was engage)" in text
    assert "Gone since then (1) Old news (was skip)" in text
    assert "trending for 3 runs, since 2026-11-19 07:30 +01:00" in text
    assert "trending for 2 runs, since 2026-11-19 07:30 +01:00" in text  # the skip table
    assert "#Aurora relevance 0.00 · sensitivity 0.00 new" in text


def test_first_recorded_run(make_report: Callable[..., Report]) -> None:
    report = dataclasses.replace(make_report([]), history=History(previous_run=None))
    page = _parse(render(report))
    assert page.headings[0] == "What changed"
    assert "First recorded run for this brand" in "".join(page.text)


def test_long_context_is_clipped(
    make_scored: Callable[..., Any], make_report: Callable[..., Report]
) -> None:
    context = "word " * 200
    html = render(make_report([make_scored("Long", decision="engage", context=context)]))
    clipped = re.search(r'<p class="context">(.*?)</p>', html)
    assert clipped is not None
    assert clipped.group(1).endswith("word…")
    assert len(clipped.group(1)) <= 280


def test_brand_stories_come_first_in_their_own_section(story_report: Report) -> None:
    html = render(story_report, top=3)
    page = _parse(html)
    assert page.headings.index("The brand in the news (4)") < page.headings.index(
        "Engage opportunities (2)"
    )
    section = html[html.index('id="brand-stories"') : html.index('id="charts"')]
    assert section.index("#AcmeRecall") < section.index("#Acme<") < section.index("Snackco")
    # A story listed further down links to it; one below top does not.
    assert '<a href="#topic-3">3</a>' in section
    assert 'href="#topic-5"' not in section and '<td class="num">5</td>' in section
    assert '<span class="tag never">never</span>' in section
    assert "listen first (Acme in the topic&#39;s name)" in section


@pytest.mark.parametrize("payload", ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"])
def test_the_story_section_escapes_feed_text(
    payload: str, make_story_report: Callable[[str], Report]
) -> None:
    html = render(make_story_report(payload))
    section = html[html.index('id="brand-stories"') : html.index('id="charts"')]
    names = [tag for tag, _ in _parse(section).tags]
    assert "script" not in names and "img" not in names


def test_long_sections_fold_and_the_page_opens_on_a_summary(
    make_scored: Callable[..., Any], make_report: Callable[..., Report]
) -> None:
    from rtm_score.formatters.html import OPEN_CARDS, OPEN_ROWS

    topics = [make_scored(f"#Engage{i}", decision="engage", id=f"e{i}") for i in range(30)]
    topics += [make_scored(f"#Skip{i}", decision="skip", id=f"s{i}") for i in range(OPEN_ROWS + 7)]
    topics += [make_scored("#Never", decision="never", id="n")]
    html = render(make_report(topics))
    nav = html[html.index('<nav class="toc"') : html.index("</nav>")]
    assert re.findall(r'href="#([\w-]+)"', nav) == [
        "charts",
        "engage",
        "never",
        "skip",
    ]
    assert "Engage (30)" in nav and "Skip (107)" in nav
    engage = html[html.index('<h2 id="engage">') : html.index('<h2 id="never">')]
    open_part, _, folded = engage.partition('<details class="more">')
    assert open_part.count("<article") == OPEN_CARDS
    assert folded.count("<article") == 30 - OPEN_CARDS
    assert f"<summary>5 more engage topics (ranks {OPEN_CARDS + 1} to 30)</summary>" in folded
    skip = html[html.index('<h2 id="skip">') :]
    open_rows, _, folded_rows = skip.partition('<details class="more">')
    assert open_rows.count('<tr id="topic-') == OPEN_ROWS
    assert folded_rows.count('<tr id="topic-') == 7
    never = html[html.index('<h2 id="never">') : html.index('<h2 id="skip">')]
    assert "<details" not in never  # a short section is all open


def test_skip_reasons_are_kept_for_phones(
    make_scored: Callable[..., Any], make_report: Callable[..., Report]
) -> None:
    scored = make_scored("#Rain", decision="skip", reasons=[("policy.skip", "not relevant")])
    html = render(make_report([scored]))
    assert '<div class="narrow-only why">not relevant</div>' in html
    assert ".narrow-only { display: block; }" in html  # shown where the column is hidden


def test_momentum_and_what_would_change_it(
    make_scored: Callable[..., Any], make_report: Callable[..., Report]
) -> None:
    what_if = ("policy.what-if", "what would change it: engage at relevance 0.30 (now 0.12)")
    report = make_report(
        [
            make_scored("Knitwear", id="k", decision="engage", relevance=0.6),
            make_scored("Cup final", id="c", decision="skip", reasons=[what_if]),
            make_scored("Old song", id="o", decision="skip"),
        ]
    )
    since = dt.datetime(2026, 11, 19, 7, 30, tzinfo=dt.UTC)
    history = History(
        previous_run=since,
        trends=(
            TopicTrend("k", "Knitwear", since, 3, "rising", 0.5),
            TopicTrend("c", "Cup final", since, 3, "peaking", 0.02),
            TopicTrend("o", "Old song", since, 3, "fading", -0.4),
        ),
    )
    text = " ".join(
        " ".join(_parse(render(dataclasses.replace(report, history=history))).text).split()
    )
    assert "trending for 3 runs, since 2026-11-19 07:30 UTC; rising (+50% volume)" in text
    assert "peaking (+2% volume)" in text
    assert "fading (-40% volume)" in text
    assert "what would change it: engage at relevance 0.30 (now 0.12)" in text


def test_a_category_filter_without_a_script(
    make_scored: Callable[..., Any], make_report: Callable[..., Report]
) -> None:
    hostile = "x{} </style><b>"  # a team's own rule file may name a category anything
    report = make_report(
        [
            make_scored("Knitwear", id="k", decision="engage"),
            make_scored("#Aurora", id="a", decision="never", categories=["death-injury"]),
            make_scored("Quake", id="q", decision="never", categories=["disaster", "death-injury"]),
            make_scored("Odd", id="o", decision="skip", categories=[hostile]),
            make_scored("Meta", id="m", decision="skip", categories=["all", "none"]),
        ]
    )
    html = render(report)
    page = _parse(html)
    radios = [a["id"] for tag, a in page.tags if tag == "input"]
    assert radios == [
        "f-all",
        "f-c-death-injury",
        "f-c-all",  # a category called "all" or "none" does not take a fixed choice's place
        "f-c-disaster",
        "f-c-none",
        "f-c-x-style-b",
        "f-none",
    ]
    assert len(set(radios)) == len(radios)
    text = " ".join(" ".join(page.text).split())
    assert (
        "death-injury (2) all (1) disaster (1) none (1) x{} </style><b> (1) no category (1)" in text
    )
    classes = {a.get("id"): a.get("class") for tag, a in page.tags if tag in ("article", "tr")}
    assert classes["topic-2"] == "topic never c-death-injury"  # ranks follow the list given
    assert set(str(classes["topic-3"]).split()) == {
        "topic",
        "never",
        "c-disaster",
        "c-death-injury",
    }
    assert "c-x-style-b" in str(classes["topic-4"]) and "row" in str(classes["topic-4"])
    assert classes["topic-1"] == "topic engage no-category"
    # The rule that hides the other topics, one per choice; the hostile name only as a slug.
    assert "body:has(#f-c-disaster:checked) :is(.topic, tr.row):not(.c-disaster)" in html
    assert "body:has(#f-none:checked) :is(.topic, tr.row):not(.no-category)" in html
    assert "</style><b>" not in html


def test_no_filter_when_no_topic_has_a_category(
    make_scored: Callable[..., Any], make_report: Callable[..., Report]
) -> None:
    html = render(make_report([make_scored("Knitwear", decision="engage")]))
    assert "<fieldset" not in html and ":checked)" not in html
