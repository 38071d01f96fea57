"""The Gradio interface of the web chat (French): "Poser une question" (streamed answers,
feedback), "Vérifier une offre", "Auditer un texte" and "Documents", plus the named API
endpoints documented for `gradio_client`: `/ask`, `/check`, `/audit`, `/feedback`.

It renders with `web_render` and calls the answer service through a `ServiceGate`; it does
not build the FastAPI app nor serve anything (see `web.py`).
"""
from __future__ import annotations

import logging

import gradio as gr

from assistant.channels import web_render
from assistant.channels.feedback import Feedback, FeedbackStore
from assistant.channels.web_api import ServiceGate, parse_as_of, valid_text
from assistant.errors import HdsError, one_sentence

log = logging.getLogger("hds.web")

TITLE = "Assistant HDS et « Cloud au centre »"
EXAMPLES = [
    "Un ministère peut-il héberger des données de santé chez OVHcloud Hosted Private Cloud ?",
    "Microsoft Azure peut-il héberger les données de santé du Health Data Hub ?",
    "Que dit la règle R9 de la doctrine « Cloud au centre » ?",
    "Qu'exige l'article L.1111-8 du code de la santé publique de l'hébergeur ?",
    "Un hôpital peut-il héberger des données de santé sur Microsoft Azure ?",
]
DATA_CHOICES = [("Personnelles", "personal"), ("De santé", "health"),
                ("D'une sensibilité particulière", "sensitive"), ("Autres", "other")]
CUSTOMER_CHOICES = [(label, key) for key, label in web_render.CUSTOMERS.items()]
# Empty means "today" for the service, and lets `ask` take a date written in the question.
DATE_HINT = "AAAA-MM-JJ (vide : aujourd'hui)"
SEARCHING = '<p class="hds-progress" role="status">Recherche dans les textes et vérification des règles…</p>'
EMPTY_QUESTION = ('<div class="hds-answer"><p class="hds-short">Écrivez d\'abord votre question, par exemple :</p><ul>'
                  + "".join(f"<li>{web_render.esc(e)}</li>" for e in EXAMPLES[:3]) + "</ul></div>")
# French page language, French plain-text accessible names for what Gradio labels in English
# ("user's message: <raw HTML>", "Copy message", "More tabs"), and a copy button that copies
# the message's text rather than its HTML. Runs in the page only.
HEAD = """<script>
(function () {
  var LABELS = {"Copy message": "Copier le message", "Copied message": "Message copié",
                "More tabs": "Autres onglets", "Clear": "Effacer"};
  function fix() {
    if (document.documentElement.lang !== "fr") document.documentElement.lang = "fr";
    document.querySelectorAll("[aria-label]").forEach(function (el) {
      var label = el.getAttribute("aria-label");
      if (LABELS[label]) { el.setAttribute("aria-label", LABELS[label]); if (el.title === label) el.title = LABELS[label]; return; }
      var m = /^(user|bot|assistant)'s message: /.exec(label);
      if (m) {
        var text = (el.innerText || el.textContent || "").replace(/\\s+/g, " ").trim();
        if (text.length > 300) text = text.slice(0, 299) + "…";
        el.setAttribute("aria-label", (m[1] === "user" ? "Votre message : " : "Réponse de l'assistant : ") + text);
      }
    });
  }
  new MutationObserver(fix).observe(document, {subtree: true, childList: true, characterData: true,
                                               attributes: true, attributeFilter: ["aria-label", "lang"]});
  // "Copier le message" copies the text the reader sees, not the message's HTML source.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("#hds-chat .message-buttons button");
    if (!button || !/^Cop/.test(button.getAttribute("aria-label") || "") || !navigator.clipboard) return;
    var row = button.closest(".message-buttons").previousElementSibling;
    while (row && !row.classList.contains("message-row")) row = row.previousElementSibling;
    var message = row && row.querySelector(".message");
    if (!message) return;
    event.preventDefault(); event.stopImmediatePropagation();
    navigator.clipboard.writeText(message.innerText.trim());
  }, true);
})();
</script>"""


