"""End to end in headless Chromium (Debian's /usr/bin/chromium, never a downloaded browser):
load the chat, ask, see the streamed progress, a verdict card and numbered sources, open a
source (passage highlighted and scrolled to), send feedback and find it in the store, use
the "Vérifier une offre" and "Documents" tabs, and check that the page made no request to
a host other than loopback. Screenshots go to test-artifacts/; with
HDS_WRITE_DOCS_SCREENSHOT=1 the answer view is also written to docs/screenshot-chat.png.
"""
from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from support.servers import ChatServer

from assistant.channels.feedback import SqliteFeedbackStore
from assistant.config import REPO_ROOT
from ingest.documents import documents_by_id

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = REPO_ROOT / "test-artifacts"
QUESTION = "Microsoft Azure peut-il héberger les données de santé du Health Data Hub ?"
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
GROW_CHAT = "#hds-chat, #hds-chat .bubble-wrap { height: auto !important; max-height: none !important; }"
# Records whether the streamed progress line was ever shown, however short-lived.
SEEN_PROGRESS = """
window.__hdsSawProgress = false;
new MutationObserver(() => {
  if (document.querySelector('.hds-progress')) window.__hdsSawProgress = true;
}).observe(document, {subtree: true, childList: true});
"""


@pytest.fixture(scope="module")
def server(data_dir_ingested, corpus_dir, tmp_path_factory):
    base = tmp_path_factory.mktemp("web-browser")
    srv = ChatServer(data_dir_ingested, corpus_dir, base / "feedback.sqlite3", base / "server.log").start()
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/system-deps.sh (Debian package chromium).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def test_ask_cite_open_source_and_give_feedback(server, browser, corpus_dir):
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 1500}, locale="fr-FR")
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    page.add_init_script(SEEN_PROGRESS)
    page.goto(server.url + "/")

    page.fill("#hds-as-of input, #hds-as-of textarea", "2021-09-28")
    page.fill("#hds-question textarea", QUESTION)
    page.click("#hds-send")
    card = page.wait_for_selector("#hds-chat .hds-verdict", timeout=120_000)
    assert page.evaluate("window.__hdsSawProgress"), "the answer is streamed: a progress line comes first"
    assert "hds-verdict--ko" in card.get_attribute("class") and "Non conforme" in card.inner_text()  # rules.md case 2
    answer = page.locator("#hds-chat .hds-answer").last
    assert answer.locator(".hds-short").inner_text().strip()
    assert "2021-09-28" in answer.locator(".hds-footer").inner_text()
    assert "pas un avis juridique" in answer.locator(".hds-footer").inner_text()
    sources = answer.locator(".hds-sources li")
    assert sources.count() >= 1
    page.screenshot(path=str(ARTIFACTS / "chat-page.png"), full_page=True)
    grown = page.add_style_tag(content=GROW_CHAT)  # the whole conversation in one picture
    page.locator("#hds-chat").screenshot(path=str(ARTIFACTS / "chat-answer.png"))
    if os.environ.get("HDS_WRITE_DOCS_SCREENSHOT") == "1":
        page.locator("#hds-chat").screenshot(path=str(REPO_ROOT / "docs" / "screenshot-chat.png"))
    grown.evaluate("e => e.remove()")
    answer.locator("details.hds-trace summary").first.click()
    assert answer.locator("details.hds-trace table").first.is_visible()

    quote = sources.first.locator("blockquote").inner_text()
    with context.expect_page() as opened:
        sources.first.locator("a.hds-source").click()
    source_page = opened.value
    source_page.wait_for_load_state()
    mark = source_page.locator("mark#passage")
    assert " ".join(mark.inner_text().split()) == " ".join(quote.split())
    box = mark.bounding_box()
    assert box is not None and 0 <= box["y"] < source_page.viewport_size["height"], "scrolled to the passage"
    href = sources.first.locator("a.hds-source").get_attribute("href")
    query = dict(p.split("=") for p in urlsplit(href).query.split("&"))
    doc = documents_by_id(corpus_dir)[urlsplit(href).path.rsplit("/", 1)[-1]]
    assert mark.inner_text() == doc.text[int(query["start"]):int(query["end"])]
    source_page.screenshot(path=str(ARTIFACTS / "source-page.png"))
    source_page.close()

    page.locator("#hds-chat button[aria-label=\"J'aime\"]").last.click()  # the chat's own thumbs up
    page.wait_for_selector("#hds-feedback-status:has-text('Merci')", timeout=30_000)
    with SqliteFeedbackStore(server.feedback_path) as store:
        assert [(r.question, r.rating, r.comment) for r in store.all()] == [(QUESTION, 1, None)]

    page.fill("#hds-comment textarea", "Réponse claire, il manque la date de la note DINUM.")
    page.click("#hds-down")
    # Once stored, the comment box is emptied (it keeps the text when storing fails).
    page.wait_for_function("document.querySelector('#hds-comment textarea').value === ''", timeout=30_000)
    with SqliteFeedbackStore(server.feedback_path) as store:
        records = [r for r in store.all() if r.question == QUESTION]
    assert records, "the feedback is in the store"
    assert records[-1].rating == -1
    assert records[-1].comment == "Réponse claire, il manque la date de la note DINUM."
    assert records[-1].verdict["verdict"] == "not_eligible" and records[-1].citations

    page.get_by_role("tab", name="Vérifier une offre").click()
    page.fill("#hds-provider input, #hds-provider textarea", "OVHcloud")
    page.fill("#hds-offer input, #hds-offer textarea", "Hosted Private Cloud")
    page.fill("#hds-check-date input, #hds-check-date textarea", "2021-09-28")
    page.click("#hds-check")
    ok = page.wait_for_selector("#hds-check-result .hds-verdict", timeout=60_000)
    assert "hds-verdict--ok" in ok.get_attribute("class") and "Conforme" in ok.inner_text()  # rules.md case 1

    page.get_by_role("tab", name="Documents").click()
    rows = page.locator("#hds-documents tbody tr")
    rows.first.wait_for(timeout=30_000)
    assert rows.count() == len(documents_by_id(corpus_dir))
    page.screenshot(path=str(ARTIFACTS / "documents.png"), full_page=True)

    foreign = sorted({urlsplit(u).hostname for u in requests
                      if urlsplit(u).scheme in ("http", "https", "ws", "wss")} - LOOPBACK)
    assert not foreign, f"the page contacted non-loopback hosts: {foreign}"
    assert any(u.startswith(server.url) for u in requests)
    context.close()
