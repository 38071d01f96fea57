"""Plain HTTP routes of the web chat, beside the Gradio app: `POST /api/ask` (the contract's
`ask` object as JSON), `GET /healthz`, `GET /source/{doc_id}` (a document with the cited
passage highlighted) and `GET /api/feedback/export`.

Bad requests get a 4xx status and a one-sentence JSON `{"error": ...}`; never a traceback.
It does not answer questions itself: it calls the answer service through `ServiceGate`.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import threading
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, Response

from assistant import __version__
from assistant.channels import web_render
from assistant.channels.bodies import read_capped
from assistant.channels.feedback import EXPORTERS, FeedbackStore
from assistant.errors import BackendUnavailable, HdsError, InputDataError, UsageError, one_sentence

log = logging.getLogger("hds.web")
MAX_BODY = 64 * 1024
CSS_PATH = Path(__file__).with_name("static") / "web.css"


class ServiceGate:
    """Serialises calls to the answer service: its index is built lazily on first use and
    its models are not documented as thread-safe, while Gradio and FastAPI call from threads.
    With a `preparation` (`startup.IndexPreparation`), calls wait until the index is ready."""

    def __init__(self, service, preparation=None, wait_s: float = 900.0):
        self.service = service
        self.preparation = preparation
        self.wait_s = wait_s
        self._lock = threading.Lock()

    def call(self, method: str, *args, **kwargs):
        if self.preparation is not None:
            self.preparation.wait(self.wait_s)
        with self._lock:
            return getattr(self.service, method)(*args, **kwargs)

    def status_fr(self) -> str:
        """"" when ready, else what the page says about the index being prepared."""
        return self.preparation.status_fr() if self.preparation is not None else ""


def parse_as_of(value) -> dt.date | None:
    """`None`/"" -> None (the service's today); raise `UsageError` in French otherwise."""
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise UsageError(f"La date doit être au format AAAA-MM-JJ (par exemple 2021-09-28), pas {str(value)[:40]!r}.") from None


def error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def valid_text(value: str) -> bool:
    """False for a text holding a lone surrogate (valid JSON, not encodable as UTF-8)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def status_of(exc: BaseException) -> int:
    if isinstance(exc, (UsageError, InputDataError)):
        return 400
    if isinstance(exc, BackendUnavailable):
        return 503
    return 500


async def read_limited(request: Request, limit: int) -> bytes | None:
    """The body, or None when it exceeds `limit` bytes (`bodies.read_capped`, the one reader)."""
    return await read_capped(request.headers.get("content-length"), request.stream(), limit)


def install_error_handlers(app) -> None:
    """Errors FastAPI raises itself (unknown path or method, a query parameter of the wrong
    type) answered in the one error format, `{"error": ...}`, with a 4xx status."""
    from fastapi.exceptions import RequestValidationError
    from starlette.exceptions import HTTPException

    async def http_error(_request, exc: HTTPException):
        return JSONResponse({"error": str(exc.detail)}, status_code=exc.status_code, headers=exc.headers)

    async def validation_error(request, exc: RequestValidationError):
        wrong = ", ".join(str(e.get("loc", ["?"])[-1]) for e in exc.errors()[:3])
        log.warning("%s %s: 400 wrong parameter %s", request.method, request.url.path, wrong)
        return JSONResponse({"error": f"Wrong type or value for: {wrong}."}, status_code=400)

    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)


def json_routes(gate: ServiceGate, store: FeedbackStore) -> APIRouter:
    router = APIRouter()

    @router.get("/healthz")
    def healthz():
        index = "ready" if not gate.status_fr() else ("failed" if gate.preparation.error else "preparing")
        return {"status": "ok", "version": __version__, "feedback_store": type(store).__name__, "index": index}

    @router.api_route("/api/ask", methods=["GET", "PUT", "PATCH", "DELETE"])
    async def api_ask_wrong_method():
        return JSONResponse({"error": 'Use POST /api/ask with a JSON body such as {"question": "..."}.'},
                            status_code=405, headers={"Allow": "POST"})

    @router.post("/api/ask")
    async def api_ask(request: Request):
        body = await read_limited(request, MAX_BODY)
        if body is None:
            return error(413, f"The request body is larger than {MAX_BODY // 1024} KiB.")
        try:
            payload = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):  # RecursionError: [[[[…]]]]
            return error(400, 'The body must be a JSON object such as {"question": "..."}.')
        if not isinstance(payload, dict):
            return error(400, 'The body must be a JSON object such as {"question": "..."}.')
        question = payload.get("question")
        if not isinstance(question, str) or not question.strip():
            return error(400, "The field 'question' must be a non-empty string.")
        if not valid_text(question):
            return error(400, "The field 'question' holds an invalid character (a lone UTF-16 surrogate).")
        # Longer than MAX_QUESTION_CHARS: the service cuts it and says so in `notices`.
        as_of = payload.get("as_of")
        if as_of not in (None, "") and not isinstance(as_of, str):
            return error(400, "The field 'as_of' must be a date string YYYY-MM-DD.")
        try:
            date = dt.date.fromisoformat(as_of) if as_of else None
        except ValueError:
            return error(400, f"The field 'as_of' must be a date YYYY-MM-DD, not {as_of[:40]!r}.")
        try:
            answer = await run_in_threadpool(gate.call, "ask", question.strip(), as_of=date)
        except Exception as exc:  # one sentence to the client; a traceback only for our own faults
            status = status_of(exc)
            if status == 500:
                log.exception("POST /api/ask failed")
            else:
                log.warning("POST /api/ask: %s %s", status, one_sentence(exc))
            return error(status, one_sentence(exc) if isinstance(exc, HdsError)
                         else f"Internal error ({exc.__class__.__name__}).")
        return JSONResponse(answer.to_json())

    @router.get("/source/{doc_id}")
    async def source(doc_id: str, start: int | None = None, end: int | None = None, q: str | None = None):
        try:
            doc = await run_in_threadpool(gate.call, "document", doc_id)
        except Exception as exc:
            log.warning("GET /source/%s: %s", doc_id[:80], one_sentence(exc))
            return HTMLResponse(_message_page(f"Document inconnu : {doc_id}."), status_code=404)
        if doc is None:
            return HTMLResponse(_message_page(f"Document inconnu : {doc_id}."), status_code=404)
        if (start is None) != (end is None):
            return HTMLResponse(_message_page("Donnez à la fois start et end."), status_code=400)
        if start is not None and not 0 <= start <= end <= len(doc.text):
            return HTMLResponse(_message_page(f"Passage hors du texte (0 à {len(doc.text)})."), status_code=400)
        if start is None and q:
            found = doc.text.find(q)
            if found >= 0:
                start, end = found, found + len(q)
        css = CSS_PATH.read_text(encoding="utf-8") if CSS_PATH.exists() else ""
        return HTMLResponse(web_render.source_page(doc, start, end, css=css))

    @router.get("/answer")
    async def answer_page(q: str = "", as_of: str | None = None):
        """The full answer as a page of its own: where a bot's "voir la réponse complète" leads."""
        if not q.strip() or not valid_text(q):
            return HTMLResponse(_message_page("Donnez la question dans le paramètre q."), status_code=400)
        try:
            date = parse_as_of(as_of)
            answer = await run_in_threadpool(gate.call, "ask", q.strip(), as_of=date)
        except Exception as exc:
            status = status_of(exc)
            (log.exception if status == 500 else log.warning)("GET /answer: %s %s", status, one_sentence(exc))
            return HTMLResponse(_message_page(one_sentence(exc) if isinstance(exc, HdsError)
                                              else "Erreur inattendue : le détail est dans le journal du serveur."),
                                status_code=status)
        css = CSS_PATH.read_text(encoding="utf-8") if CSS_PATH.exists() else ""
        ask = answer.to_json()
        return HTMLResponse(web_render.answer_page(ask, css=css))

    @router.get("/api/feedback/export")
    async def feedback_export(format: str = "json"):
        if format not in EXPORTERS:
            return error(400, "The format must be csv or json.")
        try:
            records = await run_in_threadpool(store.all)
        except HdsError as exc:
            return error(status_of(exc), one_sentence(exc))
        media = "text/csv; charset=utf-8" if format == "csv" else "application/json"
        return Response(EXPORTERS[format](records), media_type=media,
                        headers={"Content-Disposition": f'attachment; filename="feedback.{format}"'})

    @router.api_route("/api/{rest:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
    async def api_unknown(rest: str):
        return error(404, f"No such API route: /api/{rest[:80]}. The routes are POST /api/ask and "
                          "GET /api/feedback/export.")

    return router


def _message_page(text: str) -> str:
    return (f'<!doctype html>\n<html lang="fr"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>hds-assistant</title></head>'
            f"<body><p>{web_render.esc(text)}</p></body></html>\n")
