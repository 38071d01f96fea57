#!/usr/bin/env bash
# Runs the test suite (arguments go to pytest). Starts, on loopback only, the real servers the
# integration tests use (a Chroma server and a PostgreSQL cluster in temporary folders, see
# test-servers.sh), exports HDS_TEST_CHROMA_URL / HDS_TEST_PG_URL, and stops them at exit.
set -euo pipefail
cd "$(dirname "$0")/.."
export VENV=${VENV:-.venv}
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 GRADIO_ANALYTICS_ENABLED=False ANONYMIZED_TELEMETRY=False
export HDS_TEST_SERVERS_LOG=${HDS_TEST_SERVERS_LOG:-$(mktemp -d)/servers.log}
source scripts/test-servers.sh
trap stop_test_servers EXIT
start_test_servers
echo "test servers: chroma ${HDS_TEST_CHROMA_URL:-(none)}, postgresql ${HDS_TEST_PG_URL:-(none)}; log $HDS_TEST_SERVERS_LOG" >&2
"$VENV/bin/python" -m pytest "$@"
