"""The web chat's HTTP surface against a real server process and the real answer service:
`POST /api/ask`, `/healthz`, `/source/{doc_id}`, the feedback export, and a `gradio_client`
round trip through the named endpoints `/ask`, `/check`, `/audit`, `/feedback`.
"""
from __future__ import annotations

import html

import httpx
import pytest
from support.servers import ChatServer

from ingest.documents import documents_by_id


@pytest.fixture(scope="module")
def server(data_dir_ingested, corpus_dir, tmp_path_factory):
    base = tmp_path_factory.mktemp("web-api")
    srv = ChatServer(data_dir_ingested, corpus_dir, base / "feedback.sqlite3", base / "server.log").start()
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def documents(corpus_dir):
    return documents_by_id(corpus_dir)


@pytest.fixture(scope="module")
def client(server):
    from gradio_client import Client

    return Client(server.url, verbose=False, analytics_enabled=False, download_files=False)


def assert_ask_object(answer: dict, documents) -> None:
    for key in ("question", "as_of", "answer", "abstained", "citations", "claims", "verdict", "timings_ms",
                "short_answer", "language", "notices"):
        assert key in answer, key
    for c in answer["citations"]:
        assert documents[c["doc_id"]].text[c["start"]:c["end"]] == c["quote"]


def test_healthz(server):
    r = httpx.get(server.url + "/healthz")
    assert r.status_code == 200 and r.json()["status"] == "ok"


def test_post_api_ask_returns_the_contract_ask_object(server, documents):
    r = httpx.post(server.url + "/api/ask", timeout=120, json={
        "question": "Un ministère peut-il héberger des données de santé chez OVHcloud Hosted Private Cloud ?",
        "as_of": "2021-09-28"})
    assert r.status_code == 200, r.text
    answer = r.json()
    assert_ask_object(answer, documents)
    assert answer["as_of"] == "2021-09-28" and not answer["abstained"]
    assert answer["citations"], "an eligibility answer cites its basis"
    assert answer["verdict"]["verdict"] == "eligible"  # rules.md case 1


@pytest.mark.parametrize("body, status, message", [
    (b"{not json", 400, "must be a JSON object"),
    (b'["a list"]', 400, "must be a JSON object"),
    (b'{"question": "   "}', 400, "'question' must be a non-empty string"),
    (b'{"question": 12}', 400, "'question' must be a non-empty string"),
    (b'{"question": "R9 ?", "as_of": "28/09/2021"}', 400, "'as_of' must be a date"),
    (b'{"question": "' + b"a" * 70_000 + b'"}', 413, "larger than 64 KiB"),
    (b"\xff\xfe", 400, "must be a JSON object"),
    (b'{"question": "\\ud800 R9 ?"}', 400, "invalid character"),
    (b'{"question": "R9 ?", "as_of": 20210928}', 400, "'as_of' must be a date"),
    (b'{"question": ["R9 ?"]}', 400, "'question' must be a non-empty string"),
    (b'null', 400, "must be a JSON object"),
    (b"[" * 20_000 + b"]" * 20_000, 400, "must be a JSON object"),  # nested past Python's recursion limit
])
def test_post_api_ask_rejects_bad_requests_with_one_sentence(server, body, status, message):
    r = httpx.post(server.url + "/api/ask", content=body, headers={"content-type": "application/json"}, timeout=30)
    assert r.status_code == status
    assert message in r.json()["error"]
    assert "Traceback" not in r.text


def test_wrong_methods_and_parameters_get_the_same_error_format(server):
    r = httpx.get(server.url + "/api/ask")
    assert r.status_code == 405 and "POST /api/ask" in r.json()["error"]
    r = httpx.get(server.url + "/source/csp-l1111-8", params={"start": "abc", "end": 3})
    assert r.status_code == 400 and "start" in r.json()["error"]
    r = httpx.get(server.url + "/api/nothing-here")
    assert r.status_code == 404 and r.json()["error"]
    assert "Traceback" not in server.log_path.read_text()


