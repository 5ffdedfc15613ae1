"""The HTML report in a real headless browser (Debian's chromium): it renders, nothing runs.

The browser is driven over the DevTools protocol on a pipe (``--remote-debugging-pipe``), with
no network and no extra Python packages. Evaluations made through DevTools are not subject to
the page's Content-Security-Policy, so they can inspect the page while its own scripts cannot
run. A control test first proves that the same payloads *do* run when a page is not escaped,
so "nothing ran" means something.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import fcntl
import json
import os
import re
import select
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from rtm_score.atomic import write_atomic
from rtm_score.formatters.html import render
from rtm_score.models import Decision, History, Report, TopicChange, TopicTrend

CHROMIUM = Path("/usr/bin/chromium")

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="needs Debian's chromium at /usr/bin/chromium (apt-get install -y chromium)",
)

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--remote-debugging-pipe",
)

TIMEOUT_S = 60.0

# Each payload leaves a different trace if it ever runs.
PAYLOADS = (
    "<script>window.__pwned = 'script'; document.title = 'pwned'</script>",
    "<img src=x onerror=\"document.body.setAttribute('data-pwned', 'img')\">",
    "<svg onload=\"window.__pwned = 'svg'\"></svg>",
    '"><iframe srcdoc="<script>parent.__pwned=\'iframe\'</script>"></iframe>',
)

PROBE = """JSON.stringify({
  title: document.title,
  pwned: window.__pwned || null,
  pwnedAttr: document.body.getAttribute('data-pwned'),
  scripts: document.querySelectorAll('script').length,
  images: document.querySelectorAll('img').length,
  iframes: document.querySelectorAll('iframe').length,
  text: document.body.innerText,
})"""

CHART_PROBE = """(() => {
  const svg = document.querySelector('svg.chart');
  const box = svg.getBoundingClientRect();
  const marks = {};
  const inside = [];
  for (const d of ['engage', 'skip', 'never']) {
    const uses = [...document.querySelectorAll(`g#rtm-points-${d} use`)];
    marks[d] = uses.length;
    for (const u of uses) {
      const r = u.getBoundingClientRect();
      inside.push(r.width > 0 && r.height > 0 && r.left >= box.left && r.right <= box.right
                  && r.top >= box.top && r.bottom <= box.bottom);
    }
  }
  return JSON.stringify({width: box.width, height: box.height, marks, inside,
                         charts: document.querySelectorAll('svg.chart').length});
})()"""


class Browser:
    """A minimal DevTools-protocol client over chromium's debugging pipe (fds 3 and 4)."""

    def __init__(self, profile: Path) -> None:
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()
        # Chromium talks DevTools on fds 3 (in) and 4 (out). Move the child's ends out of the
        # way first so that wiring one to 3 cannot clobber the other.
        child_in = fcntl.fcntl(to_chrome_r, fcntl.F_DUPFD_CLOEXEC, 10)
        child_out = fcntl.fcntl(from_chrome_w, fcntl.F_DUPFD_CLOEXEC, 10)
        os.close(to_chrome_r)
        os.close(from_chrome_w)

        def wire() -> None:  # runs in the child, before exec; dup2 clears close-on-exec
            os.dup2(child_in, 3)
            os.dup2(child_out, 4)

        try:
            self._proc = subprocess.Popen(
                [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}"],
                preexec_fn=wire,
                close_fds=False,  # everything else Python opened is close-on-exec anyway
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        finally:
            os.close(child_in)
            os.close(child_out)
        self._buffer = b""
        self._next_id = 0

    def send(self, method: str, params: dict[str, Any] | None = None, session: str = "") -> int:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_chrome, json.dumps(message).encode() + b"\0")
        return self._next_id

    def wait(self, *, reply: int | None = None, event: str = "") -> dict[str, Any]:
        """The result of command ``reply``, or the params of the next ``event``."""
        deadline = time.monotonic() + TIMEOUT_S
        while True:
            while b"\0" in self._buffer:
                raw, _, self._buffer = self._buffer.partition(b"\0")
                message = json.loads(raw)
                if event and message.get("method") == event:
                    return dict(message.get("params", {}))
                if reply is not None and message.get("id") == reply:
                    if "error" in message:
                        raise RuntimeError(f"DevTools error: {message['error']}")
                    return dict(message["result"])
            ready, _, _ = select.select([self._from_chrome], [], [], deadline - time.monotonic())
            if not ready:
                raise TimeoutError("chromium did not answer in time")
            chunk = os.read(self._from_chrome, 1 << 16)
            if not chunk:
                raise EOFError("chromium closed the DevTools pipe")
            self._buffer += chunk

    def call(self, method: str, params: dict[str, Any] | None = None, session: str = "") -> Any:
        return self.wait(reply=self.send(method, params, session))

    def open(self, url: str, *, width: int = 1024) -> str:
        """A new tab showing ``url`` (loaded), ``width`` CSS pixels wide; returns its session."""
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})
        sid = str(session["sessionId"])
        self.call("Page.enable", session=sid)
        self.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": 800, "deviceScaleFactor": 1, "mobile": width < 600},
            session=sid,
        )
        self.send("Page.navigate", {"url": url}, session=sid)
        self.wait(event="Page.loadEventFired")
        return sid

    def evaluate(self, session: str, expression: str) -> Any:
        result = self.call(
            "Runtime.evaluate", {"expression": expression, "returnByValue": True}, session
        )
        return json.loads(result["result"]["value"])

    def close(self) -> None:
        try:
            self.send("Browser.close")
            self._proc.wait(timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            self._proc.kill()
            self._proc.wait()
        finally:
            os.close(self._to_chrome)
            os.close(self._from_chrome)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    b = Browser(tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield b
    finally:
        b.close()


def _hostile_report(
    make_scored: Callable[..., Any], make_report: Callable[..., Report]
) -> tuple[Report, dict[str, int]]:
    topics = [
        make_scored(
            payload,
            id=f"{decision.value}-{i}",
            decision=decision,
            relevance=(i + 1) / 5,
            sensitivity={"engage": 0.05, "skip": 0.4, "never": 0.9}[decision.value],
            context=payload,
            categories=[payload] if decision is Decision.NEVER else [],
            reasons=[("policy", payload, payload)],
        )
        for i, payload in enumerate(PAYLOADS)
        for decision in Decision
    ]
    report = make_report(topics, brand=PAYLOADS[0], feed=PAYLOADS[1], errors=[(9, PAYLOADS[2])])
    history = History(
        previous_run=report.generated_at - dt.timedelta(days=1),
        new_engage=(TopicChange(PAYLOADS[0], "engage-0", Decision.ENGAGE, None),),
        turned_never=(TopicChange(PAYLOADS[1], "never-1", Decision.NEVER, Decision.ENGAGE),),
        gone=(TopicChange(PAYLOADS[3], "gone", None, Decision.SKIP),),
        trends=tuple(TopicTrend(t.topic.id, t.topic.name, report.generated_at, 1) for t in topics),
    )
    expected = {d.value: len(PAYLOADS) for d in Decision}
    return dataclasses.replace(report, history=history), expected


def test_control_unescaped_payloads_do_run(browser: Browser, tmp_path: Path) -> None:
    page = tmp_path / "control.html"
    page.write_text(f"<!DOCTYPE html><title>ok</title><body>{''.join(PAYLOADS)}</body>")
    state = browser.evaluate(browser.open(page.as_uri()), PROBE)
    # Proves the probe sees execution: the same payloads, not escaped, leave their traces.
    assert state["title"] == "pwned"
    assert state["pwnedAttr"] == "img"
    assert state["pwned"] in {"script", "svg", "iframe"}


@pytest.mark.parametrize("with_csp", [True, False], ids=["as-shipped", "without-csp"])
def test_report_renders_one_mark_per_topic_and_runs_nothing(
    browser: Browser,
    tmp_path: Path,
    make_scored: Callable[..., Any],
    make_report: Callable[..., Report],
    with_csp: bool,
) -> None:
    report, expected = _hostile_report(make_scored, make_report)
    html = render(report)
    if not with_csp:
        # Escaping alone must hold; the policy is a second line of defence, not the first.
        html, removed = re.subn(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
        assert removed == 1
    page = tmp_path / "report.html"
    write_atomic(page, html)
    session = browser.open(page.as_uri())

    state = browser.evaluate(session, PROBE)
    assert state["pwned"] is None
    assert state["pwnedAttr"] is None
    assert state["title"].startswith(f"Trend report: {PAYLOADS[0]}")  # shown as text
    assert (state["scripts"], state["images"], state["iframes"]) == (0, 0, 0)
    for payload in PAYLOADS:
        assert payload in state["text"]

    chart = browser.evaluate(session, CHART_PROBE)
    assert chart["charts"] == 2
    assert chart["width"] > 200 and chart["height"] > 100
    assert chart["marks"] == expected
    assert len(chart["inside"]) == sum(expected.values()) and all(chart["inside"])


def test_report_fits_a_phone_screen(
    browser: Browser,
    tmp_path: Path,
    make_scored: Callable[..., Any],
    make_report: Callable[..., Report],
) -> None:
    report, _ = _hostile_report(make_scored, make_report)
    page = tmp_path / "phone.html"
    write_atomic(page, render(report))
    session = browser.open(page.as_uri(), width=390)
    size = browser.evaluate(
        session,
        "JSON.stringify({page: document.documentElement.scrollWidth,"
        " chart: document.querySelector('svg.chart').getBoundingClientRect().width})",
    )
    assert size["page"] <= 390  # no sideways scrolling of the page itself
    assert 300 <= size["chart"] <= 390


WORDS_PROBE = """(() => {
  // Words of topic names broken across lines: a Range over one word with more than one box.
  let broken = [];
  const cells = document.querySelectorAll('td:nth-child(2), .topic h3');
  for (const cell of cells) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest('.why')) continue;
      const re = /\\S+/g;
      let m;
      while ((m = re.exec(node.data)) !== null) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        if (lines.size > 1) broken.push(m[0]);
      }
    }
  }
  const why = [...document.querySelectorAll('#skip ~ .scroll .why')];
  const seen = (sel) => [...document.querySelectorAll(sel)].filter(e => e.checkVisibility());
  return JSON.stringify({
    broken: broken.slice(0, 10),
    page: document.documentElement.scrollWidth,
    height: document.documentElement.scrollHeight,
    cardsOpen: seen('article.topic').length,
    rowsOpen: seen('tr[id^=topic-]').length,
    whyShown: why.filter(w => w.checkVisibility()).length,
    nav: document.querySelectorAll('nav.toc a').length,
  });
})()"""


def _big_report(make_scored: Callable[..., Any], make_report: Callable[..., Report]) -> Report:
    """5,000 topics named like real trends (one long hashtag word each among plain words)."""
    words = ("Stadium", "Finals", "Weekend", "Launch", "Festival", "Halftime", "Playoffs")
    topics = []
    for i in range(5000):
        decision = (Decision.ENGAGE, Decision.SKIP, Decision.SKIP, Decision.NEVER)[i % 4]
        name = f"#Snack{words[i % 7]}{words[(i // 7) % 7]}{i} and the {words[(i // 3) % 7]} day"
        topics.append(
            make_scored(
                name,
                id=f"t{i}",
                decision=decision,
                relevance=(i % 97) / 97,
                sensitivity=(i % 89) / 89,
                context=f"People talk about {name} on a busy day of sports and snacks.",
                reasons=[("policy.skip", f"not relevant enough to the brand ({i})")],
            )
        )
    return make_report(topics)


@pytest.mark.parametrize("width", [1280, 390])
def test_a_5000_topic_report_opens_on_a_summary_and_reads_at_any_width(
    browser: Browser,
    tmp_path: Path,
    make_scored: Callable[..., Any],
    make_report: Callable[..., Report],
    width: int,
) -> None:
    from rtm_score.formatters.html import OPEN_CARDS, OPEN_ROWS

    page = tmp_path / f"big-{width}.html"
    write_atomic(page, render(_big_report(make_scored, make_report)))
    session = browser.open(page.as_uri(), width=width)
    state = browser.evaluate(session, WORDS_PROBE)
    assert state["broken"] == []  # names wrap between words, never inside one
    assert state["page"] <= width  # no sideways scrolling of the page
    assert state["nav"] == 4  # at a glance, engage, never, skip
    # Long sections are folded: two sections of open cards and the first skip rows.
    assert state["cardsOpen"] == 2 * OPEN_CARDS
    assert state["rowsOpen"] == OPEN_ROWS
    assert state["height"] < 40 * 800, state["height"]  # under 40 screens, not 78 pages
    # On a phone the reasons column is hidden and each skip row carries its reasons instead.
    assert state["whyShown"] == (OPEN_ROWS if width < 600 else 0)
    shot = browser.call("Page.captureScreenshot", {"format": "png"}, session)
    png = __import__("base64").b64decode(shot["data"])
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10_000


FILTER_PROBE = """(choice => {
  document.getElementById(choice).click();
  const shown = [...document.querySelectorAll('.topic, tr.row')]
    .filter(el => getComputedStyle(el).display !== 'none').map(el => el.id);
  return JSON.stringify({shown, scripts: document.querySelectorAll('script').length});
})"""


def test_the_category_filter_works_with_no_script_running(
    browser: Browser,
    tmp_path: Path,
    make_scored: Callable[..., Any],
    make_report: Callable[..., Report],
) -> None:
    report = make_report(
        [
            make_scored("Knitwear", id="k", decision="engage"),
            make_scored("#Aurora", id="a", decision="never", categories=["death-injury"]),
            make_scored("Quake", id="q", decision="never", categories=["disaster", "death-injury"]),
            make_scored("Cup final", id="c", decision="skip", categories=["politics-social"]),
        ]
    )
    page = tmp_path / "filter.html"
    write_atomic(page, render(report))
    session = browser.open(page.as_uri())

    def shown(choice: str) -> list[str]:
        state = browser.evaluate(session, f"{FILTER_PROBE}({json.dumps(choice)})")
        assert state["scripts"] == 0  # the page's own CSS does the filtering
        return list(state["shown"])

    everything = ["topic-1", "topic-2", "topic-3", "topic-4"]
    assert sorted(shown("f-all")) == everything
    assert sorted(shown("f-c-death-injury")) == ["topic-2", "topic-3"]
    assert shown("f-c-disaster") == ["topic-3"]
    assert shown("f-c-politics-social") == ["topic-4"]  # a row of the skip table
    assert shown("f-none") == ["topic-1"]
    assert sorted(shown("f-all")) == everything
