"""The web chat application: a FastAPI app holding the plain JSON routes (`web_api`) with
the Gradio interface (`web_ui`) mounted at `/`, and `serve()` to run it with uvicorn.

Nothing is fetched from the network at run time: system fonts only, analytics off, no
share link, Gradio's temporary files under the data dir. It does not build the answer
service nor the feedback store: the caller passes them in (the `chat` command, or tests).
"""
from __future__ import annotations

import os
from pathlib import Path

from assistant.channels.web_api import ServiceGate, install_error_handlers, json_routes

STATIC_DIR = Path(__file__).with_name("static")
SYSTEM_FONTS = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial",
                "Noto Sans", "Liberation Sans", "sans-serif"]
MONO_FONTS = ["ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "Liberation Mono", "monospace"]


def offline_environment(data_dir: Path) -> None:
    """Environment Gradio reads at import time: must run before the first `import gradio`."""
    os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
    os.environ.setdefault("GRADIO_TEMP_DIR", str(Path(data_dir) / "gradio-tmp"))
    os.environ.setdefault("HF_HUB_OFFLINE", "1")


def build_app(service, feedback_store, *, settings=None, preparation=None):
    """The FastAPI app: JSON routes first (they win over the Gradio mount), Gradio at `/`.

    `service` is an `AnswerService`; `settings` give the data dir (for Gradio's temp files);
    `preparation` (a started `startup.IndexPreparation`) makes requests wait for the index
    while the page says « Préparation de l'index ».
    """
    from assistant.config import settings as current_settings

    settings = settings or current_settings()
    offline_environment(settings.data_dir)
    import gradio as gr
    from fastapi import FastAPI

    from assistant.channels.web_ui import TITLE, build_blocks

    from assistant.channels.web_ui import HEAD

    gate = ServiceGate(service, preparation)
    app = FastAPI(title=TITLE, docs_url=None, redoc_url=None, openapi_url=None)
    install_error_handlers(app)
    app.include_router(json_routes(gate, feedback_store))
    blocks = build_blocks(gate, feedback_store)
    theme = gr.themes.Default(font=SYSTEM_FONTS, font_mono=MONO_FONTS, primary_hue="blue")
    return gr.mount_gradio_app(app, blocks, path="/", theme=theme, css_paths=[STATIC_DIR / "web.css"], head=HEAD,
                               footer_links=["api"], ssr_mode=False, pwa=False, mcp_server=False)


def serve(app, host: str = "127.0.0.1", port: int = 7860) -> None:
    """Run until interrupted (Ctrl-C or SIGTERM)."""
    import uvicorn

    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