def _failure(exc: BaseException) -> str:
    """A short French message for the interface; one log line for a user error, the traceback
    only for our own faults."""
    if isinstance(exc, HdsError):
        log.warning("web: %s", one_sentence(exc))
        return one_sentence(exc)
    log.exception("web handler failed")
    return f"Erreur inattendue ({exc.__class__.__name__}) ; le détail est dans le journal du serveur."


def _preparing(status: str) -> str:
    return f'<p class="hds-progress hds-preparing" role="status">{web_render.esc(status)}</p>' if status else ""


def _error_html(message: str) -> str:
    return f'<div class="hds-error" role="alert">{web_render.esc(message)}</div>'


def user_bubble(question: str) -> str:
    """The user's own words as text, never as markup: escaped inside an HTML block, so the
    chat's Markdown renderer makes neither an element nor an image link of them."""
    return f'<div class="hds-user">{web_render.esc(question)}</div>'


def check_form_problem(provider: str, offer: str, data) -> str:
    """The French message for an incomplete "Vérifier une offre" form, or ""."""
    if not (provider or "").strip() and not (offer or "").strip():
        return "Indiquez un fournisseur (ou une offre) à vérifier, par exemple OVHcloud."
    if not data:
        return "Cochez au moins un type de données hébergées."
    if not valid_text((provider or "") + (offer or "")):
        return "Le fournisseur ou l'offre contient un caractère invalide."
    return ""