def test_a_long_question_is_cut_at_the_one_limit_and_the_answer_says_so(server):
    from assistant.answer.service import MAX_QUESTION_CHARS

    question = "Que dit la règle R9 ? " + "x" * (MAX_QUESTION_CHARS + 500)
    r = httpx.post(server.url + "/api/ask", json={"question": question}, timeout=120)
    assert r.status_code == 200
    assert len(r.json()["question"]) <= MAX_QUESTION_CHARS
    assert any(f"{MAX_QUESTION_CHARS} caractères" in n["text"] for n in r.json()["notices"])


def test_the_full_answer_page_is_where_bots_link(server):
    r = httpx.get(server.url + "/answer", params={"q": "Que dit la règle R9 ?", "as_of": "2021-09-28"}, timeout=120)
    assert r.status_code == 200 and '<html lang="fr">' in r.text and 'name="viewport"' in r.text
    assert "<h1>Que dit la règle R9 ?</h1>" in r.text and 'class="hds-sources"' in r.text
    assert httpx.get(server.url + "/answer").status_code == 400
    assert httpx.get(server.url + "/answer", params={"q": "R9", "as_of": "hier"}).status_code == 400


def test_source_page_highlights_the_cited_passage(server, documents):
    doc = documents["doctrine-cloud-au-centre-2021"]
    start = doc.text.index("R9")
    end = start + 150
    r = httpx.get(f"{server.url}/source/{doc.doc_id}", params={"start": start, "end": end})
    assert r.status_code == 200
    assert f'<mark id="passage">{html.escape(doc.text[start:end])}</mark>' in r.text
    assert html.escape(doc.title) in r.text and doc.date in r.text
    assert httpx.get(f"{server.url}/source/no-such-doc").status_code == 404
    assert httpx.get(f"{server.url}/source/{doc.doc_id}", params={"start": 5, "end": 10**7}).status_code == 400
    quoted = httpx.get(f"{server.url}/source/{doc.doc_id}", params={"q": doc.text[start:end]})
    assert f'<mark id="passage">{html.escape(doc.text[start:end])}</mark>' in quoted.text


def test_gradio_api_lists_the_named_endpoints(client):
    names = set(client.view_api(print_info=False, return_format="dict")["named_endpoints"])
    assert {"/ask", "/check", "/audit", "/feedback"} <= names


def test_gradio_client_round_trip(client, server, documents):
    answer = client.predict("Microsoft Azure peut-il héberger les données de santé du Health Data Hub ?",
                            "2021-09-28", api_name="/ask")
    assert_ask_object(answer, documents)
    assert answer["verdict"]["verdict"] == "not_eligible"  # rules.md case 2

    check = client.predict("OVHcloud", "Hosted Private Cloud", ["health"], "state", "2021-09-28", False,
                           api_name="/check")
    assert check["verdict"] == "eligible" and check["rules"]
    assert all(r["status"] in ("satisfied", "violated", "unknown", "not_applicable") for r in check["rules"])

    audit = client.predict("Microsoft Azure peut héberger les données de santé des patients pour un ministère.",
                           "2021-09-28", api_name="/audit")
    assert audit["claims"] and audit["claims"][0]["agrees"] is False

    stored = client.predict(answer["question"], answer, 1, "Clair.", api_name="/feedback")
    exported = httpx.get(server.url + "/api/feedback/export", params={"format": "json"}).json()
    mine = [r for r in exported if r["id"] == stored["id"]]
    assert mine and mine[0]["rating"] == 1 and mine[0]["verdict"]["verdict"] == "not_eligible"

    csv_export = httpx.get(server.url + "/api/feedback/export", params={"format": "csv"})
    assert csv_export.headers["content-type"].startswith("text/csv") and "Clair." in csv_export.text
    assert httpx.get(server.url + "/api/feedback/export", params={"format": "xml"}).status_code == 400


def test_gradio_api_errors_are_messages_not_tracebacks(client):
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match="AAAA-MM-JJ"):
        client.predict("R9 ?", "hier", api_name="/ask")
    with pytest.raises(AppError, match="rating or a comment"):
        client.predict("q", {"question": "q"}, None, "", api_name="/feedback")
