"""hds-assistant: answers on French health-data hosting and State cloud doctrine texts.

Stages: `ingest` (corpus -> index), `assistant.retrieval` (passages), `assistant.checker`
(deterministic eligibility rules), `assistant.answer` (cited answers, the claim gate),
`assistant.channels` (web chat, Slack, Teams). See README.md for the sketch.
"""
__version__ = "0.1.0"
