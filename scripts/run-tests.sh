#!/usr/bin/env bash
# Runs the test suite. Starts, on loopback only, the real servers the integration tests use
# (a Chroma server and a PostgreSQL cluster in temporary folders) and stops them at exit.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 GRADIO_ANALYTICS_ENABLED=False ANONYMIZED_TELEMETRY=False
export HDS_TEST_SERVERS_LOG=${HDS_TEST_SERVERS_LOG:-$(mktemp -d)/servers.log}
source scripts/test-servers.sh
start_test_servers
trap stop_test_servers EXIT
"$VENV/bin/python" -m pytest "$@"
