"""End to end in a real headless Chromium (the Debian package; nothing downloads a
browser) against `warta serve` on loopback: open the latest news, click through to an
article, see the highlights, toggle the residue, follow an entity and read its feed.
Screenshots of the main pages go to artifacts/screenshots/ (not committed)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import feedparser
import pytest

from conftest import REPO

pytestmark = pytest.mark.slow
CHROMIUM = os.environ.get("WARTA_CHROMIUM", "/usr/bin/chromium")
SHOTS = REPO / "artifacts" / "screenshots"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(served_db, tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium chromium-driver)")
    db = tmp_path_factory.mktemp("browser") / "warta.db"
    shutil.copy(served_db, db)
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "WARTA_API_TOKEN"}
    proc = subprocess.Popen([str(Path(sys.executable).parent / "warta"), "serve", "--db", str(db), "--port", str(port)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(base + "/api/articles?limit=1", timeout=2)
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError("warta serve did not start: " + (proc.stdout.read() if proc.stdout else ""))
            time.sleep(0.3)
    yield base
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="module")
def browser(server):
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


def test_read_an_article_toggle_residue_follow_and_read_the_feed(server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="id-ID")
    page.set_default_timeout(120_000)  # a shared CI machine; the first entity page loads the NLP pipeline
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    page.goto(server + "/")
    assert page.locator("h1").first.inner_text().startswith("Cerita terbaru")
    assert page.locator("svg.coverage").count() >= 1  # per-outlet coverage bars
    page.screenshot(path=str(SHOTS / "home.png"), full_page=True)

    # Open a story, then click through to its article (the detik seed has page residue).
    page.locator(".stories a.item-title", has_text="Pejabat AS dan Israel").click()
    page.wait_for_url("**/stories/**")
    page.locator(".outlet-col a.item-title").first.click()
    page.wait_for_url("**/articles/**")
    assert page.locator(".body .ent").count() > 5          # entities highlighted
    assert page.locator(".body .quote").count() > 0        # quotes
    assert page.locator(".body .fig, .body .date").count() > 0
    residue = page.locator(".body .residue").first
    assert residue.count() == 1 and not residue.is_visible()  # removed residue hidden ...
    page.screenshot(path=str(SHOTS / "article.png"), full_page=True)
    page.locator("#show-residue").check()
    assert residue.is_visible()                             # ... and shown in place on toggle
    page.screenshot(path=str(SHOTS / "article-residue.png"), full_page=True)
    page.locator("#layer-ent").uncheck()                    # a layer switched off
    background = page.locator(".body .ent").first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background in ("rgba(0, 0, 0, 0)", "transparent")

    # Follow an entity from its page, then read its feed.
    page.locator("#layer-ent").check()
    page.locator(".panels a.ent", has_text="Rafah").first.click()
    page.wait_for_url("**/entities/**")
    assert page.locator("#mentions-chart rect").count() >= 1
    page.screenshot(path=str(SHOTS / "entity.png"), full_page=True)
    page.locator("form.follow button").click()
    page.wait_for_url("**/watchlists")
    assert "Rafah" in page.locator(".watchlist h2").first.inner_text()
    page.screenshot(path=str(SHOTS / "watchlists.png"), full_page=True)
    feed_url = page.locator(".watchlist a", has_text="Atom").first.get_attribute("href")
    feed = feedparser.parse(urllib.request.urlopen(server + feed_url, timeout=10).read())
    assert not feed.bozo and feed.entries
    assert all(e.link.startswith(server + "/articles/") for e in feed.entries)
    page.goto(feed.entries[0].link)
    assert page.locator(".body").count() == 1

    import json

    stories = json.loads(urllib.request.urlopen(server + "/api/stories?limit=200", timeout=30).read())["results"]
    widest = max(stories, key=lambda s: (len(s["outlets"]), s["articles"]))
    page.goto(server + "/stories/" + widest["id"])
    assert page.locator(".outlet-col").count() == len(widest["outlets"])  # outlets side by side
    page.screenshot(path=str(SHOTS / "story.png"), full_page=True)

    page.goto(server + "/outlets/IslamTimes")
    assert page.locator(".interval").count() >= 3  # rates with their intervals
    page.screenshot(path=str(SHOTS / "outlet.png"), full_page=True)

    page.goto(server + "/search?q=Gaza")
    assert page.locator("ol.items li").count() >= 1 and page.locator(".facets li").count() >= 2
    page.screenshot(path=str(SHOTS / "search.png"), full_page=True)
    page.goto(server + "/figures")
    assert page.locator("#figures-chart circle").count() >= 1
    page.screenshot(path=str(SHOTS / "figures.png"), full_page=True)
    assert not [e for e in errors if "Content Security Policy" in e], errors  # nothing blocked
    page.close()


def test_readable_on_a_phone(server, browser):
    page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    page.goto(server + "/search?q=Gaza")
    page.locator("a.item-title").first.click()
    page.wait_for_url("**/articles/**")
    # one column: nothing wider than the screen
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(SHOTS / "article-phone.png"), full_page=False)
    page.close()
