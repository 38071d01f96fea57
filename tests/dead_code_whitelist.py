# Names vulture cannot see being used: each is called by a framework, not by our code.
# Read by tests/test_dead_code.py (vulture treats every name here as used). One line per name,
# each saying who calls it; anything else vulture finds is dead code to remove.
drop_redeliveries  # slack_bolt: registered by @app.middleware (assistant/channels/slack.py), called on every event
on_mention  # slack_bolt: @app.event("app_mention") handler
on_message  # slack_bolt: @app.event("message") handler
on_command  # slack_bolt: @app.command("/hds") handler
on_message_activity  # botbuilder ActivityHandler: called by the Bot Framework for each message activity (teams.py)
on_turn_error  # botbuilder BotFrameworkAdapter: attribute the adapter calls on an unhandled error (teams.py)
healthz  # FastAPI: @router.get("/healthz") route (web_api.py)
api_ask_wrong_method  # FastAPI: @router.api_route("/api/ask", methods=[GET, PUT, PATCH, DELETE]) route
api_ask  # FastAPI: @router.post("/api/ask") route
feedback_export  # FastAPI: the feedback export route (web_api.py)
api_unknown  # FastAPI: the catch-all /api/* route (web_api.py)
__getattr__  # Python (PEP 562): module attribute access on assistant.checker loads render/claims/audit lazily
embed_documents  # LangChain Embeddings interface: called by Chroma's LangChain wrapper (ingest/embedders.py)
embed_query  # LangChain Embeddings interface: called by Chroma's LangChain wrapper (ingest/embedders.py)
scaffolding_in  # tests/test_corpus_scaffolding.py: the corpus-cleanliness check over every chunk
scaffolding_in_label  # tests/test_corpus_scaffolding.py: the same check over section labels
copy_generation  # tests/support/indexes.py: copies a built index generation between test data dirs
split_of  # tests/test_eval_set.py, tests/test_retrieval.py: every question's recorded split is checked against the rule (eval/split.py)
