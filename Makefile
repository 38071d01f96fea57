# The two commands of the README: `make run` (install + web chat) and `make test` (install + tests).
# Both create or reuse .venv; torch is pinned to the CPU build (see ../shared/design/stack.md).
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)
OFFLINE := HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 GRADIO_ANALYTICS_ENABLED=False ANONYMIZED_TELEMETRY=False

.PHONY: install run test system-deps bench eval

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q torch==2.13.0 -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(OFFLINE) $(VENV)/bin/hds-assistant chat

system-deps:
	bash scripts/system-deps.sh

test: $(STAMP) system-deps
	$(OFFLINE) bash scripts/run-tests.sh

bench: $(STAMP)
	$(OFFLINE) $(VENV)/bin/hds-assistant bench --quick

eval: $(STAMP)
	$(OFFLINE) $(VENV)/bin/hds-assistant eval --report eval/report