def build_blocks(gate: ServiceGate, store: FeedbackStore) -> gr.Blocks:

    def ask_json(question: str, as_of: str = "") -> dict:
        """Answer a question on the corpus; returns the contract's `ask` object (with citations, verdict)."""
        if not isinstance(question, str) or not question.strip():
            raise gr.Error("La question est vide : écrivez-la en texte, par exemple « Que dit la règle R9 ? ».")
        if not valid_text(question):
            raise gr.Error("La question contient un caractère invalide.")
        try:
            return gate.call("ask", question.strip(), as_of=parse_as_of(as_of)).to_json()
        except Exception as exc:
            raise gr.Error(_failure(exc)) from None

    def check_json(provider: str = "", offer: str = "", data: list[str] | None = None,
                   customer: str = "", as_of: str = "", derogation: bool = False) -> dict:
        """Run the rule checker; returns the contract's `check` object (verdict and rules trace)."""
        if not (provider or "").strip() and not (offer or "").strip():
            raise gr.Error(check_form_problem(provider, offer, data or ["health"]))
        try:
            verdict = gate.call("check", provider=(provider or "").strip() or None,
                                offer=(offer or "").strip() or None, data=list(data or []),
                                customer=customer or None, as_of=parse_as_of(as_of), derogation=bool(derogation))
            return verdict.to_json()
        except Exception as exc:
            raise gr.Error(_failure(exc)) from None

    def audit_json(text: str, as_of: str = "") -> dict:
        """Find and check every hosting-eligibility claim of a text; returns the contract's `audit` object."""
        if not (text or "").strip():
            raise gr.Error("Le texte à auditer est vide.")
        try:
            return gate.call("audit", text, as_of=parse_as_of(as_of))
        except Exception as exc:
            raise gr.Error(_failure(exc)) from None

    def feedback_json(question: str, answer: dict, rating: int | None = None, comment: str = "") -> dict:
        """Store a rating (1 useful, -1 not useful) and/or a comment on an answer (the `ask` object)."""
        try:
            fid = store.add(Feedback(question=question, answer=answer or {}, rating=rating,
                                     comment=comment, channel="web"))
        except Exception as exc:
            raise gr.Error(_failure(exc)) from None
        return {"id": fid}

    def respond(question, as_of, history, answers):
        """Stream one chat turn: a progress line first, then the rendered answer."""
        history = list(history or [])
        answers = dict(answers or {})
        question = (question or "").strip()
        if not question:
            history += [{"role": "assistant", "content": EMPTY_QUESTION}]
            yield history, answers, ""
            return
        if not valid_text(question):
            question = question.encode("utf-8", "replace").decode("utf-8")
        history += [{"role": "user", "content": user_bubble(question)},
                    {"role": "assistant", "content": _preparing(gate.status_fr()) or SEARCHING}]
        yield history, answers, ""
        try:
            ask = gate.call("ask", question, as_of=parse_as_of(as_of)).to_json()
        except Exception as exc:
            history[-1] = {"role": "assistant", "content": _error_html(_failure(exc))}
            yield history, answers, question  # give the question back: nothing typed is lost
            return
        history[-1] = {"role": "assistant", "content": web_render.answer_html(ask)}
        answers[len(history) - 1] = ask
        yield history, answers, ""

    def on_like(answers, data: gr.LikeData):
        ask = (answers or {}).get(data.index if isinstance(data.index, int) else data.index[0])
        if ask is None or data.liked not in (True, False):
            return gr.skip()
        try:
            fid = store.add(Feedback(question=ask["question"], answer=ask, rating=1 if data.liked else -1))
        except Exception as exc:
            return _failure(exc)
        return f"Merci : avis n° {fid} enregistré."

    def on_feedback(answers, rating, comment):
        if not answers:
            return "Posez d'abord une question : l'avis porte sur la dernière réponse.", comment
        ask = answers[max(answers)]
        try:
            fid = store.add(Feedback(question=ask["question"], answer=ask, rating=rating, comment=comment))
        except Exception as exc:
            return _failure(exc), comment  # the comment stays in the box
        return f"Merci : avis n° {fid} enregistré.", ""

    def on_check(provider, offer, data, customer, as_of, derogation):
        problem = check_form_problem(provider, offer, data)
        if problem:
            return _error_html(problem)
        try:
            verdict = gate.call("check", provider=(provider or "").strip() or None,
                                offer=(offer or "").strip() or None, data=list(data or []),
                                customer=customer or None, as_of=parse_as_of(as_of), derogation=bool(derogation))
        except Exception as exc:
            return _error_html(_failure(exc))
        from assistant.checker import render_verdict

        return web_render.check_html(verdict.to_json(), plain_text=render_verdict(verdict, "fr"))

    def on_audit(text, as_of):
        if not (text or "").strip():
            return _error_html("Collez d'abord un texte à auditer.")
        try:
            return web_render.audit_html(gate.call("audit", text, as_of=parse_as_of(as_of)))
        except Exception as exc:
            return _error_html(_failure(exc))

    def on_status():
        status = gate.status_fr()
        return _preparing(status), gr.Timer(active=bool(status))

    def on_documents():
        if gate.status_fr():
            return "<p>Les documents s'afficheront une fois l'index prêt.</p>"
        try:
            return web_render.documents_html(gate.call("documents"))
        except Exception as exc:
            return _error_html(_failure(exc))

    with gr.Blocks(title=TITLE, analytics_enabled=False) as blocks:
        gr.HTML(f'<header class="hds-header"><h1>{web_render.esc(TITLE)}</h1>'
                f'<p>Hébergement des données de santé (HDS), doctrine « Cloud au centre », SecNumCloud, RGPD. '
                f'Chaque réponse cite ses sources et passe par un vérificateur de règles. '
                f'<strong>{web_render.esc(web_render.DISCLAIMER)}</strong></p></header>')
        status_out = gr.HTML(_preparing(gate.status_fr()), elem_id="hds-status")
        timer = gr.Timer(1.0, active=bool(gate.status_fr()))
        with gr.Tabs(overflow_behavior="wrap"):  # every tab reachable on a phone, no "…" menu
            with gr.Tab("Poser une question", id="chat"):
                answers = gr.State({})
                chatbot = gr.Chatbot(label="Conversation", show_label=False, height="auto", min_height=160, max_height=620,
                                     elem_id="hds-chat",
                                     feedback_options=("Like", "Dislike"), buttons=["copy"],
                                     placeholder="Posez une question sur l'hébergement des données de santé "
                                                 "ou la doctrine « Cloud au centre ».")
                with gr.Row():
                    # No max_length: a longer question is cut by the service, which says so.
                    question = gr.Textbox(label="Votre question", lines=2, max_lines=6, scale=5, min_width=300,
                                          elem_id="hds-question",
                                          placeholder="Ex. : Un ministère peut-il héberger des données de santé chez OVHcloud ?")
                    as_of = gr.Textbox(label="À la date du", placeholder=DATE_HINT,
                                       scale=1, elem_id="hds-as-of", max_lines=1)
                send = gr.Button("Envoyer", variant="primary", elem_id="hds-send")
                gr.Examples(EXAMPLES, inputs=[question], label="Exemples de questions")
                with gr.Group(elem_id="hds-feedback"):
                    gr.Markdown("**Votre avis sur la dernière réponse**")
                    with gr.Row():
                        up = gr.Button("Réponse utile", elem_id="hds-up", size="sm")
                        down = gr.Button("Réponse pas utile", elem_id="hds-down", size="sm")
                    comment = gr.Textbox(label="Commentaire (facultatif)", lines=2, elem_id="hds-comment",
                                         max_length=4000)
                    send_comment = gr.Button("Envoyer le commentaire", size="sm", elem_id="hds-send-comment")
                    feedback_status = gr.Markdown(elem_id="hds-feedback-status")
                turn = dict(fn=respond, inputs=[question, as_of, chatbot, answers],
                            outputs=[chatbot, answers, question], api_visibility="private")
                send.click(**turn)
                question.submit(**turn)
                chatbot.like(on_like, inputs=[answers], outputs=[feedback_status], api_visibility="private")
                for button, rating in ((up, 1), (down, -1)):
                    button.click(lambda a, c, r=rating: on_feedback(a, r, c), inputs=[answers, comment],
                                 outputs=[feedback_status, comment], api_visibility="private")
                send_comment.click(lambda a, c: on_feedback(a, None, c), inputs=[answers, comment],
                                   outputs=[feedback_status, comment], api_visibility="private")

            with gr.Tab("Vérifier une offre", id="check"):
                with gr.Row():
                    provider = gr.Textbox(label="Fournisseur", placeholder="OVHcloud, Microsoft, Outscale…",
                                          elem_id="hds-provider")
                    offer = gr.Textbox(label="Offre (facultatif)", placeholder="Hosted Private Cloud, Azure…",
                                       elem_id="hds-offer")
                data = gr.CheckboxGroup(DATA_CHOICES, label="Données hébergées", value=["health"], elem_id="hds-data")
                with gr.Row():
                    customer = gr.Dropdown(CUSTOMER_CHOICES, label="Type de client", value="state", elem_id="hds-customer")
                    check_date = gr.Textbox(label="À la date du", placeholder=DATE_HINT,
                                            max_lines=1, elem_id="hds-check-date")
                derogation = gr.Checkbox(label="Dérogation ministérielle transitoire (R9, 4e alinéa)", value=False)
                check_button = gr.Button("Vérifier", variant="primary", elem_id="hds-check")
                check_out = gr.HTML(elem_id="hds-check-result")
                check_button.click(on_check, inputs=[provider, offer, data, customer, check_date, derogation],
                                   outputs=[check_out], api_visibility="private")

            with gr.Tab("Auditer un texte", id="audit"):
                audit_text = gr.Textbox(label="Texte à auditer (note, brochure, projet de réponse)", lines=8,
                                        max_length=20000, elem_id="hds-audit-text")
                audit_date = gr.Textbox(label="À la date du", placeholder=DATE_HINT,
                                        max_lines=1, elem_id="hds-audit-date")
                audit_button = gr.Button("Auditer", variant="primary", elem_id="hds-audit")
                audit_out = gr.HTML(elem_id="hds-audit-result")
                audit_button.click(on_audit, inputs=[audit_text, audit_date], outputs=[audit_out],
                                   api_visibility="private")

            with gr.Tab("Documents", id="documents"):
                gr.Markdown("Les textes du corpus : chaque citation renvoie au passage exact de l'un d'eux.")
                documents_out = gr.HTML(elem_id="hds-documents")
        blocks.load(on_documents, outputs=[documents_out], api_visibility="private")
        blocks.load(on_status, outputs=[status_out, timer], api_visibility="private")
        timer.tick(on_status, outputs=[status_out, timer], api_visibility="private")
        timer.tick(lambda: gr.skip() if gate.status_fr() else on_documents(), outputs=[documents_out],
                   api_visibility="private")

        gr.api(ask_json, api_name="ask")
        gr.api(check_json, api_name="check")
        gr.api(audit_json, api_name="audit")
        gr.api(feedback_json, api_name="feedback")
    return blocks
