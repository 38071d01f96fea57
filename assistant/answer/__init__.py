"""The answer stage: one `AnswerService.ask()` used by the CLI, the web chat and both bots.

question.py understands the question (language, date, eligibility query); scope.py decides
abstention and names texts the corpus lacks; compose.py builds an extractive answer from
verbatim sentences; llm.py is the optional LangChain answerer; gate.py checks every
eligibility claim of a draft against the rule checker; service.py ties them together.
"""
