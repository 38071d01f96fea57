"""End to end in headless Chromium (Debian's /usr/bin/chromium, never a downloaded browser),
at desktop width and at 390 px (a phone): load the chat, ask, see the streamed progress, a
verdict card with its reason and numbered sources, open a source (passage highlighted and
scrolled to), send feedback and find it in the store, use the "Vérifier une offre", "Auditer
un texte" (agrees / contradicts / cannot decide) and "Documents" tabs; a question with markup
and an outside URL shows as text. Every test fails if the page made a request to a host other
than loopback. Screenshots go to test-artifacts/; with HDS_WRITE_DOCS_SCREENSHOT=1 they are
also written to docs/ (screenshot-chat.png, screenshot-desktop.png, screenshot-phone.png,
screenshot-phone-answer.png).
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from support.servers import ChatServer

from assistant.channels.feedback import SqliteFeedbackStore
from assistant.checker import audit
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
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url)
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
    assert "hds-verdict--ko" in card.get_attribute("class") and "Non éligible" in card.inner_text()  # rules.md case 2
    why = card.query_selector(".hds-verdict__why")
    assert why is not None and why.inner_text().startswith("Pourquoi :") and len(why.inner_text()) > 20
    assert "=None" not in card.inner_text() and "=True" not in card.inner_text()
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
    page.set_viewport_size({"width": 1280, "height": 900})
    _screenshot(page, "screenshot-desktop.png")
    page.set_viewport_size({"width": 1280, "height": 1500})
    page.locator("#hds-chat button[aria-label='Copier le message']").last.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert answer.locator(".hds-short").inner_text().strip() in copied, "the copy is the text the reader sees"
    assert "<div" not in copied and "class=" not in copied
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
    assert "hds-verdict--ok" in ok.get_attribute("class") and "Éligible" in ok.inner_text()  # rules.md case 1

    page.get_by_role("tab", name="Documents").click()
    rows = page.locator("#hds-documents tbody tr")
    rows.first.wait_for(timeout=30_000)
    assert rows.count() == len(documents_by_id(corpus_dir))
    page.screenshot(path=str(ARTIFACTS / "documents.png"), full_page=True)

    assert_loopback_only(requests, server)
    context.close()


def assert_loopback_only(requests: list[str], server) -> None:
    foreign = sorted({urlsplit(u).hostname for u in requests
                      if urlsplit(u).scheme in ("http", "https", "ws", "wss")} - LOOPBACK)
    assert not foreign, f"the page contacted non-loopback hosts: {foreign}"
    assert any(u.startswith(server.url) for u in requests)


def _screenshot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / name))
    if os.environ.get("HDS_WRITE_DOCS_SCREENSHOT") == "1":
        page.screenshot(path=str(REPO_ROOT / "docs" / name))


MARKUP_QUESTION = 'Que dit la règle R9 ? <img src="http://example.invalid/x.png"> <b>gras</b>'
AUDIT_TEXT = ("OVHcloud Hosted Private Cloud est conforme pour les données de santé d'un ministère. "
              "OVHcloud Hosted Private Cloud ne peut pas héberger les données de santé d'un ministère. "
              "Microsoft Azure peut héberger les données de santé d'un ministère.")
AUDIT_DATE = "2024-06-01"


def test_phone_layout_escaped_question_french_labels_and_the_audit_states(server, browser):
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2,
                                  is_mobile=True, has_touch=True, locale="fr-FR")
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    page.goto(server.url + "/")
    box = page.locator("#hds-question textarea")
    box.wait_for()
    assert box.bounding_box()["y"] + box.bounding_box()["height"] <= 844, "the question box is on the first screen"
    send = page.locator("#hds-send").bounding_box()
    assert send["y"] + send["height"] <= 844, "so is the send button"
    for name in ("Poser une question", "Vérifier une offre", "Auditer un texte", "Documents"):
        assert page.get_by_role("tab", name=name).is_visible(), f"tab {name!r} reachable without a menu"
    assert page.evaluate("document.documentElement.lang") == "fr"
    _screenshot(page, "screenshot-phone.png")  # the first screen: title, tabs, question box

    page.fill("#hds-question textarea", MARKUP_QUESTION)
    page.click("#hds-send")
    page.wait_for_selector("#hds-chat .hds-answer", timeout=120_000)
    user = page.locator("#hds-chat .hds-user").last
    assert user.inner_text() == MARKUP_QUESTION, "the question shows as the text typed"
    assert page.locator("#hds-chat img[src*='example.invalid'], #hds-chat .hds-user b").count() == 0
    page.wait_for_timeout(500)
    labels = page.eval_on_selector_all("#hds-chat [aria-label]", "els => els.map(e => e.getAttribute('aria-label'))")
    assert any(label.startswith("Réponse de l'assistant : ") for label in labels)
    assert any(label.startswith("Votre message : ") for label in labels)
    assert not [label for label in labels if "<" in label or "'s message" in label or label == "Copy message"]
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"nothing wider than the phone ({width} px)"
    inner = page.evaluate("(() => { const c = document.querySelector('#hds-chat .bubble-wrap');"
                          " return c.scrollHeight - c.clientHeight; })()")
    assert inner <= 2, "the conversation grows with the page: no scroll box inside the page"
    page.locator("#hds-chat .hds-user").last.scroll_into_view_if_needed()
    _screenshot(page, "screenshot-phone-answer.png")

    page.get_by_role("tab", name="Auditer un texte").click()
    page.fill("#hds-audit-text textarea", AUDIT_TEXT)
    page.fill("#hds-audit-date input, #hds-audit-date textarea", AUDIT_DATE)
    page.click("#hds-audit")
    page.wait_for_selector("#hds-audit-result .hds-audit", timeout=60_000)
    rows = page.locator("#hds-audit-result .hds-audit > tbody > tr")
    claims = audit(AUDIT_TEXT, dt.date.fromisoformat(AUDIT_DATE))["claims"]
    assert rows.count() == len(claims)
    states = []
    for i, claim in enumerate(claims):
        mark = rows.nth(i).locator(".hds-agree").inner_text()
        if not claim["checkable"]:
            states.append("cannot decide")
            assert "ne peut pas trancher" in mark and "contredit" not in mark
        else:
            states.append("agrees" if claim["agrees"] else "contradicts")
            assert ("concorde" if claim["agrees"] else "contredit") in mark
    assert sorted(states) == ["agrees", "cannot decide", "contradicts"], "the text covers the three states"
    table = page.locator("#hds-audit-result .hds-audit").bounding_box()
    assert table["x"] + table["width"] <= 390, "the audit table wraps instead of being cut at the right"
    _screenshot(page, "screenshot-phone-audit.png")

    page.get_by_role("tab", name="Vérifier une offre").click()
    page.click("#hds-check")
    error = page.wait_for_selector("#hds-check-result .hds-error", timeout=30_000)
    assert "Indiquez un fournisseur" in error.inner_text() and "--" not in error.inner_text()

    source = context.new_page()
    source.goto(server.url + "/source/doctrine-cloud-au-centre-2021")
    assert source.locator("meta[name=viewport]").count() == 1
    assert source.evaluate("document.documentElement.scrollWidth") <= 390
    source.close()
    assert_loopback_only(requests, server)
    assert not [u for u in requests if "example.invalid" in u]
    context.close()
