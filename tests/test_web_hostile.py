"""Hostile article text in the real browser: <script>, <img onerror=...>, <svg onload=...> and
javascript: links in the sentence, the actors, the place, the title and the URL render as
inert text, served by warmonitor's own API with its own Content-Security-Policy, which also
blocks any inline script. Real Chromium (Playwright) over a real uvicorn on loopback."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from live_server import serve_app

from warmonitor.models import Article, DateSpan, Entity, Event, Place

SCRIPT = "<script>window.__xss = 1</script>"
IMG = '<img src=x onerror="window.__xss = 2">'
LINK = '<a href="javascript:window.__xss = 3">read more</a>'
SVG = "<svg onload=\"window.__xss = 4\"></svg>"
SENTENCE = f"Militants {SCRIPT} shelled {IMG} the town of Saraqeb, {LINK} officials said."
ARTICLE = Article("hostile", SENTENCE, date(2020, 2, 6), f"Wire {SVG}", "javascript:window.__xss = 5",
                  f"Shelling {SCRIPT}{IMG}")
EVENT = Event(
    event="ASSAULT", mode="heavy-weapons", event_text="shelled",
    actor=(Entity(f"Militants {IMG}", f"Group {SVG}", "SYR", "REB"),),
    recipient=(Entity(LINK, None, "SYR", "CVL"),),
    date=DateSpan(date(2020, 2, 5), None, "day", f"on {SCRIPT}"),
    event_loc=Place(f"Saraqeb {IMG}", f"Saraqib {SVG}", 169304, "SY", f"Idlib {SCRIPT}", 35.864, 36.806, "point"),
    dead=4, text=SENTENCE, attribution=(f"witnesses {IMG}",), article=ARTICLE, confidence=0.8,
).with_stable_id()


class OneHostileEvent:
    def extract_article(self, article: Article) -> list[Event]:
        return [EVENT]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from warmonitor.api import create_app
    from warmonitor.config import Settings
    from warmonitor.store import Store, ingest_article

    url = f"sqlite:///{tmp_path_factory.mktemp('hostile-web') / 'web.db'}"
    store = Store.open(url)
    assert ingest_article(store, ARTICLE, OneHostileEvent()).status == "ok"
    app = create_app(Settings(database_url=url), store=store, protect_reads=False)
    yield from serve_app(app, timeout_graceful_shutdown=2)
    store.close()



@pytest.fixture()
def page(server: str, browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    tab = context.new_page()
    tab.violations, tab.errors, tab.dialogs = [], [], []
    tab.on("console", lambda msg: tab.violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
    response = tab.goto(server + "/")
    tab.csp = response.headers.get("content-security-policy", "")
    tab.wait_for_selector(".event-item")
    yield tab
    context.close()


DANGEROUS = "script, img:not(.leaflet-tile):not(.leaflet-marker-icon), svg:not(#timeline):not(#timeline *), a[href^='javascript']"


def test_hostile_text_renders_as_inert_text(page: Any) -> None:
    item = page.locator(".event-item").first
    assert SVG in item.text_content() and LINK in item.text_content()
    item.locator("button").click()
    card = page.locator("#card")
    card.wait_for(state="visible")
    text = card.text_content()
    for shown in (SCRIPT, IMG, SVG, "Militants", "witnesses"):
        assert shown in text, f"{shown!r} is not shown as text"
    assert card.locator(".sentence").text_content() == SENTENCE
    assert card.locator(DANGEROUS).count() == 0 and page.locator(f"#event-list :is({DANGEROUS})").count() == 0
    title = card.locator(".source-title")
    assert title.text_content() == ARTICLE.title
    assert title.evaluate("node => node.tagName") == "SPAN"  # a javascript: URL gives no link
    title.click()
    page.wait_for_timeout(200)
    assert page.evaluate("window.__xss") is None and page.dialogs == [] and page.errors == []


def test_the_api_sends_a_policy_that_blocks_inline_script(page: Any) -> None:
    assert "script-src 'self'" in page.csp and "'unsafe-inline'" not in page.csp.split("script-src")[1].split(";")[0]
    ran = page.evaluate("""() => {
        const script = document.createElement('script');
        script.textContent = 'window.__inline = 1';
        document.body.appendChild(script);
        const img = document.createElement('img');
        img.setAttribute('onerror', 'window.__inline = 2');
        img.src = 'data:,broken';
        document.body.appendChild(img);
        return new Promise((resolve) => setTimeout(() => resolve(window.__inline ?? null), 300));
    }""")
    assert ran is None, "an inline script ran despite the policy"
    assert page.violations, "the browser reported no CSP violation"
